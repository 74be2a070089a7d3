"""The rules of issue 10 beyond the form: the mandatory parts, who signs, what the
emulation law requires, deadlines within the period — each fires alone on the clean plan
broken for it and not on the clean plan — and every rule's status for a document."""

from __future__ import annotations

import pytest

from pipeline import extract_text
from pipeline.flags import ALL_CHECKS
from pipeline.rules import default_rules

from .test_flags import CLEAN

RULES = {
    "form-part-missing",
    "signer-issuer-mismatch",
    "award-form-obsolete",
    "campaign-plan-part-missing",
    "cited-document-replaced",
    "deadline-outside-period",
}
BASIS = "Căn cứ Kế hoạch số 12/KH-UBND ngày 20/02/2024 của Ủy ban nhân dân tỉnh."
AWARD = "1. Giấy khen của Giám đốc Sở."

# (old, new, the rule that fires or None, the evidence's text or the message's part)
BROKEN = [
    # form-part-missing: one flag per part, the message names it
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n", "", "form-part-missing", "Quốc hiệu"),
    ("Độc lập - Tự do - Hạnh phúc\n", "", "form-part-missing", "Tiêu ngữ"),
    ("Đà Lạt, ngày 10 tháng 3 năm 2024", "", "form-part-missing", "địa danh và thời gian ban hành"),
    ("Đà Lạt, ngày", "ngày", "form-part-missing", "địa danh"),
    ("KẾ HOẠCH\nPhát động phong trào thi đua năm 2024\n", "", "form-part-missing", "tên loại và trích yếu"),
    ("Độc lập - Tự do - Hạnh phúc", "Độc lập – Tự do – Hạnh phúc", None, None),  # en dashes are fine
    # signer-issuer-mismatch: a Sở signs GIÁM ĐỐC, a committee TM. … / CHỦ TỊCH
    ("GIÁM ĐỐC\n\nNguyễn", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn", "signer-issuer-mismatch", "KT. CHỦ TỊCH"),
    ("GIÁM ĐỐC\n\nNguyễn", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn", "signer-issuer-mismatch", "TM."),
    ("GIÁM ĐỐC\n\nNguyễn", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nNguyễn", None, None),
    ("GIÁM ĐỐC\n\nNguyễn", "TL. GIÁM ĐỐC\nCHÁNH VĂN PHÒNG\n\nNguyễn", None, None),
    ("GIÁM ĐỐC\n\nNguyễn", "PHÓ GIÁM ĐỐC\n\nNguyễn", None, None),
    # award-form-obsolete: Huy hiệu after 1 January 2024
    (AWARD, AWARD + "\n\n3. Tặng Huy hiệu cho cá nhân xuất sắc.", "award-form-obsolete", "Huy hiệu"),
    (AWARD, AWARD + "\n\n3. Phát huy hiệu quả phong trào.", None, None),
    (AWARD, AWARD + "\n\n3. Đề nghị tặng Huy hiệu 30 năm tuổi Đảng.", None, None),
    # cited-document-replaced: the law of 2003 cited in 2024
    (BASIS, BASIS + "\n\nCăn cứ Luật Thi đua, Khen thưởng năm 2003;", "cited-document-replaced", "năm 2003"),
    (
        BASIS,
        BASIS + "\n\nCăn cứ Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ;",
        "cited-document-replaced",
        "91/2017/NĐ-CP",
    ),
    (BASIS, BASIS + "\n\nCăn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022;", None, None),
    # campaign-plan-part-missing: Art. 17's six parts
    ("2. Các phòng báo cáo kết quả trước ngày 05/12/2024.", "", "campaign-plan-part-missing", "sơ kết"),
    ("1. Tạo khí thế thi đua.", "1. Tạo khí thế.", None, None),  # the aims heading is still there
    ("I. MỤC ĐÍCH\n\n1. Tạo khí thế thi đua.\n\n", "", "campaign-plan-part-missing", "mục đích"),
    # deadline-outside-period: reports fall due in the months after, not a year after
    ("trước ngày 05/12/2024", "trước ngày 05/12/2025", "deadline-outside-period", "05/12/2025"),
    ("trước ngày 05/12/2024", "trước ngày 15/01/2025", None, None),
    ("trước ngày 05/12/2024", "trước ngày 12/3/2024", "deadline-outside-period", "12/03/2024"),
    ("trước ngày 05/12/2024", "trước ngày 01/3/2024", None, None),  # before the issue: another rule
    (  # registering before the campaign starts prepares it
        "trước ngày 05/12/2024.",
        "trước ngày 05/12/2024.\n\n3. Các phòng đăng ký thi đua trước ngày 12/3/2024.",
        None,
        None,
    ),
]


def fired(text: str) -> list:
    return [f for f in extract_text(text).flags if f.rule in RULES]


def test_the_clean_plan_breaks_none() -> None:
    assert fired(CLEAN) == []


@pytest.mark.parametrize(("old", "new", "rule", "shows"), BROKEN)
def test_a_rule_fires_alone_on_what_breaks_it(
    old: str, new: str, rule: str | None, shows: str | None
) -> None:
    assert old in CLEAN
    r = extract_text(CLEAN.replace(old, new))
    got = [f for f in r.flags if f.rule in RULES]
    assert [f.rule for f in got] == ([rule] if rule else [])
    if rule:
        f = got[0]
        assert shows in f.message or any(shows in e.text for e in f.evidence)
        assert all(r.text[e.start : e.end] == e.text for e in f.evidence)


def test_the_2003_law_cited_before_2024_is_fine() -> None:
    text = CLEAN.replace(BASIS, BASIS + "\n\nCăn cứ Luật Thi đua, Khen thưởng năm 2003;").replace(
        "2024", "2023"
    )
    assert fired(text) == []


def test_a_law_and_a_gazette_rendering_have_no_place_line_to_check() -> None:
    law = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nLUẬT\nThi đua, khen thưởng\n\n"
    law += "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n\nQuốc hội ban hành Luật Thi đua, khen thưởng.\n"
    r = extract_text(law)
    assert [f.rule for f in r.flags if f.rule == "form-part-missing"] == []
    assert {c.rule: c.status for c in r.checks}["form-part-missing"] == "not_evaluated"


# --- statuses ---------------------------------------------------------------------------------


def statuses(text: str) -> dict[str, str]:
    return {c.rule: c.status for c in extract_text(text).checks}


def test_every_single_document_rule_has_one_check_and_a_status() -> None:
    rules = default_rules()
    document_rules = [r.id for r in rules.flags.rule if r.scope == "document"]
    assert sorted(c.rule for c in ALL_CHECKS) == sorted(document_rules)
    assert len({c.name for c in ALL_CHECKS}) == len(ALL_CHECKS)  # one function per rule
    assert set(statuses(CLEAN)) == set(document_rules)


def test_the_clean_plan_passes_every_rule() -> None:
    assert {s for s in statuses(CLEAN).values()} == {"pass"}


def test_a_broken_rule_fails_and_the_others_pass() -> None:
    s = statuses(CLEAN.replace("Số: 15/KH-SNV", "Số: 5/KH-SNV"))
    assert s["number-leading-zero"] == "fail"
    assert {k for k, v in s.items() if v != "pass"} == {"number-leading-zero"}


@pytest.mark.parametrize(
    ("old", "new", "rule"),
    [
        # a blank left for the number: its leading zero cannot be judged
        ("Số: 15/KH-SNV", "Số:     /KH-SNV", "number-leading-zero"),
        # no date to compare the citations' dates with
        ("Đà Lạt, ngày 10 tháng 3 năm 2024", "Đà Lạt, ngày   tháng   năm", "reference-after-issue"),
        ("Đà Lạt, ngày 10 tháng 3 năm 2024", "Đà Lạt, ngày   tháng   năm", "date-leading-zero"),
        # a seal where the signer's title should be
        ("GIÁM ĐỐC\n\nNguyễn Văn An", "", "signer-issuer-mismatch"),
    ],
)
def test_what_the_text_cannot_tell_is_not_evaluated(old: str, new: str, rule: str) -> None:
    r = extract_text(CLEAN.replace(old, new))
    status = next(c for c in r.checks if c.rule == rule)
    assert status.status == "not_evaluated" and status.reason

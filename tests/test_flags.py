"""The flag catalogue: every core rule exists, fires on what breaks it, and not on clean text."""

from __future__ import annotations

import pytest

from pipeline import extract, extract_text
from pipeline.record import Record
from pipeline.rules import CORE_RULES

from .conftest import ROOT


def rules_fired(raw: str) -> set[str]:
    return {f.rule for f in extract_text(raw).flags}


CLEAN = """UBND TỈNH LÂM ĐỒNG
SỞ NỘI VỤ

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 15/KH-SNV

Đà Lạt, ngày 10 tháng 3 năm 2024

KẾ HOẠCH
Phát động phong trào thi đua năm 2024

Căn cứ Kế hoạch số 12/KH-UBND ngày 20/02/2024 của Ủy ban nhân dân tỉnh.

I. MỤC ĐÍCH

1. Tạo khí thế thi đua.

2. Nội dung thi đua: hoàn thành xuất sắc nhiệm vụ được giao.

II. THỜI GIAN THI ĐUA

1. Thời gian thi đua: từ ngày 15/3/2024 đến ngày 30/11/2024.

2. Các phòng báo cáo kết quả trước ngày 05/12/2024.

III. KHEN THƯỞNG

1. Giấy khen của Giám đốc Sở.

2. Đề nghị Chủ tịch UBND tỉnh tặng Bằng khen.

Trên đây là Kế hoạch phát động phong trào thi đua năm 2024./.

Nơi nhận:
- UBND tỉnh (b/c);
- Lưu: VT.

GIÁM ĐỐC

Nguyễn Văn An
"""


def test_clean_plan_fires_no_core_rule() -> None:
    assert rules_fired(CLEAN) & CORE_RULES == set()


def broken(old: str, new: str) -> str:
    assert old in CLEAN
    return CLEAN.replace(old, new)


CASES = [
    ("number-missing", broken("Số: 15/KH-SNV", "Số:    /KH-SNV")),
    ("date-incomplete", broken("ngày 10 tháng 3 năm 2024", "ngày   tháng 3 năm 2024")),
    ("date-invalid", broken("trước ngày 05/12/2024", "trước ngày 31/11/2024")),
    (
        "reference-date-mismatch",
        broken("Tạo khí thế thi đua.", "Thực hiện Kế hoạch số 12/KH-UBND ngày 21/02/2024."),
    ),
    ("reference-after-issue", broken("ngày 20/02/2024 của", "ngày 20/4/2024 của")),
    ("reference-type-mismatch", broken("Căn cứ Kế hoạch số 12/KH-UBND", "Căn cứ Công văn số 12/KH-UBND")),
    ("type-symbol-mismatch", broken("Trên đây là Kế hoạch", "Trên đây là Quyết định")),
    ("numbering-gap", broken("III. KHEN THƯỞNG", "IV. KHEN THƯỞNG")),
    ("period-inverted", broken("đến ngày 30/11/2024", "đến ngày 28/02/2024")),
    ("deadline-before-issue", broken("trước ngày 05/12/2024", "trước ngày 05/02/2024")),
    ("signer-name-missing", broken("\nNguyễn Văn An\n", "\n")),
    ("signer-position-missing", broken("GIÁM ĐỐC\n\nNguyễn", "Nguyễn")),
    ("recipients-missing", broken("Nơi nhận:\n- UBND tỉnh (b/c);\n- Lưu: VT.\n", "")),
    ("stray-artifact", broken("- Lưu: VT.", "- Lưu: VT.\nD:\\VanThu\\2024\\KH thi dua.docx")),
    # a template's instruction left in brackets (adm_041's "[Ghi cụ thể]")
    ("stray-artifact", broken("1. Tạo khí thế thi đua.", "1. Tạo khí thế thi đua: [Ghi cụ thể].")),
    (
        "award-authority-exceeded",
        broken("Đề nghị Chủ tịch UBND tỉnh tặng Bằng khen.", "Tặng Bằng khen của Giám đốc Sở."),
    ),
    (
        "anniversary-mismatch",
        broken("1. Tạo khí thế thi đua.", "1. Chào mừng Kỷ niệm 30 năm Ngày thành lập Sở (1990-2024)."),
    ),
    ("agency-anachronism", broken("Số: 15/KH-SNV", "Số: 15/KH-SNNMT")),
]


# Rules of the project's own, beyond the contract's core.
MORE_CASES = [
    # (rule, text, evidence, the number and date the record keeps)
    ("number-unreadable", broken("Số: 15/KH-SNV", "Số: 1Ø/KH-SNV"), "Số: 1Ø/KH-SNV", None, "2024-03-10"),
    (
        "date-unreadable",
        broken("ngày 10 tháng 3 năm 2024", "ngày 1Z tháng 3 năm 2024"),
        "ngày 1Z tháng 3 năm 2024",
        "15",
        "2024-03",
    ),
    (
        "date-unreadable",
        broken("ngày 10 tháng 3 năm 2024", "ngày 10 tháng Š năm 2024"),
        "ngày 10 tháng Š năm 2024",
        "15",
        "2024",
    ),
]


@pytest.mark.parametrize(("rule", "raw", "evidence", "number", "date"), MORE_CASES)
def test_unreadable_parts_are_flagged_not_guessed(
    rule: str, raw: str, evidence: str, number: str | None, date: str
) -> None:
    rec = extract_text(raw)
    assert [(f.rule, [e.text for e in f.evidence]) for f in rec.flags] == [(rule, [evidence])]
    assert (rec.document.number, rec.document.date) == (number, date)


def test_every_core_rule_has_a_case() -> None:
    assert {rule for rule, _ in CASES} == set(CORE_RULES)


@pytest.mark.parametrize(("rule", "raw"), CASES, ids=[r for r, _ in CASES])
def test_rule_fires_with_evidence(rule: str, raw: str) -> None:
    rec = extract_text(raw)
    fired = [f for f in rec.flags if f.rule == rule]
    assert fired, f"{rule} did not fire"
    for f in fired:
        assert f.message and f.severity in ("error", "warning", "info")
        for e in f.evidence:
            assert rec.text[e.start : e.end] == e.text
    assert {f.rule for f in rec.flags} & CORE_RULES == {rule}  # and nothing else


def test_reference_date_mismatch_shows_both_mentions() -> None:
    rec = extract(ROOT / "corpus" / "seeds" / "004_d597ab0dcd2088e2.txt")
    (flag,) = [f for f in rec.flags if f.rule == "reference-date-mismatch"]
    assert [e.text for e in flag.evidence] == [
        "Chỉ thị số 31-CT/TU ngày 14/03/2025",
        "Chỉ thị số 31-CT/TU ngày 14/04/2025",
    ]
    assert flag.severity == "error"
    assert flag.message == "Chỉ thị số 31-CT/TU được viện dẫn với 2 ngày khác nhau: 14/03/2025 và 14/04/2025."


def test_year_precision_does_not_make_a_reference_late() -> None:
    raw = CLEAN.replace("ngày 10 tháng 3 năm 2024", "ngày tháng năm 2024").replace("20/02/2024", "20/12/2024")
    assert "reference-after-issue" not in rules_fired(raw)


def test_a_citation_dated_wrong_is_not_also_undated() -> None:
    """adm_006: "Công văn số 541/UBND-KSTT ngày 12/4/20210" is date-invalid only."""
    raw = CLEAN.replace("ngày 20/02/2024", "ngày 12/4/20210")
    fired = rules_fired(raw)
    assert "date-invalid" in fired and "reference-date-missing" not in fired
    assert "reference-date-missing" in rules_fired(CLEAN.replace(" ngày 20/02/2024", ""))


def test_a_proposed_award_is_within_authority() -> None:
    raw = broken(
        "Đề nghị Chủ tịch UBND tỉnh tặng Bằng khen.",
        "Giám đốc Sở đề nghị Thủ tướng Chính phủ tặng Bằng khen.",
    )
    assert "award-authority-exceeded" not in rules_fired(raw)


def test_merged_province_after_july_2025() -> None:
    raw = (
        broken("UBND TỈNH LÂM ĐỒNG", "UBND TỈNH ĐẮK NÔNG")
        .replace("năm 2024", "năm 2025")
        .replace("ngày 10 tháng 3", "ngày 10 tháng 8")
    )
    assert "agency-anachronism" in rules_fired(raw)
    assert "agency-anachronism" not in rules_fired(raw.replace("ngày 10 tháng 8", "ngày 10 tháng 6"))


def test_unknown_rule_is_an_error(rules) -> None:
    with pytest.raises(KeyError):
        rules.flag_rule("no-such-rule")


def _as_ocr(raw: str) -> Record:
    """The record of ``raw`` as if OCR had read it."""
    from pipeline.api import build_record
    from pipeline.ingest.base import RawDocument
    from pipeline.record import Source
    from pipeline.rules import default_rules

    source = Source(path="scan.pdf", format="pdf", sha256=None, encoding=None, pages=1, ocr=True)
    return build_record(
        raw, source, default_rules(), raw=RawDocument(raw, ocr=True, layout=True, wrapped=True)
    )


# On OCR text what a misread page cannot show is not flagged: (case, text, rules fired as text,
# rules fired as OCR).
ON_OCR = [
    (
        "a blank number is not missing: OCR may have lost a handwritten one",
        broken("Số: 15/KH-SNV", "Số:    /KH-SNV"),
        {"number-missing"},
        set(),
    ),
    (
        "a blank month is an unread one, not a day without its month",
        broken("ngày 10 tháng 3 năm 2024", "ngày 10 tháng   năm 2024"),
        {"date-invalid"},
        set(),
    ),
    (
        "a cited year decades after the issue is a misread digit (2026 read as 2096)",
        broken("ngày 20/02/2024 của", "ngày 20/02/2094 của"),
        {"reference-after-issue"},
        set(),
    ),
    (
        "a citation a few months after the issue stands (adm_009)",
        broken("ngày 20/02/2024 của", "ngày 20/11/2024 của"),
        {"reference-after-issue"},
        {"reference-after-issue"},
    ),
    (
        "an impossible date on a scan is a misread digit (emu_025's 'ngày32/12/2021')",
        broken("trước ngày 05/12/2024", "trước ngày 32/12/2024"),
        {"date-invalid"},
        set(),
    ),
    (
        "an unreadable number is said, on OCR text too",
        broken("Số: 15/KH-SNV", "Số: 1Ø/KH-SNV"),
        {"number-unreadable"},
        {"number-unreadable"},
    ),
]


@pytest.mark.parametrize(("case", "raw", "as_text", "as_ocr"), ON_OCR, ids=[c[0] for c in ON_OCR])
def test_flags_on_ocr_text(case: str, raw: str, as_text: set[str], as_ocr: set[str]) -> None:
    watched = as_text | {"number-missing", "date-invalid", "reference-after-issue", "number-unreadable"}
    assert {f.rule for f in extract_text(raw).flags} & watched == as_text
    assert {f.rule for f in _as_ocr(raw).flags} & watched == as_ocr

"""The rules of a document's form beyond the core (issue 10: Decree 30/2020/NĐ-CP Appendix I):
each fires, alone, on the clean plan broken for it, and not on the clean plan."""

from __future__ import annotations

import pytest

from pipeline import extract_text
from pipeline.cli import main

from .test_flags import CLEAN

FORM_RULES = {
    "number-leading-zero",
    "date-leading-zero",
    "symbol-year-misplaced",
    "cong-van-summary-missing",
    "archive-copy-missing",
    "signer-academic-title",
}

CV = """UBND TỈNH LÂM ĐỒNG
SỞ NỘI VỤ

Số: 15/SNV-TĐKT

Đà Lạt, ngày 10 tháng 3 năm 2024

Kính gửi: Các phòng, đơn vị thuộc Sở.

Sở Nội vụ đề nghị các đơn vị báo cáo kết quả thi đua trước ngày 05/12/2024./.

Nơi nhận:
- Như trên;
- Lưu: VT.

GIÁM ĐỐC

Nguyễn Văn An
"""

BROKEN = [
    (CLEAN, "Số: 15/KH-SNV", "Số: 5/KH-SNV", "number-leading-zero", "Số: 5/KH-SNV"),
    (
        CLEAN,
        "ngày 10 tháng 3 năm 2024",
        "ngày 10 tháng 2 năm 2024",
        "date-leading-zero",
        "ngày 10 tháng 2 năm 2024",
    ),
    (
        CLEAN,
        "ngày 10 tháng 3 năm 2024",
        "ngày 9 tháng 3 năm 2024",
        "date-leading-zero",
        "ngày 9 tháng 3 năm 2024",
    ),
    (CLEAN, "Số: 15/KH-SNV", "Số: 15/2024/KH-SNV", "symbol-year-misplaced", "Số: 15/2024/KH-SNV"),
    (CV, "Kính gửi", "V/v báo cáo kết quả thi đua\n\nKính gửi", None, None),  # the summary is there
    (CV, "Số: 15/SNV-TĐKT", "Số: 15/SNV-TĐKT", "cong-van-summary-missing", "Số: 15/SNV-TĐKT"),
    (CLEAN, "- Lưu: VT.", "- Sở Tài chính.", "archive-copy-missing", "Sở Tài chính"),
    (CLEAN, "Nguyễn Văn An", "TS. Nguyễn Văn An", "signer-academic-title", "TS. Nguyễn Văn An"),
    (CLEAN, "Nguyễn Văn An", "PGS.TS Nguyễn Văn An", "signer-academic-title", "PGS.TS Nguyễn Văn An"),
]


@pytest.mark.parametrize(("doc", "old", "new", "rule", "evidence"), BROKEN)
def test_a_form_rule_fires_alone_on_what_breaks_it(doc: str, old: str, new: str, rule, evidence) -> None:
    r = extract_text(doc.replace(old, new))
    fired = [f for f in r.flags if f.rule in FORM_RULES]
    assert [f.rule for f in fired] == ([rule] if rule else [])
    if rule:
        assert fired[0].evidence[0].text == evidence
        assert all(r.text[e.start : e.end] == e.text for e in fired[0].evidence)


@pytest.mark.parametrize(
    "good",
    [
        CLEAN,
        CLEAN.replace("Số: 15/KH-SNV", "Số: 05/KH-SNV"),
        CLEAN.replace("ngày 10 tháng 3 năm 2024", "ngày 05 tháng 02 năm 2024"),
        # a decision may be normative: the year in its symbol is right
        CLEAN.replace("Số: 15/KH-SNV", "Số: 15/2024/QĐ-UBND").replace(
            "KẾ HOẠCH\nPhát động", "QUYẾT ĐỊNH\nVề việc"
        ),
        CLEAN.replace("- Lưu: VT.", "- Lưu: Văn thư, TĐKT."),
    ],
)
def test_no_form_rule_on_a_good_form(good: str) -> None:
    assert {f.rule for f in extract_text(good).flags} & FORM_RULES == set()


def test_the_signers_name_is_read_without_the_title() -> None:
    r = extract_text(CLEAN.replace("Nguyễn Văn An", "TS. Nguyễn Văn An"))
    assert r.signer is not None and r.signer.name == "Nguyễn Văn An"


def test_vanban_rules_lists_the_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    for rule in [*FORM_RULES, "number-missing", "signature-date-mismatch"]:
        assert rule in out
    assert "Decree 30/2020/NĐ-CP" in out and "core" in out


# --- a campaign's time logic (pipeline/flags/timeline.py) ---------------------------------------

TIME_RULES = {"review-order", "period-title-mismatch"}
AIM = "1. Tạo khí thế thi đua."
TITLE = "Phát động phong trào thi đua năm 2024"

TIMES = [
    (
        AIM,
        AIM + "\n\n2. Sơ kết phong trào vào tháng 9/2024; tổng kết phong trào vào tháng 6/2024.",
        "review-order",
    ),
    (AIM, AIM + "\n\n2. Sơ kết vào ngày 15/10/2024.\n\n3. Tổng kết trước ngày 10/10/2024.", "review-order"),
    (AIM, AIM + "\n\n2. Sơ kết phong trào vào tháng 6/2024; tổng kết phong trào vào tháng 12/2024.", None),
    (AIM, AIM + "\n\n2. Sơ kết vào tháng 10/2024; tổng kết vào năm 2024.", None),  # a year alone says nothing
    (TITLE, "Phát động phong trào thi đua giai đoạn 2021 - 2025", "period-title-mismatch"),
    (TITLE, "Phát động phong trào thi đua giai đoạn 2024 - 2024", None),
]


@pytest.mark.parametrize(("old", "new", "rule"), TIMES)
def test_time_rules(old: str, new: str, rule) -> None:
    r = extract_text(CLEAN.replace(old, new))
    fired = [f for f in r.flags if f.rule in TIME_RULES]
    assert [f.rule for f in fired] == ([rule] if rule else [])
    for f in fired:
        assert len(f.evidence) == 2 and all(r.text[e.start : e.end] == e.text for e in f.evidence)


def test_no_time_rule_on_the_clean_plan() -> None:
    assert {f.rule for f in extract_text(CLEAN).flags} & TIME_RULES == set()

"""Checks across an archive (``pipeline.audit``) and ``vanban check``: each rule across
documents fires on the archive built to break it, names every document with its evidence,
and stays quiet on the same document in several files; the command's inputs, output and
exit status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline import extract_text
from pipeline.audit import check
from pipeline.cli import main
from pipeline.record import Record

from .test_flags import CLEAN

BASIS = "Căn cứ Kế hoạch số 12/KH-UBND ngày 20/02/2024 của Ủy ban nhân dân tỉnh."


def plan(number: int, *, basis: str = BASIS, title: str = "năm 2024", period: str | None = None) -> str:
    text = CLEAN.replace("Số: 15/KH-SNV", f"Số: {number}/KH-SNV").replace(BASIS, basis)
    text = text.replace("Phát động phong trào thi đua năm 2024\n", f"Phát động phong trào thi đua {title}\n")
    if period:
        text = text.replace("từ ngày 15/3/2024 đến ngày 30/11/2024", period)
    return text


def records(*texts: str) -> list[Record]:
    return [extract_text(t, path=f"kho/{i:02d}.txt") for i, t in enumerate(texts)]


def across(*texts: str) -> list:
    return [f for f in check(records(*texts)) if f.scope == "archive"]


UBND_PLAN = """UBND TỈNH LÂM ĐỒNG

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 12/KH-UBND

Đà Lạt, ngày 20 tháng 02 năm 2024

KẾ HOẠCH
Tổ chức phong trào thi đua năm 2024

I. MỤC ĐÍCH

1. Thời gian thi đua: từ ngày 01/3/2024 đến ngày 30/11/2024.

Nơi nhận:
- Các sở, ngành;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Trần Văn Bình
"""


def test_one_archive_of_consistent_plans_has_no_finding_across_documents() -> None:
    assert across(plan(15), plan(16, title="của Văn phòng năm 2024"), UBND_PLAN) == []


def test_a_cited_document_given_two_dates_by_two_documents() -> None:
    other = BASIS.replace("20/02/2024", "21/02/2024")
    found = across(plan(15), plan(16, basis=other, title="khác năm 2024"))
    assert [f.rule for f in found] == ["archive-reference-date-conflict"]
    f = found[0]
    assert f.severity == "error" and "20/02/2024" in f.message and "21/02/2024" in f.message
    assert [d.path for d in f.documents] == ["kho/00.txt", "kho/01.txt"]
    assert [d.evidence[0].text for d in f.documents] == [
        "Kế hoạch số 12/KH-UBND ngày 20/02/2024",
        "Kế hoạch số 12/KH-UBND ngày 21/02/2024",
    ]


def test_a_provinces_own_symbol_names_different_documents_in_two_provinces() -> None:
    other = BASIS.replace("20/02/2024", "21/02/2024")
    elsewhere = (
        plan(16, basis=other)
        .replace("UBND TỈNH LÂM ĐỒNG", "UBND TỈNH KHÁNH HÒA")
        .replace("Đà Lạt", "Nha Trang")
    )
    assert across(plan(15), elsewhere) == []


def test_a_national_symbol_is_one_document_everywhere() -> None:
    decree = "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ."
    wrong = decree.replace("31/12/2023", "30/12/2023")
    elsewhere = (
        plan(16, basis=wrong)
        .replace("UBND TỈNH LÂM ĐỒNG", "UBND TỈNH KHÁNH HÒA")
        .replace("Đà Lạt", "Nha Trang")
    )
    assert [f.rule for f in across(plan(15, basis=decree), elsewhere)] == ["archive-reference-date-conflict"]


def test_documents_that_each_give_both_dates_repeat_their_own_conflict_only() -> None:
    both = BASIS + "\n\nThực hiện Kế hoạch số 12/KH-UBND ngày 21/02/2024."
    found = check(records(plan(15, basis=both), plan(16, basis=both, title="khác năm 2024")))
    assert sorted({f.rule for f in found if "reference" in f.rule}) == ["reference-date-mismatch"]


def test_a_cited_document_in_the_archive_dated_otherwise() -> None:
    other = BASIS.replace("20/02/2024", "21/02/2024")
    found = across(plan(15, basis=other), UBND_PLAN)
    assert [f.rule for f in found] == ["archive-citation-mismatch"]
    citing, cited = found[0].documents
    assert citing.evidence[0].text == "Kế hoạch số 12/KH-UBND ngày 21/02/2024"
    assert cited.evidence[0].text == "ngày 20 tháng 02 năm 2024"
    assert "20/02/2024" in found[0].message


def test_a_number_used_twice_by_one_issuer_in_one_year() -> None:
    found = across(plan(15), plan(15, title="của Văn phòng năm 2024"))
    assert [f.rule for f in found] == ["archive-number-duplicate"]
    assert [d.evidence[0].text for d in found[0].documents] == ["Số: 15/KH-SNV", "Số: 15/KH-SNV"]


def test_one_document_in_two_files_is_not_a_duplicate() -> None:
    copy = plan(15).replace("Tạo khí thế thi đua.", "Tạo khí thế thi đua sôi nổi.")  # another file of it
    curly = plan(15, title="“Vì người nghèo” năm 2024")
    straight = plan(15, title='"Vì người nghèo" năm 2024')
    assert across(plan(15), copy) == []
    assert across(curly, straight) == []


def test_an_implementing_plan_outside_the_period_of_the_plan_it_implements() -> None:
    child = plan(15, period="từ ngày 15/3/2024 đến ngày 30/11/2025")
    found = across(child, UBND_PLAN)
    assert [f.rule for f in found] == ["archive-period-conflict"]
    child_doc, parent_doc = found[0].documents
    assert any("30/11/2025" in e.text for e in child_doc.evidence)
    assert "30/11/2024" in parent_doc.evidence[0].text


# --- the command ------------------------------------------------------------------------------


def write_records(path: Path, *texts: str) -> Path:
    path.write_text("".join(r.model_dump_json() + "\n" for r in records(*texts)), encoding="utf-8")
    return path


def test_check_exits_0_when_no_error_fires(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = write_records(tmp_path / "r.jsonl", plan(15))
    assert main(["check", str(f), "-q"]) == 0
    assert main(["check", str(f), "-q", "--fail-on", "warning"]) == 0


def test_check_exits_1_on_an_error_and_names_every_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = BASIS.replace("20/02/2024", "21/02/2024")
    f = write_records(tmp_path / "r.jsonl", plan(15), plan(16, basis=other, title="khác năm 2024"))
    assert main(["check", str(f), "-q", "--json"]) == 1
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    conflict = next(x for x in lines if x["rule"] == "archive-reference-date-conflict")
    assert set(conflict) == {"rule", "severity", "status", "scope", "message", "documents"}
    assert conflict["status"] == "fail" and conflict["severity"] == "error"
    assert [d["path"] for d in conflict["documents"]] == ["kho/00.txt", "kho/01.txt"]
    assert all(set(d) == {"id", "path", "evidence"} and d["evidence"] for d in conflict["documents"])


def test_fail_on_warning_raises_the_bar(tmp_path: Path) -> None:
    f = write_records(tmp_path / "r.jsonl", plan(5))  # number-leading-zero is info, date fine
    assert main(["check", str(f), "-q"]) == 0
    assert main(["check", str(f), "-q", "--fail-on", "info"]) == 1


def test_check_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "missing.jsonl")]) == 2
    assert "no such file" in capsys.readouterr().err
    with pytest.raises(SystemExit) as e:
        main(["check", str(tmp_path), "--fail-on", "never"])
    assert e.value.code == 2


def test_check_extracts_a_folder_of_documents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    other = BASIS.replace("20/02/2024", "21/02/2024")
    (docs / "a.txt").write_text(plan(15), encoding="utf-8")
    (docs / "b.txt").write_text(plan(16, basis=other, title="khác năm 2024"), encoding="utf-8")
    kept = tmp_path / "records.jsonl"
    assert main(["check", str(docs), "--records", str(kept), "-q", "--workers", "1"]) == 1
    out = capsys.readouterr().out
    assert "archive-reference-date-conflict" in out and "a.txt" in out and "b.txt" in out
    assert len(kept.read_text(encoding="utf-8").splitlines()) == 2  # kept, for report or resume


def test_documents_checked_without_records_leave_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(plan(15), encoding="utf-8")
    assert main(["check", str(docs), "-q", "--workers", "1"]) == 0
    assert list(temp.iterdir()) == []


def test_a_records_file_is_not_extracted_again(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = write_records(tmp_path / "r.jsonl", plan(15))
    assert main(["check", str(f)]) == 0
    err = capsys.readouterr().err
    assert "inputs →" not in err and "1 documents" in err


def test_a_torn_line_is_passed_over_and_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = write_records(tmp_path / "r.jsonl", plan(15))
    with f.open("a", encoding="utf-8") as fh:
        fh.write('{"schema_version": "1", "id": "vb-')
    assert main(["check", str(f), "-q"]) == 0
    assert "passed over" in capsys.readouterr().err


def test_an_implementing_plan_misquoting_the_campaign_it_implements() -> None:
    parent = UBND_PLAN.replace(
        "Tổ chức phong trào thi đua năm 2024",
        "Phát động phong trào thi đua “Lâm Đồng xanh, sạch, đẹp” năm 2024",
    )
    child = plan(15).replace(
        "1. Tạo khí thế thi đua.", "1. Hưởng ứng phong trào thi đua “Lâm Đồng xanh, sạch, đẹp hơn”."
    )
    found = across(child, parent)
    assert [f.rule for f in found] == ["archive-period-conflict"]
    assert "tên phong trào" in found[0].message
    child_doc, parent_doc = found[0].documents
    assert any("đẹp hơn" in e.text for e in child_doc.evidence)
    assert "Lâm Đồng xanh, sạch, đẹp" in parent_doc.evidence[0].text
    # the same name, or another campaign altogether, is no conflict
    same = plan(15).replace(
        "1. Tạo khí thế thi đua.", "1. Hưởng ứng phong trào thi đua “Lâm Đồng xanh, sạch, đẹp”."
    )
    other = plan(15).replace("1. Tạo khí thế thi đua.", "1. Hưởng ứng phong trào “Vì người nghèo”.")
    assert across(same, parent) == [] and across(other, parent) == []


@pytest.mark.parametrize(
    ("number", "symbol", "line", "expected"),
    [
        ("31", "CT/TU", "Số 31-CT/TU", "31-CT/TU"),
        ("09", "NQ/TW", "Số 09- NQ/TW", "09-NQ/TW"),
        ("912", "KH-SNNMT", "Số: 912/KH-SNNMT", "912/KH-SNNMT"),
        ("912", "KH-SNNMT", None, "912/KH-SNNMT"),
        (None, "KH-SNNMT", "Số:    /KH-SNNMT", None),
    ],
)
def test_a_documents_own_number_as_citations_write_it(number, symbol, line, expected) -> None:  # type: ignore[no-untyped-def]
    from pipeline.record import own_number_symbol

    assert own_number_symbol(number, symbol, line) == expected

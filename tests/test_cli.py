"""The `vanban` command: one record per input, a summary line, a readable single record."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pipeline.cli import main

from .conftest import ROOT
from .pdfgen import requires_font

SEEDS = ROOT / "corpus" / "seeds"


def test_extract_folder_to_jsonl(tmp_path: Path, capsys) -> None:
    (tmp_path / "in").mkdir()
    for p in sorted(SEEDS.glob("*.txt"))[:2]:
        (tmp_path / "in" / p.name).write_bytes(p.read_bytes())
    (tmp_path / "in" / "broken.pdf").write_bytes(b"%PDF-1.4 nothing")  # a corrupt PDF: its own FAILURE record
    (tmp_path / "in" / "old.doc").write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64
    )  # broken too
    out = tmp_path / "out" / "records.jsonl"
    assert main(["extract", str(tmp_path / "in"), "-o", str(out)]) == 1  # some documents failed
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4
    recs = [json.loads(x) for x in lines]
    assert [r["status"] for r in recs] == ["SUCCESS", "SUCCESS", "FAILURE", "FAILURE"]
    assert [r["errors"][0]["kind"] for r in recs[2:]] == ["read_error", "read_error"]
    assert "could not be read" in recs[3]["errors"][0]["message"]
    err = capsys.readouterr().err
    assert "4 inputs" in err and "2 SUCCESS, 0 PARTIAL, 2 FAILURE" in err
    assert not (out.parent / "records.jsonl.part").exists()


def test_pretty_prints_one_record(capsys) -> None:
    assert main(["extract", str(SEEDS / "004_d597ab0dcd2088e2.txt"), "--pretty", "-q"]) == 0
    out = capsys.readouterr().out
    rec = json.loads(out)
    assert rec["document"]["number"] == "912" and out.startswith("{\n")


def test_pretty_needs_one_file(capsys) -> None:
    assert main(["extract", str(SEEDS), "--pretty"]) == 2
    assert "one file" in capsys.readouterr().err


def test_a_missing_path_still_gets_a_record(tmp_path: Path) -> None:
    out = tmp_path / "r.jsonl"
    assert main(["extract", str(tmp_path / "missing.txt"), "-o", str(out), "-q"]) == 1
    (rec,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert rec["status"] == "FAILURE" and rec["errors"][0]["kind"] == "io_error"


def test_schema_command(tmp_path: Path) -> None:
    out = tmp_path / "s.json"
    assert main(["schema", "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(
        (ROOT / "schemas" / "record.schema.json").read_text(encoding="utf-8")
    )


def test_console_script_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout.startswith("vanban ")


def _records_file(tmp_path: Path) -> Path:
    out = tmp_path / "r.jsonl"
    src = tmp_path / "in"
    src.mkdir()
    for p in sorted(SEEDS.glob("*.txt"))[:3]:
        (src / p.name).write_bytes(p.read_bytes())
    (src / "empty.txt").write_bytes(b"")
    main(["extract", str(src), "-o", str(out), "-q"])
    return out


def test_summary_shows_errors_and_filters_by_status_and_flag(tmp_path: Path, capsys) -> None:
    out = _records_file(tmp_path)
    capsys.readouterr()
    assert main(["summary", str(out)]) == 0
    text = capsys.readouterr().out
    assert "flags | errors" in text.splitlines()[0]
    assert "empty.txt" in text and "not_a_document: the file is empty" in text
    assert "4 records: 3 SUCCESS, 0 PARTIAL, 1 FAILURE" in text and "errors: not_a_document 1" in text
    assert main(["summary", str(out), "--status", "FAILURE"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert [r.split()[0] for r in rows[1:2]] == [
        "empty.txt"
    ] and "1 records: 0 SUCCESS, 0 PARTIAL, 1 FAILURE" in rows
    assert main(["summary", str(out), "--flag", "number-missing"]) == 0
    shown = capsys.readouterr().out
    assert "000_e4bdeb6f1d0e3bfb.txt" in shown and "004_" not in shown


def test_summary_of_a_missing_file_says_so(tmp_path: Path, capsys) -> None:
    assert main(["summary", str(tmp_path / "nothing.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "nothing.jsonl does not exist" in err and "Traceback" not in err


def test_summary_passes_over_a_torn_line_and_says_so(tmp_path: Path, capsys) -> None:
    out = _records_file(tmp_path)
    data = out.read_bytes()
    out.write_bytes(data + data.splitlines(keepends=True)[0][:300])  # killed while writing
    capsys.readouterr()
    assert main(["summary", str(out)]) == 0
    captured = capsys.readouterr()
    assert "4 records" in captured.out
    assert "line 5: a torn last line (the run was stopped while writing it): passed over" in captured.err


def test_bench_prints_the_pipeline_against_its_baseline_and_the_workers(tmp_path: Path, capsys) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for p in sorted(SEEDS.glob("*.txt")):
        (src / p.name).write_bytes(p.read_bytes())
    (src / "g01.docx").write_bytes(
        (ROOT / "corpus" / "fixtures" / "g01_kh_phat_dong_thi_dua.docx").read_bytes()
    )
    assert main(["bench", str(src), "--workers", "2", "--rounds", "1"]) == 0
    out = capsys.readouterr().out
    assert "plain text: bare text (baseline)" in out and "plain text: whole record" in out
    assert "Word (.docx): whole record" in out
    rows = [line.split() for line in out.splitlines() if line.strip()[:2] in ("1 ", "2 ")]
    assert [r[0] for r in rows] == ["1", "2"] and rows[0][3] == "1.00×"  # speed-up against one worker


def test_limits_are_options(tmp_path: Path) -> None:
    out = tmp_path / "r.jsonl"
    seed = SEEDS / "004_d597ab0dcd2088e2.txt"
    assert (
        main(["extract", str(seed), "-o", str(out), "-q", "--max-chars", "1,000", "--max-file-size", "0"])
        == 0
    )
    (rec,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert rec["status"] == "PARTIAL" and len(rec["text"]) <= 1000
    assert {e["kind"] for e in rec["errors"]} == {"limit"}  # the file cut before decoding, the text after
    assert all("--max-chars" in e["message"] for e in rec["errors"])
    assert main(["extract", str(seed), "-o", str(out), "-q", "--max-file-size", "1K"]) == 1
    (rec,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert rec["errors"][0]["kind"] == "limit" and "--max-file-size" in rec["errors"][0]["message"]


@requires_font
def test_bench_counts_a_pdf_read_by_ocr_among_the_scans(tmp_path: Path) -> None:
    """A scan with an e-signature caption laid on it, or with a bad embedded OCR layer (the
    corpus's adm_009, adm_017: Vietnamese bare of its diacritics), has a text layer, but its
    pages are read by OCR: its cost is OCR's, not the text layer's."""
    from pipeline.batch.bench import groups

    from .pdfgen import Page, pdf
    from .scan import as_pdf, page_image

    src = tmp_path / "in"
    src.mkdir()
    caption = ("Ký bởi: Ủy ban nhân dân tỉnh Lào Cai", "Ngày ký: 05-06-2026 16:24:14 +07:00")
    (src / "stamped_scan.pdf").write_bytes(as_pdf(page_image(), overlay=caption))
    (src / "scan.pdf").write_bytes(as_pdf(page_image()))
    bad_ocr = Page()
    for k in range(8):
        bad_ocr.text(60, 780 - 16 * k, "CONG HOA xA HOI CHU NGHIA VIET NAM Doc lap Tu do Hanh phuc")
    (src / "bad_ocr_layer.pdf").write_bytes(pdf(bad_ocr))
    (src / "g01.pdf").write_bytes(
        (ROOT / "corpus" / "fixtures" / "g01_kh_phat_dong_thi_dua.pdf").read_bytes()
    )
    found, others = groups([str(src)])
    assert [p.name for p, _ in found["PDF text layer"].files] == ["g01.pdf"]
    assert others == 3

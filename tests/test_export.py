"""Tables for analysts: Excel read back with openpyxl (Vietnamese intact, dates as dates,
header frozen, autofilter, widths), Parquet with dates and whole numbers typed, CSV
that Excel opens in UTF-8."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.export import TABLES

from .conftest import ROOT
from .faults import SEED

pytest.importorskip("pandas", reason="vanban[tables] is not installed: pip install 'vanban[tables]'")
openpyxl = pytest.importorskip("openpyxl")

SEEDS = ROOT / "corpus" / "seeds"
FIXTURES = ROOT / "corpus" / "fixtures"


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("in")
    for p in [
        *SEEDS.glob("*.txt"),
        FIXTURES / "f01_qd_ubnd_khen_thuong.txt",
        FIXTURES / "g01_kh_phat_dong_thi_dua.docx",
    ]:
        (src / p.name).write_bytes(p.read_bytes())
    (src / "copy_of_004.txt").write_bytes(SEED.read_bytes())  # an identical file
    (src / "empty.txt").write_bytes(b"")
    out = tmp_path_factory.mktemp("out") / "records.jsonl"
    assert main(["extract", str(src), "-o", str(out), "-q"]) == 1  # empty.txt failed
    return out


@pytest.fixture(scope="module")
def workbook(records: Path, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("xlsx") / "archive.xlsx"
    assert main(["export", str(records), "--to", str(out)]) == 0
    return openpyxl.load_workbook(out)


def _sheet(workbook, name: str) -> list[dict]:
    rows = list(workbook[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_every_table_is_a_sheet(workbook) -> None:
    assert workbook.sheetnames == list(TABLES)


def test_documents_have_a_row_per_record_with_vietnamese_intact(workbook) -> None:
    docs = {Path(r["path"]).name: r for r in _sheet(workbook, "documents")}
    assert len(docs) == 9
    seed = docs["004_d597ab0dcd2088e2.txt"]
    assert (seed["type"], seed["number"], seed["symbol"]) == ("KH", "912", "KH-SNNMT")
    assert seed["issuer"] == "Sở Nông nghiệp và Môi trường" and seed["province"] == "Khánh Hòa"
    assert seed["id"] == docs["copy_of_004.txt"]["id"]
    assert docs["empty.txt"]["status"] == "FAILURE" and docs["empty.txt"]["error_kinds"] == "not_a_document"


def test_dates_are_dates_and_partial_dates_stay_text(workbook) -> None:
    sheet = workbook["documents"]
    header = [c.value for c in sheet[1]]
    rows = _sheet(workbook, "documents")
    seed = next(r for r in rows if r["path"].endswith("004_d597ab0dcd2088e2.txt"))
    assert seed["date"] == dt.datetime(2025, 3, 27) and seed["date_text"] == "2025-03-27"
    year_only = next(r for r in rows if r["path"].endswith("000_e4bdeb6f1d0e3bfb.txt"))
    assert year_only["date"] is None and year_only["date_text"] == "2023"  # never a guessed day
    date_cells = [sheet.cell(row=r, column=header.index("date") + 1) for r in range(2, sheet.max_row + 1)]
    assert all(c.number_format == "yyyy-mm-dd" for c in date_cells if c.value is not None)


def test_each_sheet_has_a_frozen_header_an_autofilter_and_sensible_widths(workbook) -> None:
    for name in TABLES:
        sheet = workbook[name]
        assert sheet.freeze_panes == "A2", name
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:"), name
        assert all(c.font.bold for c in sheet[1]), name
        widths = [sheet.column_dimensions[c.column_letter].width for c in sheet[1]]
        assert all(6 <= w <= 60 for w in widths), (name, widths)
    docs = workbook["documents"]
    header = [c.value for c in docs[1]]
    path_width = docs.column_dimensions[docs.cell(row=1, column=header.index("path") + 1).column_letter].width
    assert path_width > docs.column_dimensions["C"].width  # a long column is wider than "status"


def test_content_rows_are_keyed_by_id_and_an_identical_file_adds_none(workbook, records: Path) -> None:
    recs = [json.loads(x) for x in records.read_text(encoding="utf-8").splitlines()]
    distinct = {r["id"]: r for r in recs}
    refs = _sheet(workbook, "references")
    assert len(refs) == sum(len(r["references"]) for r in distinct.values())
    assert {r["id"] for r in refs} <= set(distinct)
    mentions = _sheet(workbook, "reference_mentions")
    assert len(mentions) == sum(len(ref["mentions"]) for r in distinct.values() for ref in r["references"])
    flags = _sheet(workbook, "flags")
    assert {"reference-date-mismatch", "number-missing"} <= {f["rule"] for f in flags}
    errors = _sheet(workbook, "errors")
    assert [(Path(e["path"]).name, e["kind"]) for e in errors] == [("empty.txt", "not_a_document")]
    awards = _sheet(workbook, "awards")
    assert {a["form"] for a in awards} >= {"bang_khen", "giay_khen"}


def test_parquet_is_a_folder_of_typed_tables(records: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "archive.parquet"
    assert main(["export", str(records), "--to", str(out)]) == 0
    assert sorted(p.stem for p in out.iterdir()) == sorted(TABLES)
    schema = pq.read_schema(out / "documents.parquet")
    assert str(schema.field("date").type) == "date32[day]"
    assert str(schema.field("year").type) == "int64" and str(schema.field("bytes").type) == "int64"
    import pandas as pd

    docs = pd.read_parquet(out / "documents.parquet")
    assert "Sở Nông nghiệp và Môi trường" in set(docs["issuer"])


def test_csv_folder_opens_in_excel_as_utf8(records: Path, tmp_path: Path) -> None:
    out = tmp_path / "tables"
    assert main(["export", str(records), "--to", str(out)]) == 0
    data = (out / "documents.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "Sở Nông nghiệp và Môi trường".encode() in data


def test_export_of_a_missing_or_torn_file(tmp_path: Path, records: Path, capsys) -> None:
    assert main(["export", str(tmp_path / "none.jsonl"), "--to", str(tmp_path / "x.xlsx")]) == 2
    assert "does not exist" in capsys.readouterr().err
    torn = tmp_path / "torn.jsonl"
    torn.write_bytes(records.read_bytes() + records.read_bytes()[:100])
    assert main(["export", str(torn), "--to", str(tmp_path / "t.xlsx")]) == 0
    assert "torn last line" in capsys.readouterr().err


def test_cells_excel_cannot_hold_are_made_safe(tmp_path: Path) -> None:
    from pipeline import extract_text
    from pipeline.export import frames, gather, write

    rec = extract_text(SEED.read_text(encoding="utf-8"))
    title = "KẾ\x07HOẠCH " + "x" * 40_000
    rec = rec.model_copy(update={"document": rec.document.model_copy(update={"title": title})})
    out = tmp_path / "x.xlsx"
    write(frames(gather([rec])), out)  # a control character and a 40,000-character title
    title = _sheet(openpyxl.load_workbook(out), "documents")[0]["title"]
    assert "\x07" not in title and len(title) == 32_767 and title.endswith("[cắt bớt]")


def test_the_rows_of_every_table_have_its_declared_columns(records: Path) -> None:
    from pipeline.export import COLUMNS, from_file

    rows = from_file(records)
    for name, table in rows.tables.items():
        assert table, f"the test records hold no {name} row"
        assert all(tuple(row) == COLUMNS[name] for row in table), name

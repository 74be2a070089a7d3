"""The tables written where analysts open them.

* ``.xlsx`` (openpyxl): a sheet per table, the header row frozen, an autofilter on
  it, columns as wide as their content (within bounds), dates as Excel dates, text as
  written (Vietnamese intact; the characters XML cannot hold dropped, a cell past
  Excel's 32,767 characters cut, with a mark);
* ``.parquet``: a folder of that name with a Parquet file per table
  (``archive.parquet/documents.parquet``…), dates as dates;
* anything else: a folder of CSV files, UTF-8 with a byte-order mark, which Excel
  needs to show Vietnamese.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import regex

EXCEL_CELL = 32_767
CUT_MARK = " …[cắt bớt]"
# Characters an XML file cannot hold (C0 controls but tab and line breaks): openpyxl refuses them.
NOT_XML = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MIN_WIDTH, MAX_WIDTH = 6, 60
SAMPLE_ROWS = 500  # rows looked at to size a column


class ExportError(RuntimeError):
    """The tables cannot be written (the message says why)."""


def kind_of(target: str | os.PathLike[str]) -> str:
    suffix = Path(target).suffix.lower()
    return {".xlsx": "xlsx", ".parquet": "parquet"}.get(suffix, "csv")


def write(frames: Iterator[tuple[str, Any]], target: str | os.PathLike[str]) -> list[Path]:
    """Write the tables to ``target`` (its suffix decides the format); the files written.
    Written beside the target first, then moved into place: a reader never sees half."""
    target = Path(target)
    kind = kind_of(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".vanban-export-", dir=target.parent) as tmp:
        staged = Path(tmp) / target.name
        if kind == "xlsx":
            to_xlsx(frames, staged)
        elif kind == "parquet":
            to_folder(frames, staged, "parquet")
        else:
            to_folder(frames, staged, "csv")
        if target.is_dir():
            shutil.rmtree(target)
        os.replace(staged, target)
    return sorted(target.iterdir()) if target.is_dir() else [target]


def to_folder(frames: Iterator[tuple[str, Any]], folder: Path, kind: str) -> None:
    folder.mkdir()
    for name, frame in frames:
        if kind == "parquet":
            frame.to_parquet(folder / f"{name}.parquet", index=False)
        else:
            frame.to_csv(folder / f"{name}.csv", index=False, encoding="utf-8-sig", date_format="%Y-%m-%d")


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        value = NOT_XML.sub("", value)
        if len(value) > EXCEL_CELL:
            value = value[: EXCEL_CELL - len(CUT_MARK)] + CUT_MARK
    return value


def to_xlsx(frames: Iterator[tuple[str, Any]], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    for name, frame in frames:
        sheet = book.create_sheet(title=name[:31])
        columns = list(frame.columns)
        sheet.append(columns)
        dates = [k for k, c in enumerate(columns) if _is_date_column(frame[c])]
        for row in frame.itertuples(index=False, name=None):
            sheet.append([_cell(None if _missing(v) else v) for v in row])
        for cell in sheet[1]:
            cell.font = bold
        for k in dates:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=k + 1, max_col=k + 1):
                cell.number_format = "yyyy-mm-dd"
        sheet.freeze_panes = "A2"
        if columns:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, sheet.max_row)}"
        for k, column in enumerate(columns, 1):
            sheet.column_dimensions[get_column_letter(k)].width = _width(column, frame[column])
    book.save(path)


def stream_xlsx(
    path: Path, sheet: str, columns: list[str], rows: Iterable[list[Any]], widths: dict[str, float]
) -> int:
    """One sheet written row by row (openpyxl's write-only workbook: rows go to disk as they
    come, however many there are), its header bold and frozen, an autofilter on it; the rows
    written."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    ws = book.create_sheet(title=sheet[:31])
    ws.freeze_panes = "A2"
    for k, column in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(k)].width = widths.get(column, MIN_WIDTH + 4)
    header = []
    for column in columns:
        cell = WriteOnlyCell(ws, value=column)
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)
    n = 0
    for row in rows:
        ws.append([_cell(v) for v in row])
        n += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{n + 1}"
    book.save(path)
    return n


def _missing(value: Any) -> bool:
    """None, NaN, NaT or pandas' NA (a cell left empty)."""
    import pandas as pd

    return value is None or (not isinstance(value, (str, list, tuple)) and bool(pd.isna(value)))


def _is_date_column(series: Any) -> bool:
    return any(isinstance(v, dt.date) for v in series.head(SAMPLE_ROWS))


def _width(name: str, series: Any) -> float:
    longest = max((len(str(v)) for v in series.head(SAMPLE_ROWS) if not _missing(v)), default=0)
    return float(min(MAX_WIDTH, max(MIN_WIDTH, len(name) + 2, longest + 2)))

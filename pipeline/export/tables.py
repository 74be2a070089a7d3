"""Records as tables for analysts: one table per kind of thing a record holds, each
row keyed by the record's ``id``.

* ``documents``: one row per record (per input path), its header, signer, period,
  counts, flags and errors in a few columns;
* ``references`` (one row per cited document) and ``reference_mentions`` (one per
  place it is cited), ``awards``, ``deadlines``, ``targets``, ``assignments``,
  ``flags`` (one per flag, its first evidence) and ``errors``.

Identical files share one ``id`` (the hash of their bytes) and one record content:
their rows in the tables other than ``documents`` appear once. Dates are dates where
the text gives a day (``date``), and the ISO form as written beside them
(``date_text``: ``2023-06``, ``2023``), so nothing is guessed and nothing lost. The
document text itself is not a column (a record file has it).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..jsonl import read_records
from ..record import Record

# Each table's columns, in order: what an analyst's sheet shows (a test checks that the
# rows made below have exactly these).
COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": (
        "id", "path", "status", "format", "pages", "ocr", "bytes", "type", "number", "symbol",
        "number_symbol", "date", "date_text", "year", "place", "issuer", "province", "title", "signer",
        "signer_position", "signer_prefix", "period_start", "period_end", "references", "awards",
        "deadlines", "flags", "flag_rules", "errors", "error_kinds", "sha256",
    ),
    "references": (
        "id", "reference", "type", "cited_as", "number", "symbol", "number_symbol", "date", "dates",
        "issuer", "subject", "mentions",
    ),
    "reference_mentions": (
        "id", "reference", "number_symbol", "date", "date_text", "section", "start", "end", "text",
    ),
    "awards": ("id", "form", "level", "authority", "name", "granted", "mentions", "start", "end", "text"),
    "deadlines": ("id", "date", "date_text", "responsible", "start", "end", "text"),
    "targets": ("id", "kind", "applies_to", "quantity", "start", "end", "text"),
    "assignments": ("id", "unit", "task", "deadline", "deadline_text", "start", "end", "text"),
    "flags": ("id", "rule", "severity", "message", "evidence", "start", "end", "more_evidence"),
    "errors": ("id", "path", "status", "stage", "kind", "message"),
}  # fmt: skip
TABLES = tuple(COLUMNS)


def as_date(iso: str | None) -> dt.date | None:
    """A day written in full (``2025-03-27``) as a date; a month or a year is not one."""
    if iso is None or len(iso) != 10:
        return None
    try:
        return dt.date.fromisoformat(iso)
    except ValueError:
        return None


def _year(iso: str | None) -> int | None:
    return int(iso[:4]) if iso and iso[:4].isdigit() else None


Row = dict[str, Any]


@dataclass
class Rows:
    """The rows of every table, gathered record by record (no document text kept)."""

    tables: dict[str, list[Row]] = field(default_factory=lambda: {t: [] for t in TABLES})
    seen: set[str] = field(default_factory=set)  # record ids whose content rows are in

    def add(self, rec: Record) -> None:
        self.tables["documents"].append(document_row(rec))
        for e in rec.errors:
            self.tables["errors"].append(
                {
                    "id": rec.id,
                    "path": rec.source.path,
                    "status": rec.status.value,
                    "stage": e.stage,
                    "kind": e.kind,
                    "message": e.message,
                }
            )
        if rec.id in self.seen:
            return  # an identical file: its content rows are in already
        self.seen.add(rec.id)
        for name, rows in content_rows(rec).items():
            self.tables[name].extend(rows)


def document_row(rec: Record) -> Row:
    d, s, sig, per = rec.document, rec.source, rec.signer, rec.period
    rules = sorted({f.rule for f in rec.flags})
    return {
        "id": rec.id,
        "path": s.path,
        "status": rec.status.value,
        "format": s.format,
        "pages": s.pages,
        "ocr": s.ocr,
        "bytes": s.bytes,
        "type": d.type,
        "number": d.number,
        "symbol": d.symbol,
        "number_symbol": f"{d.number}/{d.symbol}" if d.number and d.symbol else None,
        "date": as_date(d.date),
        "date_text": d.date,
        "year": _year(d.date),
        "place": d.place,
        "issuer": d.issuer,
        "province": d.province,
        "title": d.title,
        "signer": sig.name if sig else None,
        "signer_position": sig.position if sig else None,
        "signer_prefix": sig.prefix if sig else None,
        "period_start": per.start if per else None,
        "period_end": per.end if per else None,
        "references": len(rec.references),
        "awards": len(rec.awards),
        "deadlines": len(rec.deadlines),
        "flags": len(rec.flags),
        "flag_rules": ", ".join(rules) or None,
        "errors": len(rec.errors),
        "error_kinds": ", ".join(dict.fromkeys(e.kind for e in rec.errors)) or None,
        "sha256": s.sha256,
    }


def content_rows(rec: Record) -> dict[str, list[Row]]:
    rid = rec.id
    out: dict[str, list[Row]] = {t: [] for t in TABLES if t not in ("documents", "errors")}
    for k, r in enumerate(rec.references):
        out["references"].append(
            {
                "id": rid,
                "reference": k,
                "type": r.type,
                "cited_as": r.cited_as,
                "number": r.number,
                "symbol": r.symbol,
                "number_symbol": r.number_symbol,
                "date": as_date(r.dates[0] if r.dates else None),
                "dates": "; ".join(r.dates) or None,
                "issuer": r.issuer,
                "subject": r.subject,
                "mentions": len(r.mentions),
            }
        )
        for m in r.mentions:
            out["reference_mentions"].append(
                {
                    "id": rid,
                    "reference": k,
                    "number_symbol": r.number_symbol,
                    "date": as_date(m.date),
                    "date_text": m.date,
                    "section": m.section,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                }
            )
    for a in rec.awards:
        out["awards"].append(
            {
                "id": rid,
                "form": a.form,
                "level": a.level,
                "authority": a.authority,
                "name": a.name,
                "granted": a.granted,
                "mentions": len(a.mentions) or 1,
                "start": a.start,
                "end": a.end,
                "text": a.text,
            }
        )
    for dl in rec.deadlines:
        out["deadlines"].append(
            {
                "id": rid,
                "date": as_date(dl.date),
                "date_text": dl.date,
                "responsible": dl.responsible,
                "start": dl.start,
                "end": dl.end,
                "text": dl.text,
            }
        )
    for t in rec.targets:
        out["targets"].append(
            {
                "id": rid,
                "kind": t.kind,
                "applies_to": t.applies_to,
                "quantity": t.quantity,
                "start": t.start,
                "end": t.end,
                "text": t.text,
            }
        )
    for a in rec.assignments:
        out["assignments"].append(
            {
                "id": rid,
                "unit": a.unit,
                "task": a.task,
                "deadline": as_date(a.deadline),
                "deadline_text": a.deadline,
                "start": a.start,
                "end": a.end,
                "text": a.text,
            }
        )
    for f in rec.flags:
        first = f.evidence[0] if f.evidence else None
        out["flags"].append(
            {
                "id": rid,
                "rule": f.rule,
                "severity": f.severity,
                "message": f.message,
                "evidence": first.text if first else None,
                "start": first.start if first else None,
                "end": first.end if first else None,
                "more_evidence": max(0, len(f.evidence) - 1),
            }
        )
    return out


def gather(records: Iterable[Record]) -> Rows:
    rows = Rows()
    for rec in records:
        rows.add(rec)
    return rows


def from_file(path: str | os.PathLike[str], on_bad: Callable[[int, str], None] | None = None) -> Rows:
    return gather(read_records(path, on_bad))


def frames(rows: Rows) -> Iterator[tuple[str, Any]]:
    """(table name, pandas DataFrame) of each table, its columns as in the rows (an empty
    table keeps its columns)."""
    import pandas as pd

    for name in TABLES:
        data = rows.tables[name]
        columns = list(COLUMNS[name])
        frame = pd.DataFrame(data, columns=columns)
        for column in columns:  # whole numbers stay whole where a value is missing
            values = [r[column] for r in data if r[column] is not None]
            if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
                frame[column] = pd.array([r[column] for r in data], dtype="Int64")
        yield name, frame

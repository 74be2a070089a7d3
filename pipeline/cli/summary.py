"""``vanban summary records.jsonl``: one line per record (status, type, number, date,
references, flags, errors), filters, and the totals."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from ..jsonl import RecordsFileError, read_records
from ..record import Record

STATUSES = ("SUCCESS", "PARTIAL", "FAILURE")
HEAD = (
    f"{'document':<38} {'status':<8} {'type':<5} {'number/symbol':<24} {'date':<10} {'refs':>4} "
    "flags | errors"
)


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    m = sub.add_parser("summary", help="a one-line-per-record table of a JSONL file of records")
    m.add_argument("records", help="JSONL file written by `vanban extract` (or its .part)")
    m.add_argument(
        "--status",
        action="append",
        choices=STATUSES,
        default=[],
        help="only records with this status (repeatable)",
    )
    m.add_argument(
        "--flag",
        action="append",
        default=[],
        metavar="RULE",
        help="only records with this flag rule (repeatable)",
    )
    m.set_defaults(func=run)


def _printable(text: str) -> str:
    """A name as a line of a table shows it: no line breaks or other controls."""
    return "".join(c if c.isprintable() else "?" for c in text)


def row(rec: Record) -> str:
    d = rec.document
    ns = f"{d.number or '…'}/{d.symbol}" if d.symbol else (d.number or "")
    rules = sorted({f.rule for f in rec.flags if f.severity != "info"})
    name = _printable(Path(rec.source.path).name)
    errors = "; ".join(f"{e.kind}: {e.message}" for e in rec.errors)
    errors = _printable(errors[:117] + "…" if len(errors) > 118 else errors)
    return (
        f"{name[:38]:<38} {rec.status.value:<8} {d.type or '-':<5} {ns[:24]:<24} {d.date or '-':<10} "
        f"{len(rec.references):>4} {', '.join(rules) or '-'}" + (f" | {errors}" if errors else "")
    )


def run(args: argparse.Namespace) -> int:
    counts: Counter[str] = Counter()
    flags: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    bad: list[str] = []
    print(HEAD)
    try:
        for rec in read_records(args.records, lambda n, why: bad.append(f"line {n}: {why}")):
            if args.status and rec.status.value not in args.status:
                continue
            if args.flag and not {f.rule for f in rec.flags} & set(args.flag):
                continue
            counts[rec.status.value] += 1
            flags.update(f.rule for f in rec.flags if f.severity != "info")
            kinds.update(e.kind for e in rec.errors)
            print(row(rec))
    except RecordsFileError as e:
        print(f"vanban: {e}", file=sys.stderr)
        return 2
    print(f"\n{sum(counts.values())} records: " + ", ".join(f"{counts[s]} {s}" for s in STATUSES))
    if flags:
        print("flags: " + ", ".join(f"{rule} {n}" for rule, n in flags.most_common()))
    if kinds:
        print("errors: " + ", ".join(f"{kind} {n}" for kind, n in kinds.most_common()))
    for line in bad:
        print(f"vanban: {args.records}, {line}: passed over", file=sys.stderr)
    return 0

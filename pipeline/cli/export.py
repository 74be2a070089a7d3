"""``vanban export records.jsonl --to out.xlsx | out.parquet | DIR``: tables for analysts."""

from __future__ import annotations

import argparse
import sys

from ..jsonl import RecordsFileError

NEEDS = "vanban export needs pandas, openpyxl and pyarrow: pip install 'vanban[tables]'"


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    x = sub.add_parser(
        "export",
        help="write the records as tables: Excel (.xlsx), Parquet (.parquet) or a folder of CSV",
        description="One table each for documents, references (and their mentions), awards, "
        "deadlines, targets, assignments, flags and errors, keyed by the record's id.",
    )
    x.add_argument("records", help="JSONL file written by `vanban extract`")
    x.add_argument("--to", required=True, metavar="OUT", help="out.xlsx, out.parquet (a folder) or a folder")
    x.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        import openpyxl  # noqa: F401
        import pandas  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:
        print(f"vanban: {NEEDS}", file=sys.stderr)
        return 2
    from ..export import frames, from_file, write

    bad: list[str] = []
    try:
        rows = from_file(args.records, lambda n, why: bad.append(f"line {n}: {why}"))
    except RecordsFileError as e:
        print(f"vanban: {e}", file=sys.stderr)
        return 2
    for line in bad:
        print(f"vanban: {args.records}, {line}: passed over", file=sys.stderr)
    try:
        written = write(frames(rows), args.to)
    except OSError as e:
        print(f"vanban: cannot write {args.to}: {e.strerror or e}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{name} {len(table):,}" for name, table in rows.tables.items())
    print(f"vanban: {args.to}: {counts}", file=sys.stderr)
    if len(written) > 1:
        print("  " + "\n  ".join(str(p) for p in written), file=sys.stderr)
    return 0

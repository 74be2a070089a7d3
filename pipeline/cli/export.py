"""``vanban export records.jsonl --to out.xlsx | out.parquet | DIR``: tables for analysts;
``vanban export records.jsonl --to opensearch DIR [--push URL]``: feeds for a search cluster."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from typing import Any

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
    x.add_argument(
        "--to",
        required=True,
        nargs="+",
        metavar="OUT",
        help="out.xlsx, out.parquet (a folder) or a folder of CSV; or `opensearch DIR`: bulk NDJSON files "
        "and an index template for OpenSearch/Elasticsearch",
    )
    x.add_argument("--push", metavar="URL", help="with --to opensearch: send them to this cluster's bulk API")
    x.add_argument("--index", default="vanban", help="with --to opensearch: the index name (default vanban)")
    x.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.to[0] == "opensearch":
        return run_opensearch(args)
    if len(args.to) != 1 or args.push:
        print(
            "vanban: --to takes one file or folder (or `opensearch DIR`); --push only with opensearch",
            file=sys.stderr,
        )
        return 2
    args.to = args.to[0]
    return run_tables(args)


def run_opensearch(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from ..search.opensearch import push, write_bulk

    if len(args.to) != 2:
        print("vanban: --to opensearch DIR: name the folder to write the bulk files in", file=sys.stderr)
        return 2
    out = Path(args.to[1])

    def records() -> Iterator[dict[str, Any]]:
        with open(args.records, "rb") as fh:
            for k, raw in enumerate(fh, 1):
                if not raw.strip():
                    continue
                try:
                    yield json.loads(raw)
                except ValueError:
                    print(f"vanban: {args.records}, line {k}: passed over (not a record)", file=sys.stderr)

    try:
        written = write_bulk(records(), out, args.index)
    except FileNotFoundError:
        print(f"vanban: {args.records} does not exist", file=sys.stderr)
        return 2
    print(
        f"vanban: {out}: {written.documents} documents in {len(written.files) - 2} bulk files, "
        "and the index templates",
        file=sys.stderr,
    )
    if not args.push:
        return 0
    try:
        import opensearchpy  # noqa: F401
    except ImportError:
        print("vanban: --push needs the OpenSearch client: pip install 'vanban[opensearch]'", file=sys.stderr)
        return 2
    from opensearchpy.exceptions import OpenSearchException

    try:
        pushed = push(records(), args.push, args.index)
    except OpenSearchException as e:
        print(f"vanban: {args.push}: {e}", file=sys.stderr)
        return 1
    print(
        f"vanban: {args.push}: {pushed.indexed} indexed, {len(pushed.failed)} failed ({pushed.folding})",
        file=sys.stderr,
    )
    for doc_id, why in pushed.failed[:20]:
        print(f"  {doc_id}: {why[:200]}", file=sys.stderr)
    return 1 if pushed.failed else 0


def run_tables(args: argparse.Namespace) -> int:
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

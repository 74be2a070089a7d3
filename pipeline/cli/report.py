"""``vanban report PATH... -o DIR``: the review site of the records (or of documents,
extracted first): index.html, a page per document, report.md, report.json, flags.xlsx."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..batch import EXIT_OK, EXIT_USAGE
from ..jsonl import RecordsFileError
from ..report import write_report
from ..report.site import MAX_ROWS
from .over_records import add_inputs, load_rules, open_sources, warn_bad_line


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    r = sub.add_parser(
        "report",
        help="write a review site of the findings: archive page, a page per document, Markdown, JSON, Excel",
        description="A self-contained static site (no network): open DIR/index.html in a browser.",
    )
    add_inputs(r)
    r.add_argument("-o", "--output", required=True, metavar="DIR", help="the folder to write the site into")
    r.add_argument(
        "--max-rows",
        type=int,
        default=MAX_ROWS,
        metavar="N",
        help="findings listed on the archive page and in report.md (default %(default)d; all in JSON/Excel)",
    )
    r.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    err = sys.stderr
    rules = load_rules(err)
    if rules is None:
        return EXIT_USAGE
    out = Path(args.output)
    if out.exists() and not out.is_dir():
        print(f"vanban: {out} exists and is not a folder", file=err)
        return EXIT_USAGE
    sources = open_sources(args, err)
    if sources is None:
        return EXIT_USAGE
    try:
        result = write_report(sources.files(), out, rules, on_bad=warn_bad_line(err), max_rows=args.max_rows)
    except RecordsFileError as e:
        print(f"vanban: {e}", file=err)
        return EXIT_USAGE
    finally:
        sources.cleanup()
    for note in result.notes:
        print(f"vanban: {note}", file=err)
    if not args.quiet:
        print(
            f"vanban report: {result.documents} documents, {result.findings} findings → {out / 'index.html'} "
            f"({result.pages} document pages; report.md, report.json"
            + (", flags.xlsx" if (out / "flags.xlsx").exists() else "")
            + ")",
            file=err,
        )
    return EXIT_OK

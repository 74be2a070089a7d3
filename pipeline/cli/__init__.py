"""The ``vanban`` command.

vanban extract PATH... -o records.jsonl   every input on every core, resumable (folders recursively)
vanban extract FILE --pretty               one readable record
vanban summary records.jsonl               one line per record, with filters
vanban export records.jsonl --to OUT       tables: out.xlsx, out.parquet (a folder) or a CSV folder
vanban bench PATH...                       speed against bare text, on 1 and N workers
vanban schema [-o FILE]                    the JSON Schema of the record
vanban rules                               the flag catalogue: ids, severities, legal bases
vanban check PATH...                       the catalogue over records or documents, across the archive too
vanban report PATH... -o DIR               a review site: archive page, a page per document, MD/JSON/Excel
vanban index PATH... [-o archive.db]       the search index (SQLite + tantivy), incremental; --prune
vanban search "…" [--db archive.db]        ranked hits with snippets and facets, with or without diacritics
vanban serve [archive.db]                  the index in a browser, on 127.0.0.1
vanban export records.jsonl --to opensearch DIR [--push URL]   feeds for a search cluster

Exit status: 0 when every input got a SUCCESS or PARTIAL record, 1 when some
documents failed (the batch still completed), 2 for a usage error, 130 when
interrupted (the records written so far are kept: --resume goes on).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .. import __version__
from ..schema import record_schema
from . import bench, check, export, extract, report, search, summary


def cmd_schema(args: argparse.Namespace) -> int:
    text = json.dumps(record_schema(), ensure_ascii=False, indent=2) + "\n"
    if args.output in (None, "-"):
        sys.stdout.write(text)
    else:
        dest = Path(args.output)
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(dest.name + ".part")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(dest)  # a reader never sees half a file
    return 0


def cmd_rules(args: argparse.Namespace) -> int:
    """The flag catalogue: id, severity, whether the contract fixes it, whether it is checked on
    each document or across an archive, what OCR text does to it, and the legal basis."""
    from ..rules import CORE_RULES, RulesError, default_rules

    try:
        rules = default_rules()
    except RulesError as e:
        print(f"vanban: the rule tables cannot be loaded: {e}", file=sys.stderr)
        return 2
    for r in rules.flags.rule:
        kind = "core" if r.id in CORE_RULES else "more"
        print(f"{r.id:<32} {r.severity:<8} {kind:<5} {r.scope:<9} ocr:{r.on_ocr:<9} {r.basis}")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="vanban", description="Vietnamese official documents → checked JSON records."
    )
    p.add_argument("--version", action="version", version=f"vanban {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    extract.add_parser(sub)
    summary.add_parser(sub)
    export.add_parser(sub)
    bench.add_parser(sub)
    check.add_parser(sub)
    report.add_parser(sub)
    search.add_parsers(sub)
    r = sub.add_parser("rules", help="list the flag catalogue: ids, severities, legal bases")
    r.set_defaults(func=cmd_rules)
    s = sub.add_parser("schema", help="print the JSON Schema of the record")
    s.add_argument("-o", "--output", help="file to write (default: standard output)")
    s.set_defaults(func=cmd_schema)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except BrokenPipeError:  # `vanban extract … | head`
        return 0
    except KeyboardInterrupt:  # Ctrl-C outside a batch (a batch handles its own)
        print("\nvanban: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

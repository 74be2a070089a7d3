"""The ``vanban`` command.

vanban extract PATH... -o records.jsonl   one JSON record per line, folders recursively
vanban extract FILE --pretty               one readable record
vanban schema [-o FILE]                    the JSON Schema of the record
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from . import __version__
from .api import extract, iter_inputs
from .progress import Progress
from .record import Record
from .rules import RulesError, default_rules
from .schema import record_schema


def _summary(counts: Counter[str], unsupported: int, n: int, seconds: float, out: str) -> str:
    parts = [f"{counts.get(s, 0)} {s}" for s in ("SUCCESS", "PARTIAL", "FAILURE")]
    extra = f" ({unsupported} in formats not read yet)" if unsupported else ""
    rate = f", {n / seconds:.1f} files/s" if seconds > 0 and n else ""
    return f"vanban: {n} files → {out}: {', '.join(parts)}{extra} in {seconds:.1f} s{rate}"


@contextlib.contextmanager
def _output(path: str | None) -> Iterator[TextIO]:
    if path in (None, "-"):
        yield sys.stdout
        return
    dest = Path(path)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    with tmp.open("w", encoding="utf-8") as fh:
        yield fh
    tmp.replace(dest)  # a reader never sees half a file


def cmd_extract(args: argparse.Namespace) -> int:
    try:
        rules = default_rules()
    except RulesError as e:
        print(f"vanban: {e}", file=sys.stderr)
        return 2
    files = list(iter_inputs(args.paths))
    if args.pretty and len(files) != 1:
        print("vanban: --pretty prints one record: give one file", file=sys.stderr)
        return 2
    counts: Counter[str] = Counter()
    unsupported = 0
    started = time.perf_counter()
    progress = Progress(len(files), enabled=not args.quiet and len(files) > 1)
    with _output(args.output) as out:
        for path in files:
            rec: Record = extract(path, rules=rules)
            counts[rec.status.value] += 1
            unsupported += any(e.kind == "unsupported_format" for e in rec.errors)
            if args.pretty:
                out.write(json.dumps(rec.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n")
            else:
                out.write(rec.model_dump_json() + "\n")
            progress.step(path.name)
    progress.close()
    if not args.quiet:
        print(
            _summary(counts, unsupported, len(files), time.perf_counter() - started, args.output or "stdout"),
            file=sys.stderr,
        )
    return 0


def _row(rec: Record) -> str:
    d = rec.document
    ns = f"{d.number or '…'}/{d.symbol}" if d.symbol else (d.number or "")
    rules = sorted({f.rule for f in rec.flags if f.severity != "info"})
    name = Path(rec.source.path).name
    return (
        f"{name[:38]:<38} {rec.status.value:<8} {d.type or '-':<5} {ns[:24]:<24} {d.date or '-':<10} "
        f"{len(rec.references):>4} {', '.join(rules) or '-'}"
    )


def cmd_summary(args: argparse.Namespace) -> int:
    counts: Counter[str] = Counter()
    flags: Counter[str] = Counter()
    print(f"{'document':<38} {'status':<8} {'type':<5} {'number/symbol':<24} {'date':<10} {'refs':>4} flags")
    with open(args.records, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = Record.model_validate_json(line)
                counts[rec.status.value] += 1
                flags.update(f.rule for f in rec.flags if f.severity != "info")
                print(_row(rec))
    print(
        f"\n{sum(counts.values())} records: "
        + ", ".join(f"{counts.get(s, 0)} {s}" for s in ("SUCCESS", "PARTIAL", "FAILURE"))
    )
    if flags:
        print("flags: " + ", ".join(f"{rule} {n}" for rule, n in flags.most_common()))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    with _output(args.output) as out:
        out.write(json.dumps(record_schema(), ensure_ascii=False, indent=2) + "\n")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="vanban", description="Vietnamese official documents → checked JSON records."
    )
    p.add_argument("--version", action="version", version=f"vanban {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    e = sub.add_parser("extract", help="extract records from documents (files or folders)")
    e.add_argument("paths", nargs="+", help="files, or folders read recursively")
    e.add_argument("-o", "--output", help="JSONL file to write (default: standard output)")
    e.add_argument("--pretty", action="store_true", help="print one indented record (one file only)")
    e.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    e.set_defaults(func=cmd_extract)
    m = sub.add_parser("summary", help="a one-line-per-record table of a JSONL file of records")
    m.add_argument("records", help="JSONL file written by `vanban extract`")
    m.set_defaults(func=cmd_summary)
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


if __name__ == "__main__":
    sys.exit(main())

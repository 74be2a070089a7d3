"""``vanban extract PATH... -o records.jsonl``: every input, on every core, resumable.

Without ``-o`` (or with ``-o -``) the records go to standard output, read one after
another in this process (for a file or a pipe); ``--pretty`` prints one readable
record.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter

from ..api import extract_many
from ..batch import EXIT_FAILED, EXIT_OK, EXIT_USAGE, BatchOptions, run_batch
from ..ingest import Limits, ReadOptions
from ..ingest.fusion import ENGINES
from ..ingest.ocr import OcrOptions
from ..rules import RulesError, default_rules
from . import units

DEFAULTS = BatchOptions()
LIMITS = Limits()
# (option, field of Limits, how it is read, metavar, help): each document's limits; 0 turns one off
LIMIT_OPTIONS = (
    ("--max-file-size", "file_bytes", units.size, "SIZE", "default 256M"),
    (
        "--max-unzipped-size",
        "part_bytes",
        units.size,
        "SIZE",
        "one DOCX/ODT member inflated (default 128M; 4× all)",
    ),
    ("--max-pages", "pages", units.count, "N", "pages read of a PDF or TIFF (default 1000)"),
    (
        "--max-page-pixels",
        "page_pixels",
        units.count,
        "N",
        "a page's pixels at the OCR resolution (default 40M)",
    ),
    ("--max-chars", "chars", units.count, "N", "characters of text kept in a record (default 2M)"),
)


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    e = sub.add_parser(
        "extract",
        help="extract records from documents (files or folders)",
        description="One JSON record per input, on every core; resumable; nothing lost.",
    )
    e.add_argument("paths", nargs="+", help="files, or folders read recursively")
    e.add_argument("-o", "--output", help="JSONL file to write (default: standard output, one process)")
    e.add_argument("--pretty", action="store_true", help="print one indented record (one file only)")
    e.add_argument("-q", "--quiet", action="store_true", help="no progress and no summary")
    how = e.add_argument_group("running")
    how.add_argument("--workers", type=units.workers, help="worker processes (default: every core)")
    how.add_argument(
        "--resume",
        action="store_true",
        help="go on with OUTPUT (or OUTPUT.part): skip "
        "inputs recorded with the same bytes, redo changed ones",
    )
    how.add_argument("--retry-failed", action="store_true", help="with --resume, read FAILURE records again")
    how.add_argument(
        "--timeout",
        type=units.seconds,
        default=DEFAULTS.timeout,
        metavar="SECONDS",
        help="a document's time limit (default %(default).0f; 0: none)",
    )
    how.add_argument(
        "--max-memory",
        type=units.size,
        default=DEFAULTS.max_memory,
        metavar="SIZE",
        help="memory a worker may allocate (default 1G; 0: no cap)",
    )
    how.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local worker processes, or a Dask cluster (default local)",
    )
    how.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="a Dask scheduler (tcp://HOST:8786); without it a local cluster",
    )
    how.add_argument(
        "--batch-size",
        type=units.workers,
        default=DEFAULTS.batch_size,
        metavar="N",
        help="documents per Dask task (default %(default)d)",
    )
    pick = e.add_argument_group("inputs")
    pick.add_argument(
        "--include",
        action="append",
        default=[],
        metavar="GLOB",
        help="read only files matching GLOB (repeatable; data files too then)",
    )
    pick.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="leave out files matching GLOB (repeatable)",
    )
    ocr = e.add_argument_group("OCR of scans")
    ocr.add_argument(
        "--ocr-engine",
        choices=ENGINES,
        default=OcrOptions().engine,
        help=f"tesseract; neural (needs 'vanban[neural]'); fusion, the neural engine on the header and "
        f"Tesseract below it (default {OcrOptions().engine}: README)",
    )
    ocr.add_argument("--no-ocr", action="store_true", help="read no page by OCR (a scan is then reported)")
    lim = e.add_argument_group("limits per document (over one: a FAILURE or PARTIAL record says which)")
    for option, field, parse, metavar, help_text in LIMIT_OPTIONS:
        default = getattr(LIMITS, field)
        lim.add_argument(option, type=parse, default=default, metavar=metavar, help=help_text)
    e.set_defaults(func=run)


NO_LIMIT = 2**62


def read_options(args: argparse.Namespace) -> ReadOptions:
    given = {field: getattr(args, option[2:].replace("-", "_")) for option, field, *_ in LIMIT_OPTIONS}
    limits = Limits(**{field: value or NO_LIMIT for field, value in given.items()})
    engine = getattr(args, "ocr_engine", OcrOptions().engine)
    return ReadOptions(
        limits=limits, ocr=OcrOptions(enabled=not getattr(args, "no_ocr", False), engine=engine)
    )


def run(args: argparse.Namespace) -> int:
    try:
        default_rules()  # one clear message at start-up rather than a FAILURE per document
    except RulesError as e:
        print(f"vanban: the rule tables cannot be loaded: {e}", file=sys.stderr)
        return EXIT_USAGE
    if args.output in (None, "-"):
        return _to_stdout(args)
    if args.pretty:
        print("vanban: --pretty prints one record to standard output: leave out -o", file=sys.stderr)
        return EXIT_USAGE
    options = BatchOptions(
        workers=args.workers,
        timeout=args.timeout,
        max_memory=args.max_memory,
        read=read_options(args),
        resume=args.resume,
        retry_failed=args.retry_failed,
        include=tuple(args.include),
        exclude=tuple(args.exclude),
        engine=args.engine,
        scheduler=args.scheduler,
        batch_size=args.batch_size,
        progress=not args.quiet,
    )
    return run_batch(args.paths, args.output, options).exit_status


def _to_stdout(args: argparse.Namespace) -> int:
    """Records to standard output, in this process (a pipe, or one readable record)."""
    from ..inputs import Walk

    walk = Walk(args.paths, include=args.include, exclude=args.exclude)
    if args.pretty and sum(1 for _ in walk) != 1:
        print("vanban: --pretty prints one record: give one file", file=sys.stderr)
        return EXIT_USAGE
    counts: Counter[str] = Counter()
    options = read_options(args)
    for record in extract_many(args.paths, options=options, include=args.include, exclude=args.exclude):
        counts[record.status.value] += 1
        if args.pretty:
            sys.stdout.write(json.dumps(record.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n")
        else:
            sys.stdout.write(record.model_dump_json() + "\n")
        sys.stdout.flush()
    if not args.quiet and not args.pretty:
        summary = ", ".join(f"{counts[s]} {s}" for s in ("SUCCESS", "PARTIAL", "FAILURE"))
        print(f"vanban: {sum(counts.values())} records to standard output: {summary}", file=sys.stderr)
    return EXIT_FAILED if counts["FAILURE"] else EXIT_OK

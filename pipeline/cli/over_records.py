"""What the commands over records share (``vanban check``, ``vanban report``): their inputs
— records files as they are, documents and folders extracted first — and the options of
that extraction."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from ..batch import BatchOptions
from ..batch.sources import Sources
from ..rules import Rules, RulesError, default_rules
from . import units


def add_inputs(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths",
        nargs="+",
        help="records files (JSONL from `vanban extract`: not extracted again), or documents and folders",
    )
    p.add_argument(
        "--records",
        metavar="FILE",
        help="keep the records of the documents extracted here (resumable); default: a temporary file",
    )
    p.add_argument(
        "--workers", type=units.workers, help="worker processes for extraction (default: every core)"
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress and no summary")


def load_rules(err: TextIO = sys.stderr) -> Rules | None:
    """The rule tables, or None (said on ``err``) when they cannot be loaded."""
    try:
        return default_rules()
    except RulesError as e:
        print(f"vanban: the rule tables cannot be loaded: {e}", file=err)
        return None


def open_sources(args: argparse.Namespace, err: TextIO = sys.stderr) -> Sources | None:
    """The inputs, the documents among them extracted; None (said on ``err``) when a path
    does not exist."""
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        print(f"vanban: no such file or folder: {', '.join(missing)}", file=err)
        return None
    sources = Sources.of(args.paths)
    records = Path(args.records) if args.records else None
    options = BatchOptions(workers=args.workers, resume=records is not None, progress=not args.quiet)
    sources.extract(records, options, err)
    return sources


def warn_bad_line(err: TextIO) -> Callable[[Path, int, str], None]:
    """Say on ``err`` which line of which records file was passed over, and why."""

    def on_bad(path: Path, n: int, why: str) -> None:
        print(f"vanban: {path}:{n}: passed over: {why}", file=err)

    return on_bad

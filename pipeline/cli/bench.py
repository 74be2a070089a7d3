"""``vanban bench PATH...``: speed against a bare-text baseline, and on 1 and N workers."""

from __future__ import annotations

import argparse

from . import units


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    b = sub.add_parser(
        "bench",
        help="measure speed: whole record against bare text extraction, 1 against N workers",
        description="Documents and pages per second of the whole pipeline and of bare text "
        "extraction on the same files, in one run; the batch on 1 and on N workers.",
    )
    b.add_argument("paths", nargs="+", help="files, or folders read recursively")
    b.add_argument("--workers", type=units.workers, help="N (default: every core)")
    b.add_argument("--rounds", type=units.workers, default=3, help="rounds of the one-process figures")
    b.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..batch.bench import report
    from ..batch.local import default_workers

    report(args.paths, args.workers or default_workers(), args.rounds)
    return 0

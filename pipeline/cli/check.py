"""``vanban check PATH...``: every rule of the catalogue over the records, one document and
the whole archive; findings printed as they come (``--json``: one JSON object a line).

Exit status: 0 when nothing of severity ``error`` (or of ``--fail-on``) fired, 1 when
something did, 2 for a usage error (a path that does not exist, a records file that cannot
be read).
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from ..audit import Audit, AuditSummary, Finding
from ..audit.model import SEVERITY_RANK
from ..batch import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from ..jsonl import RecordsFileError
from .over_records import add_inputs, load_rules, open_sources, warn_bad_line

EVIDENCE_WIDTH = 100


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    c = sub.add_parser(
        "check",
        help="check records (or documents) against the rule catalogue, across the archive too",
        description="Every rule over each document and across the archive; exit 1 when an error fires.",
    )
    add_inputs(c)
    c.add_argument("--json", action="store_true", help="one finding a line as JSON (JSON Lines)")
    c.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        default="error",
        help="the least severity that makes the exit status 1 (default error)",
    )
    c.add_argument("-o", "--output", help="write the findings here instead of standard output")
    c.set_defaults(func=run)


def one_line(s: str) -> str:
    s = " ".join(s.split())
    return s if len(s) <= EVIDENCE_WIDTH else s[: EVIDENCE_WIDTH - 1] + "…"


def show(f: Finding, out: TextIO) -> None:
    out.write(f"{f.severity:<7} {f.rule}: {f.message}\n")
    for d in f.documents:
        out.write(f"        {d.path}\n")
        for e in d.evidence:
            out.write(f"          [{e.start}:{e.end}] “{one_line(e.text)}”\n")


def print_summary(s: AuditSummary, err: TextIO) -> None:
    rules = sorted({r for r, _ in s.statuses})
    print(f"vanban check: {s.documents} documents", file=err)
    print(f"  {'rule':<32} {'fail':>6} {'not_eval':>8} {'pass':>6}", file=err)
    for r in rules:
        fail, ne, ok = (s.statuses[(r, k)] for k in ("fail", "not_evaluated", "pass"))
        if fail or ne:
            print(f"  {r:<32} {fail:>6} {ne:>8} {ok:>6}", file=err)
    by_sev = {sev: sum(n for (_, v), n in s.findings.items() if v == sev) for sev in SEVERITY_RANK}
    print("  findings: " + ", ".join(f"{n} {sev}" for sev, n in by_sev.items()), file=err)


def run(args: argparse.Namespace) -> int:
    err = sys.stderr
    rules = load_rules(err)
    if rules is None:
        return EXIT_USAGE
    sources = open_sources(args, err)
    if sources is None:
        return EXIT_USAGE
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    bar = SEVERITY_RANK[args.fail_on]
    failed = False
    try:
        with Audit(rules) as audit:
            for record in sources.records(warn_bad_line(err)):
                for f in audit.add(record):
                    failed |= SEVERITY_RANK[f.severity] >= bar
                    _emit(f, out, args.json)
            for f in audit.across():
                failed |= SEVERITY_RANK[f.severity] >= bar
                _emit(f, out, args.json)
            if not args.quiet:
                print_summary(audit.summary, err)
    except RecordsFileError as e:
        print(f"vanban: {e}", file=err)
        return EXIT_USAGE
    finally:
        if out is not sys.stdout:
            out.close()
        sources.cleanup()
    return EXIT_FAILED if failed else EXIT_OK


def _emit(f: Finding, out: TextIO, as_json: bool) -> None:
    if as_json:
        out.write(f.model_dump_json() + "\n")
    else:
        show(f, out)

"""Killed twice, resumed: does the archive end with every document recorded once, and
the same records as a run that was never stopped?

    python scripts/kill_resume.py [--documents 10000] [--workers N] [--keep DIR]

Generates the archive (tests/archive.py: the project's documents varied, as TXT, DOCX
and PDF, with identical copies), runs `vanban extract` once to the end, then again
killed with SIGKILL at 30 % and at 65 % of its records and resumed each time with
--resume; compares the two files byte for byte.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.archive import make  # noqa: E402


def lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def run(cmd: list[str], part: Path, kill_at: int | None) -> tuple[int, float, int]:
    """(exit status, seconds, lines in the partial file when it ended)."""
    started = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while proc.poll() is None:
        if kill_at is not None and lines(part) >= kill_at:
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.05)
    proc.wait()
    return proc.returncode, time.monotonic() - started, lines(part)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--documents", type=int, default=10_000)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--keep", type=Path, help="a folder for the archive and the records (kept)")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="vanban-kill-"))
    archive = work / "archive"
    if not archive.exists():
        started = time.monotonic()
        make(archive, args.documents, seed=2026)
        print(f"{args.documents:,} documents generated in {time.monotonic() - started:.0f} s under {archive}")
    vanban = [sys.executable, "-m", "pipeline", "extract", str(archive), "--workers", str(args.workers), "-q"]

    full = work / "uninterrupted.jsonl"
    full.unlink(missing_ok=True)
    status, seconds, _ = run([*vanban, "-o", str(full)], Path("/nonexistent"), None)
    print(f"uninterrupted: exit {status}, {seconds:.1f} s, {lines(full):,} records")

    out = work / "killed.jsonl"
    part = out.with_name(out.name + ".part")
    out.unlink(missing_ok=True)
    part.unlink(missing_ok=True)
    n = args.documents
    for k, (resume, kill_at) in enumerate(((False, int(n * 0.30)), (True, int(n * 0.65)), (True, None)), 1):
        cmd = [*vanban, "-o", str(out), *(["--resume"] if resume else [])]
        status, seconds, at = run(cmd, part, kill_at)
        how = f"killed (SIGKILL) with {at:,} records in the partial file" if kill_at else f"exit {status}"
        print(f"run {k}{' --resume' if resume else ''}: {how}, {seconds:.1f} s")
    recs = [json.loads(x) for x in out.read_bytes().splitlines()]
    paths = [r["source"]["path"] for r in recs]
    same = out.read_bytes() == full.read_bytes()
    verdict = "identical to" if same else "DIFFERENT from"
    print(
        f"result: {len(recs):,} records, {len(set(paths)):,} distinct paths, {verdict} the "
        f"uninterrupted run; partial file left: {part.exists()}"
    )
    sys.exit(0 if same and len(recs) == n and len(set(paths)) == n and not part.exists() else 1)


if __name__ == "__main__":
    main()

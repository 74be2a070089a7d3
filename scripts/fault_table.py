"""The fault table of the README: each hostile input run alone through `vanban extract`
(the default limits), then all of them in one batch, with the record's status and
message, the seconds, and the peak memory of the whole run (the command and every
process it started, summed, sampled every 20 ms from /proc).

    python scripts/fault_table.py [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.api import path_fields  # noqa: E402
from tests import faults  # noqa: E402

SAMPLE = 0.02


def tree_rss(root: int) -> int:
    """Resident bytes of a process and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            status = Path(f"/proc/{entry}/statm").read_text().split()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = int(status[1]) * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


def measured(cmd: list[str]) -> tuple[float, int, int]:
    """(seconds, peak bytes of the whole process tree, exit status)."""
    started = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        time.sleep(SAMPLE)
    return time.monotonic() - started, peak, proc.returncode


def message(record: dict) -> str:
    errors = record["errors"]
    if not errors:
        return "—"
    text = f"`{errors[0]['kind']}`: {errors[0]['message']}"
    return text if len(text) < 150 else text[:147] + "…"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    vanban = [sys.executable, "-m", "pipeline", "extract", "-q", "--workers", str(args.workers)]
    with tempfile.TemporaryDirectory(prefix="vanban-faults-") as tmp:
        folder = Path(tmp) / "in"
        built = faults.build(folder)
        for path in faults.odd_names(folder):
            built[path_fields(path.name)[0].replace("\n", "\\n")] = path  # as the record shows it
        for sub, name, target in (("out", "outside_link.txt", Path("/etc/passwd")), ("loop", "loop", None)):
            (folder / sub).mkdir()
            (folder / sub / name).symlink_to(target or folder / sub)
            built[
                f"{sub}/{name}: a symbolic link {'out of the folder' if target else 'to its own folder'}"
            ] = folder / sub  # a link is walked, not named: the folder holding it is the input
        out = Path(tmp) / "one.jsonl"
        print("| input | status | message | seconds | peak memory |")
        print("|---|---|---|---|---|")
        for name, path in built.items():
            out.unlink(missing_ok=True)
            secs, peak, _ = measured([*vanban, str(path), "-o", str(out)])
            record = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
            size = path.lstat().st_size if path.is_file() else 0
            what = f"{name} ({size / 1e6:.1f} MB)" if size > 1e6 else name
            print(f"| {what} | {record['status']} | {message(record)} | {secs:.1f} | {peak / 1e6:.0f} MB |")
        out.unlink(missing_ok=True)
        secs, peak, status = measured([*vanban, str(folder), "-o", str(out)])
        n = len(out.read_text(encoding="utf-8").splitlines())
        print(
            f"\nAll {n} inputs in one batch ({args.workers} workers): exit status {status}, "
            f"{secs:.1f} s, peak memory of the whole run {peak / 1e6:.0f} MB"
        )


if __name__ == "__main__":
    main()

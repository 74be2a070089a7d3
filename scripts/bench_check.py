"""``vanban check`` over large synthetic archives: time and peak memory for N and 10×N records,
to show the checks stream (memory does not grow with the archive).

The records are the project's own (corpus/seeds and corpus/fixtures, extracted once),
copied with new ids, paths and numbers; one in fifty cites a plan with a date of its own, so
the checks across documents have conflicts to find. Each size runs in a fresh process.

    python scripts/bench_check.py [N]      # default 10000: runs N and 10×N
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def make_records(n: int, dest: Path) -> None:
    from pipeline import extract_many

    base = [
        json.loads(r.model_dump_json())
        for r in extract_many([ROOT / "corpus" / "seeds", ROOT / "corpus" / "fixtures"])
    ]
    with dest.open("w", encoding="utf-8") as fh:
        for i in range(n):
            r = json.loads(json.dumps(base[i % len(base)]))
            r["id"] = f"vb-{i:016x}"
            r["source"]["path"] = f"archive/{i // 1000:03d}/{i:07d}.txt"
            if r["document"]["number"]:
                r["document"]["number"] = str(1000 + i)
            if i % 50 == 0:
                for ref in r["references"]:
                    for m in ref["mentions"]:
                        if m["date"] and len(m["date"]) == 10:
                            m["date"] = m["date"][:8] + "28"
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def measure(records: Path) -> tuple[float, float, int]:
    """(seconds, peak MB, findings) of `vanban check` in a child process."""
    code = (
        "import resource, sys, time\n"
        "from pipeline.audit import check\n"
        "from pipeline.jsonl import read_records\n"
        "t = time.perf_counter()\n"
        f"n = sum(1 for _ in check(read_records({str(records)!r})))\n"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, n)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]), float(out[1]), int(out[2])


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    rows = []
    with tempfile.TemporaryDirectory(prefix="vanban-bench-check-") as tmp:
        for size in (n, 10 * n):
            f = Path(tmp) / f"records-{size}.jsonl"
            make_records(size, f)
            seconds, peak, findings = measure(f)
            rows.append((size, f.stat().st_size / 2**20, seconds, peak, findings))
    print(f"{'records':>9} {'file MB':>8} {'seconds':>8} {'records/s':>10} {'peak MB':>8} {'findings':>9}")
    for size, mb, s, peak, found in rows:
        print(f"{size:>9} {mb:>8.0f} {s:>8.1f} {size / s:>10.0f} {peak:>8.0f} {found:>9}")
    pa, pb = rows[0][3], rows[1][3]
    print(f"10× the records: {rows[1][2] / rows[0][2]:.1f}× the time, {pb / pa:.2f}× the peak memory")
    return 0


if __name__ == "__main__":
    sys.exit(main())

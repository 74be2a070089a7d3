"""Throughput of extraction, as ratios against baselines measured in the same run.

    python scripts/bench.py [FOLDER ...]      (default: corpus/ and ../shared/corpus TXT files)

Baselines: reading and decoding the files (the floor any pipeline pays), and
normalization alone. Each figure is the best of several rounds.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from pipeline import extract_text
from pipeline.normalize import normalize
from pipeline.rules import default_rules

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 5


def best(fn: Callable[[], object]) -> float:
    times = []
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main(folders: list[str]) -> None:
    dirs = [Path(f) for f in folders] or [ROOT / "corpus", ROOT.parent / "shared" / "corpus"]
    files = sorted(p for d in dirs if d.exists() for p in d.rglob("*.txt") if p.parent.name != "gold")
    texts = [p.read_bytes().decode("utf-8", errors="replace") for p in files]
    chars = sum(len(t) for t in texts)
    rules = default_rules()
    extract_text(texts[0], rules=rules)  # load and compile the rule tables once

    read = best(lambda: [p.read_bytes().decode("utf-8", errors="replace") for p in files])
    norm = best(lambda: [normalize(t) for t in texts])
    full = best(lambda: [extract_text(t, rules=rules) for t in texts])
    print(f"{len(files)} documents, {chars / 1e6:.2f} M characters, best of {ROUNDS} rounds")
    print(f"{'stage':<24}{'seconds':>10}{'docs/s':>10}{'MB/s':>8}{'× read':>10}")
    for name, secs in (("read + decode", read), ("normalize", norm), ("extract (whole record)", full)):
        print(
            f"{name:<24}{secs:>10.3f}{len(files) / secs:>10.0f}{chars / 1e6 / secs:>8.2f}{secs / read:>10.1f}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])

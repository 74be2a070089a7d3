"""Generate a synthetic archive of N documents for scale tests and benchmarks.

    python scripts/make_archive.py OUT N [--seed 1] [--txt-only]

The documents are the project's own (seeds, forms) with number, date and
province varied, as TXT, DOCX and text-layer PDF (tests/archive.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.archive import make  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--txt-only", action="store_true", help="only TXT (the text pipeline's benchmark)")
    args = ap.parse_args()
    files = make(args.out, args.n, args.seed, args.txt_only)
    print(f"{len(files)} documents under {args.out}")


if __name__ == "__main__":
    main()

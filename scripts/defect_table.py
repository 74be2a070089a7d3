"""The defect-injection suite's per-rule table (``make defects``): clean documents given one
known defect each, as TXT, DOCX and PDF, checked; precision and recall of every rule, and
the rules that fire on the clean originals (none should)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.defects import FORMATS, NOT_INJECTED, run  # noqa: E402
from tests.render import soffice  # noqa: E402


def main() -> int:
    formats = FORMATS if soffice() else tuple(f for f in FORMATS if f != "pdf")
    with tempfile.TemporaryDirectory(prefix="vanban-defects-") as tmp:
        tally, on_clean = run(Path(tmp), formats)
    print(f"formats: {', '.join(formats)}")
    print(tally.table())
    for rule, why in NOT_INJECTED.items():
        print(f"{rule:<34} not injected: {why}")
    dirty = {k: v for k, v in on_clean.items() if v}
    print("clean originals: " + ("no rule fires" if not dirty else f"rules fire: {dirty}"))
    for m in tally.misses:
        print("  " + m)
    bad = [r for r in tally.rules() if tally.precision(r) < 0.95 or tally.recall(r) < 0.95]
    return 1 if bad or dirty else 0


if __name__ == "__main__":
    sys.exit(main())

"""Write the golden records of the project's own documents (run on purpose: `make golden`).

The golden test never writes them: a missing golden file fails the test. Review
`git diff tests/golden` before committing what this script rewrote.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.test_golden import DOCUMENTS, GOLDEN, comparable  # noqa: E402


def main() -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for doc in DOCUMENTS:
        out = GOLDEN / f"{doc.stem}.json"
        out.write_text(json.dumps(comparable(doc), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

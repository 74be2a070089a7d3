"""Build the word-pair lexicon OCR text is checked against (run on purpose:
`python scripts/build_ocr_lexicon.py`; writes pipeline/rules/tables/ocr_pairs.tsv).

The pairs are counted in clean Vietnamese administrative text that nothing is
scored on: the heads of the 400 gazette texts (``../shared/corpus/metadata/
congbao_400.jsonl``) and the project's own forms (``corpus/forms/``, the sources of
the g0* fixtures, which have no gold). The seeds, the fixtures with gold and the
real documents of ../shared/corpus are left out on purpose: they are what the
extraction is scored on, and several are the same documents as the scans OCR is
measured on. Every file is read as UTF-8 (a legacy-encoded file has no place here).
A pair is kept when it occurs at least MIN_COUNT times and both words are Vietnamese
syllables; pairs are kept in lower case (OCR output is compared in lower case). The
same inputs give the same file.
"""

from __future__ import annotations

import collections
import itertools
import json
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.ingest.quality import SYLLABLE, WORD  # noqa: E402

SHARED = ROOT.parent / "shared"
OUT = ROOT / "pipeline" / "rules" / "tables" / "ocr_pairs.tsv"
MIN_COUNT = 2


def texts() -> list[str]:
    out = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "forms").glob("*.form"))]
    gazette = SHARED / "corpus" / "metadata" / "congbao_400.jsonl"
    if not gazette.exists():
        sys.exit(f"{gazette} is absent: the lexicon is built from it (and corpus/forms)")
    out += [json.loads(line).get("text_head", "") for line in gazette.open(encoding="utf-8")]
    return out


def main() -> None:
    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    for text in texts():
        words = [w.lower() for w in WORD.findall(unicodedata.normalize("NFC", text))]
        for a, b in itertools.pairwise(words):
            if SYLLABLE.match(a) and SYLLABLE.match(b):
                counts[(a, b)] += 1
    kept = sorted((p for p, n in counts.items() if n >= MIN_COUNT), key=lambda p: (-counts[p], p))
    with OUT.open("w", encoding="utf-8") as f:
        f.write(
            f"# word pairs of clean administrative text, {len(kept)} kept (count >= {MIN_COUNT}); "
            "built by scripts/build_ocr_lexicon.py\n"
        )
        for a, b in kept:
            f.write(f"{a} {b}\t{counts[(a, b)]}\n")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(kept)} pairs")


if __name__ == "__main__":
    main()

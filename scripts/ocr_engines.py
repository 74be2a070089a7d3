"""The OCR engines compared on every scan with gold: F1 and seconds per page.

    python scripts/ocr_engines.py [--engines tesseract,neural,fusion] [--gold DIR ...]

Every scanned document (a page OCR must read) of ../shared/corpus that has gold in
../shared/corpus/gold is read with each engine from an empty OCR cache, one
document after another, its pages in parallel (as ``vanban extract`` reads them);
the records are scored with ../shared/eval/score.py. Printed: per engine, the
scans' overall F1, the header fields' F1 (group ``document``), the signer's, and the
seconds per OCR'd page. An engine that is not installed is reported, not run.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pipeline import extract
from pipeline.ingest import Reader, ReadOptions
from pipeline.ingest.ocr import OcrOptions, Tesseract

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def scans(corpus: Path, gold: Path) -> list[Path]:
    """The corpus files with gold whose reading needs OCR (read once without it to see)."""
    out = []
    for g in sorted(gold.glob("*.json")):
        name = g.name[: -len(".json")]
        found = [p for p in corpus.rglob(name) if "gold" not in p.parts]
        if not found or found[0].suffix.lower() not in (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"):
            continue
        r = extract(found[0], options=ReadOptions(ocr=OcrOptions(enabled=False)))
        if r.status.value == "FAILURE" or any(e.kind == "no_text_layer" for e in r.errors):
            out.append(found[0])
    return out


def score(records: Path, gold: Path) -> dict:
    done = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(gold), "--pred", str(records),
         "--only-with-records", "--json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(done.stdout)


# The rows of the table: (label, engine, second reading of scanned headers by the neural engine).
ROWS = {
    "tesseract": ("tesseract", True),  # the default: Tesseract, the neural engine on unread headers
    "tesseract-alone": ("tesseract", False),
    "neural": ("neural", False),
    "fusion": ("fusion", False),
}


def run(row: str, files: list[Path], gold: Path) -> tuple[dict, float, int] | str:
    engine, second = ROWS[row]
    with tempfile.TemporaryDirectory() as tmp:
        options = OcrOptions(engine=engine, second_reading=second, cache_dir=Path(tmp) / "cache")
        if not Tesseract(options).available():
            return "not installed"
        reader = Reader(ReadOptions(ocr=options))
        out = Path(tmp) / "records.jsonl"
        pages = 0
        start = time.perf_counter()
        with out.open("w", encoding="utf-8") as f:
            for p in files:
                r = extract(p, reader=reader)
                pages += len(r.source.ocr_pages)
                f.write(r.model_dump_json() + "\n")
        seconds = time.perf_counter() - start
        return score(out, gold), seconds, pages


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--engines", default=",".join(ROWS), help=f"rows among {', '.join(ROWS)}")
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    ap.add_argument("--gold", type=Path, default=SHARED / "corpus" / "gold")
    args = ap.parse_args()
    files = scans(args.corpus, args.gold)
    print(f"{len(files)} scans with gold: {', '.join(p.name[:24] for p in files)}")
    print(f"{'engine':<16} {'F1':>6} {'header':>7} {'signer':>7} {'s/page':>7} {'pages':>6}")
    for engine in args.engines.split(","):
        got = run(engine, files, args.gold)
        if isinstance(got, str):
            print(f"{engine:<16} {got}")
            continue
        result, seconds, pages = got
        groups = result["groups"]
        print(
            f"{engine:<16} {result['overall']['f1']:>6.3f} {groups['document']['f1']:>7.3f} "
            f"{groups['signer']['f1']:>7.3f} {seconds / max(pages, 1):>7.2f} {pages:>6}"
        )


if __name__ == "__main__":
    main()

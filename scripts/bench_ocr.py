"""OCR cost on scans, in seconds per page, with the baseline measured in the same run.

    python scripts/bench_ocr.py [PDF or FOLDER ...]
        (default: corpus/fixtures and ../shared/corpus: every PDF with a page to OCR)

For the pages that need OCR (no text layer, or an unusable one): the rendering
alone (PDFium at the OCR resolution, grey, the seal's red taken out: the
baseline every OCR run pays), then the whole PDF reader with OCR serial (one
Tesseract at a time) and with all cores (one Tesseract per core), each from an
empty cache, then a rerun from the cache. Documents are read one after another,
as `vanban extract` reads them; a document's pages are read in parallel.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

from pipeline.ingest import Reader, ReadOptions
from pipeline.ingest.ocr import OcrOptions, Tesseract
from pipeline.ingest.pdf_ocr import pages_to_read, render_pgm

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [ROOT / "corpus" / "fixtures", ROOT.parent / "shared" / "corpus"]


def pdfs(args: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, args) if args else DEFAULT:
        if p.is_dir():
            out.extend(sorted(x for x in p.rglob("*.pdf") if "gold" not in x.parts))
        elif p.suffix.lower() == ".pdf":
            out.append(p)
    return out


def ocr_pages(path: Path) -> list[int]:
    """The pages of a PDF that OCR must read."""
    pdf = pdfium.PdfDocument(path)
    try:
        texts = []
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            texts.append(tp.get_text_range())
            tp.close()
            page.close()
        return sorted(pages_to_read(texts))
    finally:
        pdf.close()


def render_all(jobs: list[tuple[Path, list[int]]], dpi: int) -> float:
    t0 = time.perf_counter()
    for path, pages in jobs:
        pdf = pdfium.PdfDocument(path)
        for i in pages:
            render_pgm(pdf, i, dpi)
        pdf.close()
    return time.perf_counter() - t0


def read_all(jobs: list[tuple[Path, list[int]]], options: OcrOptions) -> float:
    reader = Reader(ReadOptions(ocr=options, office=False))
    t0 = time.perf_counter()
    for path, _ in jobs:
        _, raw = reader.read(path.read_bytes(), path)
        if len(raw.ocr_pages) == 0:
            raise SystemExit(f"{path.name}: no page was read by OCR")
    return time.perf_counter() - t0


def main(args: list[str]) -> None:
    if not Tesseract(OcrOptions()).available():
        raise SystemExit("Tesseract with its Vietnamese model is not installed: nothing to measure")
    jobs = [(p, pages) for p in pdfs(args) if (pages := ocr_pages(p))]
    n = sum(len(pages) for _, pages in jobs)
    if not n:
        raise SystemExit("no PDF page needs OCR in these files")
    cores = os.cpu_count() or 1
    dpi = OcrOptions().dpi
    print(f"{n} pages to OCR in {len(jobs)} PDFs, {dpi} dpi, {cores} cores, {Tesseract().version()}")
    base = render_all(jobs, dpi)
    rows = [("rendering only (baseline)", base)]
    with tempfile.TemporaryDirectory(prefix="vanban-bench-ocr-") as tmp:
        serial = read_all(jobs, OcrOptions(workers=1, cache_dir=Path(tmp) / "serial"))
        rows.append(("OCR, serial (1 Tesseract)", serial))
        cache = Path(tmp) / "parallel"
        parallel = read_all(jobs, OcrOptions(workers=cores, cache_dir=cache))
        rows.append((f"OCR, all cores ({cores} Tesseracts)", parallel))
        rows.append(("rerun from the cache", read_all(jobs, OcrOptions(workers=cores, cache_dir=cache))))
    print(f"{'':<34}{'seconds':>9}{'s/page':>9}{'× render':>10}{'× serial':>10}")
    for name, secs in rows:
        print(f"{name:<34}{secs:>9.1f}{secs / n:>9.2f}{secs / base:>10.1f}{secs / serial:>10.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])

"""Pages of a PDF read by OCR: those with no text layer (a scan) and those whose
text layer is unusable (a broken font map, a bad embedded OCR; see :mod:`quality`).

Each such page is rendered by PDFium in grey at the chosen resolution (in this
thread: PDFium is not thread-safe) and handed to Tesseract (:mod:`ocr`), which
reads pages in parallel processes. The rest of the document keeps its text layer.
"""

from __future__ import annotations

from typing import Any

from .base import RawOcrPage
from .marks import MARKS
from .ocr import OcrFailed, Tesseract
from .quality import measure, sample, surely_usable
from .raster import grey_without_red, pgm

RENDERING = "luminance-red-out-3-dpi"  # how pages are rendered for OCR: part of the cache key


def render_pgm(pdf: Any, i: int, dpi: int) -> bytes:
    """Page ``i`` rendered for OCR (grey, the seal's red out; see :mod:`raster`)."""
    page = pdf[i]
    try:
        pixels = page.render(scale=dpi / 72, rev_byteorder=True).to_numpy()  # height × width × RGB
    finally:
        page.close()
    return pgm(grey_without_red(pixels))


def pages_to_read(texts: list[str]) -> dict[int, str]:
    """Page index → why OCR must read it."""
    need = {}
    for i, text in enumerate(texts):
        if not text.strip():
            need[i] = "no text layer"
        else:
            page = MARKS.sub("", sample(text))  # marks are not the page's words
            if surely_usable(page):
                continue
            q = measure(page)
            if not q.usable:
                need[i] = f"text layer unusable ({q.describe()})"
    return need


def read_by_ocr(
    pdf: Any, need: dict[int, str], engine: Tesseract, document_key: str
) -> tuple[dict[int, tuple[str, RawOcrPage]], dict[int, str]]:
    """(page index → its OCR text and what the record says of it, page index → why
    OCR could not read it)."""
    order = sorted(need)
    dpi = engine.options.dpi
    results = engine.recognize_pages(
        [f"pdf:{document_key}:{i}:{RENDERING}" for i in order], lambda k: render_pgm(pdf, order[k], dpi), dpi
    )
    read, failed = {}, {}
    for i, r in zip(order, results, strict=True):
        if isinstance(r, OcrFailed):
            failed[i] = str(r)
        else:
            read[i] = (r.text, RawOcrPage(i + 1, r.confidence, need[i]))
    return read, failed

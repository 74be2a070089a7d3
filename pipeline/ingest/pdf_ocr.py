"""Pages of a PDF read by OCR: those with no text layer (a scan), those whose text
layer is unusable (a broken font map, a bad embedded OCR; see :mod:`quality`) and
cannot be decoded as a legacy font's bytes, and those whose layer is a stamp laid
on a scanned page.

Each such page is rendered by PDFium in grey at the chosen resolution (in this
thread: PDFium is not thread-safe) and handed to Tesseract (:mod:`ocr`), which
reads pages in parallel processes. The rest of the document keeps its text layer.
"""

from __future__ import annotations

import itertools
from typing import Any

from .base import RawOcrPage
from .legacy import BEYOND_1252, repair
from .limits import over
from .marks import MARKS
from .ocr import OcrFailed, Tesseract
from .quality import MIN_WORDS, WORD, measure, sample, surely_usable
from .raster import grey_without_red, pgm

RENDERING = "luminance-red-out-3-dpi"  # how pages are rendered for OCR: part of the cache key
SCAN_SHARE = 0.5  # an image covering this share of a page, under a few words of text, is a scan


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


def decode_legacy_pages(pages: list[str], need: dict[int, str]) -> str | None:
    """Pages whose text layer is legacy bytes (a TCVN3 or VNI font embedded without a
    Unicode map: ``CéNG HOµ X· HéI``, ``Sôû Noäi vuï``) decoded in place, and taken off
    the OCR list, when the decoding reads as Vietnamese; the legacy encoding, if any page
    used one. Only a page with no letter beyond Windows-1252 can be one (Unicode
    Vietnamese has ư, ơ, đ, ạ… on every page): a VNI page may even pass as usable."""
    found = None
    for i, page in enumerate(pages):
        if not page.strip() or page.isascii() or BEYOND_1252.search(page):
            continue
        fixed, encoding = repair(page)
        if encoding and measure(MARKS.sub("", sample(fixed))).usable:
            pages[i] = fixed
            need.pop(i, None)
            found = found or encoding
    return found


def image_share(pdf: Any, i: int, raw: Any) -> float:
    """How much of page ``i`` its largest image covers (0 to 1): a scan's is all of it."""
    page = pdf[i]
    try:
        width, height = page.get_size()
        best = 0.0
        for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=2):
            left, bottom, right, top = obj.get_bounds()
            w = max(0.0, min(right, width) - max(left, 0.0))
            h = max(0.0, min(top, height) - max(bottom, 0.0))
            best = max(best, w * h / max(width * height, 1.0))
        return best
    finally:
        page.close()


def thin_layers(pdf: Any, texts: list[str], need: dict[int, str], raw: Any) -> dict[int, str]:
    """Pages whose text layer holds a few words over an image that fills the page: a copy
    stamp ("SAO Y") or an e-signature caption laid on a scan. Such a page has text, but
    what it says is in the image: OCR reads it, and the layer's lines are kept too."""
    out = {}
    for i, text in enumerate(texts):
        if i in need or not text.strip():
            continue
        # counted up to MIN_WORDS only: a page of text is known for one at its first words
        words = sum(1 for _ in itertools.islice(WORD.finditer(MARKS.sub("", text)), MIN_WORDS))
        if words < MIN_WORDS and (share := image_share(pdf, i, raw)) >= SCAN_SHARE:
            out[i] = f"text layer covers little of the page ({words} words over an image of {share:.0%})"
    return out


def page_pixels(pdf: Any, i: int, dpi: int) -> tuple[int, int]:
    """Width and height in pixels of page ``i`` rendered at ``dpi`` (from its size in
    points, which PDFium gives without loading the page)."""
    width, height = pdf.get_page_size(i)
    return round(width * dpi / 72), round(height * dpi / 72)


def too_large(width: int, height: int, dpi: int | None, limit: int) -> str | None:
    """Why a page image is not read by OCR (over the pixel limit), or None."""
    if width * height <= limit:
        return None
    at = f" at {dpi} dpi" if dpi else ""
    what = f"its image{at} ({width:,} × {height:,})"
    return over(what, width * height, limit, "--max-page-pixels", " pixels")


def read_by_ocr(
    pdf: Any, need: dict[int, str], engine: Tesseract, document_key: str, max_pixels: int
) -> tuple[dict[int, tuple[str, RawOcrPage]], dict[int, tuple[str, str]]]:
    """(page index → its OCR text and what the record says of it, page index → why OCR
    could not read it and the kind of that error). A page over ``max_pixels`` at the
    OCR resolution is not rendered (a 20,000-point page would take gigabytes)."""
    dpi = engine.options.dpi
    failed: dict[int, tuple[str, str]] = {}
    for i in sorted(need):
        why = too_large(*page_pixels(pdf, i, dpi), dpi, max_pixels)
        if why:
            failed[i] = (why, "limit")
    order = [i for i in sorted(need) if i not in failed]
    results = engine.recognize_pages(
        [f"pdf:{document_key}:{i}:{RENDERING}" for i in order], lambda k: render_pgm(pdf, order[k], dpi), dpi
    )
    read = {}
    for i, r in zip(order, results, strict=True):
        if isinstance(r, OcrFailed):
            failed[i] = (str(r), "ocr_failed")
        else:
            read[i] = (r.text, RawOcrPage(i + 1, r.confidence, need[i]))
    return read, failed

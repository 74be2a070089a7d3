"""Two OCR engines on one page: the neural engine on the header, Tesseract below it.

The neural line recognizer reads a header — the number and symbol, the date line,
the type and the issuer, handwritten figures included — far better than
Tesseract's fast Vietnamese model (README, ``scripts/ocr_engines.py``). The fusion
reads the top ``HEADER_SHARE`` of the page (and a margin) with the neural engine,
the whole page with Tesseract, and keeps the neural words in the header's band and
Tesseract's below it; both are TSVs of words with boxes (:mod:`neural` writes
Tesseract's format), so the result is one too. Measured, it keeps the neural
header's gain but not the neural engine's signers: it is an option, not the default.
"""

from __future__ import annotations

import io

ENGINES = ("tesseract", "neural", "fusion")
HEADER_SHARE = 0.3  # the top of the page the header fills, on every scan of the corpus
BAND_MARGIN = 60  # pixels read below the band, so that a line across its edge is read whole


def header_band(image: bytes) -> tuple[bytes, int]:
    """The top ``HEADER_SHARE`` of a page image (PNG), and the page's height: what the
    neural engine reads in a fusion (its cost is the band's, not the page's)."""
    from PIL import Image

    with Image.open(io.BytesIO(image)) as img:
        height = img.height
        band = img.crop((0, 0, img.width, int(height * HEADER_SHARE) + BAND_MARGIN))
        buf = io.BytesIO()
        band.save(buf, "PNG")
    return buf.getvalue(), height


def _rows(tsv: str) -> tuple[str, list[list[str]]]:
    lines = tsv.splitlines()
    head = lines[0] if lines else ""
    return head, [r.split("\t") for r in lines[1:] if r.count("\t") >= 11]


def _middle(cols: list[str]) -> float:
    return int(cols[7]) + int(cols[9]) / 2


def fuse(tesseract: str, neural: str, height: int) -> str:
    """Tesseract's rows below the header band, the neural engine's words within it; the
    neural lines get block numbers of their own, so no line of one engine joins the other's."""
    head, tess = _rows(tesseract)
    _, nn = _rows(neural)
    cut = HEADER_SHARE * height
    top_block = max((int(c[2]) for c in tess), default=0) + 1
    kept = [c for c in tess if not (c[0] in {"2", "3", "4", "5"} and c[7].isdigit() and _middle(c) < cut)]
    added = [[c[0], c[1], str(top_block), *c[3:]] for c in nn if c[0] == "5" and _middle(c) < cut]
    rows = ["\t".join(c) for c in [*added, *kept]]
    return "\n".join([head, *rows]) + "\n"

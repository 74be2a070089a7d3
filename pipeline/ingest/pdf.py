"""PDF with a text layer, read with PDFium (pypdfium2).

PDFium reads 1,200-2,000 pages/s where pdfplumber reads 22-30 (measured before
this code was written), so the text comes from PDFium alone. PDFium is not
thread-safe: batch runs parallelize by process, never by thread.

What real PDFs hold besides the text, and what happens to it here:

* ``\\r\\n`` line ends and decomposed diacritics: left to normalization.
* U+FFFE / U+0002 where a hyphen broke a line (``912/KH\\ufffe\\r\\nSNNMT``): a
  hyphen again, and the line joined.
* running heads and feet repeated on most pages (``CÔNG BÁO/Số 849 + 850/…``)
  and bare page numbers at the top or bottom of a page: dropped.
* pages: joined with a form feed, which normalization reads as a page break
  (a paragraph cut by it is joined again).
* e-office stamps: the number and the day of a signed PDF are often form fields
  filled in after signing (``Số: /UBND-KSTT`` in the text, ``1731`` in a widget).
  Those fields are flattened into the page and each value is put back after the
  character that ends just left of it on its line (``Số: 1731 /UBND-KSTT``).
* white text (an invisible name under the signature): dropped where it could
  become a field, at the head of the first page and the tail of the last one.
  Checking colours costs a call per character, so it is not done on every page;
  a template placeholder (``[daky]``) is checked wherever it is.

A PDF with no text at all is a scan: a clear error for now (OCR comes later).
"""

from __future__ import annotations

import ctypes
from collections import Counter
from pathlib import Path
from typing import Any

import regex

from .base import Backend, IngestError, RawDocument, Warning_

# A hyphen PDFium marks as "soft" at a line break, with the break after it.
BREAK_HYPHEN = regex.compile(r"[\ufffe\x02][ ]*(?:\r\n|\r|\n)?")
PAGE_NUMBER = regex.compile(r"^\s*(?:-\s*)?(?:Trang\s+)?\d{1,4}(?:\s*-)?(?:\s*/\s*\d{1,4})?\s*$")
DIGITS = regex.compile(r"\d+")
EDGE_NUMBER = regex.compile(r"^\#\s+|\s+\#$")  # a masked page number heading or ending a line
REPEATED_SHARE = 0.5  # a first or last line on at least this share of pages is a running head or foot
MIN_PAGES_FOR_RUNNING = 3
MAX_EDGE_LINES = 4  # furniture lines dropped at most from each end ("12" / "12" / "12 CÔNG BÁO…")
HIDDEN_CHECK_CHARS = 600  # characters checked for white text: head of page 1, tail of the last page
# A template's placeholder ("[daky]" where the gazette's signature goes): checked for
# white text on every page, so a hidden one is not taken for a drafting leftover.
TEMPLATE_MARK = regex.compile(r"\[[a-z][a-z0-9_]{2,40}\]")
WHITE = 240  # a fill colour channel above this on every channel is white
FIELD_SUBTYPES = (20, 3)  # FPDF_ANNOT_WIDGET, FPDF_ANNOT_FREETEXT
MAX_FIELD_VALUE = 40  # a longer stamped value is a signature box or an e-office footer, not a field
STAMP_WORDS = regex.compile(r"Ký\s*bởi|Thời\s*gian|Cơ\s*quan|Email|Người\s*ký|eoffice|\bID\s*:", regex.I)
Box = tuple[float, float, float, float]  # left, bottom, right, top


class NoTextLayer(IngestError):
    kind = "no_text_layer"


def _lines(page: str) -> list[str]:
    return page.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _edge_lines(lines: list[str]) -> tuple[int | None, int | None]:
    filled = [i for i, ln in enumerate(lines) if ln.strip()]
    return (filled[0], filled[-1]) if filled else (None, None)


def _running_key(line: str) -> str:
    """A line with its digits masked and a page number at either end cut off, so the
    left-page "4 CÔNG BÁO/Số 849…" and the right-page "CÔNG BÁO/Số 849… 5" are one head."""
    return EDGE_NUMBER.sub("", DIGITS.sub("#", line.strip()))


def _running_keys(pages: list[list[str]]) -> set[str]:
    """Lines standing first or last on most pages (page numbers inside them count as one)."""
    if len(pages) < MIN_PAGES_FOR_RUNNING:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        first, last = _edge_lines(lines)
        keys = {_running_key(lines[i]) for i in (first, last) if i is not None}
        counts.update(keys)
    need = max(MIN_PAGES_FOR_RUNNING, int(len(pages) * REPEATED_SHARE))
    return {k for k, n in counts.items() if n >= need and len(k) > 3}


def clean_pages(pages: list[str]) -> str:
    """The pages' text without running heads, feet and page numbers, joined by form feeds."""
    split = [_lines(BREAK_HYPHEN.sub("-", p)) for p in pages]
    running = _running_keys(split)
    out = []
    for lines in split:
        keep = list(lines)
        for _ in range(MAX_EDGE_LINES):  # a running head, then a page number under it (or the other way)
            first, last = _edge_lines(keep)
            furniture = [
                i
                for i in sorted({x for x in (first, last) if x is not None}, reverse=True)
                if PAGE_NUMBER.match(keep[i].strip()) or _running_key(keep[i]) in running
            ]
            if not furniture:
                break
            for i in furniture:
                del keep[i]
        out.append("\n".join(keep).strip("\n"))
    return "\f".join(out)


def _field_rects(page: Any, raw: Any) -> list[Box]:
    """Rectangles of the form fields and free-text stamps on a page."""
    rects = []
    for i in range(raw.FPDFPage_GetAnnotCount(page.raw)):
        annot = raw.FPDFPage_GetAnnot(page.raw, i)
        try:
            if raw.FPDFAnnot_GetSubtype(annot) in FIELD_SUBTYPES:
                r = raw.FS_RECTF()
                if raw.FPDFAnnot_GetRect(annot, r):
                    rects.append((r.left, min(r.bottom, r.top), r.right, max(r.bottom, r.top)))
        finally:
            raw.FPDFPage_CloseAnnot(annot)
    return rects


def place_fields(text: str, boxes: list[Box], first_new: int, rects: list[Box]) -> str:
    """Put each flattened field value after the character just left of its rectangle.

    ``text[first_new:]`` holds the values PDFium appended when the fields were
    flattened; ``boxes`` are the character boxes of ``text``. A character goes to
    the nearest rectangle starting left of it (stamps for day, month and year
    overlap); a long value (a signature appearance, an e-office footer) is page
    furniture and is dropped.
    """
    runs: dict[int, list[int]] = {}
    for k in range(first_new, len(text)):
        if not text[k].strip():
            continue
        x = (boxes[k][0] + boxes[k][2]) / 2
        y = (boxes[k][1] + boxes[k][3]) / 2
        holders = [i for i, r in enumerate(rects) if r[0] - 1 <= x <= r[2] + 1 and r[1] - 1 <= y <= r[3] + 1]
        if holders:
            runs.setdefault(max(holders, key=lambda i: rects[i][0]), []).append(k)
    inserts: list[tuple[int, str]] = []
    for i, chars in runs.items():
        value = " ".join(text[chars[0] : chars[-1] + 1].split())
        if len(value) > MAX_FIELD_VALUE or STAMP_WORDS.search(value):
            continue
        at = _label_end(text, boxes, first_new, rects[i])
        if at is not None:
            inserts.append((at, value))
    out = text[:first_new]
    for at, value in sorted(inserts, reverse=True):
        out = f"{out[:at]} {value} {out[at:]}"
    return out


def _overlap(a: Box, b: Box) -> float:
    """How much two boxes share vertically, as a share of the lower one."""
    shared = min(a[3], b[3]) - max(a[1], b[1])
    return shared / max(min(a[3] - a[1], b[3] - b[1]), 0.1)


def _label_end(text: str, boxes: list[Box], first_new: int, rect: Box) -> int | None:
    """Where a field's value goes: after the last character left of the field on the
    line nearest the field's middle ("Số:|", "ngày|")."""
    # left of the field by its centre: a stamp's box may start over the label's last letter
    left = [k for k in range(first_new) if text[k].strip() and (boxes[k][0] + boxes[k][2]) / 2 <= rect[0]]
    if not left:
        return None
    middle = (rect[1] + rect[3]) / 2
    nearest = min(left, key=lambda k: abs((boxes[k][1] + boxes[k][3]) / 2 - middle))
    line = [k for k in left if _overlap(boxes[k], boxes[nearest]) > 0.5]
    return max(line, key=lambda k: boxes[k][2]) + 1


def _hidden(text: str, textpage: Any, raw: Any, indexes: list[range]) -> set[int]:
    """White characters among ``indexes``."""
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    hidden = set()
    for idx in indexes:
        for k in idx:
            painted = text[k].strip() and raw.FPDFText_GetFillColor(textpage.raw, k, r, g, b, a)
            if painted and min(r.value, g.value, b.value) > WHITE:
                hidden.add(k)
    return hidden


def _page_text(pdf: Any, i: int, last: int, raw: Any) -> str:
    page = pdf[i]
    rects = _field_rects(page, raw)
    first_new = None
    if rects:
        before = page.get_textpage()
        first_new = before.count_chars()
        before.close()
        raw.FPDFPage_Flatten(page.raw, raw.FLAT_NORMALDISPLAY)
        page.close()
        page = pdf[i]  # reloaded: the flattened fields are now page content
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        n = len(text) if len(text) == textpage.count_chars() else 0  # indexes are characters (no surrogates)
        head = first_new if first_new is not None else n
        checks = []
        if i == 0:
            checks.append(range(min(HIDDEN_CHECK_CHARS, head)))
        if i == last:
            checks.append(range(max(0, head - HIDDEN_CHECK_CHARS), head))
        checks.extend(range(m.start(), m.end()) for m in TEMPLATE_MARK.finditer(text, 0, head))
        hidden = _hidden(text, textpage, raw, checks) if n else set()
        if hidden:  # blanked in place, so indexes keep meaning what they meant
            text = "".join("\x00" if k in hidden else ch for k, ch in enumerate(text))
        if first_new is not None and n > first_new:
            boxes = [textpage.get_charbox(k) for k in range(n)]
            text = place_fields(text, boxes, first_new, rects)
        text = text.replace("\x00", "")
    finally:
        textpage.close()
        page.close()
    return text


class PdfBackend(Backend):
    format = "pdf"

    def read(self, data: bytes, path: Path) -> RawDocument:
        import pypdfium2 as pdfium  # imported when a PDF is read, not at start-up
        import pypdfium2.raw as raw

        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as e:
            raise IngestError(f"PDFium cannot open the PDF: {e}") from e
        try:
            pages = [_page_text(pdf, i, len(pdf) - 1, raw) for i in range(len(pdf))]
        finally:
            pdf.close()
        empty = [i + 1 for i, p in enumerate(pages) if not p.strip()]
        if len(empty) == len(pages):
            raise NoTextLayer(
                f"the PDF has no text layer on any of its {len(pages)} pages (a scan): it needs OCR, "
                "which this version of Vanban does not run"
            )
        warnings: tuple[Warning_, ...] = ()
        if empty:
            listed = ", ".join(map(str, empty[:20])) + (" …" if len(empty) > 20 else "")
            warnings = (Warning_(f"pages without a text layer (not read): {listed}", "no_text_layer"),)
        return RawDocument(text=clean_pages(pages), pages=len(pages), warnings=warnings, wrapped=True)

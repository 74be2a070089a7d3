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

Pages with no text layer (a scan) or an unusable one (a broken font map, a bad
embedded OCR) are read by OCR (:mod:`pdf_ocr`); without Tesseract they are
reported in the record's errors, and a PDF with no text at all is a clear failure.
"""

from __future__ import annotations

import ctypes
import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from .base import Backend, IngestError, RawDocument, RawOcrPage, Warning_
from .fusion import header_band
from .limits import LimitExceeded, Limits, over
from .marks import take_marks
from .ocr import OcrUnavailable, Tesseract
from .pdf_ocr import RENDERING, decode_legacy_pages, pages_to_read, read_by_ocr, render_pgm, thin_layers
from .pdf_tables import TABLE_HINT, read_tables
from .pdf_typed import typed_values
from .pdfium_calls import address, calls
from .signatures import read_signatures

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
HIDDEN_STRIDE = 3  # characters between two colour checks
WHITE = 240  # a fill colour channel above this on every channel is white
FIELD_SUBTYPES = (20, 3)  # FPDF_ANNOT_WIDGET, FPDF_ANNOT_FREETEXT
MAX_FIELD_VALUE = 40  # a longer stamped value is a signature box or an e-office footer, not a field
LABEL_WINDOW = 30.0  # points above and below a field's middle where its label's line may be
LINE_TEXT = regex.compile(r"[^\r\n]+")
# A number or date left blank for an e-office stamp to fill ("Số:     /UBND-KSTT",
# "ngày    tháng    năm 2020").
BLANK_FIELD = regex.compile(r"Số\s*:?[ \t]*(?:/|\r?$)|ngày[ \t]+tháng|tháng[ \t]+năm\b", regex.I | regex.M)
STAMP_WORDS = regex.compile(r"Ký\s*bởi|Thời\s*gian|Cơ\s*quan|Email|Người\s*ký|eoffice|\bID\s*:", regex.I)
Box = tuple[float, float, float, float]  # left, bottom, right, top


class NoTextLayer(IngestError):
    kind = "no_text_layer"


def _why_not_opened(e: Exception) -> str:
    """PDFium's reason, in the words a user needs (a password, a damaged file)."""
    why = str(e)
    if "password" in why.lower():
        return "the PDF is encrypted and needs a password to open (it cannot be read without it)"
    if "format" in why.lower():
        return f"the file is damaged or truncated ({why})"
    return why


def _break_hyphens(page: str) -> str:
    """PDFium's soft hyphens at line breaks as hyphens, the line joined (the pattern run
    only on a page that has one: most have none)."""
    return BREAK_HYPHEN.sub("-", page) if "\ufffe" in page or "\x02" in page else page


def _lines(page: str) -> list[str]:
    return page.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _first_last(lines: list[str], keep: Callable[[str], object]) -> tuple[int | None, int | None]:
    """The first and the last index of a line ``keep`` takes (sought from each end, not
    through every line)."""
    first = next((i for i, ln in enumerate(lines) if keep(ln)), None)
    if first is None:
        return None, None
    return first, next(i for i in range(len(lines) - 1, first - 1, -1) if keep(lines[i]))


def _edge_lines(lines: list[str]) -> tuple[int | None, int | None]:
    """The first and the last line that is not blank."""
    return _first_last(lines, str.strip)


def _running_key(line: str) -> str:
    """A line with its digits masked and a page number at either end cut off, so the
    left-page "4 CÔNG BÁO/Số 849…" and the right-page "CÔNG BÁO/Số 849… 5" are one head."""
    return EDGE_NUMBER.sub("", DIGITS.sub("#", line.strip()))


def _has_words(line: str) -> bool:
    """A line that is not blank and not a bare page number."""
    stripped = line.strip()
    return bool(stripped) and not PAGE_NUMBER.match(stripped)


def _running_keys(pages: list[list[str]]) -> set[str]:
    """Lines standing first or last on most pages, past bare page numbers (page numbers
    inside them count as one)."""
    if len(pages) < MIN_PAGES_FOR_RUNNING:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_running_key(lines[i]) for i in _first_last(lines, _has_words) if i is not None})
    need = max(MIN_PAGES_FOR_RUNNING, int(len(pages) * REPEATED_SHARE))
    return {k for k, n in counts.items() if n >= need and len(k) > 3}


def clean_pages(pages: list[str]) -> str:
    """The pages' text without running heads, feet and page numbers, joined by form feeds."""
    split = [_lines(_break_hyphens(p)) for p in pages]
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
        # the space PDFium ends many lines with is no text (normalization would drop it; a
        # line of spaces alone stays: it tells a blank line from none to the page-number rule)
        out.append("\n".join(ln.rstrip(" ") if ln.strip() else ln for ln in keep).strip("\n"))
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


def field_values(new_text: str, new_boxes: list[Box], rects: list[Box]) -> dict[int, str]:
    """The value shown in each field, from the characters flattening appended.

    A character goes to the rectangle holding its centre, the right-most when
    stamps overlap (day, month and year); a long value (a signature appearance,
    an e-office footer) is page furniture and is left out.
    """
    runs: dict[int, list[int]] = {}
    for k, ch in enumerate(new_text):
        if not ch.strip():
            continue
        x = (new_boxes[k][0] + new_boxes[k][2]) / 2
        y = (new_boxes[k][1] + new_boxes[k][3]) / 2
        holders = [i for i, r in enumerate(rects) if r[0] - 1 <= x <= r[2] + 1 and r[1] - 1 <= y <= r[3] + 1]
        if holders:
            runs.setdefault(max(holders, key=lambda i: rects[i][0]), []).append(k)
    values = {}
    for i, chars in runs.items():
        value = " ".join(new_text[chars[0] : chars[-1] + 1].split())
        if value and len(value) <= MAX_FIELD_VALUE and not STAMP_WORDS.search(value):
            values[i] = value
    return values


def _centre(box: Box) -> tuple[float, float]:
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2


def _overlap(a: Box, b: Box) -> float:
    """How much two boxes share vertically, as a share of the lower one."""
    shared = min(a[3], b[3]) - max(a[1], b[1])
    return shared / max(min(a[3] - a[1], b[3] - b[1]), 0.1)


COVERABLE = frozenset("0123456789…_")  # what a stamped value may hide of the print under it


class _CharBoxes:
    """A page's character boxes (left, bottom, right, top) through :mod:`pdfium_calls`, with
    their out-parameters made once: pypdfium2's ``get_charbox`` makes them at every call,
    twice the time on pages where every character of a line is measured."""

    def __init__(self, textpage: Any, raw: Any) -> None:
        c = calls()
        self.handle, self.char_box, self.loose_char_box = address(textpage.raw), c.char_box, c.loose_char_box
        self.l, self.r, self.b, self.t = (ctypes.c_double() for _ in range(4))
        self.rect = raw.FS_RECTF()

    def tight(self, k: int) -> Box:
        if not self.char_box(self.handle, k, self.l, self.r, self.b, self.t):  # yes, l r b t
            raise IngestError(f"PDFium has no box for character {k}")
        return self.l.value, self.b.value, self.r.value, self.t.value

    def loose(self, k: int) -> Box:
        """The box of the font's whole height and the character's advance (words touch)."""
        if not self.loose_char_box(self.handle, k, self.rect):
            raise IngestError(f"PDFium has no box for character {k}")
        r = self.rect
        return r.left, r.bottom, r.right, r.top


class _Geometry:
    """Character boxes of a page, asked for only where a field sits (a call per character)."""

    def __init__(self, boxes: _CharBoxes, text: str) -> None:
        self.boxes = boxes
        self.text = text
        self._boxes: dict[int, Box] = {}
        self._lines: list[tuple[int, int, float]] | None = None

    def box(self, k: int) -> Box:
        if k not in self._boxes:
            self._boxes[k] = self.boxes.tight(k)
        return self._boxes[k]

    def lines(self) -> list[tuple[int, int, float]]:
        """(start, end, vertical centre of the first character) of each text line."""
        if self._lines is None:
            self._lines = []
            for m in LINE_TEXT.finditer(self.text):
                first = m.start() + len(m.group()) - len(m.group().lstrip())
                if first < m.end():
                    self._lines.append((m.start(), m.end(), _centre(self.box(first))[1]))
        return self._lines

    def label_end(self, rect: Box) -> int | None:
        """Where a field's value goes: after the last character left of the field on the
        line nearest the field's middle ("Số:|", "ngày|"). Only lines near the field
        are measured."""
        middle = (rect[1] + rect[3]) / 2
        window = max(2 * (rect[3] - rect[1]), LABEL_WINDOW)
        best: list[int] = []
        best_distance = window
        for s, e, y in self.lines():
            if abs(y - middle) > best_distance:
                continue
            # left of the field by its centre: a stamp's box may start over the label's last letter
            left = [k for k in range(s, e) if self.text[k].strip() and _centre(self.box(k))[0] <= rect[0]]
            if left:
                best, best_distance = left, abs(y - middle)
        if not best:
            return None
        # the nearest line's last character left of the field: a line is one line of text, so
        # a tall letter of the line above ("Độc lập") never decides, nor a descender ("tháng")
        return max(best, key=lambda k: self.box(k)[2]) + 1

    def covered(self, rect: Box) -> set[int]:
        """Digits and blanks printed under a field (a template's "tháng 4", a "…"): the
        stamp's value hides them. A letter is never taken: a field may overlap its label."""
        middle = (rect[1] + rect[3]) / 2
        out = set()
        for s, e, y in self.lines():
            if abs(y - middle) <= rect[3] - rect[1]:
                for k in range(s, e):
                    if self.text[k] in COVERABLE:
                        x, cy = _centre(self.box(k))
                        if rect[0] <= x <= rect[2] and rect[1] <= cy <= rect[3]:
                            out.add(k)
        return out


def _hidden(text: str, textpage: Any, indexes: list[range]) -> set[int]:
    """White characters among ``indexes``: every third one is looked at (a call each), and
    around a white one its neighbours, so a hidden word of three letters or more is found."""
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    fill_color, handle = calls().fill_color, address(textpage.raw)

    def white(k: int) -> bool:
        painted = text[k].strip() and fill_color(handle, k, r, g, b, a)
        return bool(painted) and min(r.value, g.value, b.value) > WHITE

    hidden: set[int] = set()
    for idx in indexes:
        for k in range(idx.start, idx.stop, HIDDEN_STRIDE):
            if k in hidden or not white(k):
                continue
            lo = hi = k
            while lo - 1 >= idx.start and (white(lo - 1) or not text[lo - 1].strip()):
                lo -= 1
            while hi + 1 < idx.stop and (white(hi + 1) or not text[hi + 1].strip()):
                hi += 1
            hidden.update(j for j in range(lo, hi + 1) if text[j].strip())
    return hidden


def _hidden_checks(text: str, n: int, first: bool, last: bool) -> list[range]:
    """Where white text could pass for a field: the head of the first page, the tail of the
    last one (merged on a one-page document), and every template placeholder."""
    ends = []
    if first:
        ends.append((0, min(HIDDEN_CHECK_CHARS, n)))
    if last:
        ends.append((max(0, n - HIDDEN_CHECK_CHARS), n))
    if len(ends) == 2 and ends[1][0] <= ends[0][1]:
        ends = [(0, n)]
    checks = [range(a, b) for a, b in ends]
    checks.extend(range(m.start(), m.end()) for m in TEMPLATE_MARK.finditer(text, 0, n))
    return checks


def _flattened_values(
    pdf: Any, page: Any, i: int, first_new: int, rects: list[Box], raw: Any
) -> dict[int, str]:
    """Flatten the page's fields into its content and read what they show (PDFium
    sees the new content only in the page loaded again, which costs a second parse)."""
    raw.FPDFPage_Flatten(page.raw, raw.FLAT_NORMALDISPLAY)
    page.close()
    page = pdf[i]  # reloaded: the flattened fields are now page content, after the rest
    textpage = page.get_textpage()
    try:
        n = textpage.count_chars()
        if n <= first_new:
            return {}
        new_text = textpage.get_text_range(first_new, n - first_new)
        if len(new_text) != n - first_new:
            return {}
        tight = _CharBoxes(textpage, raw).tight
        boxes = [tight(k) for k in range(first_new, n)]
        return field_values(new_text, boxes, rects)
    finally:
        textpage.close()
        page.close()


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> str:
    """``text`` with each ``(start, end, replacement)`` made; of two that overlap (a value
    stamped inside a table) the wider one is made."""
    kept: list[tuple[int, int, str]] = []
    for a, b, new in sorted(edits, key=lambda e: e[1] - e[0], reverse=True):
        if not any((a < kb and ka < b) or ka < a < kb for ka, kb, _ in kept):
            kept.append((a, b, new))
    for a, b, new in sorted(kept, reverse=True):
        text = text[:a] + new + text[b:]
    return text


@dataclass
class _Reading:
    """What one page tells the next, within one document."""

    pages: int
    stamps: bool = True  # read e-office stamps (flatten form fields)
    tables: bool = True  # read ruled tables
    after_table: bool = False  # the page before held a table: this one may go on with it
    stamps_read: bool = False  # a page's stamped number and date are in: annex pages repeat them


def _page_text(pdf: Any, i: int, raw: Any, reading: _Reading) -> str:
    """The page's text: hidden text out, stamped values in, tables as marked rows."""
    page = pdf[i]
    try:
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_range()
            n = len(text) if len(text) == textpage.count_chars() else 0  # indexes are characters
            checks = _hidden_checks(text, n, i == 0, i == reading.pages - 1)
            hidden = _hidden(text, textpage, checks) if n else set()
            # e-office stamps fill the header's blank number and date: only the first page
            # with such blanks is worth flattening (and parsing again)
            stamped = n and reading.stamps and not reading.stamps_read and BLANK_FIELD.search(text)
            rects = _field_rects(page, raw) if stamped else []
            boxes = _CharBoxes(textpage, raw)
            geometry = _Geometry(boxes, text)
            labels = [geometry.label_end(r) for r in rects]
            under = [geometry.covered(r) for r in rects]
            # values typed into the blanks after signing, drawn elsewhere in the page's order
            # boxes by advance: a word's letters touch
            typed = typed_values(text, boxes.loose) if n and i == 0 and not rects else []
            maybe_table = n and reading.tables and (reading.after_table or TABLE_HINT.search(text))
            tables = read_tables(text, textpage, page, reading.after_table) if maybe_table else []
        finally:
            textpage.close()
        values = _flattened_values(pdf, page, i, n, rects, raw) if rects else {}
    finally:
        page.close()
    reading.after_table = bool(tables)
    reading.stamps_read = reading.stamps_read or bool(values)
    hidden |= {k for j in values for k in under[j]}  # what a stamped value covers is not seen
    if hidden:  # blanked in place, so indexes keep meaning what they meant
        text = "".join("\x00" if k in hidden else ch for k, ch in enumerate(text))
    edits = [(labels[j], labels[j], f" {v} ") for j, v in values.items() if labels[j] is not None]
    return apply_edits(text, edits + typed + tables).replace("\x00", "")


class PdfBackend(Backend):
    """``stamps`` and ``tables`` read the annotation and drawing layers beside the text
    layer (the benchmark turns them off to show what each costs); ``ocr`` reads the
    pages that have no usable text layer (None: such pages are reported, not read)."""

    format = "pdf"

    def __init__(
        self,
        *,
        stamps: bool = True,
        tables: bool = True,
        ocr: Tesseract | None = None,
        limits: Limits | None = None,
    ) -> None:
        self.stamps = stamps
        self.tables = tables
        self.ocr = ocr
        self.limits = limits or Limits()

    def read(self, data: bytes, path: Path) -> RawDocument:
        import pypdfium2 as pdfium  # imported when a PDF is read, not at start-up
        import pypdfium2.raw as raw

        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as e:
            raise IngestError(f"PDFium cannot open the PDF: {_why_not_opened(e)}") from e
        warnings: list[Warning_] = []
        count = min(len(pdf), self.limits.pages)
        if count < len(pdf):
            why = over("the PDF's page count", len(pdf), count, "--max-pages")
            warnings.append(Warning_(f"{why}: only its first {count:,} pages were read", "limit"))
        reading = _Reading(count, stamps=self.stamps, tables=self.tables)
        second: str | None = None
        ocr_pages: list[RawOcrPage] = []
        try:
            signatures = read_signatures(pdf, raw)
            pages = [_page_text(pdf, i, raw, reading) for i in range(count)]
            need = pages_to_read(pages)
            legacy = decode_legacy_pages(pages, need)  # converted: OCR only where conversion fails
            thin = thin_layers(pdf, pages, need, raw)
            need.update(thin)
            if need and self.ocr is not None:
                key = hashlib.sha256(data).hexdigest()
                try:
                    read, failed = read_by_ocr(pdf, need, self.ocr, key, self.limits.page_pixels)
                except OcrUnavailable as e:
                    read, failed = {}, {}
                    warnings.append(Warning_(f"OCR could not run: {e}", "ocr_unavailable"))
                if read and self.ocr.note:
                    warnings.append(Warning_(self.ocr.note, "ocr_fallback"))
                for i, (why, kind) in failed.items():
                    warnings.append(Warning_(f"page {i + 1}: {why}", kind))
                if 0 in read:  # the header's band of a scanned first page, read again
                    dpi = self.ocr.options.dpi
                    second = self.ocr.second_reading(
                        f"pdf:{key}:0:header:{RENDERING}", lambda: header_band(render_pgm(pdf, 0, dpi))[0]
                    )
                for i, (text, info) in read.items():
                    # a stamp laid on a scan: its lines are kept after what OCR read
                    pages[i] = f"{text}\n\n{pages[i].strip()}" if i in thin else text
                    ocr_pages.append(info)
                    del need[i]
        finally:
            pdf.close()
        if all(not p.strip() for p in pages):
            if warnings:
                why = warnings[-1].message
            else:
                why = "OCR found no text on it" if ocr_pages else "OCR is turned off"
            error = LimitExceeded if warnings and warnings[-1].kind == "limit" else NoTextLayer
            raise error(f"the PDF has no text on any of its {len(pages)} pages (a scan): {why}")
        if need:
            listed = ", ".join(map(str, [i + 1 for i in sorted(need)][:20])) + (
                " …" if len(need) > 20 else ""
            )
            warnings.append(
                Warning_(f"pages not read (no usable text layer, no OCR): {listed}", "no_text_layer")
            )
        taken = take_marks(clean_pages(pages))
        return RawDocument(
            text=taken.text,
            encoding=legacy,
            pages=len(pages),
            ocr=bool(ocr_pages),
            warnings=tuple(warnings),
            tables=taken.tables,
            marks=taken.unsure,
            wrapped=True,
            layout=bool(ocr_pages),  # OCR sets words at their columns, as a text export does
            ocr_pages=tuple(ocr_pages),
            signatures=signatures,
            second_header=second,
        )

"""Word 2007+ documents (.docx), read from their XML through python-docx's package.

* Body paragraphs and tables in document order; each paragraph is a line.
* Word auto-numbering (``I.``, ``1.``, ``a)``) is not in the text: its label is
  computed (:mod:`numbering`) and written before the paragraph.
* The header block is usually a borderless two-column table (agency and
  ``Số:`` left; Quốc hiệu, place and date right) and the signature block another
  (``Nơi nhận`` left, signer right): such layout tables are read column by
  column, as a reader does. Other tables (lists of awarded collectives and
  individuals) are read row by row, cells joined by `` | ``, and kept as
  tables with the offsets of their cells.
* Tracked changes: inserted text is kept, deleted text left out; both are
  noted, for a document that still holds revisions is an editing leftover.
* Runs typed in a legacy font (``.VnTime`` for TCVN3, ``VNI-Times``) are decoded
  to Unicode (:mod:`legacy`); the fonts come from the run, its style, the
  paragraph's style or the document's default (:mod:`fonts`).
* Soft hyphens vanish, non-breaking hyphens are hyphens, field codes (page
  numbers, dates) keep their shown result only, text boxes, headers, footers
  and footnotes stay out of the body.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .base import Backend, IngestError, RawCell, RawDocument, RawMark, RawTable, Warning_
from .fonts import Fonts
from .legacy import decode_in, font_encoding, is_legacy_text
from .limits import Limits
from .numbering import Numbering, W
from .package import check_package

LAYOUT_WORDS = (
    "CỘNG HÒA",
    "CỘNG HOÀ",
    "Độc lập",
    "Số:",
    "Số ",
    "Nơi nhận",
    "KT.",
    "TM.",
    "TL.",
    "GIÁM ĐỐC",
    "CHỦ TỊCH",
    "ĐẢNG CỘNG SẢN",
    "THƯ KÝ",
    "TRƯỞNG",
    "NGƯỜI LẬP",
    "ĐẠI DIỆN",
    "XÁC NHẬN",
)
MAX_LAYOUT_COLUMNS = 3
MAX_LAYOUT_ROWS = 8
MAX_LAYOUT_CELL = 1500  # a layout cell holds a few lines (a long Nơi nhận list at most)
SKIPPED = {
    W + t
    for t in (
        "pPr",
        "rPr",
        "delText",
        "instrText",
        "commentReference",
        "drawing",
        "pict",
        "object",
        "fldData",
        "bookmarkStart",
        "bookmarkEnd",
        "proofErr",
        "lastRenderedPageBreak",
    )
}
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


class _Builder:
    """The document's raw text, built piece by piece with the offsets of its parts."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.tables: list[RawTable] = []
        self.marks: list[RawMark] = []

    def add(self, s: str) -> tuple[int, int]:
        start = self.size
        self.parts.append(s)
        self.size += len(s)
        return start, self.size

    def text(self) -> str:
        return "".join(self.parts)


@dataclass
class _Context:
    """What a paragraph's content is read with."""

    offset: int  # where the paragraph's text starts in the document's text
    fonts: Fonts
    para_style: str | None
    legacy: dict[str, str]  # font → the legacy encoding its text is in
    marks: list[tuple[str, int, int]] = field(default_factory=list)
    encodings: set[str] = field(default_factory=set)  # legacy encodings met (tcvn3, vni)


def _run_text(el: Any, out: list[str], ctx: _Context, legacy: bool = False) -> None:
    """Text of a paragraph's content, in order; tracked changes noted as (kind, start, end)."""
    for child in el:
        tag = child.tag
        if tag in SKIPPED or tag.startswith(MC_FALLBACK):
            continue  # text boxes live in drawings and alternate content
        if tag == W + "t":
            out.append(child.text or "")
        elif tag == W + "r":
            _run(child, out, ctx)
        elif tag in (W + "tab", W + "ptab"):
            out.append(" ")
        elif tag in (W + "br", W + "cr"):
            out.append("\n")
        elif tag == W + "noBreakHyphen":
            out.append("-")
        elif tag == W + "softHyphen":
            if legacy:
                out.append("\u00ad")  # in a .VnTime font the soft-hyphen byte is ư
        elif tag in (W + "footnoteReference", W + "endnoteReference"):
            out.append(f"[{child.get(W + 'id')}]")  # the note itself is read after the body
        elif tag == W + "sym":
            char = child.get(W + "char")
            if char:
                code = int(char, 16)
                out.append(chr(code - 0xF000) if code >= 0xF000 else chr(code))
        elif tag == W + "del":
            at = ctx.offset + sum(map(len, out))
            ctx.marks.append(("tracked_delete", at, at))
        elif tag == W + "ins":
            start = ctx.offset + sum(map(len, out))
            _run_text(child, out, ctx)
            ctx.marks.append(("tracked_insert", start, ctx.offset + sum(map(len, out))))
        else:  # hyperlinks, smart tags, simple fields, inline content controls
            _run_text(child, out, ctx, legacy)


def legacy_fonts(body: Any, fonts: Fonts) -> dict[str, str]:
    """The fonts whose text in this document is legacy bytes, and their encodings.

    A legacy font name is not enough: a Unicode document may keep ``.VnTime`` as its
    style's font. The text typed in the font decides: legacy bytes hold no letter
    Windows-1252 lacks, and read better decoded than as they are."""
    by_font: dict[str, list[str]] = {}
    for p in body.iter(W + "p"):
        ppr = p.find(W + "pPr")
        style = ppr.find(W + "pStyle") if ppr is not None else None
        para_style = style.get(W + "val") if style is not None else None
        for r in p.iter(W + "r"):
            font = fonts.run_font(r, para_style)
            if font and font_encoding(font):
                by_font.setdefault(font, []).extend(t.text or "" for t in r.iter(W + "t"))
    return {
        font: font_encoding(font) or ""
        for font, parts in by_font.items()
        if is_legacy_text("".join(parts), font_encoding(font) or "", font)
    }


def _run(r: Any, out: list[str], ctx: _Context) -> None:
    """A run; one typed in a legacy font (.VnTime, VNI-Times) is decoded to Unicode."""
    font = ctx.fonts.run_font(r, ctx.para_style)
    encoding = ctx.legacy.get(font or "")
    if encoding is None:
        _run_text(r, out, ctx)
        return
    part: list[str] = []
    _run_text(r, part, ctx, legacy=True)
    out.append(decode_in("".join(part), encoding, font))
    ctx.encodings.add(encoding)


class _Reader:
    def __init__(self, numbering: Numbering, fonts: Fonts, legacy: dict[str, str]) -> None:
        self.numbering = numbering
        self.fonts = fonts
        self.legacy = legacy
        self.b = _Builder()
        self.encodings: set[str] = set()

    def paragraph_text(self, p: Any, offset: int) -> str:
        ppr = p.find(W + "pPr")
        style = ppr.find(W + "pStyle") if ppr is not None else None
        style_id = style.get(W + "val") if style is not None else None
        label = self.numbering.label(ppr, style_id)
        out: list[str] = [f"{label} "] if label else []
        ctx = _Context(offset, self.fonts, style_id, self.legacy)
        _run_text(p, out, ctx)
        text = "".join(out)
        for kind, s, e in ctx.marks:
            self.b.marks.append(RawMark(kind, s, e))
        self.encodings |= ctx.encodings
        return text

    def paragraph(self, p: Any) -> None:
        self.b.add(self.paragraph_text(p, self.b.size) + "\n")

    def cell_text(self, tc: Any, joiner: str) -> None:
        first = True
        for p in tc.iter(W + "p"):
            if not first:
                self.b.add(joiner)
            self.b.add(self.paragraph_text(p, self.b.size))
            first = False

    def table(self, tbl: Any) -> None:
        rows = [
            [tc for tc in tr.iter(W + "tc") if tc.getparent() is tr]
            for tr in tbl.iter(W + "tr")
            if tr.getparent() is tbl
        ]
        if not rows:
            return
        if _is_layout(rows):
            width = max(len(r) for r in rows)
            for col in range(width):  # column by column: agency and Số, then Quốc hiệu and date
                for r in rows:
                    if col < len(r):
                        self.cell_text(r[col], "\n")
                        self.b.add("\n")
            return
        raw_rows = []
        for r in rows:
            cells = []
            for i, tc in enumerate(r):
                if i:
                    self.b.add(" | ")
                start = self.b.size
                self.cell_text(tc, " ")
                cells.append(RawCell(start, self.b.size))
            self.b.add("\n")
            raw_rows.append(tuple(cells))
        self.b.tables.append(RawTable(tuple(raw_rows)))

    def notes(self, notes: list[tuple[str, Any]]) -> None:
        """Footnotes and endnotes after the body, each as "[n] its text" (citations often live there)."""
        for note_id, note in notes:
            text = " ".join(self.paragraph_text(p, self.b.size) for p in note.iter(W + "p")).strip()
            if text:
                self.b.add(f"\n[{note_id}] {text}")
        if notes:
            self.b.add("\n")

    def body(self, body: Any) -> None:
        for el in body:
            if el.tag == W + "p":
                self.paragraph(el)
            elif el.tag == W + "tbl":
                self.table(el)
            elif el.tag == W + "sdt":  # a block content control: its content is body
                content = el.find(W + "sdtContent")
                if content is not None:
                    self.body(content)


def _cell_plain(tc: Any) -> str:
    return " ".join("".join(t.text or "" for t in p.iter(W + "t")) for p in tc.iter(W + "p"))


def _is_layout(rows: list[list[Any]]) -> bool:
    """A small table holding the header or the signature block, not data."""
    if max(len(r) for r in rows) > MAX_LAYOUT_COLUMNS or len(rows) > MAX_LAYOUT_ROWS:
        return False
    cells = [_cell_plain(tc) for r in rows for tc in r]
    if any(len(c) > MAX_LAYOUT_CELL for c in cells):
        return False
    text = unicodedata.normalize("NFC", " ".join(cells))  # Word may store decomposed accents
    return any(w in text for w in LAYOUT_WORDS)


NOTE_PARTS = ("footnotes", "endnotes")


def _notes(part: Any) -> list[tuple[str, Any]]:
    """(id, element) of every real footnote and endnote (not the separators, whose ids are -1 and 0)."""
    from docx.oxml import parse_xml

    out = []
    for rel in part.rels.values():
        kind = rel.reltype.rsplit("/", 1)[-1]
        if kind in NOTE_PARTS and not rel.is_external:
            root = parse_xml(rel.target_part.blob)
            for note in root:
                note_id = note.get(W + "id")
                if note_id is not None and int(note_id) > 0:
                    out.append((note_id, note))
    return out


class DocxBackend(Backend):
    """``limits`` bound what the package may inflate to (checked before python-docx
    inflates it)."""

    format = "docx"

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()

    def read(self, data: bytes, path: Path) -> RawDocument:
        from lxml.etree import XMLSyntaxError

        check_package(data, self.limits, "Word")
        try:
            return self._read(data)
        except XMLSyntaxError as e:  # a part python-docx or the notes reader parses
            raise IngestError(f"the Word file's XML is malformed: {e}") from e

    @staticmethod
    def _read(data: bytes) -> RawDocument:
        import docx  # python-docx, imported when a Word file is read
        from docx.opc.exceptions import PackageNotFoundError

        try:
            document = docx.Document(io.BytesIO(data))
        except (PackageNotFoundError, KeyError, ValueError) as e:
            raise IngestError(f"the Word file cannot be opened: {e}") from e
        part = document.part
        numbering_root = None
        try:
            numbering_root = part.numbering_part.element
        except (NotImplementedError, KeyError):
            numbering_root = None
        styles_root = document.styles.element if part.package is not None else None
        fonts = Fonts.from_styles(styles_root)
        legacy = legacy_fonts(document.element.body, fonts)
        reader = _Reader(Numbering.from_parts(numbering_root, styles_root), fonts, legacy)
        reader.body(document.element.body)
        reader.notes(_notes(part))
        b = reader.b
        warnings: tuple[Warning_, ...] = ()
        if b.marks:
            warnings = (Warning_(f"the document holds {len(b.marks)} tracked changes", "tracked_changes"),)
        return RawDocument(
            text=b.text(),
            encoding="+".join(sorted(reader.encodings)) or "utf-8",
            tables=tuple(b.tables),
            marks=tuple(b.marks),
            warnings=warnings,
        )

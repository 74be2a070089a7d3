"""One fixture, three files: a form (``corpus/forms/*.form``) rendered as the TXT,
the DOCX and (through LibreOffice) the PDF an archive would hold.

A form is the document's content in blocks::

    @left / @right   the two columns of a borderless layout table (header, signature)
    @center          centred lines (tên loại, trích yếu, the issuer's title)
    @body            one paragraph per line; "I.", "1.", "1.1.", "a)", "-" and
                     "Điều 1." at the start are list labels
    @table           a bordered data table, cells separated by " | "

In the DOCX every label the author could have let Word number is real Word
auto-numbering (``numbering.xml``): Roman headings through a paragraph style,
the other levels through the paragraph's own ``w:numPr``, letters restarting
under each new number, articles and dashes in lists of their own. A label Word would not
produce next (a skipped or repeated number) is typed into the text, as people
do. The TXT shows the two columns side by side and wraps long paragraphs.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import regex

LABEL = regex.compile(
    r"""^(?:
        (?P<article>Điều\s+(?P<article_n>\d+)\.)
      | (?P<roman>(?P<roman_n>[IVX]+)\.)
      | (?P<decimal>(?P<decimal_a>\d+)\.(?P<decimal_b>\d+)\.)
      | (?P<arabic>(?P<arabic_n>\d+)\.)
      | (?P<letter>(?P<letter_n>[a-zđ])\))
      | (?P<dash>-)
    )\s+""",
    regex.VERBOSE,
)
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
LETTERS = "abcdđeghiklmnopqrstuvxy"  # Word's lowerLetter skips none, but Vietnamese lists use a-z
OUTLINE, ARTICLES, BULLETS = 1, 2, 3  # numIds
LEVEL = {"roman": 0, "arabic": 1, "decimal": 2, "letter": 3}
TXT_WIDTH = 88
CENTER_WIDTH = 64
SOFFICE_TIMEOUT = 180
EXPORT_FILTERS = {"doc": "doc:MS Word 97"}  # the Word 97-2003 binary format


@dataclass
class Block:
    kind: str  # pair, center, body, table
    lines: list[str] = field(default_factory=list)
    right: list[str] = field(default_factory=list)


def parse_form(text: str) -> list[Block]:
    blocks: list[Block] = []
    target: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("@"):
            kind = line[1:].strip()
            if kind == "right":
                assert blocks and blocks[-1].kind == "pair", "@right must follow @left"
                target = blocks[-1].right
                continue
            block = Block("pair" if kind == "left" else kind)
            assert block.kind in ("pair", "center", "body", "table"), f"unknown block @{kind}"
            blocks.append(block)
            target = block.lines
            continue
        assert target is not None, "text before the first @block"
        target.append(line)
    for b in blocks:
        for lines in (b.lines, b.right):
            while lines and not lines[-1].strip():
                lines.pop()
    return blocks


# --- TXT ------------------------------------------------------------------------------


def to_txt(blocks: list[Block]) -> str:
    out: list[str] = []
    for b in blocks:
        if b.kind == "pair":
            width = max([len(x) for x in b.lines] + [36]) + 6
            for i in range(max(len(b.lines), len(b.right))):
                left = b.lines[i] if i < len(b.lines) else ""
                right = b.right[i] if i < len(b.right) else ""
                out.append(f"{left:<{width}}{right}".rstrip())
        elif b.kind == "center":
            for x in b.lines:
                out.extend(f"{w:^{TXT_WIDTH}}".rstrip() for w in textwrap.wrap(x, CENTER_WIDTH) or [""])
        elif b.kind == "body":
            for line in b.lines:
                if not line.strip():
                    continue
                wrapped = textwrap.wrap(line, TXT_WIDTH, initial_indent="     ", break_on_hyphens=False)
                out.extend(wrapped)
        else:  # table
            out.extend(b.lines)
        out.append("")
    return "\n".join(out).rstrip() + "\n"


# --- DOCX -----------------------------------------------------------------------------


def _numbering_xml() -> str:
    def lvl(ilvl: int, fmt: str, text: str, indent: int) -> str:
        return (
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{indent}" w:hanging="360"/></w:pPr></w:lvl>'
        )

    outline = "".join(
        [
            lvl(0, "upperRoman", "%1.", 360),
            lvl(1, "decimal", "%2.", 360),
            lvl(2, "decimal", "%2.%3.", 720),
            lvl(3, "lowerLetter", "%4)", 720),
        ]
    )
    articles = lvl(0, "decimal", "Điều %1.", 0)
    bullets = lvl(0, "bullet", "-", 720)
    return (
        f'<w:abstractNum w:abstractNumId="10"><w:multiLevelType w:val="multilevel"/>{outline}</w:abstractNum>'
        f'<w:abstractNum w:abstractNumId="20"><w:multiLevelType w:val="singleLevel"/>{articles}</w:abstractNum>'
        f'<w:abstractNum w:abstractNumId="30"><w:multiLevelType w:val="singleLevel"/>{bullets}</w:abstractNum>'
        f'<w:num w:numId="{OUTLINE}"><w:abstractNumId w:val="10"/></w:num>'
        f'<w:num w:numId="{ARTICLES}"><w:abstractNumId w:val="20"/></w:num>'
        f'<w:num w:numId="{BULLETS}"><w:abstractNumId w:val="30"/></w:num>'
    )


class _Counters:
    """What Word would show next at each level, so a label it would not show is typed."""

    def __init__(self) -> None:
        self.outline: dict[int, int] = {}
        self.articles = 0

    def expected(self, kind: str, m: regex.Match[str]) -> bool:
        if kind == "dash":
            return True
        if kind == "article":
            return int(m.group("article_n")) == self.articles + 1
        level = LEVEL[kind]
        value = self._value(kind, m)
        if kind == "decimal" and int(m.group("decimal_a")) != self.outline.get(1):
            return False  # "2.1." under "1.": Word shows the parent's number
        return value == self.outline.get(level, 0) + 1

    def advance(self, kind: str, m: regex.Match[str]) -> None:
        if kind == "dash":
            return
        if kind == "article":
            self.articles += 1
            return
        level = LEVEL[kind]
        self.outline[level] = self.outline.get(level, 0) + 1
        for deeper in [d for d in self.outline if d > level]:
            del self.outline[deeper]

    @staticmethod
    def _value(kind: str, m: regex.Match[str]) -> int:
        if kind == "roman":
            return ROMAN[m.group("roman_n")]
        if kind == "arabic":
            return int(m.group("arabic_n"))
        if kind == "decimal":
            return int(m.group("decimal_b"))
        return LETTERS.index(m.group("letter_n")) + 1


def to_docx(blocks: list[Block]) -> bytes:
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Pt

    d = docx.Document()
    d.styles["Normal"].font.name = "DejaVu Serif"
    d.styles["Normal"].font.size = Pt(11)
    numbering = d.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for el in parse_xml(f"<w:numbering {nsdecls('w')}>{_numbering_xml()}</w:numbering>"):
        numbering.append(el)
    heading = d.styles.add_style("Muc", WD_STYLE_TYPE.PARAGRAPH)
    heading.base_style = d.styles["Normal"]
    heading.font.bold = True
    heading.element.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{OUTLINE}"/></w:numPr>')
    )
    counters = _Counters()

    def numbered(p: object, num_id: int, ilvl: int) -> None:
        p._p.get_or_add_pPr().append(  # type: ignore[attr-defined]
            parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
            )
        )

    def cell_lines(cell: object, lines: list[str], align: object | None = None) -> None:
        cell.paragraphs[0].text = lines[0] if lines else ""  # type: ignore[attr-defined]
        if align is not None:
            cell.paragraphs[0].alignment = align  # type: ignore[attr-defined]
        for line in lines[1:]:
            p = cell.add_paragraph(line)  # type: ignore[attr-defined]
            if align is not None:
                p.alignment = align

    for b in blocks:
        if b.kind == "pair":
            t = d.add_table(rows=1, cols=2)  # no style: no borders, a layout table
            cell_lines(t.cell(0, 0), b.lines, WD_ALIGN_PARAGRAPH.CENTER)
            cell_lines(t.cell(0, 1), b.right, WD_ALIGN_PARAGRAPH.CENTER)
        elif b.kind == "center":
            for i, line in enumerate(x for x in b.lines if x.strip()):
                p = d.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                p.add_run(line).bold = i == 0
        elif b.kind == "body":
            for line in b.lines:
                if not line.strip():
                    continue
                m = LABEL.match(line)
                kind = next(
                    (
                        k
                        for k in ("article", "roman", "decimal", "arabic", "letter", "dash")
                        if m and m.group(k)
                    ),
                    None,
                )
                if m is None or kind is None or not counters.expected(kind, m):
                    d.add_paragraph(line)  # typed by hand
                    continue
                counters.advance(kind, m)
                rest = line[m.end() :]
                if kind == "roman":
                    d.add_paragraph(rest, style="Muc")
                elif kind in ("article", "dash"):  # lists of their own
                    p = d.add_paragraph(rest)
                    numbered(p, ARTICLES if kind == "article" else BULLETS, 0)
                else:
                    p = d.add_paragraph(rest)
                    numbered(p, OUTLINE, LEVEL[kind])
        else:  # table
            rows = [[c.strip() for c in line.split(" | ")] for line in b.lines if line.strip()]
            t = d.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            t.style = d.styles["Table Grid"]
            for i, r in enumerate(rows):
                for j, c in enumerate(r):
                    t.cell(i, j).text = c
    if blocks and blocks[-1].kind in ("pair", "table"):
        d.add_paragraph()  # as Word does: a document never ends in a table
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


# --- PDF ------------------------------------------------------------------------------


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(docx_files: list[Path], outdir: Path, fmt: str = "pdf") -> dict[Path, Path]:
    """Word files exported by LibreOffice headless to ``fmt`` (pdf, doc, rtf, odt):
    one run, its own profile."""
    exe = soffice()
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="vanban-lo-") as profile:
        subprocess.run(
            [
                exe,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                EXPORT_FILTERS.get(fmt, fmt),
                "--outdir",
                str(outdir),
                *map(str, docx_files),
            ],
            check=True,
            capture_output=True,
            timeout=SOFFICE_TIMEOUT,
            env={**os.environ, "HOME": profile},
        )
    out = {p: outdir / f"{p.stem}.{fmt}" for p in docx_files}
    missing = [p.name for p, exported in out.items() if not exported.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice wrote no {fmt.upper()} for {', '.join(missing)}")
    return out

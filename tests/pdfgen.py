"""Small PDFs drawn for the tests with reportlab: text where a test puts it, white
text, form fields filled in after "signing", ruled tables.

Vietnamese needs a TrueType font with its letters: DejaVu Serif (Debian's
``fonts-dejavu-core``); the tests that draw PDFs skip with a reason without it
(and fail under CI=true, which installs it).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import pytest

FONT_FILES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSerif.ttf"),
)
FONT = next((p for p in FONT_FILES if p.exists()), None)
PAGE = (595.0, 842.0)  # A4 in points

requires_font = pytest.mark.needs("dejavu")  # tests/tools.py: skipped without it, failed under CI


@dataclass
class Page:
    lines: list[tuple[float, float, str, bool]] = field(default_factory=list)  # x, y, text, white
    fields: list[tuple[float, float, float, float, str]] = field(default_factory=list)  # x, y, w, h, value
    grids: list[tuple[list[float], list[float], list[list[str]]]] = field(default_factory=list)

    def text(self, x: float, y: float, s: str, *, white: bool = False) -> Page:
        self.lines.append((x, y, s, white))
        return self

    def field(self, x: float, y: float, w: float, h: float, value: str) -> Page:
        self.fields.append((x, y, w, h, value))
        return self

    def table(self, xs: list[float], ys: list[float], cells: list[list[str]]) -> Page:
        """Rules at ``xs`` (left to right) and ``ys`` (top to bottom), a cell's text in each box."""
        self.grids.append((xs, ys, cells))
        return self


def pdf(*pages: Page, size: float = 11) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    assert FONT is not None
    pdfmetrics.registerFont(TTFont("Serif", str(FONT)))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=PAGE)
    for n, page in enumerate(pages):
        c.setFont("Serif", size)
        for x, y, s, white in page.lines:
            c.setFillColorRGB(1, 1, 1) if white else c.setFillColorRGB(0, 0, 0)
            c.drawString(x, y, s)
        c.setFillColorRGB(0, 0, 0)
        for k, (x, y, w, h, value) in enumerate(page.fields):
            c.acroForm.textfield(
                name=f"f{n}_{k}", value=value, x=x, y=y, width=w, height=h, borderWidth=0, fontSize=size
            )
        for xs, ys, cells in page.grids:
            c.setLineWidth(0.5)
            for x in xs:
                c.line(x, ys[0], x, ys[-1])
            for y in ys:
                c.line(xs[0], y, xs[-1], y)
            for r, row in enumerate(cells):
                for k, s in enumerate(row):
                    c.drawString(xs[k] + 3, ys[r + 1] + 4, s)
        c.showPage()
    c.save()
    return buf.getvalue()

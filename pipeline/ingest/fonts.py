"""The font a Word run is typed in: its own, its character style's, its paragraph
style's, or the document's default (each style following ``w:basedOn``). Only the
font name matters here: a legacy font tells a legacy encoding."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .numbering import W


def _font_of(rpr: Any) -> str | None:
    fonts = rpr.find(W + "rFonts") if rpr is not None else None
    if fonts is None:
        return None
    return fonts.get(W + "ascii") or fonts.get(W + "hAnsi")


@dataclass
class Fonts:
    default: str | None = None
    own: dict[str, str] = field(default_factory=dict)  # style id → the font it sets
    based_on: dict[str, str] = field(default_factory=dict)
    default_paragraph: str | None = None  # the style of a paragraph that names none (Normal)

    @classmethod
    def from_styles(cls, styles: Any | None) -> Fonts:
        out = cls()
        if styles is None:
            return out
        defaults = styles.find(W + "docDefaults")
        if defaults is not None:
            out.default = _font_of(defaults.find(f"{W}rPrDefault/{W}rPr"))
        for st in styles.iter(W + "style"):
            sid = st.get(W + "styleId")
            if st.get(W + "type") == "paragraph" and st.get(W + "default") in ("1", "true", "on"):
                out.default_paragraph = sid
            font = _font_of(st.find(W + "rPr"))
            if sid and font:
                out.own[sid] = font
            base = st.find(W + "basedOn")
            if sid and base is not None and base.get(W + "val"):
                out.based_on[sid] = base.get(W + "val")
        return out

    def style_font(self, style_id: str | None) -> str | None:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            if style_id in self.own:
                return self.own[style_id]
            seen.add(style_id)
            style_id = self.based_on.get(style_id)
        return None

    def run_font(self, run: Any, para_style: str | None) -> str | None:
        rpr = run.find(W + "rPr")
        own = _font_of(rpr)
        if own:
            return own
        rstyle = rpr.find(W + "rStyle") if rpr is not None else None
        return (
            (self.style_font(rstyle.get(W + "val")) if rstyle is not None else None)
            or self.style_font(para_style or self.default_paragraph)
            or self.default
        )

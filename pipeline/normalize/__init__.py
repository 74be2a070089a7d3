"""Stage 1, clean: raw text in, normalized text with an offset map out.

The normalized text is what the record's ``text`` holds and what every
offset points into: Unicode NFC, one tone-mark placement, no look-alike
Cyrillic or Greek letters inside Vietnamese words, no Markdown marks, no
page furniture, plain spaces, paragraphs cut by a page break joined again.
``Normalized.raw_span`` maps any span back to the raw input.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

from . import steps
from .columns import split_columns
from .mapped import MappedText
from .repair import OCR_DIGITS, SYMBOL_CODE, WORD, Repairer, fix_digits

Step = Callable[[MappedText], MappedText]

#: The order matters: characters before words, words before layout, layout
#: (which needs the original spacing) before whitespace, whitespace before
#: paragraphs. Markdown marks go before NFC (a mark may sit between a letter and
#: its accent); a last NFC and tone pass makes the result a fixed point.
STEPS: tuple[tuple[str, Step], ...] = (
    ("line_breaks", steps.line_breaks),
    ("invisibles", steps.invisibles),
    ("markdown", steps.markdown),
    ("confusables", steps.confusables),
    ("nfc", steps.nfc),
    ("tone_marks", steps.tone_marks),
    ("page_furniture", steps.page_furniture),
    ("columns", split_columns),
    ("whitespace", steps.whitespace),
    ("rejoin_paragraphs", steps.rejoin_paragraphs),
    ("unwrap_lines", steps.unwrap_lines),
    ("edges", steps.edges),
    ("nfc_final", steps.nfc),
    ("tone_final", steps.tone_marks),
)


@dataclass(frozen=True, slots=True)
class Normalized:
    raw: str
    mapped: MappedText

    @property
    def text(self) -> str:
        return self.mapped.text

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return self.mapped.raw_span(start, end)

    def spans_of(self, raw_spans: list[tuple[int, int]]) -> list[tuple[int, int] | None]:
        """The normalized spans of raw spans (None for a span whose characters were all dropped)."""
        if not raw_spans:
            return []
        by_origin = sorted((o, i) for i, o in enumerate(self.mapped.origin[:-1]))
        keys = [o for o, _ in by_origin]
        out: list[tuple[int, int] | None] = []
        for rs, re_ in raw_spans:
            lo, hi = bisect.bisect_left(keys, rs), bisect.bisect_left(keys, re_)
            idx = [i for _, i in by_origin[lo:hi]]
            if idx:
                out.append((min(idx), max(idx) + 1))
            else:  # an empty cell or a deletion point: where the next kept character is
                at = by_origin[lo][1] if lo < len(by_origin) else len(self.text)
                out.append((at, at) if rs == re_ else None)
        return out


def normalize(
    raw: str, *, layout: bool = True, wrapped: bool = True, repair: Repairer | None = None
) -> Normalized:
    """Normalize raw text; ``layout`` says spaces may lay out columns (a text export), so
    the two-column header and closing blocks are read column by column; ``wrapped``
    says lines are visual lines, so a paragraph's wrapped lines are joined (a Word
    file's lines are its paragraphs already); ``repair`` (for OCR text) puts right
    capitals and word pairs misread in their diacritics, type codes with a doubled
    letter and digits read as letters."""
    # The last tone pass is for OCR repairs, which may write a word in the other placement:
    # no other step can make a syllable to move a tone in (they drop whole lines and
    # spaces, or turn a line break into a space), and the pass costs a scan of the text.
    off = (("columns", layout), ("unwrap_lines", wrapped), ("tone_final", repair is not None))
    skip = {name for name, on in off if not on}
    t = MappedText.identity(raw)
    for name, step in STEPS:
        if name not in skip:
            t = step(t)
        if name == "tone_marks" and repair is not None:
            t = t.sub(OCR_DIGITS, fix_digits)
            t = t.sub(SYMBOL_CODE, repair.fix_code)
            t = t.sub(repair.pattern, repair.fix)
            edits = repair.fix_pairs(t.text)
            if edits:
                t = t.sub(WORD, lambda m, e=edits: e.get(m.start(), m.group()))
    return Normalized(raw, t)


canonical_tones = steps.canonical_tones

__all__ = ["STEPS", "MappedText", "Normalized", "canonical_tones", "normalize"]

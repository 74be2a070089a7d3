"""Stage 1, clean: raw text in, normalized text with an offset map out.

The normalized text is what the record's ``text`` holds and what every
offset points into: Unicode NFC, one tone-mark placement, no look-alike
Cyrillic or Greek letters inside Vietnamese words, no Markdown marks, no
page furniture, plain spaces, paragraphs cut by a page break joined again.
``Normalized.raw_span`` maps any span back to the raw input.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import steps
from .columns import split_columns
from .mapped import MappedText, as_array
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
        """The normalized spans of raw spans (None for a span whose characters were all dropped).

        The characters are sorted by the raw offset they came from (numpy: the thousands
        of cells of a long table are mapped in milliseconds, not a tenth of a second)."""
        import numpy as np

        if not raw_spans:
            return []
        origin = as_array(self.mapped.origin[:-1])
        order = np.argsort(origin, kind="stable")  # by raw offset, then by position
        keys = origin[order]
        bounds = np.asarray(raw_spans, dtype=np.int64)
        los = np.searchsorted(keys, bounds[:, 0], "left")
        his = np.searchsorted(keys, bounds[:, 1], "left")
        lows, highs = _extremes(order, los, his)
        out: list[tuple[int, int] | None] = []
        for (rs, re_), lo, hi, a, b in zip(raw_spans, los.tolist(), his.tolist(), lows, highs, strict=True):
            if hi > lo:
                out.append((a, b + 1))
            else:  # an empty cell or a deletion point: where the next kept character is
                at = int(order[lo]) if lo < len(order) else len(self.text)
                out.append((at, at) if rs == re_ else None)
        return out


def _extremes(order: Any, los: Any, his: Any) -> tuple[list[int], list[int]]:
    """The least and the greatest of ``order[lo:hi]`` for each pair (anything where
    ``hi <= lo``): in one numpy pass when the ranges run in order without overlapping
    (the cells of tables do), else range by range."""
    import numpy as np

    if len(los) and np.all(los[1:] >= his[:-1]) and np.all(his >= los):
        padded = np.append(order, 0)  # reduceat's indexes must be inside the array
        cuts = np.column_stack((los, his)).ravel()
        return (
            np.minimum.reduceat(padded, cuts)[::2].tolist(),
            np.maximum.reduceat(padded, cuts)[::2].tolist(),
        )
    lows, highs = [], []
    for lo, hi in zip(los.tolist(), his.tolist(), strict=True):
        part = order[lo:hi] if hi > lo else order[:1]
        lows.append(int(part.min()))
        highs.append(int(part.max()))
    return lows, highs


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

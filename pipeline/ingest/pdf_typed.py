"""Numbers and dates typed into a signed PDF's blanks, put back where they stand.

An e-office system prints the number and the day on a document after it is
signed, as text objects of their own drawn over the blanks of "Số:     /TTr-SNV"
and "ngày    tháng 3 năm 2025". PDFium gives a page's text in the order it was
drawn, so such values come out elsewhere: on a line of their own after the
page (``390 27``), or inside a word of the line they belong to
(``S 390 ố: /TTr-SNV``). Their boxes say where they are.

Only the lines that hold a blank's label ("Số", "ngày", "tháng") within the
page's first lines, on one row, are rebuilt — when a stray value stands on them or
their characters are out of order — from their characters and those values, in the
order of their left edges (boxes by advance, so a word's letters touch), a space
where a gap is wider than ``SPACE_GAP`` of the line's height. A stray value is a
short run of digits and dots on a line of its own (``STRAY``). Nothing is moved
when no box says it must be.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import regex

Box = tuple[float, float, float, float]  # left, bottom, right, top

LINE = regex.compile(r"[^\r\n]+")
# A line with a blank's label: the number line or the date line.
LABELLED = regex.compile(r"S\s?ố|ngày|tháng", regex.I)
# A value typed in on its own: "390", "27", "15 5", "02.2025".
STRAY = regex.compile(r"^[ \t]*[\d./][\d./ \t]{0,19}$")
TOKEN = regex.compile(r"\S+")
SPACES = regex.compile(r" {2,}")
SPACE_GAP = 0.2  # a gap wider than this share of the line's height is a space
SAME_LINE = 0.5  # a value whose middle is inside this share of a line's height is on it
HEAD_LINES = 40  # the blanks are in the header: only this many first lines are looked at


def _rebuild(chars: list[tuple[Box, str]]) -> str:
    """Characters (with the line's spaces) laid out by their left edges, a space more where
    a gap is wide and none was."""
    chars = sorted(chars, key=lambda c: c[0][0])
    height = max((c[0][3] - c[0][1] for c in chars if c[1].strip()), default=1.0) or 1.0
    out: list[str] = []
    right = None
    for box, ch in chars:
        if not ch.strip():
            out.append(" ")
            continue
        if right is not None and box[0] - right > SPACE_GAP * height and out and out[-1] != " ":
            out.append(" ")
        out.append(ch)
        right = box[2]
    return SPACES.sub(" ", "".join(out)).strip()


def _one_row(boxes: list[Box]) -> bool:
    """The characters stand on one row: no line of the text wraps onto the next row."""
    middles = [(b[1] + b[3]) / 2 for b in boxes]
    height = max(b[3] - b[1] for b in boxes)
    return max(middles) - min(middles) <= SAME_LINE * height


def _in_order(chars: list[tuple[Box, str]]) -> bool:
    """Each character starts right of where the one before it started (a little overlap is
    kerning, not a value drawn in between)."""
    seen = [c for c in chars if c[1].strip()]
    return all(b[0][0] >= a[0][0] - 0.5 for a, b in itertools.pairwise(seen))


def typed_values(text: str, box: Callable[[int], Box]) -> list[tuple[int, int, str]]:
    """Edits (start, end, replacement) that put typed-in values back on their lines."""
    lines = [m for m in LINE.finditer(text)][:HEAD_LINES]
    labelled = [m for m in lines if LABELLED.search(m.group())]
    if not labelled:
        return []
    strays = [m for m in lines if STRAY.match(m.group()) and m not in labelled]
    bands = []
    for m in labelled:
        chars = [(box(k), text[k]) for k in range(m.start(), m.end())]
        seen = [b for b, c in chars if c.strip()]
        if seen and _one_row(seen):
            bands.append((m, chars, min(b[1] for b in seen), max(b[3] for b in seen)))
    edits: list[tuple[int, int, str]] = []
    moved: dict[int, list[tuple[Box, str]]] = {}
    for s in strays:
        for t in TOKEN.finditer(text, s.start(), s.end()):
            tchars = [(box(k), text[k]) for k in range(t.start(), t.end())]
            middle = sum((c[0][1] + c[0][3]) / 2 for c in tchars) / len(tchars)
            home = next(
                (
                    i
                    for i, (_, _, lo, hi) in enumerate(bands)
                    if lo - SAME_LINE * (hi - lo) / 2 <= middle <= hi
                ),
                None,
            )
            if home is not None:
                moved.setdefault(home, []).extend(tchars)
                edits.append((t.start(), t.end(), ""))
    for i, (m, chars, _, _) in enumerate(bands):
        extra = moved.get(i, [])
        if extra or not _in_order(chars):
            edits.append((m.start(), m.end(), _rebuild(chars + extra)))
    return edits

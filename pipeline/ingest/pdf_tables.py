"""Ruled tables of a PDF page, read from PDFium's drawing objects.

Decisions list the collectives and individuals they reward in ruled tables.
Word and LibreOffice draw each rule as a thin line or a thin filled rectangle,
so the table's grid comes from the page's path objects (one bounds call each,
segments read only for a path holding several rules). Rules that cross one
another form a grid; each cell's text is PDFium's text bounded by the cell. A
cell spanning columns is one cell where no vertical rule crosses its row.

The page's text is rewritten where the table stood: one line per row, cells
joined by `` | `` (as a Word table is read), each cell wrapped in marks that
:func:`marks.take_marks` turns into offsets once the pages are joined. Tables are
only looked for on pages whose text names a table's first column ("STT",
"TT", "Xếp hạng") or that follow a page with a table, so a page of prose
pays nothing.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from typing import Any, NamedTuple

import regex

from .marks import CELL_CLOSE, CELL_OPEN, TABLE_CLOSE, TABLE_OPEN
from .pdfium_calls import address, calls
from .quality import SPACE_CODES

# A page that may hold a table: a column heading that opens one.
TABLE_HINT = regex.compile(r"(?m)^[ \t]*(?:STT|TT|Số[ \t]+TT|Số[ \t]+thứ[ \t]+tự|Xếp[ \t]+hạng)\b")
FPDF_PAGEOBJ_PATH = 2
SEGMENT_MOVETO = 3
THIN = 2.5  # points: a path this thin is a rule
MIN_RULE = 6.0  # points: a shorter mark is not a rule
SNAP = 2.5  # points: rules this close are one (a double line, a rule drawn as a thin box)
MIN_BAND = 4.0  # points: a row or column narrower than this is a gap between two rules
MAX_SIMPLE_SEGMENTS = 5  # a rectangle: move, three lines, close
MAX_TRIES = 50  # places of the first and of the last cell's text tried


class Rule(NamedTuple):  # a tuple: thousands a page of tables, made faster than a frozen dataclass
    horizontal: bool
    at: float  # y of a horizontal rule, x of a vertical one
    lo: float  # where it starts along its length
    hi: float


@dataclass(frozen=True)
class Grid:
    xs: tuple[float, ...]  # column edges, left to right
    ys: tuple[float, ...]  # row edges, top to bottom
    verticals: tuple[Rule, ...]

    def cells(self) -> list[list[tuple[float, float, float, float]]]:
        """Rows of cell boxes (left, bottom, right, top); a cell spans columns where no
        vertical rule crosses its row."""
        rows = []
        for top, bottom in zip(self.ys, self.ys[1:], strict=False):
            middle = (top + bottom) / 2
            row: list[tuple[float, float, float, float]] = []
            left = self.xs[0]
            for x in self.xs[1:]:
                closed = x == self.xs[-1] or any(
                    abs(v.at - x) <= SNAP and v.lo - SNAP <= middle <= v.hi + SNAP for v in self.verticals
                )
                if closed:
                    row.append((left, bottom, x, top))
                    left = x
            rows.append(row)
        return rows


class _PathReader:
    """The rules drawn by a page's path objects, through :mod:`pdfium_calls` (a call or
    three per object: the page's only cost that grows with its drawing)."""

    def __init__(self) -> None:
        self.c = calls()
        self.left, self.bottom, self.right, self.top = (ctypes.c_float() for _ in range(4))
        self.x, self.y = ctypes.c_float(), ctypes.c_float()
        self.fill, self.stroke = ctypes.c_int(), ctypes.c_int()

    def page_rules(self, page: Any) -> list[Rule]:
        c = self.c
        get_object, get_type, get_bounds = c.get_object, c.object_type, c.bounds
        left, bottom, right, top = self.left, self.bottom, self.right, self.top
        handle = address(page.raw)
        rules: list[Rule] = []
        for i in range(c.count_objects(handle)):  # a call per object: kept lean
            obj = get_object(handle, i)
            if get_type(obj) == FPDF_PAGEOBJ_PATH and get_bounds(obj, left, bottom, right, top):
                rules.extend(self.rules_of_path(obj, (left.value, bottom.value, right.value, top.value)))
        return rules

    def rules_of_path(self, obj: int, box: tuple[float, float, float, float]) -> list[Rule]:
        left, bottom, right, top = box
        width, height = right - left, top - bottom
        if width <= THIN and height >= MIN_RULE:
            return [Rule(False, (left + right) / 2, bottom, top)]
        if height <= THIN and width >= MIN_RULE:
            return [Rule(True, (bottom + top) / 2, left, right)]
        if width < MIN_RULE or height < MIN_RULE:
            return []
        if self.c.count_segments(obj) <= MAX_SIMPLE_SEGMENTS:  # a box: its four edges, if drawn
            if not (self.c.draw_mode(obj, self.fill, self.stroke) and self.stroke.value):
                return []  # a filled box is a cell's shading, not its border
            return box_edges(left, bottom, right, top)
        return self.segments(obj)

    def segments(self, obj: int) -> list[Rule]:
        """The straight rules of a path holding several (its points mapped to the page)."""
        import pypdfium2.raw as raw

        c = self.c
        m = raw.FS_MATRIX()
        if not c.matrix(obj, m):
            return []
        x, y = self.x, self.y
        out: list[Rule] = []
        start = prev = None
        for k in range(c.count_segments(obj)):
            seg = c.segment(obj, k)
            if not seg or not c.segment_point(seg, x, y):
                continue
            point = (m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f)
            if c.segment_type(seg) == SEGMENT_MOVETO or prev is None:
                start = prev = point
                continue
            for a, b in ((prev, point), *(((point, start),) if c.segment_close(seg) else ())):
                rule = straight_rule(a, b)
                if rule is not None:
                    out.append(rule)
            prev = point
        return out


def straight_rule(a: tuple[float, float], b: tuple[float, float]) -> Rule | None:
    """The rule a path segment from ``a`` to ``b`` draws, if it is one (level or upright,
    long enough)."""
    if abs(a[1] - b[1]) <= THIN and abs(a[0] - b[0]) >= MIN_RULE:
        return Rule(True, (a[1] + b[1]) / 2, min(a[0], b[0]), max(a[0], b[0]))
    if abs(a[0] - b[0]) <= THIN and abs(a[1] - b[1]) >= MIN_RULE:
        return Rule(False, (a[0] + b[0]) / 2, min(a[1], b[1]), max(a[1], b[1]))
    return None


def box_edges(left: float, bottom: float, right: float, top: float) -> list[Rule]:
    """The four rules of a stroked box."""
    return [
        Rule(True, top, left, right),
        Rule(True, bottom, left, right),
        Rule(False, left, bottom, top),
        Rule(False, right, bottom, top),
    ]


def page_rules(page: Any) -> list[Rule]:
    """The rules drawn on a page (a pypdfium2 page)."""
    return _PathReader().page_rules(page)


def _snap(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= MIN_BAND:
            continue
        out.append(v)
    return out


def _merge(rules: list[Rule]) -> list[Rule]:
    """Rules on one line that touch or overlap, as one (a border drawn cell by cell)."""
    out: list[Rule] = []
    for r in sorted(rules, key=lambda r: (r.horizontal, round(r.at / SNAP), r.lo)):
        last = out[-1] if out else None
        if (
            last is not None
            and last.horizontal == r.horizontal
            and abs(last.at - r.at) <= SNAP
            and r.lo <= last.hi + SNAP
        ):
            out[-1] = Rule(r.horizontal, last.at, last.lo, max(last.hi, r.hi))
        else:
            out.append(r)
    return out


def grids(rules: list[Rule]) -> list[Grid]:
    """Rules that cross one another, grouped; a group with two columns at least is a
    grid (whether one row makes a table is the reader's call)."""
    rules = _merge(rules)
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    hs = [i for i, r in enumerate(rules) if r.horizontal]
    vs = [i for i, r in enumerate(rules) if not r.horizontal]
    for i in hs:
        h = rules[i]
        for j in vs:
            v = rules[j]
            if v.lo - SNAP <= h.at <= v.hi + SNAP and h.lo - SNAP <= v.at <= h.hi + SNAP:
                parent[find(i)] = find(j)
    groups: dict[int, list[Rule]] = {}
    for i in hs + vs:
        groups.setdefault(find(i), []).append(rules[i])
    out = []
    for group in groups.values():
        xs = _snap([r.at for r in group if not r.horizontal])
        ys = _snap([r.at for r in group if r.horizontal])[::-1]
        if len(xs) >= 3 and len(ys) >= 2:
            out.append(Grid(tuple(xs), tuple(ys), tuple(r for r in group if not r.horizontal)))
    return sorted(out, key=lambda g: -g.ys[0])


class _CellReader:
    """PDFium's text inside a box, through one buffer the size of the page's text."""

    def __init__(self, textpage: Any, n: int) -> None:
        self.handle, self.bounded_text, self.size = address(textpage.raw), calls().bounded_text, n + 1
        self.buffer = (ctypes.c_ushort * self.size)()
        self.at = ctypes.addressof(self.buffer)

    def __call__(self, box: tuple[float, float, float, float]) -> str:
        left, bottom, right, top = box
        got = self.bounded_text(self.handle, left + 1, top - 1, right - 1, bottom + 1, self.at, self.size)
        if got <= 0:
            return ""
        text = ctypes.string_at(self.at, 2 * got).decode("utf-16-le", errors="replace").rstrip("\x00")
        return " ".join(text.split())


def _squeeze(s: str) -> str:
    return "".join(s.split())


class _Squeezed:
    """A page's text without its spaces, and where each of its characters was (built
    once a page, when a table is first looked for in it)."""

    def __init__(self, text: str) -> None:
        import numpy as np

        self.flat = _squeeze(text)
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        self.where = np.flatnonzero(~np.isin(codes, SPACE_CODES))


def _span(page: _Squeezed, cells: list[str]) -> tuple[int, int] | None:
    """Where the table's characters lie in the page's text: from its first cell's text to
    its last one's, holding exactly the cells' characters (in whatever order the page
    has them). Searched in the text without its spaces, mapped back."""
    flat, where = page.flat, page.where
    want = _squeeze("".join(cells))
    first, last = _squeeze(cells[0]), _squeeze(cells[-1])
    want_sorted: list[str] | None = None
    at = flat.find(first)
    for _ in range(MAX_TRIES):
        if at < 0:
            break
        end = at + len(want)
        if end <= len(flat) and flat.endswith(last, at, end):
            if flat.startswith(want, at):  # the page holds the cells in reading order
                return int(where[at]), int(where[end - 1]) + 1
            want_sorted = want_sorted or sorted(want)
            if sorted(flat[at:end]) == want_sorted:
                return int(where[at]), int(where[end - 1]) + 1
        at = flat.find(first, at + 1)
    return None


def read_tables(text: str, textpage: Any, page: Any, after_table: bool = False) -> list[tuple[int, int, str]]:
    """Edits of the page's text, ``(start, end, replacement)``: each ruled table's
    characters replaced by its marked rows. A table has two rows, or one on a page
    after a table (the last row of a list, gone on to the next page)."""
    found: list[tuple[int, int, str]] = []
    read = _CellReader(textpage, len(text))
    squeezed: _Squeezed | None = None
    for grid in grids(page_rules(page)):
        rows = grid.cells()
        texts = [[read(box) for box in row] for row in rows]
        keep = [i for i, row in enumerate(texts) if any(row)]
        if len(keep) < (1 if after_table else 2) or max(len(texts[i]) for i in keep) < 2:
            continue
        squeezed = squeezed or _Squeezed(text)
        span = _span(squeezed, [c for i in keep for c in texts[i] if c])
        if span is None:
            continue  # the page does not hold the cells' characters in one run: leave it be
        a, b = span
        if any(a < b2 and a2 < b for a2, b2, _ in found):
            continue
        body = "\n".join(" | ".join(f"{CELL_OPEN}{c}{CELL_CLOSE}" for c in texts[i]) for i in keep)
        found.append((a, b, f"\n{TABLE_OPEN}{body}{TABLE_CLOSE}\n"))
    return found

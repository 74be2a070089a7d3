"""The section tree: Roman-numeral parts with their ``1.``, ``1.1.``, ``a)``, ``-`` items.

Markers are read at the start of a line. The nesting of the other kinds
follows the order they appear in (as in reStructuredText's enumerated lists):
a marker kind already open is a sibling, a new kind is a child. A list that
restarts at ``1`` under an item that reads as a heading (``2. Nội dung thi
đua`` followed by ``1.``, ``2.``…) is a new list nested under it. Each node
spans from its marker to the start of the next node that is not inside it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import regex

from ..record import Section
from .text import Text, clean_value

V = regex.VERBOSE

# --- markers -------------------------------------------------------------------

MARKERS = regex.compile(
    r"""^(?:
        (?:Chương|CHƯƠNG|Phần|PHẦN)[ ]+(?P<chapter>[IVX]{1,6})\b[.:]?[ ]*   # Chương I
      | (?P<roman>[IVX]{1,6})[ ]?[.)\-–:][ ]*                            # I.  II)  IV -
      | (?:Điều|ĐIỀU)[ ]+(?P<article>\d{1,3}[a-zđ]?)[ ]?[.:][ ]*          # Điều 1. (not "Điều 12 của")
      | (?P<decimal>\d{1,2}(?:\.\d{1,2})+)\.?[ ]+                        # 1.1.  2.3.1
      | (?P<arabic>\d{1,2})[.)][ ]+                                      # 1.  2)
      | \((?P<paren>\d{1,2}|[a-zđ])\)\.?[ ]+                             # (1)  (a)  (1).
      | (?P<letter>[a-zđ])[).][ ]+                                       # a)  b.
      | (?P<dash>(?::[ ]?)?[-–+•]|:(?=[ ]\p{Lu}))[ ]+                  # - item (OCR: ": -", ": ")
    )""",
    V,
)
# A Roman numeral as OCR misreads it before an upper-case title: "L.MỤC TIÊU" for
# "I.", "HI. THỜI GIAN" for "III." (H is two I's run together). Read as the numeral
# only when it is the next one of the sequence.
OCR_ROMAN = regex.compile(r"^(?P<roman>(?=[IlL|H]*[lL|H])[IlL|H]{1,3})[ ]?\.[ ]*(?=\p{Lu}[^\p{Ll}]{3,}$)", V)
OCR_ROMAN_LETTERS = str.maketrans({"l": "I", "L": "I", "|": "I", "H": "II"})
# A quotation (the new text of an amended article, a cited clause): its numbered
# lines are content, not the document's own structure.
QUOTATION = regex.compile(r"“[^“”]{1,20000}”", V)
FIGURES_AT_END = regex.compile(r"(?:\s\d+(?:[.,]\d+)*%?){2,}\s*$")  # columns of a table row: "6 3,000,000"
PLACEHOLDER = regex.compile(r"\[[a-z][a-z0-9_]{2,40}\]")  # "[khenthuongcanhan]" left by a template
LEADING_DIGITS = regex.compile(r"\d+")  # an article's number: "12" of "12a"
KINDS = ("chapter", "roman", "article", "decimal", "arabic", "paren", "letter", "dash")
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
VI_LETTERS = "abcdđeghiklmnopqrstuvxy"


def roman_value(s: str) -> int | None:
    total, prev = 0, 0
    for ch in reversed(s):
        v = ROMAN_VALUES[ch]
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total if _to_roman(total) == s else None


def _to_roman(n: int) -> str:
    out = ""
    for v, sym in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out += sym
            n -= v
    return out


def ordinal(kind: str, label: str) -> int | None:
    """The position a label stands for: IV → 4, đ → 5, 1.3 → 3."""
    if kind in ("roman", "chapter"):
        return roman_value(label)
    if kind == "letter" or (kind == "paren" and label.isalpha()):
        return VI_LETTERS.index(label) + 1 if label in VI_LETTERS else ord(label) - 96
    if kind == "decimal":
        return int(label.rsplit(".", 1)[1])
    if kind == "article":
        digits = LEADING_DIGITS.match(label)
        return int(digits.group()) if digits else None
    if kind in ("arabic", "paren"):
        return int(label)
    return None


@dataclass
class Node:
    kind: str
    label: str
    start: int
    line_end: int  # end of the marker's line
    title: str | None
    heading: bool  # reads as a heading rather than a sentence
    end: int = 0
    children: list[Node] = field(default_factory=list)
    nested_restart: bool = False

    @property
    def top_kind(self) -> str:
        return "roman" if self.kind in ("roman", "chapter") else self.kind

    def to_model(self) -> Section:
        kind = "roman" if self.kind == "chapter" else self.kind
        return Section(
            label=self.label,
            title=self.title,
            kind=kind,  # type: ignore[arg-type]
            start=self.start,
            end=self.end,
            children=[c.to_model() for c in self.children],
        )


def _title(
    t: Text, kind: str, body_start: int, line_end: int, nxt_lines: list[str]
) -> tuple[str | None, bool]:
    """The heading of an item, and whether the item reads as a heading."""
    rest = PLACEHOLDER.sub("", t.text[body_start:line_end]).strip()
    if kind == "dash":
        return None, False
    if kind in ("roman", "chapter"):
        title = rest
        if kind == "chapter" and not title and nxt_lines:
            title = nxt_lines.pop(0)
        while (
            title
            and title.upper() == title
            and nxt_lines
            and nxt_lines[0].upper() == nxt_lines[0]
            and not MARKERS.match(nxt_lines[0])
        ):
            title = f"{title} {nxt_lines.pop(0)}"  # a wrapped upper-case title
        return clean_value(title) or None, True
    colon = rest.find(":")
    if 0 < colon <= 80:
        return clean_value(rest[:colon]), True
    if rest and len(rest) <= 100 and not rest.endswith((".", ";", ",")):
        return clean_value(rest), True
    return None, False


def _ocr_roman(line: str, last: int) -> tuple[regex.Match[str] | None, str | None]:
    """A misread Roman numeral that is the next of the sequence, and the numeral it stands for."""
    m = OCR_ROMAN.match(line)
    if not m:
        return None, None
    label = m.group("roman").translate(OCR_ROMAN_LETTERS)
    return (m, label) if roman_value(label) == last + 1 else (None, None)


def _next_lines(lines: list, kind: str) -> list[str]:
    """Lines that may continue a heading: a chapter's title may follow a blank line."""
    out = []
    for x in lines:
        if not x.text.strip():
            if kind != "chapter":
                break
            continue
        out.append(x.text.strip())
    return out


def _restarts(new: Node, sibling: Node, current: Node) -> bool:
    """A list starting again at 1 right under a heading item ("2. Nội dung thi đua") nests under it."""
    return (
        ordinal(new.kind, new.label) == 1 and current is sibling and sibling.heading and not sibling.children
    )


def quotations(t: Text, start: int, end: int) -> list[tuple[int, int]]:
    return [m.span() for m in QUOTATION.finditer(t.text, start, end)]


def _inside(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    """Whether ``pos`` lies strictly inside one of ``spans`` (in order, not overlapping)."""
    k = bisect.bisect_left(starts, pos) - 1  # the last span starting before pos
    return k >= 0 and pos < spans[k][1]


def build_tree(
    t: Text,
    body_start: int,
    body_end: int,
    skip: frozenset[int] = frozenset(),
    stops: tuple[int, ...] = (),
) -> list[Node]:
    """Top-level nodes of ``[body_start, body_end)``; other marked items nest below.

    Lines whose index is in ``skip`` (the signature block and recipients) and
    lines inside a quotation are content, never markers. No item runs on past a
    position in ``stops`` (the closing sentence "Trên đây là …", ``Nơi nhận``),
    though items after it (an annex) are read.
    """
    root = Node(kind="root", label="", start=body_start, line_end=body_start, title=None, heading=False)
    stack: list[Node] = [root]
    lines = [ln for ln in t.lines if body_start <= ln.start < body_end]
    quoted = quotations(t, body_start, body_end)  # in order, not overlapping
    quote_starts = [qs for qs, _ in quoted]
    last_roman = 0
    for i, ln in enumerate(lines):
        m, label = _ocr_roman(ln.text, last_roman)
        m = m or MARKERS.match(ln.text)
        if not m or ln.index in skip or _inside(quoted, quote_starts, ln.start):
            continue
        kind = "roman" if label else next(k for k in KINDS if m.group(k) is not None)
        label = label or (m.group(kind) if kind != "dash" else "-")
        if kind in ("roman", "chapter") and (roman_value(label) is None or FIGURES_AT_END.search(ln.text)):
            continue  # not a numeral, or a table row ("I. Hàng ăn và dịch vụ ăn uống 126,01 99,75 106,29")
        title, heading = _title(t, kind, ln.start + m.end(), ln.end, _next_lines(lines[i + 1 : i + 4], kind))
        node = Node(kind=kind, label=label, start=ln.start, line_end=ln.end, title=title, heading=heading)
        if kind == "roman":
            last_roman = roman_value(label) or last_roman
        while len(stack) > 1 and any(stack[-1].start < s < ln.start for s in stops):
            stack.pop()  # it ended at the stop: what follows (an annex) is not inside it
        _place(stack, node)
    for n in stack[1:]:
        n.end = body_end
    _close(root, body_end, t, sorted(stops))
    return root.children


def _place(stack: list[Node], node: Node) -> None:
    if node.top_kind == "roman":
        del stack[1:]
        stack[0].children.append(node)
        stack.append(node)
        return
    if node.kind == "article":  # articles sit under a chapter, or at the top
        while len(stack) > 1 and stack[-1].top_kind != "roman":
            stack.pop()
        stack[-1].children.append(node)
        stack.append(node)
        return
    same = next((i for i in range(len(stack) - 1, 0, -1) if stack[i].kind == node.kind), None)
    if same is not None and not _restarts(node, stack[same], stack[-1]):
        del stack[same:]
    elif same is not None:
        node.nested_restart = True
    stack[-1].children.append(node)
    stack.append(node)


def _close(node: Node, end: int, t: Text, stops: list[int]) -> None:
    """Each node ends where its next sibling starts (its last child ends with it), or at
    the first stop after its start."""
    for i, child in enumerate(node.children):
        child_end = node.children[i + 1].start if i + 1 < len(node.children) else end
        child_end = min([s for s in stops if child.start < s < child_end] or [child_end])
        child.end = t.trim(child.start, child_end, " \n")[1]
        _close(child, child.end, t, stops)


def content_start(t: Text, n: Node) -> int:
    """Where the item's own text starts, after its marker ("1.1. ", "- ", "a) ")."""
    line = t.line_at(n.start)
    m = MARKERS.match(line.text) or OCR_ROMAN.match(line.text)  # `^` does not anchor at a pos in `regex`
    return line.start + m.end() if m else n.start


def section_path(nodes: list[Node], offset: int) -> str | None:
    """Label path of the innermost numbered node holding ``offset``: 'III.1.a'."""
    path: list[str] = []
    level = nodes
    while True:
        inside = next((n for n in level if n.start <= offset < n.end), None)
        if inside is None:
            break
        if inside.kind != "dash":
            path.append(inside.label)
        level = inside.children
    return ".".join(path) or None


def walk(nodes: list[Node]):
    for n in nodes:
        yield n
        yield from walk(n.children)


@dataclass(frozen=True)
class Gap:
    previous: Node
    current: Node
    problem: str  # "lặp" (repeated) or "nhảy cóc" (skipped)


def numbering_gaps(nodes: list[Node]) -> list[Gap]:
    """Runs of siblings of one kind whose numbers skip or repeat."""
    gaps: list[Gap] = []

    def visit(siblings: list[Node], parent: Node | None = None) -> None:
        prev: Node | None = None
        first = next((n for n in siblings if n.kind == "decimal"), None)
        if first is not None and parent is not None and not first.nested_restart:
            head, _, last = first.label.rpartition(".")
            if head == parent.label and last != "1":  # "1.2" under "1." with no "1.1"
                gaps.append(Gap(parent, first, "nhảy cóc"))
        for n in siblings:
            if n.kind == "dash":
                prev = None
                continue
            if prev is not None and prev.kind == n.kind and not n.nested_restart:
                a, b = ordinal(prev.kind, prev.label), ordinal(n.kind, n.label)
                restart = b == 1 and a != 1 and n.kind != "roman"  # a new list, not a gap
                if a is not None and b is not None and b != a + 1 and not restart:
                    gaps.append(Gap(prev, n, "lặp" if b <= a else "nhảy cóc"))
            prev = n
            visit(n.children, n)

    visit(nodes)
    return gaps

"""Who a campaign covers and what they must meet (Law 06/2022/QH15 Art. 17).

Both are read from the section tree, not from running text:

* participants are the items under an "Đối tượng" heading (``1.1. Tập thể:
  …``, ``1.2. Cá nhân: …``), or its paragraph when it has no items;
* targets are the items of a list of criteria, found in three ways:

  - under a criteria heading ("Tiêu chí thi đua", "Chỉ tiêu", "Mục tiêu thi
    đua"): every item, or, when the heading holds other things too ("Hình
    thức, đối tượng và tiêu chuẩn khen thưởng"), only its lists of criteria;
  - after a sentence that opens one ("… được xét tặng cho cá nhân đạt các
    tiêu chuẩn sau:", "Tiêu chí xét khen thưởng:");
  - after "…nhằm thực hiện:" when most items are figures to reach ("Doanh thu
    tăng trên 4%"): a list of quantified targets (not of results: "kết quả
    đạt được:" is a report).

  A standard's own statement ("1.1. Tiêu chuẩn 1: Hoàn thành tốt nhiệm vụ")
  is a target, and so is each paragraph of an item. Whom a list applies to
  comes from the item's label ("Đối với tập thể", "Cá nhân: …") or else from
  the first tập thể / cá nhân word of the heading or sentence that opens it
  ("Đối với các địa bàn…" → collectives). An item that only names a
  sub-list ("- Đối với giảng viên:") is not one. An item with a number or a
  percentage is a quantified target (``chi_tieu``).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from enum import Enum

import regex

from ..record import Participant, Target
from ..rules import Rules, fold, words_pattern
from .sections import Node, content_start
from .text import EDGE_JUNK, Text

V = regex.VERBOSE | regex.IGNORECASE

# A quantity: "100%", "ít nhất 20 sáng kiến", "02 mô hình".
QUANTITY = regex.compile(
    r"""(?P<q>\d+(?:[.,]\d+)?\s*%
        | (?:ít\s+nhất|tối\s+thiểu|trên|từ|đạt)\s+\d+(?:[.,]\d+)?\s+\p{L}+(?:\s+\p{L}+)?)""",
    V,
)
# A figure to reach: "tăng trên 5%", "đạt 100%", "trên 2.871 thuê bao".
FIGURE = regex.compile(r"(?:tăng|giảm|đạt|vượt|trên|dưới|ít\s+nhất|tối\s+thiểu|\d\s*%)\D{0,30}\d", V)
# "Tập thể: …", "Cá nhân: …" at the start of an item: the label before its text.
WHO_LABEL = regex.compile(r"^(?:đối\s+với\s+)?(?:các\s+)?(?P<who>tập\s+thể|cá\s+nhân)\s*:\s*", V)
# An item that says whom what follows is for: "Đối với các địa bàn tỉnh…", "Áp dụng cho…".
GOVERNS = regex.compile(r"^(?:đối\s+với|áp\s+dụng\s+(?:cho|đối\s+với))\s", V)
# A standard named by its number: the title "Tiêu chuẩn 1" of "1.1. Tiêu chuẩn 1: Hoàn thành…".
NUMBERED_CRITERION = regex.compile(r"^(?:tiêu\s+chuẩn|tiêu\s+chí|chỉ\s+tiêu)\s+\d{1,2}$", V)
# A line that only names what follows: "Đối với giảng viên:", "Trong đó:".
LABEL_ONLY = regex.compile(r"^[^\n]{1,120}:$")
# The last sentence of a paragraph: what "…, cụ thể như sau:" opens is in it.
LAST_SENTENCE = regex.compile(r"[^.;!?]*\Z")
# Where one paragraph of an item ends and the next begins: a line that ends a
# sentence, then one that starts with a capital or a digit (a line OCR wrapped
# mid-sentence does neither).
PARAGRAPH_BREAK = regex.compile(r"(?<=[.;!?:])[ \t]*\n\s*(?=[\p{Lu}\d]|[-–+•]\S)")
# A paragraph too short to state anything: a page mark ("P2", "- 3 -") left in the text.
TOO_SHORT = regex.compile(r"^\W*(?:\w+\W*){0,2}$")


class Mode(Enum):
    OUTSIDE = 0  # no criteria here
    HEADING = 1  # under a heading that names criteria: only its lists of them count
    LIST = 2  # in a list of criteria: every item is one


def _who(rules: Rules) -> regex.Pattern[str]:
    coll = words_pattern(rules.lexicon.collective_words)
    ind = words_pattern(rules.lexicon.individual_words)
    return regex.compile(rf"^(?:đối\s+với\s+)?(?:các\s+)?(?:(?P<tap_the>{coll})|(?P<ca_nhan>{ind}))\b", V)


def _whom(rules: Rules) -> regex.Pattern[str]:
    coll = words_pattern(rules.lexicon.collective_nouns)
    ind = words_pattern(rules.lexicon.individual_nouns)
    return regex.compile(rf"(?<!\p{{L}})(?:(?P<tap_the>{coll})|(?P<ca_nhan>{ind}))(?!\p{{L}})", V)


def _heading(rules: Rules, key: str, words: list[str]) -> regex.Pattern[str]:
    return rules.compiled(key, lambda r: regex.compile(rf"(?<!\p{{L}}){words_pattern(words)}(?!\p{{L}})", V))


def _item_text(t: Text, n: Node) -> str:
    """The item's first line without its marker."""
    return t.text[content_start(t, n) : n.line_end].strip()


def applies_to(t: Text, n: Node) -> str | None:
    m = t.rules.compiled("targets.who", _who).match(_item_text(t, n))
    if not m:
        return None
    return "tap_the" if m.group("tap_the") else "ca_nhan"


@dataclass(frozen=True, slots=True)
class Opening:
    """How a node opens: its first line and the paragraph before its first item."""

    first: str
    intro: str
    part: bool  # a Roman-numeral part: its title is a heading, never a sentence

    @property
    def lead(self) -> str:
        """The sentence that opens its list, if one does: it ends with a colon."""
        for s in (self.intro, "" if self.part else self.first):
            if s.rstrip().endswith(":"):
                return LAST_SENTENCE.search(s).group()  # type: ignore[union-attr]
        return ""


def _opening(t: Text, n: Node) -> Opening:
    body_end = n.children[0].start if n.children else n.end
    intro = t.text[n.line_end : body_end].strip() if n.children else ""
    return Opening(first=_item_text(t, n), intro=intro, part=n.top_kind == "roman")


def _whom_in(t: Text, s: str) -> str | None:
    m = t.rules.compiled("targets.whom", _whom).search(s)
    if not m:
        return None
    return "tap_the" if m.group("tap_the") else "ca_nhan"


def _names_criteria(t: Text, s: str) -> bool:
    return bool(_heading(t.rules, "targets.criteria_words", t.rules.lexicon.criteria_words).search(s))


def _is_criteria_heading(t: Text, n: Node) -> bool:
    pat = _heading(t.rules, "targets.criteria", t.rules.lexicon.criteria_headings)
    return bool(n.heading and n.title and pat.search(n.title))


def _names_criteria_heading(t: Text, n: Node) -> bool:
    """A heading that names criteria among other things."""
    return bool(n.heading and n.title and _names_criteria(t, n.title))


def _leaves(n: Node) -> list[Node]:
    return [n] if not n.children else [x for c in n.children for x in _leaves(c)]


def _figures_to_reach(t: Text, n: Node, op: Opening) -> bool:
    """A list of figures to reach: "nhằm thực hiện: - Doanh thu tăng trên 4%; …"."""
    lead = op.lead
    if not lead or not n.children:
        return False
    aim = _heading(t.rules, "targets.aim", t.rules.lexicon.aim_words)
    result = _heading(t.rules, "targets.result", t.rules.lexicon.result_words)
    if not aim.search(f"{op.first} {lead}") or result.search(lead):
        return False
    items = _leaves(n)
    return sum(bool(FIGURE.search(t.text, c.start, c.end)) for c in items) * 2 >= len(items)


def _opens_list(t: Text, n: Node, op: Opening) -> bool:
    lead = op.lead
    return bool(lead and _names_criteria(t, lead)) or _figures_to_reach(t, n, op)


def _numbered_statement(t: Text, n: Node) -> int | None:
    """Where the statement of "Tiêu chuẩn 1: Hoàn thành…" starts, after its label."""
    if not (n.title and NUMBERED_CRITERION.match(n.title)):
        return None
    s = content_start(t, n)
    colon = t.text.find(":", s, n.line_end)
    return colon + 1 if colon >= 0 else None


def _holds_none(t: Text, n: Node) -> bool:
    """A heading of quotas, amounts or forms ("Tỷ lệ trình khen thưởng"): no criteria under it."""
    pat = _heading(t.rules, "targets.not_criteria", t.rules.lexicon.not_criteria_headings)
    return bool(n.heading and n.title and pat.match(n.title))


def _focused(t: Text, n: Node) -> bool:
    """A part of a criteria heading that is, or holds, a list of criteria."""
    op = _opening(t, n)
    if _holds_none(t, n):
        return False
    if (
        applies_to(t, n)
        or _is_criteria_heading(t, n)
        or _numbered_statement(t, n) is not None
        or (n.children and _opens_list(t, n, op))
    ):
        return True
    return any(_focused(t, c) for c in n.children)


class _Collector:
    def __init__(self, t: Text) -> None:
        self.t = t
        self.out: list[Target] = []

    def add(self, s: int, e: int, who: str | None) -> None:
        """Each paragraph of ``[s, e)`` as a target, but for a line that only names a sub-list."""
        t = self.t
        s, e = t.trim(s, e)
        label = WHO_LABEL.match(t.text[s:e])  # "Đối với tập thể: hoàn thành …": the label is no part of it
        s += label.end() if label else 0
        cuts = [s, *(m.start() for m in PARAGRAPH_BREAK.finditer(t.text, s, e)), e]
        quota = _heading(t.rules, "targets.not_criteria", t.rules.lexicon.not_criteria_headings)
        for a, b in itertools.pairwise(cuts):
            a, b = t.trim(a, b)
            a = t.trim(a, b, EDGE_JUNK + "-–+•")[0]  # "-Thực hiện…" a dash OCR glued to its item
            piece = t.text[a:b] + (":" if t.text[b : b + 1] == ":" else "")
            if a >= b or LABEL_ONLY.match(piece) or TOO_SHORT.match(piece) or quota.match(piece):
                continue
            q = QUANTITY.search(t.text, a, b)
            self.out.append(
                Target(
                    kind="chi_tieu" if q else "tieu_chi",
                    applies_to=who,  # type: ignore[arg-type]
                    text=t.text[a:b],
                    quantity=q.group("q") if q else None,
                    start=a,
                    end=b,
                )
            )

    def visit(self, n: Node, who: str | None, mode: Mode) -> None:
        t = self.t
        op = _opening(t, n)
        titled = n.title if n.heading else None
        governs = op.first if GOVERNS.match(op.first) else ""  # "2.1. Đối với các địa bàn …"
        own = applies_to(t, n) or _whom_in(t, titled or governs) or _whom_in(t, op.lead) or who
        if mode is not Mode.OUTSIDE and _holds_none(t, n):
            return
        statement = _numbered_statement(t, n)
        if statement is not None and mode is not Mode.OUTSIDE:
            self.add(statement, n.line_end if n.children else n.end, own)
            for c in n.children:
                self.visit(c, own, Mode.LIST)
            return
        labelled = mode is Mode.HEADING and applies_to(t, n) is not None  # "1.1. Đối với tập thể"
        if mode is Mode.LIST or labelled or (n.children and _opens_list(t, n, op)):
            if not n.children:  # an item, or "b) Đối với cá nhân là …, có sáng kiến …" as a whole
                self.add(content_start(t, n), n.end, own)
            for c in n.children:
                self.visit(c, own, Mode.LIST)
            return
        if mode is Mode.HEADING and not n.children:
            return  # a part of the heading that is no criterion ("Số lượng khen thưởng: …")
        if _is_criteria_heading(t, n) or mode is Mode.HEADING or _names_criteria_heading(t, n):
            focused = [c for c in n.children if _focused(t, c)]
            if focused:
                for c in focused:
                    self.visit(c, own, Mode.HEADING)
            elif _is_criteria_heading(t, n):
                for c in n.children:
                    self.visit(c, own, Mode.LIST)
            return
        for c in n.children:
            self.visit(c, who, Mode.OUTSIDE)


def find_targets(t: Text, nodes: list[Node]) -> list[Target]:
    collect = _Collector(t)
    for n in nodes:
        collect.visit(n, None, Mode.OUTSIDE)
    return collect.out


def _whom_of_paragraph(text: str) -> str | None:
    """Whom a paragraph under "Đối tượng" names: one of tập thể / cá nhân, or both (None)."""
    folded = fold(text)
    coll, ind = "tập thể" in folded, "cá nhân" in folded
    return None if coll == ind else "tap_the" if coll else "ca_nhan"


def _participant_items(t: Text, n: Node) -> list[Participant]:
    """ "1.1. Tập thể: Sở …", "1.2. Cá nhân: …": each item, its label taken off."""
    out = []
    for c in n.children:
        text_start = content_start(t, c)
        label = WHO_LABEL.match(t.text[text_start : c.end])
        end = c.line_end if c.children else c.end
        p = _participant(t, applies_to(t, c), text_start + (label.end() if label else 0), end)
        if p:
            out.append(p)
    return out


def _participant_paragraph(t: Text, n: Node) -> list[Participant]:
    """An "Đối tượng" heading with a paragraph and no items: the paragraph."""
    body = t.text.find("\n", n.start)
    if not 0 <= body < n.end:
        return []
    p = _participant(t, _whom_of_paragraph(t.text[body : n.end]), body, n.end)
    return [p] if p else []


def _participant(t: Text, who: str | None, s: int, e: int) -> Participant | None:
    s, e = t.trim(s, e)
    if s >= e:
        return None
    return Participant(applies_to=who, text=t.text[s:e], start=s, end=e)  # type: ignore[arg-type]


def find_participants(t: Text, nodes: list[Node]) -> list[Participant]:
    """The items (or the paragraph) under the innermost "Đối tượng" heading."""
    pat = _heading(t.rules, "targets.participants", t.rules.lexicon.participant_headings)

    def is_heading(n: Node) -> bool:
        return bool(n.heading and pat.match(fold(n.title or "")))

    def visit(n: Node) -> list[Participant]:
        if is_heading(n) and not any(is_heading(c) for c in n.children):
            return _participant_items(t, n) if n.children else _participant_paragraph(t, n)
        return [p for c in n.children for p in visit(c)]

    return [p for n in nodes for p in visit(n)]

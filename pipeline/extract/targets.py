"""Who a campaign covers and what they must meet (Law 06/2022/QH15 Art. 17).

Both are read from the section tree, not from running text:

* participants are the items under an "Đối tượng" heading (``1.1. Tập thể:
  …``, ``1.2. Cá nhân: …``), or its paragraph when it has no items;
* targets are the items under a criteria heading ("Tiêu chí thi đua",
  "Đối tượng, tiêu chí thi đua", "Chỉ tiêu"): under "Đối với tập thể" they
  apply to collectives, under "Đối với cá nhân" to individuals. An item
  with a number or a percentage is a quantified target (``chi_tieu``).
  Inside a criteria part, only its criteria and tập thể / cá nhân sub-items
  are read: "Hình thức khen thưởng" next to them is not a criterion.
"""

from __future__ import annotations

import regex

from ..record import Participant, Target
from ..rules import Rules, fold, words_pattern
from .sections import Node, content_start
from .text import Text

V = regex.VERBOSE | regex.IGNORECASE

# A quantity: "100%", "ít nhất 20 sáng kiến", "02 mô hình".
QUANTITY = regex.compile(
    r"""(?P<q>\d+(?:[.,]\d+)?\s*%
        | (?:ít\s+nhất|tối\s+thiểu|trên|từ|đạt)\s+\d+(?:[.,]\d+)?\s+\p{L}+(?:\s+\p{L}+)?)""",
    V,
)
# "Tập thể: …", "Cá nhân: …" at the start of an item: the label before its text.
WHO_LABEL = regex.compile(r"^(?:đối\s+với\s+)?(?:các\s+)?(?P<who>tập\s+thể|cá\s+nhân)\s*:\s*", V)


def _who(rules: Rules) -> regex.Pattern[str]:
    coll = words_pattern(rules.lexicon.collective_words)
    ind = words_pattern(rules.lexicon.individual_words)
    return regex.compile(rf"^(?:đối\s+với\s+)?(?:các\s+)?(?:(?P<tap_the>{coll})|(?P<ca_nhan>{ind}))\b", V)


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


def _is_criteria(t: Text, n: Node) -> bool:
    pat = _heading(t.rules, "targets.criteria", t.rules.lexicon.criteria_headings)
    return bool(n.heading and n.title and pat.search(n.title))


def _target(t: Text, n: Node, who: str | None) -> Target | None:
    s, e = t.trim(content_start(t, n), n.end)
    if s >= e:
        return None
    q = QUANTITY.search(t.text, s, e)
    return Target(
        kind="chi_tieu" if q else "tieu_chi",
        applies_to=who,  # type: ignore[arg-type]
        text=t.text[s:e],
        quantity=q.group("q") if q else None,
        start=s,
        end=e,
    )


def find_targets(t: Text, nodes: list[Node]) -> list[Target]:
    out: list[Target] = []

    def leaves(n: Node, who: str | None) -> None:
        own = applies_to(t, n) or who
        if n.children:
            for c in n.children:
                leaves(c, own)
        elif not (n.heading and n.title and n.kind != "dash"):  # a heading with nothing under it is not one
            tg = _target(t, n, own)  # an item, or "b) Đối với cá nhân là …, có sáng kiến …" as a whole
            if tg:
                out.append(tg)

    def scope(n: Node, inherited: bool) -> None:
        crit = inherited or _is_criteria(t, n)
        if not crit:
            for c in n.children:
                scope(c, False)
            return
        focused = [c for c in n.children if _is_criteria(t, c) or applies_to(t, c)]
        if focused:
            for c in focused:
                if _is_criteria(t, c) and not applies_to(t, c):
                    scope(c, True)
                else:
                    leaves(c, applies_to(t, c))
        elif n.children:
            for c in n.children:
                leaves(c, None)

    for n in nodes:
        scope(n, False)
    return out


def find_participants(t: Text, nodes: list[Node]) -> list[Participant]:
    pat = _heading(t.rules, "targets.participants", t.rules.lexicon.participant_headings)
    out: list[Participant] = []

    def add(n: Node, who: str | None, s: int, e: int) -> None:
        s, e = t.trim(s, e)
        if s < e:
            out.append(Participant(applies_to=who, text=t.text[s:e], start=s, end=e))  # type: ignore[arg-type]

    def is_heading(n: Node) -> bool:
        return bool(n.heading and pat.match(fold(n.title or "")))

    def visit(n: Node) -> None:
        if is_heading(n) and not any(is_heading(c) for c in n.children):
            if n.children:
                for c in n.children:
                    text_start = content_start(t, c)
                    label = WHO_LABEL.match(t.text[text_start : c.end])
                    who = applies_to(t, c)
                    add(
                        c,
                        who,
                        text_start + (label.end() if label else 0),
                        c.line_end if c.children else c.end,
                    )
            else:
                body = t.text.find("\n", n.start)
                if 0 <= body < n.end:
                    text = fold(t.text[body : n.end])
                    both = "tập thể" in text and "cá nhân" in text
                    who = (
                        None
                        if both
                        else "tap_the"
                        if "tập thể" in text
                        else "ca_nhan"
                        if "cá nhân" in text
                        else None
                    )
                    add(n, who, body, n.end)
            return
        for c in n.children:
            visit(c)

    for n in nodes:
        visit(n)
    return out

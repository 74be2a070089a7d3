"""Who must do what (Tổ chức thực hiện), and who answers for a deadline.

An assignment is an item of a "Tổ chức thực hiện" part: its unit is the
noun phrase before the first task verb (``Văn phòng Sở // có trách nhiệm
theo dõi…``) or before a colon (``Trung tâm Lưu trữ …: Đăng tải …``), after
an opener such as ``Giao`` or ``Đề nghị``. An item whose own line is just a
unit (``1. Sở Nội vụ:``) assigns each of its sub-items to that unit.
"""

from __future__ import annotations

import regex

from ..record import Assignment
from ..rules import Rules, fold, words_pattern
from .periods import FoundDeadline, task_verbs
from .sections import Node, content_start, walk
from .text import Text, clean_value

V = regex.VERBOSE

MAX_UNIT_WORDS = 20


def _openers(rules: Rules) -> regex.Pattern[str]:
    return regex.compile(rf"(?:{words_pattern(rules.lexicon.assign_openers)})\s+", V)


def _unit_heads(rules: Rules) -> regex.Pattern[str]:
    # "Tổ công tác" is a unit; "Tổ chức …" opens a task.
    return regex.compile(rf"(?!Tổ\s+chức\b){words_pattern(rules.lexicon.unit_heads)}(?!\p{{L}})", V)


def split_unit(t: Text, start: int, end: int) -> tuple[str, int, int, int] | None:
    """(unit, unit start, unit end, task start) of the clause ``[start, end)``, if it names a unit."""
    rules = t.rules
    op = rules.compiled("assign.openers", _openers).match(t.text, start)
    s = op.end() if op else start
    if not rules.compiled("assign.heads", _unit_heads).match(t.text, s):
        return None
    verb = rules.compiled("assign.verbs", task_verbs).search(t.bare, s, end)
    colon = t.text.find(":", s, min(end, s + 160))
    cut = min([x for x in (verb.start() if verb else -1, colon) if x > s] or [-1])
    if cut < 0:
        return None
    unit_end = t.trim(s, cut)[1]
    unit = clean_value(t.text[s:unit_end])
    if not unit or len(unit.split()) > MAX_UNIT_WORDS:
        return None
    task_start = cut + 1 if cut == colon else cut
    return unit, s, unit_end, task_start


def _is_assignment_part(t: Text, n: Node) -> bool:
    pat = t.rules.compiled(
        "assign.headings",
        lambda r: regex.compile(rf"{words_pattern(r.lexicon.assignment_headings)}", V | regex.IGNORECASE),
    )
    return bool(n.heading and n.title and pat.match(fold(n.title)))


def find_assignments(t: Text, nodes: list[Node], deadlines: list[FoundDeadline]) -> list[Assignment]:
    out: list[Assignment] = []

    def deadline_in(s: int, e: int) -> str | None:
        return next((d.date for d in deadlines if s <= d.start < e or s < d.end <= e), None)

    def add(unit: str, task_start: int, s: int, e: int) -> None:
        ts, te = t.trim(task_start, e)
        s, e = t.trim(s, e)
        if ts < te:
            out.append(
                Assignment(
                    unit=unit,
                    task=t.value(ts, te),
                    deadline=deadline_in(s, e),
                    start=s,
                    end=e,
                    text=t.text[s:e],
                )
            )

    for part in (n for n in walk(nodes) if _is_assignment_part(t, n)):
        for item in part.children:
            cs = content_start(t, item)
            own_end = item.line_end if item.children else item.end
            found = split_unit(t, cs, own_end)
            if found and item.children and t.text[found[3] : own_end].strip() == "":
                for sub in item.children:  # "1. Sở Nội vụ:" then a), b) tasks
                    add(found[0], content_start(t, sub), sub.start, sub.end)
            elif found:
                add(found[0], found[3], cs, item.end)
    return out


def responsible_for(t: Text, d: FoundDeadline, nodes: list[Node]) -> str | None:
    """The unit named at the start of the item or sentence that imposes a deadline."""
    holder = None
    for n in walk(nodes):
        if n.start <= d.start < n.end and n.kind != "dash":
            holder = n
    starts = [content_start(t, holder)] if holder else []
    starts.append(t.line_at(d.start).start)  # lines are paragraphs once wrapped lines are joined
    for s in starts:
        found = split_unit(t, s, d.end)
        if found:
            return found[0]
    return None

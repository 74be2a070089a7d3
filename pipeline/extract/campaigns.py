"""Named campaigns, themes, mottos and cuộc vận động: quoted names after a word saying so.

``phong trào “Cả nước chung sức xây dựng nông thôn mới”``, ``với chủ đề:
“…”``, ``phương châm “5K + vắc xin”``, ``Cuộc vận động “…”``. A quote that
continues a list (``phong trào “A” giai đoạn 2021-2025; “B”``) takes the
kind of the one before it; any other quote (a catch-phrase, a quoted
subject) is not a campaign.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..record import Campaign, Period, Span
from ..rules import Rules, fold
from .text import Text, bare, clean_value

V = regex.VERBOSE | regex.IGNORECASE

# --- patterns ------------------------------------------------------------------

# A quoted name; it may wrap onto the next line but not cross a paragraph.
QUOTE = regex.compile(
    r"""“(?P<name>(?:[^“”\n]|\n(?!\n)){2,300})”
      | "(?P<name>(?:[^"\n]|\n(?!\n)){2,300})"
      | «(?P<name>(?:[^«»\n]|\n(?!\n)){2,300})»""",
    regex.VERBOSE,
)
# A campaign's own period written after its name: ", giai đoạn 2021 - 2025".
CAMPAIGN_PERIOD = regex.compile(r"\s*,?\s*giai\s+đoạn\s+(?P<a>\d{4})\s*[-–—]\s*(?P<b>\d{4})", V)
LOOK_BACK = 90  # how far before the quote its cue may start
HEADING_LABEL = r"(?:[IVXLC]+\.|\d+(?:\.\d+)*\.?|[a-zđ]\))?\s*"  # "II.", "3.", "1.2.", "a)" before a heading


@dataclass
class _Hit:
    kind: str
    name: str
    start: int  # the quote, with its quote marks
    end: int


def _cue_pattern(rules: Rules) -> regex.Pattern[str]:
    """The cue words, matched on ``Text.bare`` (the text without its marks, letter for letter):
    a scan's "phòng trào" and a typed "phong trao" are still the cue "phong trào"."""
    kinds = "|".join(f"(?P<{k.code}>{bare(k.cue)})" for k in rules.campaigns.kind)
    return regex.compile(rf"(?<!\p{{L}})(?:{kinds}){bare(rules.campaigns.gap)}\Z", V)


def _heading_cue(rules: Rules) -> regex.Pattern[str]:
    """A heading line that is only a cue ("II. KHẨU HIỆU ĐỢT THI ĐUA", "3. Chủ đề năm 2024:"),
    on the line before a quote that opens its own line; matched on ``Text.bare``."""
    kinds = "|".join(f"(?P<{k.code}>{bare(k.cue)})" for k in rules.campaigns.kind)
    return regex.compile(
        rf"\s*{HEADING_LABEL}(?:{kinds})(?:\s+dot\s+thi\s+dua)?{bare(rules.campaigns.gap)}\Z", V
    )


def _continuation(rules: Rules) -> regex.Pattern[str]:
    return regex.compile(rf"{rules.campaigns.list_continuation}\Z", V)


def _launch(rules: Rules) -> regex.Pattern[str]:
    cues = "|".join(k.cue for k in rules.campaigns.kind)
    return regex.compile(rf"{rules.campaigns.launch}\s+(?:{cues}){rules.campaigns.gap}\Z", V)


def find_campaigns(t: Text, start: int = 0, title: str | None = None) -> list[Campaign]:
    rules = t.rules
    cue = rules.compiled("campaigns.cue", _cue_pattern)
    cont = rules.compiled("campaigns.continuation", _continuation)
    launch = rules.compiled("campaigns.launch", _launch)
    kinds = [k.code for k in rules.campaigns.kind]
    heading = rules.compiled("campaigns.heading", _heading_cue)
    hits: list[_Hit] = []
    for q in QUOTE.finditer(t.text, start):
        line_start = t.text.rfind("\n", 0, q.start()) + 1
        lo = max(start, q.start() - LOOK_BACK, line_start)
        m = cue.search(t.bare, lo, q.start())
        if m is None and not t.text[line_start : q.start()].strip() and line_start > start:
            m = _heading_before(t, heading, line_start)
        kind = next((k for k in kinds if m and m.group(k)), None)
        if kind is None and hits and cont.match(t.text, hits[-1].end, q.start()):
            kind = hits[-1].kind
        name = clean_value(q.group("name")).strip(".…“”\"' ")
        if kind is None or not name:
            continue
        hits.append(_Hit(kind, name, q.start(), q.end()))
    return _resolve(t, hits, title, launch)


def _heading_before(t: Text, heading: regex.Pattern[str], line_start: int) -> regex.Match[str] | None:
    """The cue of the heading right above a line that opens with a quote."""
    prev = t.line_at(max(0, line_start - 1))
    if prev.start < 0 or not prev.text.strip():
        return None
    return heading.match(t.bare, prev.start, prev.end)


def _resolve(t: Text, hits: list[_Hit], title: str | None, launch: regex.Pattern[str]) -> list[Campaign]:
    by_key: dict[tuple[str, str], list[_Hit]] = {}
    for h in hits:
        by_key.setdefault((h.kind, fold(h.name)), []).append(h)
    out = []
    folded_title = fold(title or "")
    for (kind, key), group in by_key.items():
        period = None
        for h in group:
            pm = CAMPAIGN_PERIOD.match(t.text, h.end)
            if pm:
                period = Period(start=pm.group("a"), end=pm.group("b"), evidence=t.span(h.start, pm.end()))
                break
        launched = key in folded_title or any(
            launch.search(t.text, max(0, h.start - 80), h.start) for h in group
        )
        out.append(
            Campaign(
                kind=kind,  # type: ignore[arg-type]
                name=group[0].name,
                role="launched" if launched else "referenced",
                period=period,
                mentions=[Span(start=h.start, end=h.end, text=t.text[h.start : h.end]) for h in group],
            )
        )
    return out

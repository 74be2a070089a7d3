"""Checks of what the emulation law requires of a document's content (Law 06/2022/QH15,
Decree 98/2023/NĐ-CP), one check function per rule, the law's facts in ``law.toml``:

* ``award-form-obsolete``: an award named as the law no longer names it (``Huy hiệu``
  after 1 January 2024);
* ``campaign-plan-part-missing``: a plan launching a campaign states its aims,
  participants, criteria, time, awards and how it is summed up (Art. 17);
* ``cited-document-replaced``: a document cited after the day its successor took effect
  (the 2003 emulation law in a plan of 2024).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..extract import Findings
from ..rules import Rules
from .base import NO_DATE, Check, Verdict, as_span, dmy, issue_date, make

V = regex.VERBOSE | regex.IGNORECASE


def _pattern(rules: Rules, key: str, source: str) -> regex.Pattern[str]:
    return rules.compiled(f"law:{key}", lambda _r: regex.compile(source, V))


def award_form_obsolete(f: Findings) -> Iterator[Verdict]:
    rules = f.text.rules
    issued = issue_date(f)
    for ob in rules.law.obsolete_award:
        pat = _pattern(rules, f"obsolete:{ob.name}", ob.pattern)
        hits = list(pat.finditer(f.text.text, f.body_start, f.body_end))
        if not hits:
            continue
        if issued is None:
            yield NO_DATE
            continue
        if issued.last_day() < ob.since:
            continue  # named when the law still had it
        yield make(
            rules,
            "award-form-obsolete",
            [f.text.span(m.start(), m.end()) for m in hits[:5]],
            name=ob.name,
            since=f"{ob.since:%d/%m/%Y}",
        )


def about_reviews(f: Findings) -> bool:
    """A title about summing a campaign up or reporting on it (``plan_title_not``): its
    period is the campaign's, its deadlines come after."""
    rules = f.text.rules
    return bool(_pattern(rules, "plan_title_not", rules.law.plan_title_not).search(f.header.title or ""))


def _launches_campaign(f: Findings) -> bool:
    h, rules = f.header, f.text.rules
    if h.type != "KH" or not h.title:
        return False
    return bool(_pattern(rules, "plan_title", rules.law.plan_title).search(h.title)) and not about_reviews(f)


def campaign_plan_part_missing(f: Findings) -> Iterator[Verdict]:
    if not _launches_campaign(f) or f.header.title_span is None:
        return
    rules, t = f.text.rules, f.text
    found_by_extractor = {
        "participants": bool(f.participants),
        "time": f.period is not None,
        "awards": bool(f.awards),
    }
    missing = []
    for part in rules.law.plan_part:
        if found_by_extractor.get(part.part):
            continue
        pat = _pattern(rules, f"part:{part.part}", part.pattern)
        if not pat.search(t.text, f.body_start, f.body_end):
            missing.append(part.name)
    if missing:
        yield make(rules, "campaign-plan-part-missing", [f.header.title_span], parts="; ".join(missing))


def cited_document_replaced(f: Findings) -> Iterator[Verdict]:
    rules, t = f.text.rules, f.text
    issued = issue_date(f)
    cited = {r.number_symbol: r for r in f.references if r.number_symbol}
    for old in rules.law.replaced:
        spans = [as_span(m) for m in cited[old.number_symbol].mentions] if old.number_symbol in cited else []
        for i, source in enumerate(old.names):
            pat = _pattern(rules, f"replaced:{old.number_symbol}:{i}", source)
            spans += [t.span(m.start(), m.end()) for m in pat.finditer(t.text, f.body_start, f.body_end)]
        if not spans:
            continue
        if issued is None:
            yield NO_DATE
            continue
        if issued.first_day() >= old.replaced_on:
            yield make(
                rules,
                "cited-document-replaced",
                sorted(spans, key=lambda s: s.start)[:5],
                name=old.name,
                replaced_on=dmy(old.replaced_on.isoformat()),
                by=old.by,
                issue_date=dmy(issued.iso()),
            )


LAW_CHECKS: tuple[Check, ...] = (
    Check("award-form-obsolete", award_form_obsolete),
    Check("campaign-plan-part-missing", campaign_plan_part_missing),
    Check("cited-document-replaced", cited_document_replaced),
)

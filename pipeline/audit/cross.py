"""The checks across an archive, one function per rule, each a query over the archive's
digest (:class:`.store.ArchiveStore`) and the findings it makes, every document involved
named with its evidence:

* ``archive-reference-date-conflict``: documents citing one document with dates that
  cannot both be right (``14/03/2025`` and ``14/04/2025``; ``03/2025`` agrees with both);
* ``archive-citation-mismatch``: a cited document the archive holds, whose own date, or
  kind of issuer, is not the citation's;
* ``archive-number-duplicate``: one number and symbol used by one issuer for two documents
  in one year (the same document in several files is one document);
* ``archive-period-conflict``: an implementing plan whose period falls outside the period of
  the plan it implements, or which names that plan's campaign otherwise (almost the name,
  not the name).
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..extract.dates import PartialDate
from ..flags.base import dmy
from ..flags.form import issuer_kind
from ..rules import Rules
from .model import Finding, Involved
from .store import ArchiveStore, CampaignRow, Citation, Doc

CrossFn = Callable[[ArchiveStore, Rules], Iterator[Finding]]
NEAR_NAME = 0.8  # how alike two campaign names are when one is the other misquoted


@dataclass(frozen=True)
class CrossCheck:
    rule: str
    fn: CrossFn


def make(rules: Rules, rule: str, documents: list[Involved], **fields: object) -> Finding:
    r = rules.flag_rule(rule)
    return Finding(
        rule=rule,
        severity=r.severity,
        scope="archive",
        message=r.message.format(**fields),
        documents=documents,
    )


def disagree(a: str, b: str) -> bool:
    """Two dates, each at its precision, that cannot be the same day."""
    x, y = PartialDate.from_iso(a), PartialDate.from_iso(b)
    return x.last_day() < y.first_day() or y.last_day() < x.first_day()


def _involved(doc: Doc, spans: list) -> Involved:  # type: ignore[type-arg]
    return Involved(id=doc.id, path=doc.path, evidence=spans)


def _cited_words(c: Citation) -> str:
    return c.cited_as or "Văn bản"


# --- archive-reference-date-conflict --------------------------------------------------------


def _contradict(da: frozenset[str], db: frozenset[str]) -> bool:
    """Two documents' dates for one cited document contradict when a date one gives agrees with
    none the other gives (two documents that each cite it with both of two dates repeat one
    document's own conflict, reference-date-mismatch, and do not contradict each other)."""
    return any(all(disagree(x, y) for y in db) for x in da) or any(
        all(disagree(y, x) for x in da) for y in db
    )


def reference_date_conflict(store: ArchiveStore, rules: Rules) -> Iterator[Finding]:
    for group in store.citation_groups():
        by_doc: dict[int, list[Citation]] = {}
        for c in group:
            by_doc.setdefault(c.doc, []).append(c)
        dates = {c.date for c in group if c.date}
        # compared by distinct sets of dates, not by pairs of documents: thousands of documents
        # citing one decree give a handful of sets
        kinds = {frozenset(c.date for c in cs if c.date) for cs in by_doc.values()}
        conflict = any(_contradict(a, b) for a, b in itertools.combinations(kinds, 2))
        if not conflict:
            continue
        documents = []
        for n, cs in by_doc.items():
            first_of_each = {c.date: c for c in reversed(cs)}  # the first mention with each date
            documents.append(
                _involved(
                    store.doc(n), [c.span for c in sorted(first_of_each.values(), key=lambda c: c.span.start)]
                )
            )
        ordered = sorted(dates)
        yield make(
            rules,
            "archive-reference-date-conflict",
            documents,
            cited=_cited_words(group[0]),
            number_symbol=group[0].number_symbol,
            count=len(ordered),
            dates=", ".join(dmy(d) for d in ordered),
        )


# --- archive-citation-mismatch --------------------------------------------------------------


def citation_mismatch(store: ArchiveStore, rules: Rules) -> Iterator[Finding]:
    seen: set[tuple[int, int, str]] = set()
    for c, n in store.cited_in_archive():
        cited = store.doc(n)
        problems = []
        if c.date and cited.date and disagree(c.date, cited.date):
            problems.append(("ngày ban hành", dmy(cited.date), dmy(c.date), "date"))
        ka, kb = issuer_kind(c.issuer, rules.law.head), issuer_kind(cited.issuer, rules.law.head)
        if ka and kb and ka != kb:
            problems.append(("cơ quan ban hành", cited.issuer or "", c.issuer or "", "issuer"))
        for field, actual, claimed, span_key in problems:
            key = (c.doc, n, field)
            if key in seen:
                continue  # one finding per citing document, cited document and field
            seen.add(key)
            own = cited.spans.get(span_key)
            yield make(
                rules,
                "archive-citation-mismatch",
                [_involved(store.doc(c.doc), [c.span]), _involved(cited, [own] if own else [])],
                number_symbol=c.number_symbol,
                field=field,
                actual=actual,
                cited=claimed,
            )


# --- archive-number-duplicate ---------------------------------------------------------------


def number_duplicate(store: ArchiveStore, rules: Rules) -> Iterator[Finding]:
    for groups in store.number_groups():
        docs = [store.doc(n) for g in groups for n in g]
        first = docs[0]
        yield make(
            rules,
            "archive-number-duplicate",
            [_involved(d, [d.spans["number_symbol"]] if "number_symbol" in d.spans else []) for d in docs],
            number_symbol=first.number_symbol,
            issuer=first.issuer or "cơ quan",
            count=len(groups),
            year=(first.date or "")[:4],
        )


# --- archive-period-conflict ----------------------------------------------------------------


def _outside(child: Doc, parent: Doc) -> bool:
    """The child's period surely not within the parent's."""
    before = (
        child.period_start is not None
        and parent.period_start is not None
        and PartialDate.from_iso(child.period_start).last_day()
        < PartialDate.from_iso(parent.period_start).first_day()
    )
    after = (
        child.period_end is not None
        and parent.period_end is not None
        and PartialDate.from_iso(child.period_end).first_day()
        > PartialDate.from_iso(parent.period_end).last_day()
    )
    return before or after


def _period(d: Doc) -> str:
    return f"{dmy(d.period_start) if d.period_start else '…'} – {dmy(d.period_end) if d.period_end else '…'}"


def _misnamed(store: ArchiveStore, child: int, parent: int) -> tuple[CampaignRow, CampaignRow] | None:
    """A campaign the child names almost as the parent launches it, but not quite: "“Khánh Hòa
    đoàn kết, sáng tạo, phát triển bền vững”" for the parent's "“Khánh Hòa đoàn kết, sáng tạo,
    phát triển”" (names alike to ``NEAR_NAME``, not the same)."""
    launched = [p for p in store.campaigns(parent) if p.launched]
    if not launched:
        return None
    for c in store.campaigns(child):
        for p in launched:
            if c.kind == p.kind and c.key != p.key and _alike(c.key, p.key) >= NEAR_NAME:
                return c, p
    return None


def _alike(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def period_conflict(store: ArchiveStore, rules: Rules) -> Iterator[Finding]:
    """The period outside the parent's, or the parent's campaign named otherwise."""
    seen: set[tuple[int, int]] = set()
    for c, n in store.cited_in_archive():
        if (c.doc, n) in seen:
            continue
        seen.add((c.doc, n))
        child, parent = store.doc(c.doc), store.doc(n)
        if child.type != "KH":
            continue
        misnamed = _misnamed(store, c.doc, n)
        if misnamed:
            mine, theirs = misnamed
            yield make(
                rules,
                "archive-period-conflict",
                [_involved(child, [c.span, mine.span]), _involved(parent, [theirs.span])],
                what="tên phong trào",
                child=f"“{mine.name}”",
                number_symbol=parent.number_symbol,
                parent=f"“{theirs.name}”",
            )
        if not (child.period_start or child.period_end):
            continue
        if not (parent.period_start or parent.period_end) or not _outside(child, parent):
            continue
        yield make(
            rules,
            "archive-period-conflict",
            [
                _involved(child, [c.span, *([child.spans["period"]] if "period" in child.spans else [])]),
                _involved(parent, [parent.spans["period"]] if "period" in parent.spans else []),
            ],
            what="thời gian",
            child=_period(child),
            number_symbol=parent.number_symbol,
            parent=_period(parent),
        )


CROSS_CHECKS: tuple[CrossCheck, ...] = (
    CrossCheck("archive-reference-date-conflict", reference_date_conflict),
    CrossCheck("archive-citation-mismatch", citation_mismatch),
    CrossCheck("archive-number-duplicate", number_duplicate),
    CrossCheck("archive-period-conflict", period_conflict),
)

"""Checks of a campaign's time logic (Law 06/2022/QH15 Art. 17: a plan states its time and
how it is summed up), one check function per rule, each rule's data in ``flags.toml``.

* ``review-order``: the campaign starts before its interim review (sơ kết), which comes
  before its final review (tổng kết);
* ``period-title-mismatch``: a ``giai đoạn Y1 - Y2`` in the title is the period the body
  sets;
* ``deadline-outside-period``: a deadline falls inside the campaign's period, or in the
  months after it when reports and proposals fall due (``law.toml``: ``after_end_days``),
  never before it starts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import regex

from ..extract import Findings
from ..extract.dates import ANY_DATE, PartialDate, date_match
from ..extract.periods import YEARS
from ..record import Span
from .base import INVERTED, Check, Verdict, as_span, dmy, inverted, issue_date, make
from .law import about_reviews

V = regex.VERBOSE | regex.IGNORECASE

# "sơ kết … vào tháng 6/2024", "Tổng kết phong trào trước ngày 15/12/2024".
REVIEW = regex.compile(r"(?<!\p{L})(?P<kind>sơ\s+kết|tổng\s+kết)(?!\p{L})", V)
REVIEW_REACH = 80  # characters after "sơ kết" / "tổng kết" where its date may stand
CLAUSE_END = regex.compile(r"[.;\n]")


def _first_date(f: Findings, start: int) -> tuple[PartialDate, Span] | None:
    """The first date in the clause after ``start``, with its span."""
    t = f.text
    end = min(len(t.text), start + REVIEW_REACH)
    stop = CLAUSE_END.search(t.text, start, end)
    m = ANY_DATE.search(t.text, start, stop.start() if stop else end)
    d = date_match(m) if m else None
    if d is None or d.date is None or d.form in ("year", "quarter"):
        return None
    return d.date, t.span(d.start, d.end)


def _reviews(f: Findings) -> dict[str, tuple[PartialDate, Span]]:
    """The first dated sơ kết and tổng kết of the body."""
    out: dict[str, tuple[PartialDate, Span]] = {}
    for m in REVIEW.finditer(f.text.text, f.body_start, f.body_end):
        kind = "so_ket" if m.group("kind").lower().startswith("s") else "tong_ket"
        if kind not in out and (found := _first_date(f, m.end())):
            out[kind] = found
    return out


def _before(a: PartialDate, b: PartialDate) -> bool:
    """``a`` surely after ``b``, at the precision both give."""
    return a.first_day() > b.last_day()


def review_order(f: Findings) -> Iterator[Verdict]:
    reviews = _reviews(f)
    so, tong = reviews.get("so_ket"), reviews.get("tong_ket")
    if so and tong and _before(so[0], tong[0]):
        yield make(
            f.text.rules,
            "review-order",
            [so[1], tong[1]],
            first="sơ kết",
            second="tổng kết",
            a=so[1].text,
            b=tong[1].text,
        )


def period_title_mismatch(f: Findings) -> Iterator[Verdict]:
    p, title = f.period, f.header.title_span
    if p is None or title is None or p.evidence is None or title.start <= p.evidence.start < title.end:
        return  # no period, no title, or the period is the title's own
    m = YEARS.search(f.text.text, title.start, title.end)
    if m is None or not (p.start or p.end):
        return
    if inverted(p.start, p.end):
        yield INVERTED
        return
    years = (m.group("a"), m.group("b"))
    body = ((p.start or "")[:4] or None, (p.end or "")[:4] or None)
    if any(b is not None and b != y for b, y in zip(body, years, strict=True)):
        evidence = [f.text.span(m.start(), m.end()), p.evidence]
        yield make(f.text.rules, "period-title-mismatch", evidence, title=m.group(), body=p.evidence.text)


def deadline_outside_period(f: Findings) -> Iterator[Verdict]:
    p, rules = f.period, f.text.rules
    if p is None or not (p.start or p.end) or not f.deadlines:
        return
    if about_reviews(f):
        return
    if inverted(p.start, p.end):
        yield INVERTED
        return
    start = PartialDate.from_iso(p.start) if p.start else None
    end = PartialDate.from_iso(p.end) if p.end else None
    issued = issue_date(f)
    grace = dt.timedelta(days=rules.law.after_end_days)
    prepares = rules.compiled("law:before_start_ok", lambda r: regex.compile(r.law.before_start_ok, V))
    for d in f.deadlines:
        due = PartialDate.from_iso(d.date)
        if issued is not None and due.surely_before(issued):
            continue  # deadline-before-issue's
        before = start is not None and due.last_day() < start.first_day() and not prepares.search(d.text)
        after = end is not None and due.first_day() > end.last_day() + grace
        if before or after:
            evidence = [as_span(d), *([p.evidence] if p.evidence else [])]
            yield make(
                rules,
                "deadline-outside-period",
                evidence,
                deadline=dmy(d.date),
                start=dmy(p.start) if p.start else "ngày phát động",
                end=dmy(p.end) if p.end else "…",
            )


TIME_CHECKS: tuple[Check, ...] = (
    Check("review-order", review_order),
    Check("period-title-mismatch", period_title_mismatch),
    Check("deadline-outside-period", deadline_outside_period),
)

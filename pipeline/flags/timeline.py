"""Checks of a campaign's time logic (Law 06/2022/QH15 Art. 17: a plan states its time and
how it is summed up), one check function per rule, each rule's data in ``flags.toml``.

* ``review-order``: the campaign starts before its interim review (sơ kết), which comes
  before its final review (tổng kết);
* ``period-title-mismatch``: a ``giai đoạn Y1 - Y2`` in the title is the period the body
  sets.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..extract import Findings
from ..extract.dates import ANY_DATE, PartialDate, date_match
from ..extract.periods import YEARS
from ..record import Flag, Span
from .checks import make

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


def review_order(f: Findings) -> Iterator[Flag]:
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


def period_title_mismatch(f: Findings) -> Iterator[Flag]:
    p, title = f.period, f.header.title_span
    if p is None or title is None or p.evidence is None or title.start <= p.evidence.start < title.end:
        return  # no period, no title, or the period is the title's own
    m = YEARS.search(f.text.text, title.start, title.end)
    if m is None or not (p.start or p.end):
        return
    years = (m.group("a"), m.group("b"))
    body = ((p.start or "")[:4] or None, (p.end or "")[:4] or None)
    if any(b is not None and b != y for b, y in zip(body, years, strict=True)):
        evidence = [f.text.span(m.start(), m.end()), p.evidence]
        yield make(f.text.rules, "period-title-mismatch", evidence, title=m.group(), body=p.evidence.text)


TIME_CHECKS = (review_order, period_title_mismatch)

"""What every check shares: the check type, the verdict a check gives when the text cannot
tell, and the helpers that build a flag with its evidence.

A check is one rule's function. It reads the findings and yields the flags of its rule,
each with the spans of text that prove it, or an :class:`Unknown` saying why the text
cannot tell (a blank left for a hand to fill, a seal where the name should be). Whatever
it yields, :func:`pipeline.flags.annotate` turns into the rule's status for the document:
``fail``, ``not_evaluated`` or ``pass``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..extract import Findings
from ..extract.dates import PartialDate
from ..record import Anniversary, Deadline, Flag, Mention, Span
from ..rules import Rules


@dataclass(frozen=True)
class Unknown:
    """The text cannot tell whether the rule holds; ``reason`` says why (Vietnamese)."""

    reason: str


Verdict = Flag | Unknown
CheckFn = Callable[[Findings], Iterator[Verdict]]


@dataclass(frozen=True)
class Check:
    """One rule of the catalogue (``rules/tables/flags.toml``) and the function that checks it."""

    rule: str
    fn: CheckFn

    @property
    def name(self) -> str:
        return self.fn.__name__


def make(rules: Rules, rule: str, evidence: list[Span], **fields: object) -> Flag:
    r = rules.flag_rule(rule)
    return Flag(rule=rule, severity=r.severity, message=r.message.format(**fields), evidence=evidence)


def as_span(item: Mention | Deadline | Anniversary) -> Span:
    """The span of an extracted item, as flag evidence."""
    return Span(start=item.start, end=item.end, text=item.text)


def dmy(iso: str) -> str:
    """2025-03-14 → 14/03/2025 (as documents write it)."""
    return "/".join(reversed(iso.split("-")))


def issue_date(f: Findings) -> PartialDate | None:
    d = f.header.date
    return d.date if d and d.date else None


# On OCR text, a cited date more than this many years after the issue year is a misread
# digit (2026 read as 2096), not a document that cites the future.
OCR_LATE_YEARS = 1


def misread_year(cited_iso: str, own_year: int) -> bool:
    """On a scan, a cited year too far after the document's own: a misread digit."""
    return int(cited_iso[:4]) > own_year + OCR_LATE_YEARS


NO_DATE = Unknown("không đọc được ngày ban hành")
INVERTED = Unknown("thời gian kết thúc trước thời gian bắt đầu (period-inverted)")


def inverted(start: str | None, end: str | None) -> bool:
    """A period that surely ends before it starts: nothing else can be judged against it."""
    return bool(start and end and PartialDate.from_iso(end).surely_before(PartialDate.from_iso(start)))


NO_SIGNER = Unknown("không có khối chữ ký")

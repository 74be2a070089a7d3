"""Checks over records, one document and a whole archive at a time: the face of the
pipeline an auditor uses (``vanban check``, ``vanban report``).

:class:`Audit` takes records one by one — their own flags become findings at once, their
digest goes to an on-disk store — and then runs the checks across the archive
(:mod:`.cross`). Nothing holds the records themselves: an archive of 100,000 records is
checked in the memory of one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..record import Record
from ..rules import Rules, default_rules
from .cross import CROSS_CHECKS
from .model import SEVERITY_RANK, Finding, Involved, document_finding
from .store import ArchiveStore


@dataclass
class AuditSummary:
    documents: int = 0
    statuses: Counter[tuple[str, str]] = field(default_factory=Counter)  # (rule, status) → documents
    findings: Counter[tuple[str, str]] = field(default_factory=Counter)  # (rule, severity) → findings

    def worst(self) -> str | None:
        sev = {s for _, s in self.findings}
        return max(sev, key=SEVERITY_RANK.__getitem__) if sev else None


class Audit:
    """``add`` each record, then ``across``; ``close`` (or use as a context manager)."""

    def __init__(self, rules: Rules | None = None, store: Path | None = None) -> None:
        self.rules = rules or default_rules()
        self.store = ArchiveStore(self.rules, store)
        self.summary = AuditSummary()

    def __enter__(self) -> Audit:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def add(self, record: Record) -> list[Finding]:
        """The record's own findings; its digest kept for the checks across documents."""
        self.summary.documents += 1
        for c in record.checks:
            self.summary.statuses[(c.rule, c.status)] += 1
        self.store.add(record)
        found = [document_finding(record, f) for f in record.flags]
        for f in found:
            self.summary.findings[(f.rule, f.severity)] += 1
        return found

    def across(self) -> Iterator[Finding]:
        """The findings of the checks across every record added."""
        self.store.finish()
        for check in CROSS_CHECKS:
            fired = 0
            for f in check.fn(self.store, self.rules):
                fired += 1
                self.summary.findings[(f.rule, f.severity)] += 1
                yield f
            self.summary.statuses[(check.rule, "fail" if fired else "pass")] += 1


def check(records: Iterable[Record], rules: Rules | None = None) -> Iterator[Finding]:
    """Every finding over ``records``: each document's as it comes, then the archive's."""
    with Audit(rules) as a:
        for r in records:
            yield from a.add(r)
        yield from a.across()


__all__ = ["Audit", "AuditSummary", "Finding", "Involved", "check"]

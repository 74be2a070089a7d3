"""What ``vanban check`` reports: a finding is one rule failing, with every document it
involves and, for each, the spans of its text that show it."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..record import Flag, Model, Record, Span

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


class Involved(Model):
    id: str = Field(description="the record's id")
    path: str = Field(description="the record's source.path")
    evidence: list[Span] = Field(description="spans of that record's text")


class Finding(Model):
    rule: str
    severity: Severity
    status: Literal["fail"] = "fail"
    scope: Literal["document", "archive"]
    message: str
    documents: list[Involved]


def document_finding(record: Record, flag: Flag) -> Finding:
    """A record's own flag as a finding of one document."""
    return Finding(
        rule=flag.rule,
        severity=flag.severity,
        scope="document",
        message=flag.message,
        documents=[Involved(id=record.id, path=record.source.path, evidence=flag.evidence)],
    )

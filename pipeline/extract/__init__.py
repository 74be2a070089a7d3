"""Stages 3 and 4, find and resolve: every extractor over one normalized text.

:func:`find_all` runs each extractor as a named stage. A stage that fails
leaves its part of the record empty and an entry in ``errors`` naming the
stage; the other stages still run. Later stages read what earlier ones
found (the body between the header and the closing block, the section
tree) through :class:`Findings`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from ..record import (
    Anniversary,
    Assignment,
    Attachment,
    Award,
    Campaign,
    Deadline,
    ErrorEntry,
    Participant,
    Period,
    Reference,
    SignatureEvidence,
    Target,
)
from ..rules import Rules
from . import (
    assignments,
    attachments,
    awards,
    campaigns,
    esign,
    header,
    periods,
    references,
    sections,
    signature,
    targets,
)
from .dates import DateMatch, find_dates
from .text import Text

T = TypeVar("T")


@dataclass
class Stages:
    """Runs named stages, turning an exception into an error entry of that stage."""

    errors: list[ErrorEntry] = field(default_factory=list)

    def run(self, name: str, fn: Callable[[], T], default: T) -> T:
        try:
            return fn()
        except Exception as e:  # one bad stage must not lose the record
            kind = "memory" if isinstance(e, MemoryError) else "exception"
            self.errors.append(ErrorEntry(stage=name, message=f"{type(e).__name__}: {e}", kind=kind))
            return default


@dataclass
class Findings:
    text: Text
    header: header.Header
    closing: signature.Closing
    body_start: int
    body_end: int
    nodes: list[sections.Node]
    dates: list[DateMatch]
    mentions: list[references.Found]
    references: list[Reference]
    campaigns: list[Campaign]
    period: Period | None
    anniversaries: list[Anniversary]
    found_deadlines: list[periods.FoundDeadline]
    deadlines: list[Deadline]
    found_awards: list[awards.FoundAward]
    awards: list[Award]
    honours_received: list[Award]
    participants: list[Participant]
    targets: list[Target]
    assignments: list[Assignment]
    revisions: list[tuple[int, int]] = field(default_factory=list)  # tracked changes left in a Word file
    unsure: list[tuple[int, int]] = field(default_factory=list)  # words OCR was unsure of
    signatures: list[SignatureEvidence] = field(default_factory=list)  # the file's, then the text's stamps
    attachments: list[Attachment] = field(default_factory=list)


def _issuer_grants(h: header.Header, rules: Rules) -> str | None:
    """The highest level the issuer's head grants: from the agency table, or, for a
    national body the table does not list (a group, a university), a ministry's."""
    code = h.issuer.agency_code if h.issuer else None
    agency = rules.agency(code) if code else None
    if agency is None and h.issuer is not None and h.issuer.central:
        return "bo"
    return agency.grants if agency else None


def find_all(t: Text, stages: Stages, second: Text | None = None) -> Findings:
    """Every extractor over ``t``; ``second``: another OCR engine's reading of the header
    band, for the number and date the first reading could not read."""
    rules = t.rules
    h = stages.run("header", lambda: header.extract_header(t), header.Header())
    if second is not None:
        h = stages.run(
            "header", lambda: header.with_second_reading(h, header.extract_header(second), t.ocr), h
        )
    closing = stages.run(
        "signature", lambda: signature.extract_closing(t, h.body_start), signature.Closing(None)
    )
    body_start, body_end = h.body_start, closing.start if closing.start is not None else len(t.text)
    # Sections run on past the signature: an annex (Phụ lục, the Quy định a decision
    # issues) is part of the document's structure.
    closing_lines = closing.recipient_lines | frozenset(closing.signer_lines)
    stops = tuple(
        x for x in (h.closing_span.start if h.closing_span else None, closing.start) if x is not None
    )
    nodes = stages.run(
        "sections", lambda: sections.build_tree(t, body_start, len(t.text), closing_lines, stops), []
    )
    dates = stages.run("dates", lambda: find_dates(t.text), [])
    mentions = stages.run("references", lambda: references.find_mentions(t), [])
    refs = stages.run("references", lambda: references.resolve(t, mentions, nodes, h.number_symbol), [])
    title_span = (h.title_span.start, h.title_span.end) if h.title_span else None
    camps = stages.run("campaigns", lambda: campaigns.find_campaigns(t, 0, h.title), [])
    period = stages.run("period", lambda: periods.find_period(t, body_start, body_end, title_span), None)
    anniversaries = stages.run("anniversaries", lambda: periods.find_anniversaries(t), [])
    found_dl = stages.run("deadlines", lambda: periods.find_deadlines(t, body_start, body_end), [])
    found_dl += stages.run("deadlines", lambda: periods.find_table_deadlines(t, body_start, len(t.text)), [])
    deadlines = stages.run(
        "deadlines",
        lambda: periods.to_deadlines(
            t, found_dl, [d.responsible or assignments.responsible_for(t, d, nodes) for d in found_dl]
        ),
        [],
    )
    year = h.date.date.year if h.date and h.date.date else None
    award_context = awards.Context(issuer_grants=_issuer_grants(h, rules), doc_type=h.type, year=year)
    found_awards = stages.run(
        "awards", lambda: awards.find_awards(t, body_start, len(t.text), ctx=award_context), []
    )
    offered = [a for a in found_awards if a.granted != "received"]
    award_list = stages.run("awards", lambda: awards.resolve_awards(t, offered), [])
    received = [a for a in found_awards if a.granted == "received"]
    received_list = stages.run("awards", lambda: awards.resolve_awards(t, received), [])
    participants = stages.run("participants", lambda: targets.find_participants(t, nodes), [])
    target_list = stages.run("targets", lambda: targets.find_targets(t, nodes), [])
    assigned = stages.run("assignments", lambda: assignments.find_assignments(t, nodes, found_dl), [])
    stamps = stages.run("signature", lambda: esign.find_stamps(t), [])
    closing_lines = [*closing.signer_lines, *closing.recipient_lines]
    attached = stages.run("attachments", lambda: attachments.find_attachments(t, closing_lines), [])
    return Findings(
        text=t,
        header=h,
        closing=closing,
        body_start=body_start,
        body_end=body_end,
        nodes=nodes,
        dates=dates,
        mentions=mentions,
        references=refs,
        campaigns=camps,
        period=period,
        anniversaries=anniversaries,
        found_deadlines=found_dl,
        deadlines=deadlines,
        found_awards=found_awards,
        awards=award_list,
        honours_received=received_list,
        participants=participants,
        targets=target_list,
        assignments=assigned,
        signatures=stamps,
        attachments=attached,
    )


__all__ = ["Findings", "Stages", "find_all"]

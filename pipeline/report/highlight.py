"""A record's text as HTML with every extracted value and every finding's evidence marked.

Spans overlap (a reference inside a flag's evidence, a date inside a deadline), so the text
is cut at every span's start and end and each piece carries the kinds of all spans over it:
``<span class="hl k-reference k-flag sev-error" title="…">``. Each finding's evidence gets an
anchor (``id="f12-0"``) where it starts, for the list of findings beside the text to link
to. Every piece of text is escaped: a document is untrusted input.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..audit.model import Finding
from ..record import Record, Span

SEVERITY_ORDER = ("error", "warning", "info")


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # field, reference, deadline, award, period, campaign, target, participant, signer, flag
    label: str
    severity: str | None = None  # a finding's
    anchor: str | None = None  # a finding's evidence: where the list beside the text links to


def value_marks(r: Record) -> list[Mark]:
    """Every extracted value of the record that has a place in the text."""
    out: list[Mark] = []
    names = {
        "number_symbol": "Số, ký hiệu",
        "date": "Ngày ban hành",
        "place": "Địa danh",
        "title": "Tên loại, trích yếu",
        "issuer": "Cơ quan ban hành",
        "closing": "Câu kết",
    }
    for key, sp in r.document.spans.items():
        out.append(Mark(sp.start, sp.end, "field", names.get(key, key)))
    for ref in r.references:
        for m in ref.mentions:
            out.append(Mark(m.start, m.end, "reference", f"Viện dẫn {ref.number_symbol}"))
    for d in r.deadlines:
        out.append(Mark(d.start, d.end, "deadline", f"Thời hạn {d.date}"))
    for a in r.awards:
        out.append(Mark(a.start, a.end, "award", f"Khen thưởng: {a.name}"))
    if r.period and r.period.evidence:
        e = r.period.evidence
        out.append(
            Mark(e.start, e.end, "period", f"Thời gian: {r.period.start or '…'} – {r.period.end or '…'}")
        )
    for c in r.campaigns:
        for m in c.mentions:
            out.append(Mark(m.start, m.end, "campaign", f"Phong trào: {c.name}"))
    for t in r.targets:
        out.append(Mark(t.start, t.end, "target", f"Chỉ tiêu, tiêu chí ({t.kind})"))
    for p in r.participants:
        out.append(Mark(p.start, p.end, "participant", "Đối tượng"))
    if r.signer and r.signer.evidence:
        e = r.signer.evidence
        out.append(Mark(e.start, e.end, "signer", f"Người ký: {r.signer.name or '…'}"))
    return out


def finding_marks(doc_id: str, findings: Iterable[tuple[int, Finding]]) -> list[Mark]:
    out = []
    for n, f in findings:
        for d in f.documents:
            if d.id != doc_id:
                continue
            for i, e in enumerate(d.evidence):
                out.append(Mark(e.start, e.end, "flag", f"{f.rule}: {f.message}", f.severity, f"f{n}-{i}"))
    return out


def render(text: str, marks: list[Mark]) -> Markup:
    """The text with the marks, as HTML (inside a ``<pre>``-like block)."""
    n = len(text)
    marks = [m for m in marks if 0 <= m.start < m.end <= n]
    cuts = sorted({0, n, *(m.start for m in marks), *(m.end for m in marks)})
    starts: dict[int, list[Mark]] = {}
    for m in marks:
        starts.setdefault(m.start, []).append(m)
    parts: list[str] = []
    active: list[Mark] = []
    for a, b in itertools.pairwise(cuts):
        for m in starts.get(a, []):
            active.append(m)
            if m.anchor:
                parts.append(f'<a class="anchor" id="{m.anchor}"></a>')
        active = [m for m in active if m.end > a]
        piece = escape(text[a:b])
        if not active:
            parts.append(str(piece))
            continue
        kinds = sorted({f"k-{m.kind}" for m in active})
        sev = [m.severity for m in active if m.severity]
        if sev:
            kinds.append("sev-" + min(sev, key=SEVERITY_ORDER.index))
        title = "\n".join(dict.fromkeys(m.label for m in active))
        parts.append(f'<span class="hl {" ".join(kinds)}" title="{escape(title)}">{piece}</span>')
    return Markup("".join(parts))


def evidence_text(sp: Span, width: int = 160) -> str:
    t = " ".join(sp.text.split())
    return t if len(t) <= width else t[: width - 1] + "…"

"""The checks behind the flag catalogue (``rules/tables/flags.toml``).

Each check reads the findings and returns flags of one rule, every flag with
the spans of text that prove it. Dates are compared only when the answer
is certain at the precision written: a reference dated 2021-07-28 is not
"after" a document dated only "2021".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..extract import Findings
from ..extract.dates import PartialDate
from ..extract.provenance import signing
from ..extract.references import reference_type
from ..extract.sections import numbering_gaps
from ..record import Reference, Span
from .base import NO_DATE, Check, Unknown, Verdict, as_span, dmy, inverted, issue_date, make, misread_year


def _line_span(f: Findings, offset: int) -> Span:
    line = f.text.line_at(offset)
    return f.text.span(max(line.start, offset), line.end)


# --- header -----------------------------------------------------------------------


def number_missing(f: Findings) -> Iterator[Verdict]:
    h = f.header
    if h.number_span is None:
        yield Unknown("không có dòng “Số:”")
    elif h.number_unreadable:
        yield Unknown("số văn bản không đọc được")
    if h.number_span and h.number is None and not h.number_unreadable:
        yield make(f.text.rules, "number-missing", [h.number_span], symbol=h.number_span.text)


def number_unreadable(f: Findings) -> Iterator[Verdict]:
    h = f.header
    if h.number_span and h.number_unreadable:
        yield make(f.text.rules, "number-unreadable", [h.number_span], text=h.number_span.text)


def signature_date_mismatch(f: Findings) -> Iterator[Verdict]:
    """The printed date is not the day the file was signed (its last PDF signature), at the
    precision printed: "tháng 2 năm 2021" disagrees with a signature of 27 May 2021."""
    d, span = issue_date(f), f.header.date_span
    signed = signing([s for s in f.signatures if s.source == "pdf_signature"])
    if d is None or span is None or signed is None or signed.date is None:
        return
    if not signed.date.startswith(d.iso()):
        who = signed.name or "chữ ký số"
        yield make(
            f.text.rules,
            "signature-date-mismatch",
            [span],
            printed=dmy(d.iso()),
            signed=dmy(signed.date),
            signer=who,
        )


def _date_parts(f: Findings, rule: str, day: bool, month: bool) -> Iterator[Verdict]:
    """The issue date's day or month (or both) blank or unreadable: named in the flag."""
    d, span = f.header.date, f.header.date_span
    if d is not None and span is not None and (day or month):
        missing = "ngày và tháng" if day and month else "ngày" if day else "tháng"
        yield make(f.text.rules, rule, [span], missing=missing, text=d.text)


def date_incomplete(f: Findings) -> Iterator[Verdict]:
    d = f.header.date
    if d is None:
        yield Unknown("không có dòng địa danh, ngày tháng")
    elif d.unreadable_day or d.unreadable_month:
        yield Unknown("ngày ban hành không đọc được")
    else:
        yield from _date_parts(f, "date-incomplete", d.blank_day, d.blank_month)


def date_unreadable(f: Findings) -> Iterator[Verdict]:
    d = f.header.date
    if d is not None:
        yield from _date_parts(f, "date-unreadable", d.unreadable_day, d.unreadable_month)


def date_invalid(f: Findings) -> Iterator[Verdict]:
    seen = set()
    for d in f.dates:
        if f.text.ocr and d.blank_month:
            continue  # "ngày 29 tháng   năm 2021" on a scan: a handwritten month OCR did not read
        if d.invalid and (d.start, d.end) not in seen:
            seen.add((d.start, d.end))
            yield make(
                f.text.rules, "date-invalid", [f.text.span(d.start, d.end)], text=d.text, reason=d.invalid
            )


def type_symbol_mismatch(f: Findings) -> Iterator[Verdict]:
    h = f.header
    if not h.symbol_type or not h.number_span:
        return
    rules = f.text.rules
    stated = [
        (h.title_type, h.title_span),
        ("CV" if h.vv else None, h.title_span),
        (h.closing_type, h.closing_span),
    ]
    for code, span in stated:
        if code and code != h.symbol_type and span is not None:
            name = rules.type_code(code)
            sym = rules.type_code(h.symbol_type)
            yield make(
                rules,
                "type-symbol-mismatch",
                [h.number_span, span],
                stated=name.name if name else code,
                symbol=h.symbol,
                symbol_type=sym.name if sym else h.symbol_type,
            )
            return


def agency_anachronism(f: Findings) -> Iterator[Verdict]:
    on = issue_date(f)
    h = f.header
    if h.number_span is None and h.issuer is None:
        return
    if on is None:
        yield NO_DATE
        return
    rules = f.text.rules

    def outside(valid_from: dt.date | None, valid_until: dt.date | None) -> str | None:
        if valid_from and on.last_day() < valid_from:
            return f"có từ {valid_from:%d/%m/%Y}"
        if valid_until and on.first_day() > valid_until:
            return f"chỉ tồn tại đến {valid_until:%d/%m/%Y}"
        return None

    codes = [tok for tok in (h.symbol or "").replace("/", "-").split("-") if rules.agency(tok)]
    for code in codes:
        a = rules.agency(code)
        assert a is not None
        why = outside(a.valid_from, a.valid_until)
        if why and h.number_span:
            yield make(
                rules,
                "agency-anachronism",
                [h.number_span],
                name=f"{a.name} ({code})",
                date=dmy(on.iso()),
                why=why,
            )
    if h.issuer and h.issuer.province and h.issuer.span:
        p = rules.province(h.issuer.province)
        why = outside(p.valid_from, p.valid_until) if p else None
        if p and why:
            span = f.text.span(h.issuer.span.start, h.issuer.span.end)
            yield make(
                rules, "agency-anachronism", [span], name=f"{p.kind} {p.name}", date=dmy(on.iso()), why=why
            )


# --- body ------------------------------------------------------------------------


def numbering_gap(f: Findings) -> Iterator[Verdict]:
    for g in numbering_gaps(f.nodes):
        yield make(
            f.text.rules,
            "numbering-gap",
            [_line_span(f, g.previous.start), _line_span(f, g.current.start)],
            problem=g.problem,
            previous=g.previous.label,
            current=g.current.label,
        )


def _cited(ref: Reference) -> str:
    return ref.cited_as or "Văn bản"


def reference_date_mismatch(f: Findings) -> Iterator[Verdict]:
    for ref in f.references:
        if len(ref.dates) > 1:
            firsts = [next(m for m in ref.mentions if m.date == d) for d in ref.dates]
            yield make(
                f.text.rules,
                "reference-date-mismatch",
                [as_span(m) for m in firsts],
                cited=_cited(ref),
                number_symbol=ref.number_symbol,
                count=len(ref.dates),
                dates=" và ".join(dmy(d) for d in ref.dates),
            )


def reference_after_issue(f: Findings) -> Iterator[Verdict]:
    issued = issue_date(f)
    if issued is None:
        if any(ref.dates for ref in f.references):
            yield NO_DATE
        return
    for ref in f.references:
        late = [m for m in ref.mentions if m.date and PartialDate.from_iso(m.date).surely_after(issued)]
        if f.text.ocr:  # "14/7/2096" in a scan of 2026: a digit misread, not a citation of the future
            late = [m for m in late if not misread_year(m.date or "0", issued.year)]
        if late:
            yield make(
                f.text.rules,
                "reference-after-issue",
                [as_span(m) for m in late],
                cited=_cited(ref),
                number_symbol=ref.number_symbol,
                ref_date=dmy(late[0].date or ""),
                issue_date=dmy(issued.iso()),
            )


def reference_date_missing(f: Findings) -> Iterator[Verdict]:
    invalid = [d for d in f.dates if d.invalid]
    for ref in f.references:
        written = any(m.start <= d.start < m.end for m in ref.mentions for d in invalid)
        if not ref.dates and not written:  # a date written wrong is date-invalid's, not missing
            yield make(
                f.text.rules,
                "reference-date-missing",
                [as_span(ref.mentions[0])],
                cited=_cited(ref),
                number_symbol=ref.number_symbol,
            )


def reference_type_mismatch(f: Findings) -> Iterator[Verdict]:
    rules = f.text.rules
    for ref in f.references:
        for m in ref.mentions:
            words = rules.type_for_words(m.cited_as or "")
            _, code = reference_type(m.cited_as or "", ref.symbol, rules)
            if words and not words.generic and code and words.code != code:
                symbol_type = rules.type_code(code)
                yield make(
                    rules,
                    "reference-type-mismatch",
                    [as_span(m)],
                    cited=m.cited_as,
                    number_symbol=ref.number_symbol,
                    symbol_type=symbol_type.name if symbol_type else code,
                )
                break


def periods_inverted(f: Findings) -> Iterator[Verdict]:
    for p in [f.period] + [c.period for c in f.campaigns]:
        if p and p.start and p.end and inverted(p.start, p.end):
            yield make(
                f.text.rules,
                "period-inverted",
                [p.evidence] if p.evidence else [],
                start=dmy(p.start),
                end=dmy(p.end),
            )


def deadline_before_issue(f: Findings) -> Iterator[Verdict]:
    issued = issue_date(f)
    if issued is None:
        if f.deadlines:
            yield NO_DATE
        return
    for d in f.deadlines:
        if PartialDate.from_iso(d.date).surely_before(issued):
            yield make(
                f.text.rules,
                "deadline-before-issue",
                [as_span(d)],
                deadline=dmy(d.date),
                issue_date=dmy(issued.iso()),
            )


def anniversary_mismatch(f: Findings) -> Iterator[Verdict]:
    seen = set()
    for a in f.anniversaries:
        if a.start_year is None or a.end_year is None:
            continue
        actual = a.end_year - a.start_year
        key = (a.years, a.start_year, a.end_year)
        if actual != a.years and key not in seen:
            seen.add(key)
            yield make(
                f.text.rules,
                "anniversary-mismatch",
                [as_span(a)],
                years=a.years,
                start_year=a.start_year,
                end_year=a.end_year,
                actual=actual,
            )


def award_authority_exceeded(f: Findings) -> Iterator[Verdict]:
    rules = f.text.rules
    for a in f.found_awards:
        if a.exceeded:
            form = a.name.split(" của ")[0]
            yield make(
                rules,
                "award-authority-exceeded",
                [f.text.span(*(a.mentions[0] if a.mentions else (a.start, a.end)))],  # "Sở tặng Bằng khen"
                name=a.name,
                authority=a.authority,
                form_name=form,
            )


def stray_artifact(f: Findings) -> Iterator[Verdict]:
    taken: list[tuple[int, int]] = []  # one flag per leftover, even when two patterns see it
    for what, pat, hint in f.text.rules.artifact_patterns:
        if hint is not None and not hint.search(f.text.text):
            continue
        for m in pat.finditer(f.text.text):
            if any(s <= m.start() and m.end() <= e for s, e in taken):
                continue
            taken.append(m.span())
            yield make(
                f.text.rules,
                "stray-artifact",
                [f.text.span(m.start(), m.end())],
                what=what,
                text=m.group().strip(),
            )
    if f.revisions:  # tracked changes still in the file: the inserted text, or the line a deletion is on
        evidence = []
        for s, e in f.revisions:
            line = f.text.line_at(s)
            sp = f.text.span(s, e) if e > s else f.text.span(line.start, line.end)
            if sp.text and sp not in evidence:
                evidence.append(sp)
        yield make(
            f.text.rules,
            "stray-artifact",
            evidence,
            what="dấu sửa đổi chưa chấp nhận",
            text=f"{len(f.revisions)} chỗ sửa",
        )


# --- closing ----------------------------------------------------------------------


def _signer_part_missing(f: Findings, rule: str, part: str) -> Iterator[Verdict]:
    """The signature block lacks ``part`` ("name", "position"); no block at all, where the
    document has a Nơi nhận, lacks both."""
    s = f.closing.signer
    if s is None:
        if f.closing.has_recipients_line:
            yield make(f.text.rules, rule, [])
    elif getattr(s, part) is None:
        yield make(f.text.rules, rule, [s.evidence] if s.evidence else [])


def signer_name_missing(f: Findings) -> Iterator[Verdict]:
    yield from _signer_part_missing(f, "signer-name-missing", "name")


def signer_position_missing(f: Findings) -> Iterator[Verdict]:
    yield from _signer_part_missing(f, "signer-position-missing", "position")


def recipients_missing(f: Findings) -> Iterator[Verdict]:
    if not f.closing.has_recipients_line and not f.header.addressees:
        yield make(f.text.rules, "recipients-missing", [])


def type_undecided(f: Findings) -> Iterator[Verdict]:
    if f.header.type is None:
        yield make(f.text.rules, "type-undecided", [])


CHECKS: tuple[Check, ...] = (
    Check("number-missing", number_missing),
    Check("number-unreadable", number_unreadable),
    Check("date-incomplete", date_incomplete),
    Check("date-unreadable", date_unreadable),
    Check("date-invalid", date_invalid),
    Check("signature-date-mismatch", signature_date_mismatch),
    Check("type-symbol-mismatch", type_symbol_mismatch),
    Check("agency-anachronism", agency_anachronism),
    Check("numbering-gap", numbering_gap),
    Check("reference-date-mismatch", reference_date_mismatch),
    Check("reference-after-issue", reference_after_issue),
    Check("reference-date-missing", reference_date_missing),
    Check("reference-type-mismatch", reference_type_mismatch),
    Check("period-inverted", periods_inverted),
    Check("deadline-before-issue", deadline_before_issue),
    Check("anniversary-mismatch", anniversary_mismatch),
    Check("award-authority-exceeded", award_authority_exceeded),
    Check("stray-artifact", stray_artifact),
    Check("signer-name-missing", signer_name_missing),
    Check("signer-position-missing", signer_position_missing),
    Check("recipients-missing", recipients_missing),
    Check("type-undecided", type_undecided),
)

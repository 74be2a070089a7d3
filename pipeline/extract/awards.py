"""Award forms a document offers or proposes, with the level of who grants them, and
the honours it names as already received (kept apart: they are not offered here).

The form comes from ``awards.toml`` (``Bằng khen``, ``Huân chương Lao động
hạng Ba``…); the level from the authority written after it (``của Chủ tịch
UBND tỉnh``) or before it (``Bộ Tài nguyên và Môi trường tặng bằng khen``),
else a qualifier (``cấp tỉnh``, ``toàn quốc``), else the form's own level,
else the level the issuer grants at. Words such as ``đề nghị``, ``trình``
before it make it a proposal to that authority rather than a grant.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..record import Award, Span
from ..rules import CompiledForm, Rules, fold
from .text import Text, clean_value

V = regex.VERBOSE | regex.IGNORECASE

# Before a form: it was already granted (by another decision), not offered here.
# "đã (được) tặng …" always; "được tặng thưởng Huân chương …" (the President's
# formula, cited as the reason for a bonus) unless promised ("sẽ được …").
# A plain "được tặng Bằng khen" is the award being offered and stays, but a state
# award "được tặng" in a document the President did not sign is a grant made before.
# A line of the legal basis: an award named there is the cited document's.
LEGAL_BASIS_LINE = regex.compile(r"\s*(?:[-–+•]\s*)?Căn\s+cứ\b", V)
RECEIVED = regex.compile(r"được\s+(?:tặng|trao\s+tặng)\s+\Z", V)
ALREADY_GRANTED = regex.compile(
    r"""(?:
          đã\s+(?:được\s+)?(?:tặng|trao\s+tặng|tặng\s+thưởng|khen\s+thưởng)
        | (?<!sẽ\s)được\s+tặng\s+thưởng
        )\s+\Z""",
    V,
)
GRANT_VERB = r"(?:tặng|trao\s+tặng|tặng\s+thưởng|khen\s+thưởng|xét\s+tặng|tặng\s+danh\s+hiệu)"
# "được Chủ tịch nước tặng thưởng …": granted by someone (received, when a past year follows)
# — not "sẽ được", nor "được đề nghị / xét tặng" (offered).
PASSIVE_GRANT = regex.compile(
    r"(?<!sẽ\s)được\s+(?!đề\s+nghị|xét\s)[^.;:\n]{0,80}?(?:tặng\s+thưởng|trao\s+tặng|tặng|khen\s+thưởng)\s+(?:danh\s+hiệu\s+)?\Z",
    V,
)
# The year right after an award's name: "Huân chương Lao động hạng Ba năm 2015" (not a year
# further on: "… theo Nghị định số 98/2023/NĐ-CP ngày 26 tháng 12 năm 2023").
YEAR_AFTER = regex.compile(r"\s*,?\s*(?:vào\s+|trong\s+)?năm\s+(?P<y>(?:19|20)\d{2})(?!\d)", V)
# A count before a form in a report: "05 Huân chương", "tặng 12 Bằng khen".
COUNTED = regex.compile(r"(?<![\d/.])\d{1,5}\s+\Z")
REPORT_TYPES = frozenset({"BC"})  # a report counts honours; it offers none
# An award named as the matter of a clerk's task (a duty assignment): "Tổng hợp danh sách,
# đề nghị … tặng thưởng …", "thẩm định hồ sơ đề nghị khen thưởng …".
PAPERWORK = regex.compile(r"(?:tổng\s+hợp|thẩm\s+định|tiếp\s+nhận|kiểm\s+tra)\s+(?:danh\s+sách|hồ\s+sơ)", V)
# The rest of the line says what a vote must reach for the awards it lists: a rule of the
# council's procedure ("… Huân chương các hạng phải đạt từ 70% số phiếu đồng ý"), not an
# award offered.
VOTING_RULE = regex.compile(r"phải\s+(?:đạt|được)[^\n]{0,160}?(?:số\s+phiếu|bỏ\s+phiếu)", V)
CLAUSE_BREAKS = ".;:\n"  # the characters a clause ends with
MAX_BEFORE = 160  # how far back an authority "… tặng" may be


@dataclass
class FoundAward:
    form: str
    level: str | None
    authority: str | None
    name: str
    granted: str
    start: int
    end: int
    exceeded: bool = False
    mentions: list[tuple[int, int]] = field(default_factory=list)


# Authorities are matched case-sensitively (capitals tell "Sở Nội vụ" from running words).
CS = regex.VERBOSE


def _after(rules: Rules) -> regex.Pattern[str]:
    """An authority written right after the form: "của Chủ tịch UBND tỉnh", "Chủ tịch UBND tỉnh"."""
    return regex.compile(rf"\s*(?:của\s+|do\s+)?(?P<auth>{rules.authority_pattern})(?!\p{{L}})", CS)


def _before(rules: Rules) -> regex.Pattern[str]:
    """Authorities before the form: "Bộ TNMT, Chủ tịch UBND tỉnh tặng bằng khen"."""
    a = rules.authority_pattern
    return regex.compile(rf"(?P<auths>{a}(?:\s*(?:,|và)\s*{a})*)\s+{GRANT_VERB}\s+(?:danh\s+hiệu\s+)?\Z", CS)


def _qualifier(rules: Rules, text: str, pos: int) -> tuple[str | None, int]:
    """The level a qualifier after the form names ("cấp tỉnh", "toàn quốc"), and its end."""
    at = pos
    while at < len(text) and text[at].isspace():  # (not a slice of the rest: that was quadratic)
        at += 1
    for pat, level in rules.award_qualifiers:
        m = pat.match(text, at)
        if m:
            return level, m.end()
    return None, pos


def authority_at(t: Text, pos: int, limit: int, rules: Rules) -> tuple[str, str, int] | None:
    """(authority as written, its level, where it ends) at ``pos``, read in place so that
    lookaheads (``Sở … tặng``) see the text after it; the first pattern of the table wins."""
    for pat, level in rules.award_authorities:
        m = pat.match(t.text, pos, limit)
        if m and m.end() > pos:
            return clean_value(m.group()), level, m.end()
    return None


def _split_authorities(t: Text, bm: regex.Match[str], rules: Rules) -> list[tuple[str, str]]:
    """Each authority of "Bộ TNMT, Chủ tịch UBND tỉnh tặng …" with its level."""
    out = []
    pos, end = bm.span("auths")
    while pos < end:
        found = authority_at(t, pos, bm.end(), rules)
        if found is None:
            break
        out.append(found[:2])
        sep = SEPARATOR.match(t.text, found[2], end)
        pos = sep.end() if sep else end
    return out


SEPARATOR = regex.compile(r"\s*(?:,|và)\s*", V)


LIST_MARK = regex.compile(r"^\s*[-–+•]\s", V)


def _in_proposal_list(t: Text, pos: int, proposal: regex.Pattern[str]) -> bool:
    """A dash item of a list introduced by "… để đề nghị:" is a proposal too."""
    line = t.line_at(pos)
    if not LIST_MARK.match(line.text):
        return False
    for prev in reversed(t.lines[: line.index]):
        if prev.text.rstrip().endswith(":"):
            return bool(proposal.search(prev.text[-80:]))
        if not (prev.is_blank or LIST_MARK.match(prev.text)):
            return False
    return False


def _context_level(issuer_grants: str | None) -> str:
    return issuer_grants if issuer_grants in ("bo", "chinh_phu", "nha_nuoc") else "tinh"


def _received_state_award(
    t: Text, at: int, start: int, form: CompiledForm, issuer_grants: str | None, rules: Rules
) -> bool:
    """ "cá nhân được tặng Huân chương Lao động" where only the President grants it and did
    not sign this document: the reason for a bonus, not an award of this document."""
    only_president = rules.level_rank(form.min_level) >= rules.level_rank("nha_nuoc")
    return (
        only_president
        and issuer_grants != "nha_nuoc"
        and bool(RECEIVED.search(t.text, max(start, at - 40), at))
    )


@dataclass(frozen=True, slots=True)
class Context:
    """What the document tells about its awards: the level its issuer grants at, its type
    (a report counts honours, it offers none) and the year it was issued."""

    issuer_grants: str | None = None
    doc_type: str | None = None
    year: int | None = None


def _received(t: Text, m: regex.Match[str], name_end: int, start: int, ctx: Context) -> bool:
    """An honour already received or decided, named here but not offered here:

    * "đã (được) tặng …", "được tặng thưởng Huân chương …" (a grant made before);
    * "được Chủ tịch nước tặng thưởng Huân chương … năm 2015": granted by someone, in a
      year before this document's;
    * a count in a report: "05 Huân chương Lao động", a table cell of one."""
    if ALREADY_GRANTED.search(t.text, max(start, m.start() - 40), m.start()):
        return True
    line = t.line_at(m.start())
    clause_start = _clause_start(t, start, m.start())
    passive = PASSIVE_GRANT.search(t.text, clause_start, m.start())
    if passive and ctx.year is not None:
        year = YEAR_AFTER.match(t.text, name_end)
        if year and int(year.group("y")) < ctx.year:
            return True
    if ctx.doc_type in REPORT_TYPES:
        if COUNTED.search(t.text, max(line.start, m.start() - 12), m.start()):
            return True
        if " | " in line.text:  # a row of a report's table of honours
            return True
    return False


def _clause_start(t: Text, lo: int, pos: int) -> int:
    lo = max(lo, pos - MAX_BEFORE)
    last = max(t.text.rfind(ch, lo, pos) for ch in CLAUSE_BREAKS)  # searched from the end
    return last + 1 if last >= 0 else lo


def _authorities_after(t: Text, m: regex.Match[str]) -> tuple[list[tuple[str, str]], str | None, int]:
    """(authority written after the form, the level a qualifier names, where the name ends)."""
    rules = t.rules
    qual_level, qual_end = _qualifier(rules, t.text, m.end())
    am = rules.compiled("awards.after", _after).match(t.text, qual_end)
    found = authority_at(t, am.start("auth"), len(t.text), rules) if am else None
    if am and found:
        return [found[:2]], qual_level, found[2]
    return [], qual_level, qual_end if qual_level else m.end()


def find_awards(
    t: Text, start: int, end: int, issuer_grants: str | None = None, ctx: Context | None = None
) -> list[FoundAward]:
    """Every award form named in ``[start, end)``; one per authority when several are named.
    An honour received before is found too, as ``received`` (:func:`_received`)."""
    rules = t.rules
    ctx = ctx or Context(issuer_grants=issuer_grants)
    forms = {f.code: f for f in rules.award_forms}
    before = rules.compiled("awards.before", _before)
    proposal = rules.compiled("awards.proposal", lambda r: regex.compile(r.awards.proposal.pattern, V))
    out: list[FoundAward] = []
    for code, m in rules.award_form_scan.finditer(t.text, start, end):
        form: CompiledForm = forms[code]
        if form.not_followed_by and form.not_followed_by.match(t.text, m.end()):
            continue
        if LEGAL_BASIS_LINE.match(t.line_at(m.start()).text):
            continue  # "Căn cứ Quyết định … về việc tặng thưởng Huân chương …": the cited document's
        if PAPERWORK.search(t.text, max(start, t.line_at(m.start()).start), m.start()):
            continue  # "Tổng hợp danh sách đề nghị tặng Cờ thi đua …": a clerk's task, nothing offered
        if VOTING_RULE.search(t.text, m.end(), t.line_at(m.start()).end):
            continue  # "Cờ thi đua …, Huân chương các hạng phải đạt từ 70% số phiếu": a voting rule
        authorities, qual_level, name_end = _authorities_after(t, m)
        received = _received(t, m, name_end, start, ctx)
        clause_start = _clause_start(t, start, m.start())
        bm = before.search(t.text, clause_start, m.start()) if not authorities else None
        if bm:
            authorities = _split_authorities(t, bm, rules)
        proposed = bool(
            proposal.search(t.text, clause_start, bm.start() if bm else m.start())
        ) or _in_proposal_list(t, m.start(), proposal)
        name = clean_value(t.text[m.start() : name_end])
        for auth, auth_level in authorities or [(None, None)]:
            level = auth_level or qual_level or form.level
            if level is None:
                level = _context_level(ctx.issuer_grants) if form.default == "context" else form.default
            granted = "received" if received else "proposed" if proposed else "direct" if auth else "listed"
            if granted == "listed" and _received_state_award(
                t, m.start(), start, form, ctx.issuer_grants, rules
            ):
                granted = "received"
            exceeded = bool(
                granted == "direct" and rules.level_rank(level) < rules.level_rank(form.min_level)
            )
            full = name if auth is None or auth in name else f"{name} của {auth}"
            span = (bm.start() if bm else m.start(), name_end)
            out.append(
                FoundAward(
                    form=code,
                    level=level,
                    authority=auth,
                    name=full,
                    granted=granted,
                    start=m.start(),
                    end=name_end,
                    exceeded=exceeded,
                    mentions=[span],
                )
            )
    return out


def _key(a: FoundAward) -> tuple[str, str | None, str]:
    distinct = (
        fold(a.name) if a.form in ("huan_chuong", "huy_chuong", "danh_hieu_vinh_du", "giai_thuong") else ""
    )
    return a.form, a.level, distinct


def resolve_awards(t: Text, found: list[FoundAward]) -> list[Award]:
    """One award per form, level (and, for state awards, name), with every mention."""
    groups: dict[tuple[str, str | None, str], list[FoundAward]] = {}
    for a in found:
        groups.setdefault(_key(a), []).append(a)
    out = []
    for group in groups.values():
        # the most explicit mention speaks for the award: one with an authority, granted directly
        best = max(group, key=lambda a: (a.authority is not None, a.granted == "direct", -a.start))
        out.append(
            Award(
                form=best.form,  # type: ignore[arg-type]
                level=best.level,  # type: ignore[arg-type]
                authority=best.authority,
                name=best.name,
                granted=best.granted,  # type: ignore[arg-type]
                start=best.start,
                end=best.end,
                text=t.text[best.start : best.end],
                mentions=[Span(start=s, end=e, text=t.text[s:e]) for a in group for s, e in a.mentions],
            )
        )
    return out

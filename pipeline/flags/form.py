"""Checks of a document's form (Decree 30/2020/NĐ-CP, Art. 8 and Appendix I), beyond the
contract's core rules: one check function per rule, each rule's data in ``flags.toml``.

* ``number-leading-zero``: a number under 10 is written with a leading zero (``05``);
* ``date-leading-zero``: so are a day under 10 and the months 1 and 2 of the date line;
* ``symbol-year-misplaced``: only legal normative documents carry the year in their
  symbol (``11/2021/QĐ-UBND``); a plan, a công văn or a report does not;
* ``cong-van-summary-missing``: a công văn states its summary after ``V/v``;
* ``archive-copy-missing``: ``Nơi nhận`` ends with the archive copy (``Lưu: VT``);
* ``signer-academic-title``: the signer's name goes without an academic title or degree;
* ``form-part-missing``: the mandatory parts of the header are there (Quốc hiệu and Tiêu
  ngữ, the issuer, the place and date, the type and summary), one flag per missing part;
* ``signer-issuer-mismatch``: the signer signs as the head of the issuer's kind of body (a
  Sở: GIÁM ĐỐC or KT. GIÁM ĐỐC; an Ủy ban: TM. ỦY BAN NHÂN DÂN, CHỦ TỊCH or KT. CHỦ TỊCH),
  the kinds and their heads in ``law.toml``.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..extract import Findings
from ..extract.signature import ACADEMIC_TITLE
from ..rules import Rules, fold
from ..rules.models import Head
from .base import NO_SIGNER, Check, Unknown, Verdict, make

V = regex.VERBOSE

# The date line's day and month as written: "ngày 5 tháng 3", "ngày 05 tháng 03".
DAY_MONTH = regex.compile(r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\b", V | regex.IGNORECASE)
# A year inside a symbol: "2021/QĐ-UBND", "2024/TT-BNV".
SYMBOL_YEAR = regex.compile(r"(?<!\d)(?:19|20)\d{2}(?=/)")
# The archive copy in Nơi nhận: "Lưu: VT", "Lưu VT, TĐKT", "Lưu: Văn thư".
ARCHIVE_COPY = regex.compile(r"\bLưu\b[:\s,]*[^\n]*?\b(?:VT|Văn\s+thư|VP)\b", V | regex.IGNORECASE)
RECIPIENT_LOOKAHEAD = 30  # lines under "Nơi nhận" where the archive copy may be
SIGNER_LOOKAHEAD = 6  # lines after the signer's last line where a name with a title may stand
# The Quốc hiệu (letters OCR drops the marks of allowed), the motto line, and the Party's
# header, which stands for both in its documents.
QUOC_HIEU = regex.compile(
    r"C[ỘO]NG\s+H[ÒOÕ]A\s+X[ÃA]\s+H[ỘO]I\s+CH[ỦU]\s+NGH[ĨI]A\s+VI[ỆE]T\s*NAM", V | regex.IGNORECASE
)
MOTTO = regex.compile(r"Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc", V | regex.IGNORECASE)
PARTY_HEADER = regex.compile(r"ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM", V)
HEADER_LINES = 12  # lines at the top where the Quốc hiệu and motto stand
DELEGATED = ("TL.", "TUQ.")  # signed by delegation: the position is the delegate's own


def number_leading_zero(f: Findings) -> Iterator[Verdict]:
    h = f.header
    if h.number is None and h.number_span is not None:
        yield Unknown("số văn bản để trống hoặc không đọc được")
    if (
        h.number
        and h.number.isdigit()
        and int(h.number) < 10
        and not h.number.startswith("0")
        and h.number_span
    ):
        yield make(f.text.rules, "number-leading-zero", [h.number_span], number=h.number)


def date_leading_zero(f: Findings) -> Iterator[Verdict]:
    span = f.header.date_span
    m = DAY_MONTH.search(span.text) if span else None
    if span is None or m is None:
        yield Unknown("không có ngày, tháng viết bằng số trên dòng ngày tháng")
        return
    day, month = m.group("d"), m.group("m")
    parts = []
    if len(day) == 1 and day != "0":
        parts.append(f"ngày {day} (0{day})")
    if len(month) == 1 and month in ("1", "2"):
        parts.append(f"tháng {month} (0{month})")
    if parts:
        yield make(f.text.rules, "date-leading-zero", [span], parts=", ".join(parts))


def symbol_year_misplaced(f: Findings) -> Iterator[Verdict]:
    h = f.header
    not_normative = f.text.rules.lexicon.not_normative_types
    if h.symbol and h.type in not_normative and SYMBOL_YEAR.search(h.symbol) and h.number_span:
        yield make(f.text.rules, "symbol-year-misplaced", [h.number_span], symbol=h.symbol, type=h.type)


def cong_van_summary_missing(f: Findings) -> Iterator[Verdict]:
    h = f.header
    if h.type == "CV" and h.symbol_type == "CV" and not h.vv and h.number_span:
        yield make(f.text.rules, "cong-van-summary-missing", [h.number_span])


def archive_copy_missing(f: Findings) -> Iterator[Verdict]:
    """Looked for in the lines under "Nơi nhận", not only in the items read from them: a
    wrapped item or a name set among them (joint signatures) may end the list early."""
    c = f.closing
    if not c.has_recipients_line or not c.recipients or not c.recipient_lines:
        return  # no Nơi nhận at all is recipients-missing
    head = min(c.recipient_lines)
    below = f.text.lines[head : head + RECIPIENT_LOOKAHEAD]
    if any(ARCHIVE_COPY.search(ln.text) for ln in below):
        return
    last = c.recipients[-1]
    yield make(f.text.rules, "archive-copy-missing", [f.text.span(last.start, last.end)])


def signer_academic_title(f: Findings) -> Iterator[Verdict]:
    lines = f.closing.signer_lines
    if not lines:
        return
    t = f.text
    end_line = min(max(lines) + SIGNER_LOOKAHEAD, len(t.lines) - 1)
    start, end = t.lines[min(lines)].start, t.lines[end_line].end
    m = ACADEMIC_TITLE.search(t.text, start, end)
    if m:
        line = t.line_at(m.start())
        yield make(t.rules, "signer-academic-title", [t.span(m.start(), line.end)], title=m.group().strip())


def _national_header(f: Findings) -> list[str]:
    """The parts of the Quốc hiệu and Tiêu ngữ missing from the top of the document."""
    t = f.text
    top_end = t.lines[min(HEADER_LINES, len(t.lines)) - 1].end
    top = t.text[: max(top_end, min(f.header.body_start, len(t.text)))]
    if PARTY_HEADER.search(top):
        return []
    missing = []
    if not QUOC_HIEU.search(top):
        missing.append("Quốc hiệu")
    if not MOTTO.search(top):
        missing.append("Tiêu ngữ")
    return missing


def _gazette(f: Findings) -> bool:
    """A law, or a gazette's or portal's rendering: no header lines of its own to check."""
    t, law = f.text, f.text.rules.law
    if f.header.type in law.no_header_line_types:
        return True
    top = t.text[: t.lines[min(HEADER_LINES, len(t.lines)) - 1].end]
    return bool(t.rules.compiled("law:gazette", lambda r: regex.compile(law.gazette_heading, V)).search(top))


def form_part_missing(f: Findings) -> Iterator[Verdict]:
    """One flag per missing part, the message naming it."""
    h, rules = f.header, f.text.rules
    parts = _national_header(f)
    if _gazette(f):
        yield Unknown("bản đăng công báo hoặc luật: không có dòng cơ quan, địa danh và ngày riêng")
        for part in parts:
            yield make(rules, "form-part-missing", [], part=part)
        return
    if h.issuer is None or not h.issuer.name:
        parts.append("tên cơ quan, tổ chức ban hành")
    if h.date_span is None:
        parts.append("địa danh và thời gian ban hành")
    elif not h.place:
        parts.append("địa danh")
    if not h.title:
        parts.append("tên loại và trích yếu nội dung")
    for part in parts:
        yield make(rules, "form-part-missing", [], part=part)


def _kind_of(issuer: str, heads: list[Head]) -> Head | None:
    name = fold(issuer)
    return next((h for h in heads if any(name.startswith(fold(w)) for w in h.issuer)), None)


def issuer_kind(issuer: str | None, heads: list[Head]) -> str | None:
    """The kind of body an issuer's name says (``law.toml``: sở, ủy ban nhân dân…), if any."""
    h = _kind_of(issuer, heads) if issuer else None
    return h.kind if h else None


def _head_kinds(title: str, rules: Rules) -> set[str]:
    """The kinds of body whose head (or collective) ``title`` names: "PHÓ GIÁM ĐỐC" → {sở}."""
    t = fold(title)
    t = t.removeprefix("phó ").strip()
    return {
        h.kind
        for h in rules.law.head
        if any(t == fold(w) or t.startswith(fold(w) + " ") for w in [*h.heads, *h.collective])
    }


def signer_issuer_mismatch(f: Findings) -> Iterator[Verdict]:
    s, h, rules = f.closing.signer, f.header, f.text.rules
    if s is None or s.evidence is None:
        if f.closing.has_recipients_line:
            yield NO_SIGNER
        return
    if h.issuer is None or not h.issuer.name or s.prefix in DELEGATED:
        return
    kind = _kind_of(h.issuer.name, rules.law.head)
    title = s.on_behalf if s.prefix and s.on_behalf else s.position
    if kind is None:
        return
    if not title:
        yield Unknown("không đọc được chức vụ người ký")
        return
    named = _head_kinds(title, rules)
    collective_ok = s.prefix != "TM." or bool(kind.collective)
    if (named and kind.kind not in named) or not collective_ok:
        signed = f"{s.prefix} {title}" if s.prefix else title
        yield make(rules, "signer-issuer-mismatch", [s.evidence], signed=signed, issuer=h.issuer.name)


FORM_CHECKS: tuple[Check, ...] = (
    Check("form-part-missing", form_part_missing),
    Check("number-leading-zero", number_leading_zero),
    Check("date-leading-zero", date_leading_zero),
    Check("symbol-year-misplaced", symbol_year_misplaced),
    Check("cong-van-summary-missing", cong_van_summary_missing),
    Check("archive-copy-missing", archive_copy_missing),
    Check("signer-academic-title", signer_academic_title),
    Check("signer-issuer-mismatch", signer_issuer_mismatch),
)

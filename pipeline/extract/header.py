"""The header: number and symbol, place and date, type and title, issuer, addressees.

Decree 30/2020/NĐ-CP Art. 8 fixes the parts of a header; the seeds have lost
theirs (no agency lines, no Quốc hiệu), so every field also has a fallback:
the issuer from the symbol's agency code, the province from the date line's
place, the type from the symbol, the title, ``V/v`` or the closing sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import regex

from ..record import Document, Recipient, Span
from ..rules import Rules
from . import agency as ag
from .dates import ANY_DATE, DateMatch, date_match, loose_date
from .text import Line, Text, last

V = regex.VERBOSE

HEADER_LINES = 60  # the header is within the first lines of a document

# --- patterns ----------------------------------------------------------------------

# A symbol: tokens joined by "/" or "-" (spaces around the joiner are OCR or typing
# noise): KH-SNNMT, 2021/QĐ-UBND, CT/TU, VNPT – QB -TĐKT, 26.06/GĐN-MB; the drafting
# unit's code may follow in parentheses, with no space: TTr-CAT(PC04).
SYMBOL = r"""[\p{Lu}\d][\p{L}\d.&]*(?:[ ]?[/\-–][ ]?[\p{L}\d][\p{L}\d.&]*)*(?:[ ]?\([\p{Lu}\d]{1,10}\))?"""

# "Số: 912/KH-SNNMT", "Số: /STNMT-TĐKT", "Số: 1894 /TB-SCT", "Số 31-CT/TU" (Party),
# "Nghị quyết số: 78/2025/UBTVQH15", "Số: ......./KH-UBND" (a draft).
NUMBER_LINE = regex.compile(
    r"""(?<!\p{L})(?:Số|SỐ|số|Sô|Só)[ ]*[:;.]{0,2}[ ]*          # "Số:", OCR's "Số;", "Số:."
        (?:(?P<number>\d{1,6}[a-z]?(?:\.\d{1,3})?)           # the number (blank in a draft)
         | (?P<unreadable>(?=[^\s/]*[^\p{L}\s/.…_])[^\s/:]{1,6}  # OCR's "2Ø", "đ0", "ÿ6Z": not a number
           | [^\s/:.…_]{1,6}(?=[ ]?/)                          # "II /2026/QĐ", "jOÄ /QĐ": letters for digits
           | /(?=[^\s/]*[^\p{L}\d\s/.…_])[^\s/:]{1,5}(?=[ ]/)))?  # "/2⁄8 /QĐ": a stroke of handwriting first
        [ .…_]*
        (?:(?P<sep>[/\-–])[ ]?                              # "/" state form, "-" Party form
           (?P<symbol>"""
    + SYMBOL
    + r""")
        | (?<=\d)(?=[ .,;]|$))                               # "Số: 2566" with no symbol""",
    V,
)
# "Khánh Hòa, ngày 27 tháng 3 năm 2025", "TP. Hồ Chí Minh, ngày …", "Phan Rang-Tháp Chàm, ngày …":
# up to four capitalised words (hyphen-joined words count as one) before ", ngày".
_PLACE_WORD = r"\p{Lu}\p{Ll}*(?:-\p{Lu}\p{Ll}*)*"
PLACE_BEFORE_DATE = regex.compile(
    r"(?<![\p{L}\d./\-])(?P<place>(?:(?:TP|Tp)\.[ ]?|Thành[ ]phố[ ])?"
    r"(?:" + _PLACE_WORD + r"[ ]+){0,3}" + _PLACE_WORD + r")[ ]*,[ ]*(?=ngày)",
    V,
)
# The last word of a line, capitalised, that may begin a place cut by a cell's width: "Khánh".
PLACE_TAIL = regex.compile(r"(?<![\p{L}])" + _PLACE_WORD + r"[ ]*$")
LOWER = regex.compile(r"\p{Ll}")  # a lower-case letter: a sentence, not a header line
DAY_WORD = regex.compile(r"ng[àaảáạã]y\b", regex.IGNORECASE)  # "ngày", as OCR or plain text may give it
VV_LINE = regex.compile(r"^[ ]*V/v\b|^[ ]*Về[ ]việc\b", V | regex.IGNORECASE)
ADDRESSEE_LINE = regex.compile(r"^[ ]*Kính[ ]+gửi[ ]*:?[ ]*", V | regex.IGNORECASE)
LIST_ITEM = regex.compile(r"^[ ]*[-–+•][ ]*", V)
# "Căn cứ", as OCR may read it under a seal or a speck ("K= cứ").
CAN_CU = r"(?:Căn|[^\s\d]{1,3})[ ]cứ\b"
# A line that begins the body: the header is above it.
BODY_START = regex.compile(
    r"^[ ]*(?:" + CAN_CU + r"|Thực[ ]hiện|Kính[ ]gửi|Xét[ ]|I\.[ ]|Điều[ ]1\b|Chương[ ]I\b)",
    V | regex.IGNORECASE,
)
# A line that starts the next block of the header or the body (where no blank line separates them).
BLOCK_START = regex.compile(
    r"^(?:" + CAN_CU + r"|Thực[ ]hiện|Kính[ ]gửi|Xét[ ]|Theo[ ]đề[ ]nghị|V/v\b"
    r"|[-–+•][ ]|\d+[.)][ ]|[IVX]+\.[ ]|Điều[ ]\d)",
    V | regex.IGNORECASE,
)
DATE_IN_LINE = regex.compile(r"ngày.{0,12}tháng.{0,12}năm", V | regex.IGNORECASE)
MAX_TITLE_LINES = 7  # a title block is a few lines at most
# Paragraphs that begin the body, never a title's summary.
BODY_CUE = regex.compile(r"^(?:" + CAN_CU + r"|Kính[ ]gửi|Xét[ ]|Theo[ ]đề[ ]nghị)", V | regex.IGNORECASE)
# "Trên đây là Kế hoạch …", the closing sentence that names the document's type.
CLOSING = "Trên\\s+đây\\s+là\\s+(?P<words>{types})\\b"
YEAR_TOKEN = regex.compile(r"^\d{4}$")
SYMBOL_PARTS = regex.compile(r"[-/]")  # KH-STNMT, 2021/QĐ-UBND: the parts of a symbol
DASHES = regex.compile(r"[\u2010-\u2015\u2212]")  # hyphens, en and em dashes, the minus sign
SPACES = regex.compile(r"\s+")
SPECKS = " \t:;.,_-'\"`~"  # what OCR leaves around a line of capitals
# A legislative text has no date line: "… được Quốc hội … thông qua ngày 17 tháng 5 năm 2025".
ADOPTED = regex.compile(r"thông\s+qua\s+(?=ngày\s+\d{1,2}\s+tháng)", V | regex.IGNORECASE)
# Minutes (biên bản) have no date line either: they are dated by the meeting they record.
MEETING = regex.compile(
    r"(?:Vào\s+hồi|Hôm\s+nay)[^\n]{0,40}?(?=ngày\s+\d{1,2}\s+tháng)", V | regex.IGNORECASE
)
MEETING_WITHIN = 3000  # characters from the top


@dataclass(frozen=True)
class Header:
    number: str | None = None
    symbol: str | None = None
    number_span: Span | None = None
    number_unreadable: bool = False  # a number is written but OCR could not read it
    separator: str = "/"  # "-" in the Party form 31-CT/TU
    place: str | None = None
    place_span: Span | None = None
    date: DateMatch | None = None
    date_span: Span | None = None
    symbol_type: str | None = None  # code from the symbol; "CV" for a công văn's symbol
    title: str | None = None
    title_span: Span | None = None
    title_type: str | None = None
    vv: bool = False
    closing_type: str | None = None
    closing_span: Span | None = None
    type: str | None = None
    issuer: ag.Issuer | None = None
    province: str | None = None
    addressees: list[Recipient] = field(default_factory=list)
    body_start: int = 0
    second_read: frozenset[str] = frozenset()  # fields a second OCR reading gave ("number", "date")

    @property
    def number_symbol(self) -> str | None:
        """The document's own number and symbol as cited ('912/KH-SNNMT', '31-CT/TU')."""
        if not self.symbol or not self.number:
            return None
        return f"{self.number}{self.separator}{self.symbol}"


def normalize_symbol(s: str) -> str:
    """Spaces removed, dashes written '-': 'VNPT – QB -TĐKT' → 'VNPT-QB-TĐKT'."""
    return SPACES.sub("", DASHES.sub("-", s)).strip("-/.")


def symbol_type(symbol: str | None, rules: Rules) -> str | None:
    """The type code a symbol carries; "CV" when it is a công văn's (agency first, no year)."""
    if not symbol:
        return None
    tokens = [t for t in SYMBOL_PARTS.split(symbol) if t]
    if any(YEAR_TOKEN.match(t) for t in tokens):
        tokens = [t for t in tokens if not YEAR_TOKEN.match(t)]
        t = rules.type_for_symbol_token(tokens[0]) if tokens else None
        return t.code if t else None  # a legal text whose symbol has no type code
    t = rules.type_for_symbol_token(tokens[0]) if tokens else None
    return t.code if t else "CV"


def _number_line(t: Text, lines: list[Line], rules: Rules) -> regex.Match[str] | None:
    """The "Số: …" line: "Số" opens the line (or "Nghị quyết số:" does), never "… số 12/…" in a sentence."""
    lead = rules.compiled(
        "header.number_lead",
        lambda r: regex.compile(r"[ _]*(?:(?:" + r.type_words + r")[ ]*)?\Z", V | regex.I),
    )
    for ln in lines:
        for m in NUMBER_LINE.finditer(t.text, ln.start, ln.end):
            before = t.text[ln.start : m.start()]
            capitalised = m.group().startswith("S")  # "Số", "SỐ", OCR's "Sô", "Só"
            if lead.fullmatch(before) and before.strip(" _"):  # "Nghị quyết số: 78/2025/UBTVQH15"
                if ":" not in m.group()[:8]:
                    continue
            elif LOWER.search(before) or not capitalised:
                continue  # inside a sentence; an upper-case agency before "Số:" is a merged header line
            if m.group("number") or m.group("sep") == "/":
                return m
    return None


BLANK_PLACE = regex.compile(r"^[ .…_]*,[ ]*$", V)  # "......, ngày 22 tháng 09 năm 2022"


def _line_dates(t: Text, ln: Line) -> list[DateMatch]:
    found = [date_match(m) for m in ANY_DATE.finditer(t.text, ln.start, ln.end)]
    if not any(d.form == "words" and DAY_WORD.match(d.text) for d in found):
        loose = loose_date(t.text, ln.start, ln.end)  # "ngày/tZtháng 01 năm 2022" from OCR
        if loose is not None:
            found = [loose, *(d for d in found if d.end <= loose.start or d.start >= loose.end)]
    return found


def _date_line(t: Text, lines: list[Line]) -> tuple[DateMatch, str | None, Span | None] | None:
    """The first "Place, ngày …" date (or a date opening a line) in the header lines."""
    for ln in lines:
        for d in _line_dates(t, ln):
            if d.form == "words" and DAY_WORD.match(d.text):
                ngay = d.start
            elif d.form == "numeric" and t.text[ln.start : d.start].rstrip().lower().endswith("ngày"):
                ngay = t.text.lower().rfind("ngày", ln.start, d.start)
            else:
                continue
            before = t.text[ln.start : ngay]
            pm = PLACE_BEFORE_DATE.search(before + "ngày")
            if pm is None and before.strip() and not BLANK_PLACE.match(before):
                continue  # a date inside a sentence, not a date line
            if pm is None:
                return d, None, None
            s, e = ln.start + pm.start("place"), ln.start + pm.end("place")
            s = _wrapped_place_start(t, ln, s, e)
            return d, t.value(s, e), t.span(s, e)
    return None


def _wrapped_place_start(t: Text, ln: Line, s: int, e: int) -> int:
    """Where a place cut by a narrow header cell starts: "Khánh" / "Hòa, ngày 27 …" is Khánh
    Hòa when the line above ends with the word that makes a known place of it."""
    if s != ln.start or ln.index == 0 or t.rules.province_of_place(t.text[s:e], None):
        return s
    above = t.lines[ln.index - 1]
    tail = PLACE_TAIL.search(above.text)
    if tail and t.rules.province_of_place(f"{tail.group()} {t.text[s:e]}", None):
        return above.start + tail.start()
    return s


def _meeting_date(t: Text) -> DateMatch | None:
    found = MEETING.search(t.text, 0, MEETING_WITHIN)
    m = ANY_DATE.match(t.text, found.end()) if found else None
    return date_match(m) if m and m.group("words") else None


def _adoption_date(t: Text) -> DateMatch | None:
    found = last(ADOPTED.finditer(t.text))  # the adoption clause closes the text
    if found is None:
        return None
    m = ANY_DATE.match(t.text, found.end())
    return date_match(m) if m and m.group("words") else None


def _paragraph_lines(t: Text, first: Line) -> list[Line]:
    """The lines of a title block: up to a blank line, or, where the text has no blank lines
    between blocks (PDF text layers, layout text), up to the next block's first line."""
    out = [first]
    for ln in t.lines[first.index + 1 : first.index + MAX_TITLE_LINES]:
        s = ln.text.strip()
        if (
            ln.is_blank
            or BLOCK_START.match(s)
            or NUMBER_LINE.match(s)
            or ag.NATIONAL_MOTTO.search(s)
            or (ln.is_upper and not all(x.is_upper for x in out))  # "BỘ TRƯỞNG BỘ XÂY DỰNG" under a summary
            or (PLACE_BEFORE_DATE.search(s) and DATE_IN_LINE.search(s))
        ):
            break
        out.append(ln)
    return out


TitleResult = tuple[str | None, Span | None, str | None, bool, int]


def _vv_title(t: Text, ln: Line) -> TitleResult:
    para = _paragraph_lines(t, ln)
    stop = next((i for i, x in enumerate(para) if ADDRESSEE_LINE.match(x.text)), len(para))
    para = para[:stop] or para[:1]
    return t.value(para[0].start, para[-1].end), t.span(para[0].start, para[-1].end), None, True, para[-1].end


def _type_title(t: Text, ln: Line, words: str, rules: Rules) -> TitleResult:
    """ "KẾ HOẠCH" and the summary under it (the next paragraph when the line is the type alone)."""
    dtype = rules.type_for_words(words)
    para = _paragraph_lines(t, ln)
    end = para[-1].end
    if len(para) == 1 and ln.text.strip(SPECKS) == words.strip():
        nxt = t.next_nonblank(ln.index)
        if nxt is not None and not nxt.is_upper:
            summary = _paragraph_lines(t, nxt)
            text = t.text[summary[0].start : summary[-1].end]
            if not BODY_CUE.match(text) and not text.rstrip().endswith(":") and len(text) < 400:
                end = summary[-1].end
    return t.value(ln.start, end), t.span(ln.start, end), dtype.code if dtype else None, False, end


def _title(t: Text, after: int, lines: list[Line], rules: Rules) -> TitleResult:
    """Title text, span, type named by the title, whether it is a V/v summary, where it ends.

    A type-name line ("KẾ HOẠCH", "QUYẾT ĐỊNH") or a V/v line anywhere in the header
    wins; otherwise the first upper-case line after the number and date lines
    that is not an agency ("PHÁT ĐỘNG PHONG TRÀO").
    """
    type_line = rules.compiled(
        "header.type_line",
        # OCR may leave a speck before or after the type name (": QUYẾT ĐỊNH _")
        lambda r: regex.compile(r"^[^\p{L}\d\n]{0,3}(?P<w>" + r.type_words + r")(?:\s|$)", regex.IGNORECASE),
    )
    for ln in lines:
        s = ln.text.strip()
        if VV_LINE.match(s):
            return _vv_title(t, ln)
        m = type_line.match(s)
        named = rules.type_for_words(m.group("w")) if m else None
        if (
            m
            and ln.is_upper
            and not (named and named.generic)
            and not ag.NATIONAL_MOTTO.search(s)
            and not NUMBER_LINE.search(s)
        ):
            return _type_title(t, ln, m.group("w"), rules)
    for ln in lines:
        if ln.start < after or ln.is_blank:
            continue
        s = ln.text.strip()
        if ag.NATIONAL_MOTTO.search(s) or ag.RULE_LINE.match(s) or NUMBER_LINE.search(s):
            continue
        if not ln.is_upper:
            break
        if ag.AGENCY_HEAD.match(s) or ag.CONTINUES.match(s):
            continue  # an agency line of the right column, not a title
        para = _paragraph_lines(t, ln)
        return t.value(ln.start, para[-1].end), t.span(ln.start, para[-1].end), None, False, para[-1].end
    return None, None, None, False, after


def _addressees(t: Text, lines: list[Line]) -> tuple[list[Recipient], int]:
    for ln in lines:
        m = ADDRESSEE_LINE.match(ln.text)
        if not m:
            continue
        items: list[tuple[int, int]] = []
        rest_start = ln.start + m.end()
        if t.text[rest_start : ln.end].strip():
            items.append((rest_start, ln.end))
        end = ln.end
        seen_blank = False
        for nxt in t.lines[ln.index + 1 :]:
            if nxt.is_blank:
                seen_blank = True
                continue
            if LIST_ITEM.match(nxt.text):
                items.append((nxt.start, nxt.end))
            elif items and not seen_blank and len(nxt.text) < 120 and nxt.text.lstrip()[:1].islower():
                items[-1] = (items[-1][0], nxt.end)  # a wrapped addressee goes on in lower case
            else:
                break
            seen_blank = False
            end = nxt.end
        out = []
        for s, e in items:
            s, e = t.trim(s, e, " -–+•;,.")
            if s < e:
                out.append(
                    Recipient(
                        name=t.value(s, e), note=None, kind="addressee", start=s, end=e, text=t.text[s:e]
                    )
                )
        return out, end
    return [], 0


def _closing_type(t: Text, rules: Rules) -> tuple[str | None, Span | None]:
    pat = rules.compiled(
        "header.closing", lambda r: regex.compile(CLOSING.format(types=r.type_words), regex.I)
    )
    found = last(pat.finditer(t.text))  # the last closing sentence counts (an annex may have its own)
    if found is None:
        return None, None
    dtype = rules.type_for_words(found.group("words"))
    return (dtype.code if dtype else None), t.span(found.start(), found.end())


def _header_lines(t: Text) -> list[Line]:
    """The lines before the body: up to the first "Căn cứ", "Thực hiện", "I." … line, or
    a second Quốc hiệu (a short document followed by one it carries: its header is not
    this one's)."""
    out = []
    seen = 0
    for ln in t.lines[:HEADER_LINES]:
        if BODY_START.match(ln.text):
            break
        seen += bool(ag.QUOC_HIEU.search(ln.text))
        if seen > 1:
            break
        out.append(ln)
    return out


def _type_named_before(t: Text, num: regex.Match[str], rules: Rules) -> str | None:
    """ "Nghị quyết số: 78/2025/UBTVQH15": the type the number line itself names."""
    pat = rules.compiled(
        "header.type_before_number", lambda r: regex.compile(r"(?P<w>" + r.type_words + r")\s*$", regex.I)
    )
    m = pat.search(t.text[max(0, num.start() - 40) : num.start()])
    found = rules.type_for_words(m.group("w")) if m else None
    return found.code if found else None


def decide_type(
    stype: str | None, title_type: str | None, vv: bool, words_type: str | None, closing_type: str | None
) -> str | None:
    """The title names the type first, then the symbol's code, V/v, the closing sentence."""
    if title_type:
        return title_type
    if stype and stype != "CV":
        return stype
    if words_type:
        return words_type
    if vv:
        return "CV"
    return closing_type or stype


def _number_fields(
    t: Text, num: regex.Match[str] | None
) -> tuple[str | None, str | None, Span | None, str, bool]:
    """(number, symbol, span, separator, unreadable) of the number line."""
    if num is None:
        return None, None, None, "/", False
    symbol = normalize_symbol(num.group("symbol")) if num.group("symbol") else None
    separator = "-" if num.group("sep") and num.group("sep") in "-–" else "/"
    unreadable = num.group("unreadable") is not None
    return num.group("number"), symbol, t.span(num.start(), num.end()), separator, unreadable


def _issue_date(
    t: Text, lines: list[Line]
) -> tuple[DateMatch | None, Span | None, str | None, Span | None, bool]:
    """(date, its span, place, its span, whether a date line gave it): the date line's, else
    a law's adoption date (which closes the text, so the header does not end at it)."""
    date, place, place_span = _date_line(t, lines) or (None, None, None)
    on_line = date is not None
    if date is None:
        date = _adoption_date(t)
    return date, t.span(date.start, date.end) if date else None, place, place_span, on_line


def extract_header(t: Text) -> Header:
    rules = t.rules
    lines = _header_lines(t)
    num = _number_line(t, lines, rules)
    number, symbol, number_span, separator, unreadable = _number_fields(t, num)
    date, date_span, place, place_span, on_line = _issue_date(t, lines)
    after = max(number_span.end if number_span else 0, date.end if on_line and date else 0)
    title, title_span, title_type, vv, title_end = _title(t, after, lines, rules)
    addressees, addr_end = _addressees(t, list(t.lines[:HEADER_LINES]))
    closing_type, closing_span = _closing_type(t, rules)
    stype = symbol_type(symbol, rules)
    words_type = _type_named_before(t, num, rules) if num else None
    doc_type = decide_type(stype, title_type, vv, words_type, closing_type)
    if date is None and doc_type == "BB":
        date = _meeting_date(t)
        date_span = t.span(date.start, date.end) if date else None
    first_field = min([x.start for x in (number_span, date_span, title_span) if x] or [len(t.text)])
    issuer, province = ag.issuer_and_province(
        t, [ln for ln in lines if ln.start < first_field], symbol, place, date
    )

    return Header(
        number=number,
        symbol=symbol,
        number_span=number_span,
        number_unreadable=unreadable,
        separator=separator,
        place=place,
        place_span=place_span,
        date=date,
        date_span=date_span,
        symbol_type=stype,
        title=title,
        title_span=title_span,
        title_type=title_type,
        vv=vv,
        closing_type=closing_type,
        closing_span=closing_span,
        type=doc_type,
        issuer=issuer,
        province=province,
        addressees=addressees,
        body_start=max(after, title_end, addr_end),
    )


def to_document(h: Header, t: Text) -> Document:
    spans: dict[str, Span] = {}
    for key, sp in (
        ("number_symbol", h.number_span),
        ("date", h.date_span),
        ("place", h.place_span),
        ("title", h.title_span),
        ("closing", h.closing_span),
    ):
        if sp is not None:
            spans[key] = sp
    if h.issuer and h.issuer.span:
        spans["issuer"] = t.span(h.issuer.span.start, h.issuer.span.end)
    return Document(
        type=h.type,
        number=h.number,
        symbol=h.symbol,
        place=h.place,
        date=h.date.iso if h.date else None,
        issuer=h.issuer.name if h.issuer else None,
        province=h.province,
        title=h.title,
        spans=spans,
    )


def with_second_reading(h: Header, second: Header, ocr: bool) -> Header:
    """The number and the date a second OCR reading of the header gives where the first
    could not read them (a handwritten number, a day written by hand), taken only where the
    two readings agree on what both read: the same symbol for the number; the same year, and
    month when the first read it, for the date."""
    updates: dict[str, object] = {}
    read: set[str] = set()
    if h.number is None and h.number_unreadable and second.number and second.symbol == h.symbol:
        updates.update(number=second.number, number_unreadable=False)
        read.add("number")
    d1, d2 = h.date, second.date
    lost = d1 is not None and (
        d1.unreadable_day or d1.unreadable_month or (ocr and (d1.blank_day or d1.blank_month))
    )
    if lost and d1 and d1.date and d2 and d2.date and d2.date.day and d2.date.month:
        same = d1.date.year == d2.date.year and d1.date.month in (None, d2.date.month)
        if same:
            updates["date"] = replace(
                d1,
                date=d2.date,
                blank_day=False,
                blank_month=False,
                unreadable_day=False,
                unreadable_month=False,
            )
            read.add("date")
    return replace(h, **updates, second_read=frozenset(read)) if updates else h

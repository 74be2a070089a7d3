"""Who issued the document: agency lines of the header, or the symbol.

The header's left column names the agency under its parent
(``UBND TỈNH LÀO CAI`` / ``SỞ CÔNG THƯƠNG``). The issuer is the lowest
agency, written without its province; the province comes from the parent,
from the agency line itself (``SỞ GDĐT LẠNG SƠN``) or, when the header is
missing, from the symbol's agency code and the date line's place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

from ..rules import Rules, fold, words_pattern
from .dates import DateMatch
from .text import Line, Text

V = regex.VERBOSE

# Lines of the header that are not agencies.
NATIONAL_MOTTO = regex.compile(
    r"""C[ỘO]NG\s+H[ÒOÕ]A\s+X[ÃA]\s+H[ỘO]I\s+CH[ỦU]\s+NGH[ĨI]A\s+VI[ỆE]T\s+NAM
      | Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+[pP]húc
      | ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM
      | VĂN\s+BẢN\s+QUY\s+PHẠM\s+PHÁP\s+LUẬT          # the gazette's section heading
      | VĂN\s+BẢN\s+HỢP\s+NHẤT""",
    V | regex.IGNORECASE,
)
# The Quốc hiệu that opens a document's header (or the Party's): "CỘNG HÒA XÃ HỘI CHỦ NGHĨA
# VIỆT NAM", alone or beside the agency in a merged two-column line.
QUOC_HIEU = regex.compile(
    r"""C[ỘO]NG[ ]+H[ÒOÕ]A[ ]+X[ÃA][ ]+H[ỘO]I[ ]+CH[ỦU][ ]+NGH[ĨI]A[ ]+VI[ỆE]T[ ]*NAM
      | ĐẢNG[ ]CỘNG[ ]SẢN[ ]VIỆT[ ]NAM""",
    V,
)
RULE_LINE = regex.compile(r"^[\s_\-–—=*.]+$")  # the underline drawn under a header line

# A line that starts a new agency (and does not continue the one above it).
AGENCY_HEAD = regex.compile(
    r"""^(?:SỞ|UBND|ỦY\s+BAN|BỘ|PHÒNG|TRUNG\s+TÂM|BAN|CHI\s+CỤC|CỤC|TỔNG\s+CỤC|VĂN\s+PHÒNG|HỘI\s+ĐỒNG
        |TRƯỜNG|CÔNG\s+TY|TỔNG\s+CÔNG\s+TY|TẬP\s+ĐOÀN|ĐẢNG\s+ỦY|ĐẢNG\s+BỘ|TỈNH\s+ỦY|HUYỆN\s+ỦY|THANH\s+TRA
        |CÔNG\s+AN|BỆNH\s+VIỆN|VIỆN|ĐOÀN|CÔNG\s+ĐOÀN|THỦ\s+TƯỚNG|CHÍNH\s+PHỦ|QUỐC\s+HỘI|BAN\s+CHẤP\s+HÀNH
        |HĐND|HỘI|LIÊN\s+ĐOÀN|CHUYÊN\s+MÔN|KHO\s+BẠC|NGÂN\s+HÀNG|BẢO\s+HIỂM|ĐÀI|BÁO|CHỦ\s+TỊCH)\b""",
    V,
)
AGENCY_HEAD_ANY_CASE = regex.compile(AGENCY_HEAD.pattern, V | regex.IGNORECASE)
# Words that continue the agency of the line above (ỦY BAN NHÂN DÂN / TỈNH LÀO CAI).
CONTINUES = regex.compile(
    r"^(?:TỈNH|HUYỆN|THÀNH\s+PHỐ|QUẬN|THỊ\s+XÃ|XÃ|PHƯỜNG|VÀ|&)\b|^\p{Ll}|^VIỆT\s+NAM\s*$", V
)
UPPER = regex.compile(r"\p{Lu}")
LOWER_RUN = regex.compile(r"\p{Ll}{2,}")  # two lower-case letters: a sentence, not an agency line
ENDS_OPEN = regex.compile(r"(?:\bVÀ|[-–,&])\s*$", V)
# Where the province sits in an agency name: "… TỈNH LÀO CAI", "… THÀNH PHỐ HÀ NỘI".
PROVINCE_IN_NAME = regex.compile(
    r"\s+(?P<kind>tỉnh|thành\s+phố|TP\.?)\s+(?P<name>[^,;()]+?)\s*$", V | regex.I
)
COUNTRY = regex.compile(r"\bviệt\s+nam\b", V)
COUNTRY_ALONE = regex.compile(r"^(?:.{0,3}\s)?VIỆT\s*NAM\s*$", V)  # "VIỆT NAM", OCR's "VIỆTNAM"
# The abbreviations of an Ủy ban nhân dân.
UBND = regex.compile(r"^(?:UBND|ỦY\s+BAN\s+NHÂN\s+DÂN)\b", V | regex.I)
SYMBOL_PARTS = regex.compile(r"[-/]")  # KH-STNMT, CT/TU: the parts of a symbol


@dataclass(frozen=True, slots=True)
class AgencyLine:
    start: int
    end: int
    text: str  # joined over wrapped lines, single-spaced


@dataclass(frozen=True, slots=True)
class Issuer:
    name: str | None
    province: str | None
    central: bool
    agency_code: str | None  # the code it is known by, if any
    span: AgencyLine | None


def _agency_part(ln: Line) -> tuple[int, str] | None:
    """The agency text of a header line: the Quốc hiệu and motto (which may share the line
    in a merged two-column header) cut out; the first remaining fragment, with its offset."""
    pos = 0
    for m in [*NATIONAL_MOTTO.finditer(ln.text), None]:
        piece = ln.text[pos : m.start() if m else len(ln.text)]
        frag = piece.strip(" _-–—")
        if frag:
            return ln.start + pos + piece.index(frag), frag
        if m:
            pos = m.end()
    return None


def expand_abbreviation(issuer: Issuer, text: str) -> Issuer:
    """ "Phòng QLKH&ĐN" as the body spells it out: "Phòng Quản lý Khoa học và Đối ngoại"
    (the words after the same head whose initials, "và" left out, are the letters)."""
    name = issuer.name or ""
    words = name.split()
    at = next((i for i, w in enumerate(words) if _abbreviation(w)), None)
    if at is None or at == 0:
        return issuer
    letters = [c for c in words[at] if c.isalpha()]
    head = " ".join(words[:at])
    spelled_out = rf"(?<!\p{{L}}){regex.escape(head)}((?:\s+\p{{L}}+){{1,{2 * len(letters) + 2}}})"
    for m in regex.finditer(spelled_out, text):
        initials: list[str] = []
        spelled: list[str] = []
        for w in m.group(1).split():
            spelled.append(w)
            if w.lower() != "và":
                initials.append(w[0].upper())
            if len(initials) == len(letters):
                break
        if initials == [c.upper() for c in letters] and spelled[-1].lower() != "và":
            full = " ".join([head, *spelled, *words[at + 1 :]])
            return Issuer(
                name=full,
                province=issuer.province,
                central=issuer.central,
                agency_code=issuer.agency_code,
                span=issuer.span,
            )
    return issuer


def _known_prefix(rules: Rules) -> frozenset[str]:
    """Every word-prefix of a known agency's name, folded: "sở nông nghiệp và môi" is one."""
    out: set[str] = set()
    for a in rules.agencies.agency:
        words = fold(a.name).split()
        out.update(" ".join(words[:i]) for i in range(2, len(words) + 1))
    return frozenset(out)


def _wraps_known_name(before: str, line: str, rules: Rules) -> bool:
    """ "SỞ NÔNG NGHIỆP VÀ MÔI" / "TRƯỜNG": a known name cut in two, not a new agency."""
    prefixes = rules.cached("agency.known_prefixes", _known_prefix)
    return fold(f"{before} {line.split()[0]}") in prefixes


def _wraps_unit_name(out: list[AgencyLine], line: str, adjacent: bool, rules: Rules) -> bool:
    """ "PHÒNG CẢNH SÁT QUẢN LÝ" / "HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI": the name of a unit under a
    parent, wrapped onto the next line. The line goes on the one above when it starts no
    agency of its own, is not a unit of a province ("VIỄN THÔNG QUẢNG BÌNH"), and the line
    above is a unit under a parent, not the top of the header (whose next line is its unit)."""
    if not adjacent or len(out) < 2 or AGENCY_HEAD.match(line) or not AGENCY_HEAD.match(out[-1].text):
        return False
    return rules.compiled("agency.province_at_end", _province_at_end).search(line) is None


def agency_lines(lines: list[Line], rules: Rules) -> list[AgencyLine]:
    """Upper-case agency lines above the number line, wrapped lines joined."""
    out: list[AgencyLine] = []
    prev_open = False
    last_index = -2
    for ln in lines:
        part = _agency_part(ln) if ln.text.strip() and not RULE_LINE.match(ln.text.strip()) else None
        if part is None or not UPPER.search(part[1]) or LOWER_RUN.search(part[1]):
            prev_open = False
            continue
        start, t = part
        adjacent = ln.index == last_index + 1
        last_index = ln.index
        if out and (
            prev_open
            or (CONTINUES.match(t) and not AGENCY_HEAD.match(t))
            or _wraps_known_name(out[-1].text, t, rules)
            or _wraps_unit_name(out, t, adjacent, rules)
        ):
            last = out[-1]
            out[-1] = AgencyLine(start=last.start, end=start + len(t), text=f"{last.text} {t}")
        else:
            out.append(AgencyLine(start=start, end=start + len(t), text=t))
        # "TẬP ĐOÀN" / "BƯU CHÍNH VIỄN THÔNG": a head word alone goes on on the next line
        head = AGENCY_HEAD.match(out[-1].text)
        prev_open = bool(ENDS_OPEN.search(t)) or bool(head and head.end() == len(out[-1].text.rstrip()))
    # The gazette repeats the issuer as a heading: keep one of each.
    uniq: list[AgencyLine] = []
    for a in out:
        if not uniq or fold(uniq[-1].text) != fold(a.text):
            uniq.append(a)
    return uniq


def _sentence_case(upper: str, rules: Rules) -> str:
    """ "SỞ GIÁO DỤC VÀ ĐÀO TẠO" → "Sở Giáo dục và Đào tạo" via the agency table, else by rule."""
    known = rules.agency_by_name(upper)
    if known:
        return known.name
    words = upper.split()
    for cut in range(len(words) - 1, 0, -1):  # the longest known prefix
        known = rules.agency_by_name(" ".join(words[:cut]))
        if known:
            return f"{known.name} {_title_rest(' '.join(words[cut:]), rules)}"
    words = [w if _abbreviation(w) else w.lower() for w in upper.split()]
    head = AGENCY_HEAD.match(upper)
    at = len(head.group().split()) if head else None  # "Cục | Hóa chất": the name proper starts here
    if at is not None and at < len(words) and not _abbreviation(words[at]):
        words[at] = words[at][:1].upper() + words[at][1:]
    low = " ".join(words)
    return _title_rest(low[:1].upper() + low[1:], rules)


# A Vietnamese syllable: onset, vowels, coda. An upper-case word that is not one is an
# abbreviation and keeps its capitals ("PHÒNG QLKH&ĐN" → "Phòng QLKH&ĐN").
SYLLABLE = regex.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"[aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]+"
    r"(?:ch|ng|nh|[cmnpt])?$",
    V | regex.IGNORECASE,
)


def _abbreviation(word: str) -> bool:
    core = word.strip(".,;:()\"'")  # "ĐUA," is a word before a comma
    return len(core) > 1 and not SYLLABLE.match(core) and core.upper() == core


def _title_rest(s: str, rules: Rules) -> str:
    """Province names and the country's keep their capitals in a sentence-cased name."""
    s = COUNTRY.sub("Việt Nam", s)
    m = rules.compiled("agency.province_in_title", _province_anywhere).search(s)
    p = rules.province(m.group()) if m else None
    return s[: m.start()] + p.name + s[m.end() :] if m and p else s


def _province_anywhere(rules: Rules) -> regex.Pattern[str]:
    """A province's name as a whole word: "Huế", not the end of "thuế"."""
    return regex.compile(rf"(?<!\p{{L}}){rules.province_names}(?!\p{{L}})", regex.IGNORECASE)


def _province_at_end(rules: Rules) -> regex.Pattern[str]:
    """A province named at the end of an agency's name ("Sở GDĐT Lạng Sơn")."""
    return regex.compile(r"\s+(?P<p>" + rules.province_names + r")\s*$", regex.IGNORECASE)


def _split_province(name: str, rules: Rules) -> tuple[str, str | None]:
    """ "Ủy ban nhân dân tỉnh Lào Cai" → ("Ủy ban nhân dân tỉnh", "Lào Cai")."""
    m = PROVINCE_IN_NAME.search(name)
    p = rules.province(m.group("name")) if m else None
    if m and p:
        return f"{name[: m.start()]} {p.kind}", p.name
    m = rules.compiled("agency.province_at_end", _province_at_end).search(name)
    p = rules.province(m.group("p")) if m else None
    if m and p:
        # "Sở GDĐT Lạng Sơn" is a Sở of Lạng Sơn; "Viễn thông Quảng Bình" is a name
        return (name[: m.start()], p.name) if AGENCY_HEAD_ANY_CASE.match(name) else (name, p.name)
    return name, None


def _central_heads(rules: Rules) -> regex.Pattern[str]:
    return regex.compile(rf"^{words_pattern(rules.agencies.central_heads)}\b", regex.IGNORECASE)


def _central_body(top: str, rules: Rules) -> bool:
    """The top of a header chain is a national body ("BỘ CÔNG THƯƠNG", "TẬP ĐOÀN …")."""
    return rules.compiled("agency.central_heads", _central_heads).match(top) is not None


def _names_province(agencies: list[AgencyLine], rules: Rules) -> bool:
    """A national body's chain names a province: "CỤC THUẾ TỈNH LÀO CAI", or a unit below
    the top named after one ("TẬP ĐOÀN …" / "VIỄN THÔNG QUẢNG BÌNH")."""
    return any(PROVINCE_IN_NAME.search(a.text) for a in agencies) or any(
        _split_province(_sentence_case(a.text, rules), rules)[1] for a in agencies[1:]
    )


def _own_line(agencies: list[AgencyLine], rules: Rules) -> AgencyLine:
    """The issuing unit's line: the last, unless OCR set the header's lines out of order and
    the last is the top body or the country's name alone ("TẬP ĐOÀN" / "VIỆTNAM" read after
    "VIỄN THÔNG QUẢNG BÌNH"): then the last line that is a unit below it."""

    def top(a: AgencyLine) -> bool:  # the country's name, or a head word alone ("TẬP ĐOÀN")
        head = AGENCY_HEAD.match(a.text)
        return bool(COUNTRY_ALONE.match(a.text)) or bool(head and head.end() == len(a.text.rstrip()))

    if len(agencies) > 1 and top(agencies[-1]):
        return next((a for a in reversed(agencies) if not top(a)), agencies[-1])
    return agencies[-1]


def issuer_from_header(agencies: list[AgencyLine], rules: Rules) -> Issuer | None:
    if not agencies:
        return None
    own = _own_line(agencies, rules)
    name, province = _split_province(_sentence_case(own.text, rules), rules)
    for parent in reversed(agencies[: agencies.index(own)]):
        if province:
            break
        _, province = _split_province(_sentence_case(parent.text, rules), rules)
    known = rules.agency_by_name(name)
    central = bool(known and known.scope == "central")
    if _central_body(agencies[0].text, rules) and not _names_province(agencies, rules):
        central, province = True, None  # "TRƯỜNG ĐẠI HỌC MỞ HÀ NỘI": a city in the name only
    p = rules.province(province) if province else None
    if UBND.match(name) and p and not name.endswith(("tỉnh", "thành phố")):
        name = f"Ủy ban nhân dân {p.kind}"
    return Issuer(
        name=name, province=province, central=central, agency_code=known.code if known else None, span=own
    )


def symbol_agency_code(symbol: str | None, rules: Rules) -> str | None:
    """The first agency code of a symbol: KH-STNMT → STNMT, STNMT-VP → STNMT, CT/TU → TU."""
    if not symbol:
        return None
    for tok in SYMBOL_PARTS.split(symbol):
        a = rules.agency(tok)
        if a:
            return a.code
    return None


def issuer_from_symbol(symbol: str | None, province: str | None, rules: Rules) -> Issuer | None:
    code = symbol_agency_code(symbol, rules)
    if code is None:
        return None
    a = rules.agency(code)
    assert a is not None
    name = a.name
    if code == "UBND":
        p = rules.province(province) if province else None
        name = f"Ủy ban nhân dân {p.kind if p else 'tỉnh'}"
    return Issuer(name=name, province=None, central=a.scope == "central", agency_code=code, span=None)


def province_from_place(place: str | None, date: dt.date | None, rules: Rules) -> str | None:
    if not place:
        return None
    p = rules.province_of_place(place, date)
    return p.name if p else None


def _body_province(rules: Rules) -> regex.Pattern[str]:
    return regex.compile(rf"(?<!\p{{L}})(?:tỉnh|thành\s+phố)\s+(?P<p>{rules.province_names})(?!\p{{L}})", V)


def province_from_body(text: str, rules: Rules) -> str | None:
    """The province the body names most ("Sở … tỉnh Khánh Hòa", "trên địa bàn tỉnh …"), if one leads."""
    counts: dict[str, int] = {}
    for m in rules.compiled("agency.body_province", _body_province).finditer(text):
        p = rules.province(m.group("p"))
        if p:
            counts[p.name] = counts.get(p.name, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None  # none, or a tie: not a guess
    return ranked[0][0]


def issuer_and_province(
    t: Text, above: list[Line], symbol: str | None, place: str | None, date: DateMatch | None
) -> tuple[Issuer | None, str | None]:
    """The issuer and its province, by a chain of evidence: the agency lines above the
    first header field; else the symbol's agency code. The province: the issuer's own
    (its name or its parent's), else the place of the date line, else the one the body
    names most; none for a national body."""
    rules = t.rules
    issuer = issuer_from_header(agency_lines(above, rules), rules)
    on = date.date.first_day() if date and date.date else None
    province = issuer.province if issuer else None
    if province is None and not (issuer and issuer.central):
        province = province_from_place(place, on, rules) or province_from_body(t.text, rules)
    if issuer is None:
        issuer = issuer_from_symbol(symbol, province, rules)
    if issuer and issuer.central:
        province = None
    if issuer and issuer.span is not None:
        issuer = expand_abbreviation(issuer, t.text[issuer.span.end :])
    return issuer, province

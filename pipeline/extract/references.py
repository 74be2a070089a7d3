"""Citations of other documents: find every mention, then resolve them per cited document.

A mention is ``<type words> [words] số <number/symbol> [ngày <date>] [của <issuer>]
[về <subject>]``, in the state form (``14/CT-UBND``, ``98/2023/NĐ-CP``) or the
Party form (``31-CT/TU``, ``09- NQ/TW``). Mentions separated only by a comma
or "và" share the issuer written after the last one; "và số 4611/…" continues
a list with the same type words. Resolving groups mentions by number and
symbol, keeping every distinct date: that is where a conflict shows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from ..record import Mention, Reference
from ..rules import Rules, words_pattern
from .dates import ANY_DATE, DateMatch, date_match
from .header import normalize_symbol, symbol_type
from .sections import Node, section_path
from .text import Text, clean_value

V = regex.VERBOSE | regex.IGNORECASE
CS = regex.VERBOSE  # symbols and headings: capitals matter

# --- patterns --------------------------------------------------------------------

_TOKEN = r"[\p{L}\d&]+(?:\.[\p{L}\d&]+)*"  # KH, UBND, 2023, TĐ.KT (no trailing dot)
UNIT_CODE = r"(?:[ ]?\([\p{Lu}\d]{1,10}\))?"  # the drafting unit's code, in parentheses: TTr-CAT(PC04)
# 12718/KH-UBND, 98/2023/NĐ-CP, 03/2021/UBTVQH15, 26.06/GĐN-MB, "1894 /TB-SCT", 196/TTr-CAT(PC04)
STATE_NS = (
    r"(?P<num>\d{1,6}[a-zA-Z]?(?:\.\d{1,3})?)\s?(?P<sep>/)\s?"
    r"(?P<sym>(?:\d{4}\s?/\s?)?(?=\p{Lu})" + _TOKEN + r"(?:\s?[-–/]\s?" + _TOKEN + r")*" + UNIT_CODE + r")"
)
# 31-CT/TU, 09- NQ/TW, 48-KH/ĐU, 35-QĐ/TW
PARTY_NS = (
    r"(?P<num>\d{1,6})\s?(?P<sep>[-–])\s?"
    r"(?P<sym>\p{Lu}\p{L}*\s?/\s?\p{Lu}[\p{L}\d]*(?:[-–]\p{Lu}[\p{L}\d]*)*)"
)
NUMBER_SYMBOL = r"(?:" + PARTY_NS + r"|" + STATE_NS + r")(?![\p{L}\d/])"

# The number and symbol anywhere: the distinctive core of a citation, found first;
# or a number alone right before its date ("Tờ trình số 2566 ngày 22/9/2022");
# or an enterprise's own code, of no official form, right before its date ("Văn bản số
# 01-GCN-MT ngày 21/4/2026", "số YBB-SA032/26-LR ngày …"): letters and digits both.
LOOSE_CODE = (
    r"""(?P<loose>(?=[\p{L}\d.\-/]*\d)(?=[\p{L}\d.\-/]*\p{L})[\p{L}\d][\p{L}\d.\-/]{1,29}[\p{L}\d])"""
)
_CORE_START = r"(?<![\p{L}\d/.\-–])"  # not inside a word, a number or a symbol
CORE = regex.compile(_CORE_START + NUMBER_SYMBOL, CS)
# A bare number or a loose code is a citation only right after "số" (find_mentions checks
# the type words before it), so it is looked for only there: "số" is a literal the engine
# finds fast, where the loose code's lookaheads tried at every word cost a tenth of a TXT
# record's time. Neither can start inside a number and symbol (its characters all stop
# _CORE_START), and where both start at one place the number and symbol wins.
CORE_AFTER_SO = regex.compile(
    r"(?i:số)\s*:?\s*" + _CORE_START + r"(?P<core>(?P<bare>\d{1,6})(?=\s*,?\s*ngày\s+\d)"
    r"|" + LOOSE_CODE + r"(?=\s*,?\s*ngày\s+\d))",
    CS,
)
# A loose code's number and symbol: "01-GCN-MT" → 01, -, GCN-MT; "11/2026CV-YVG" → 11, /, 2026CV-YVG.
LOOSE_PARTS = regex.compile(r"(?P<num>\d{1,6})(?P<sep>[-/])(?P<sym>.+)")
SO_END = regex.compile(r"số\s*:?\s*\Z", V)
# Just before the core: type words, up to 25 words of name ("Luật Nhập cảnh, xuất
# cảnh, quá cảnh, cư trú của người nước ngoài tại Việt Nam"; "Luật Tần số vô tuyến
# điện"), then "số"; or the type words right before the number ("Quyết định 1013/QĐ-CTN").
_CITED_BEFORE = r"""
    (?<![\p{L}])(?P<cited>{types})
    (?: (?P<name>(?:\s+(?!số\s*:?\s*\d|ngày\b|(?:{types})\b)[\p{L}\d][\p{L}\d\-–]*+,?){0,25}?) \s+số\s*:?
      | )
    \s*\Z"""
# Between a mention and the next core: the next item of a list ("và số 4611/…").
# (Used with match(text, pos, endpos): `regex` anchors \A at the string start only.)
CONTINUATION = regex.compile(r"\s*(?:[,;]\s*và|[,;]|và)\s*(?:số\s*:?\s*)?\Z", V)
LOOK_BACK = 200  # how far before the number the type words may be

# After the number: ", ngày 28/01/2022", " ban hành ngày …".
DATE_LEAD = regex.compile(r"\s*,?\s*(?:được\s+)?(?:ban\s+hành\s+|ký\s+)?(?=ngày\b)", V)
NGAY = regex.compile(r"ngày\s+", V)
SYMBOL_JOINERS = regex.compile(r"([-/])")  # a symbol's parts, the joiners kept
ISSUER_LEAD = regex.compile(r"\s*,?\s*(?:của|do)\s+", V)
# Where an issuer's name stops: a verb or a preposition that opens what follows.
ISSUER_STOP = regex.compile(
    r"""\s+(?:về|v/v|quy\s+định|hướng\s+dẫn|ban\s+hành|thực\s+hiện|triển\s+khai|phê\s+duyệt|sửa\s+đổi
           |bổ\s+sung|tại|đối\s+với|nhằm|để|đã|được|là|có|thì|trên|với|theo|giao|công\s+bố|phát\s+động
           |điều\s+chỉnh|xác\s+định|hỗ\s+trợ|tổ\s+chức|thành\s+lập|phân\s+công
           |phiên\s+họp|kỳ\s+họp|hội\s+nghị|lần\s+thứ|hợp\s+nhất|áp\s+dụng|gửi|kèm\s+theo)\b
      | \s*[,;.:()“”"\[\]]
      | \s+(?-i:(?=\p{Lu}{2,}\s+\p{Lu}{2,}))  # an upper-case heading after the name
      | \s+và\s+(?-i:(?=\p{Ll}))  # "… tỉnh và gửi về": "và" then a verb, not a name
      | \n\n""",
    V,
)
# "… của UBND tỉnh Khánh Hòa tại Công văn số …": the issuer written before.
ISSUER_BEFORE = regex.compile(
    r"(?:của|theo\s+đề\s+nghị\s+của)\s+(?P<issuer>[^,;.:()\n]{3,90}?)\s+tại\s*\Z", V
)
# "của 77 Chính phủ": a page number left where a page broke inside the issuer.
LEADING_PAGE_NUMBER = regex.compile(r"\d{1,4}\s+(?=\p{Lu})", CS)
# A line break before an upper-case line: a wrapped issuer goes on, a heading does not.
HEADING_LINE = regex.compile(r"\n(?=[^\n\p{Ll}]*\p{Lu}[^\n\p{Ll}]*(?:\n|$))", CS)
# Mentions joined only by ", " or " và " form a list that shares its issuer.
LIST_GLUE = regex.compile(r"\s*(?:,|và|;)?\s*\Z", V)
SUBJECT_LEAD = regex.compile(r"\s*,?\s*(?:về\s+(?:việc\s+)?|v/v\s+)", V)
# Where a subject ends: a clause or sentence end, a line end (lines are paragraphs
# once wrapped lines are joined), a list's colon, a date or number going on.
SUBJECT_STOP = regex.compile(r"[;:\n]|\.(?:\s|$)|,\s*(?:ngày|số)\b", V)
MAX_ISSUER_WORDS = 14
MAX_SUBJECT = 300


@dataclass
class Found:
    """One mention before resolution."""

    start: int
    end: int
    cited: str
    number: str
    symbol: str | None
    sep: str
    date: DateMatch | None
    issuer: str | None
    subject: str | None
    group: int  # mentions of one list share an issuer


def _cited_before(rules: Rules) -> regex.Pattern[str]:
    return regex.compile(_CITED_BEFORE.replace("{types}", rules.type_words), V)


def _date_after(t: Text, pos: int) -> tuple[DateMatch | None, int]:
    lead = DATE_LEAD.match(t.text, pos)
    if not lead:
        return None, pos
    at = lead.end()
    m = ANY_DATE.match(t.text, at)
    if m and m.group("words"):
        d = date_match(m)
        return d, d.end
    ngay = NGAY.match(t.text, at)
    m = ANY_DATE.match(t.text, ngay.end()) if ngay else None
    if m and m.group("numeric"):
        d = date_match(m)
        return d, d.end
    return None, pos


def _central_head(rules: Rules) -> regex.Pattern[str]:
    """A central body's name followed by a lower-case word: the name ends there."""
    names = [a.name for a in rules.agencies.agency if a.scope == "central"]
    return regex.compile(rf"(?:Bộ\s+trưởng\s+)?{words_pattern(names)}(?=\s+\p{{Ll}})")


def _issuer_after(t: Text, pos: int) -> tuple[str | None, int]:
    lead = ISSUER_LEAD.match(t.text, pos)
    if not lead:
        return None, pos
    start = lead.end()
    window = t.text[start : start + 200]
    stop = ISSUER_STOP.search(window)
    raw = window[: stop.start()] if stop else window
    heading = HEADING_LINE.search(raw)  # a wrapped issuer goes on; a heading line does not
    raw = raw[: heading.start()] if heading else raw
    central = t.rules.compiled("references.central_head", _central_head).match(raw)
    raw = raw[: central.end()] if central else raw
    page = LEADING_PAGE_NUMBER.match(raw)  # "của 77 Chính phủ": a page number where a page broke
    if page:
        start, raw = start + page.end(), raw[page.end() :]
    words = raw.split()
    if not words or len(words) > MAX_ISSUER_WORDS:
        return None, pos
    return clean_value(raw), start + len(raw.rstrip())


def _main_clause(rules: Rules) -> regex.Pattern[str]:
    """ ", Sở Nội vụ xây dựng Kế hoạch …": the sentence's own subject after the citation."""
    heads = [h for h in rules.lexicon.unit_heads if h[:1].isupper()]
    return regex.compile(rf",\s+{words_pattern(heads)}(?!\p{{L}})")


def _subject_after(t: Text, pos: int) -> str | None:
    lead = SUBJECT_LEAD.match(t.text, pos)
    if not lead:
        return None
    window = t.text[lead.end() : lead.end() + MAX_SUBJECT]
    if window.startswith("“") and "”" in window:
        return clean_value(window[1 : window.index("”")]) or None
    stops = [
        m.start()
        for m in (
            SUBJECT_STOP.search(window),
            t.rules.compiled("references.main_clause", _main_clause).search(window),
        )
        if m
    ]
    return clean_value(window[: min(stops)] if stops else window) or None


@dataclass(frozen=True)
class _Core:
    """Where a citation's number (and symbol) is: a number and symbol's parts, or a bare
    number, or a loose code."""

    start: int
    end: int
    num: str | None = None
    sep: str | None = None
    sym: str | None = None
    bare: str | None = None
    loose: str | None = None


def _cores(text: str, start: int) -> Iterator[_Core]:
    """The numbers and symbols of ``text[start:]`` and the bare numbers and loose codes after
    "số", in text order (what one alternation of the three found, at a tenth of its cost)."""
    after_so = [
        _Core(m.start("core"), m.end("core"), bare=m.group("bare"), loose=m.group("loose"))
        for m in CORE_AFTER_SO.finditer(text, max(0, start - 8))
        if m.start("core") >= start
    ]
    i = 0
    for m in CORE.finditer(text, start):
        while i < len(after_so) and after_so[i].start < m.start():
            yield after_so[i]
            i += 1
        while i < len(after_so) and after_so[i].start < m.end():
            i += 1  # the number and symbol took this place
        yield _Core(m.start(), m.end(), num=m.group("num"), sep=m.group("sep"), sym=m.group("sym"))
    yield from after_so[i:]


def find_mentions(t: Text, start: int = 0) -> list[Found]:
    """Every citation with a number in ``t.text[start:]``, in text order."""
    cited_before = t.rules.compiled("references.cited_before", _cited_before)
    found: list[Found] = []
    group = 0
    for core in _cores(t.text, start):
        lo = max(start, core.start - LOOK_BACK, t.text.rfind("\n\n", 0, core.start) + 1)
        m = cited_before.search(t.text, lo, core.start)
        prev = found[-1] if found else None
        bare, loose = core.bare, core.loose
        if (bare or loose) and not (m and SO_END.search(m.group())):
            continue  # a number alone, or a code of no official form, is a citation only after "<type> số"
        if loose and t.ocr:
            continue  # on a scan such a "code" is as likely a misread number: not taken
        if m:
            group += 1
            cited, mention_start = clean_value(m.group("cited")), m.start()
        elif prev and CONTINUATION.match(t.text, prev.end, core.start):
            cited, mention_start = prev.cited, core.start
        else:
            continue  # a number and symbol nobody cites (a standard code, a file name)
        date, end = _date_after(t, core.end)
        if bare:
            f = Found(mention_start, end, cited, bare, None, "", date, None, None, group)
        elif loose:
            parts = LOOSE_PARTS.fullmatch(loose)
            num, sep, sym = (
                (parts["num"], parts["sep"], normalize_symbol(parts["sym"])) if parts else (loose, "", None)
            )
            f = Found(mention_start, end, cited, num, sym, sep, date, None, None, group)
        else:
            sep = "-" if core.sep in ("-", "–") else "/"
            symbol = normalize_symbol(core.sym or "")
            f = Found(mention_start, end, cited, core.num or "", symbol, sep, date, None, None, group)
        issuer, after = _issuer_after(t, end)
        if issuer is None and m:
            before = ISSUER_BEFORE.search(t.text, max(0, m.start() - 140), m.start()) or t.rules.compiled(
                "references.listed_issuer", _listed_issuer
            ).search(t.text, max(0, m.start() - 140), m.start())
            issuer = clean_value(before.group("issuer")) if before else None
        f.issuer = issuer
        f.subject = _subject_after(t, after)
        found.append(f)
    _share_issuers(t, found)
    return found


def _listed_issuer(rules: Rules) -> regex.Pattern[str]:
    """An organization named before "tại" as an item of a list of requests: "gồm: Công ty TNHH
    A tại …; Công ty cổ phần B tại …" (the lexicon's ``enterprise_heads`` open its name)."""
    heads = words_pattern(rules.lexicon.enterprise_heads)
    return regex.compile(rf"(?:[;:]|\bgồm)\s*(?P<issuer>(?-i:{heads})\s[^;:()\n]{{2,90}}?)\s+tại\s*\Z", V)


def _share_issuers(t: Text, found: list[Found]) -> None:
    """A list shares the issuer written after its last item: "số 1085/… và số 4611/… của Sở …",
    "Nghị định số 42/…, Nghị định số 39/… và Nghị định số 65/… của Chính phủ"."""
    for i in range(len(found) - 2, -1, -1):
        a, b = found[i], found[i + 1]
        joined = a.group == b.group or LIST_GLUE.match(t.text, a.end, b.start)
        if a.issuer is None and b.issuer and joined:
            a.issuer = b.issuer


def reference_type(cited: str, symbol: str | None, rules: Rules) -> tuple[str | None, str | None]:
    """(type of the reference, type code its symbol carries or None)."""
    stype = symbol_type(symbol, rules) if symbol else None
    code = stype if stype and stype != "CV" else None
    words = rules.type_for_words(cited)
    if code:
        return code, code
    if words and not words.generic:
        return words.code, None
    if words and words.generic:
        # "văn bản số 1297/SNNMT-KS", "văn bản số 13.4/2026/ĐN-VL", "văn bản số 02 ngày …": a letter
        return "CV", None
    return stype, None  # None for a bare number


def key_of(number: str, symbol: str | None, rules: Rules) -> str:
    """Mentions of one document share this key (case, spacing and QD/QĐ do not matter)."""
    tokens = SYMBOL_JOINERS.split(symbol or "")
    canon = []
    for tok in tokens:
        t = rules.type_for_symbol_token(tok) if tok not in "-/" else None
        canon.append(t.code if t else tok)
    return f"{number.lstrip('0') or '0'}|{''.join(canon).casefold()}"


def resolve(t: Text, found: list[Found], nodes: list[Node], own: str | None = None) -> list[Reference]:
    """One reference per cited document, with every distinct date and every mention."""
    rules = t.rules
    by_key: dict[str, list[Found]] = {}
    own_key = None
    if own:
        num, _, sym = own.partition("/") if "/" in own.split("-")[0] else own.partition("-")
        own_key = key_of(num, sym, rules)
    for f in found:
        k = key_of(f.number, f.symbol, rules)
        if k != own_key:
            by_key.setdefault(k, []).append(f)
    refs = []
    for group in by_key.values():
        first = group[0]
        dates: list[str] = []
        for f in group:
            if f.date and f.date.iso and f.date.iso not in dates:
                dates.append(f.date.iso)
        rtype, _ = reference_type(first.cited, first.symbol, rules)
        refs.append(
            Reference(
                type=rtype,
                cited_as=first.cited,
                number=first.number,
                symbol=first.symbol,
                number_symbol=f"{first.number}{first.sep}{first.symbol or ''}",
                dates=dates,
                issuer=next((f.issuer for f in group if f.issuer), None),
                subject=next((f.subject for f in group if f.subject), None),
                mentions=[
                    Mention(
                        start=f.start,
                        end=f.end,
                        text=t.text[f.start : f.end],
                        date=f.date.iso if f.date else None,
                        section=section_path(nodes, f.start),
                        cited_as=f.cited,
                        issuer=f.issuer,
                    )
                    for f in group
                ],
            )
        )
    return refs

"""The closing block: "Nơi nhận" and the signer (Decree 30/2020/NĐ-CP Art. 8).

::

    Nơi nhận:                       KT. GIÁM ĐỐC        ← prefix, on behalf of
    - UBND tỉnh (b/c);              PHÓ GIÁM ĐỐC        ← position
    - Lưu: VT, TĐKT.                Nguyễn Thị Lan      ← name

Two-column layouts arrive here as the left column then the right one (the
normalizer reorders them). The signer is looked for after the body's last
sentence: a prefix line, then upper-case position lines, then a name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..normalize.repair import fold as bare
from ..record import Recipient, Signer
from ..rules import Rules, fold
from .text import Line, Text

V = regex.VERBOSE

# --- patterns ---------------------------------------------------------------------

RECIPIENTS_LINE = regex.compile(r"^[ ]*N[ơo]i[ ]+nh[ậâa]n\b[^:\n]*:?[ ]*", V | regex.IGNORECASE)
LIST_ITEM = regex.compile(r"^[ ]*[-–+•*][ ]*", V)
ARCHIVE = regex.compile(r"^Lưu\b", V | regex.IGNORECASE)
# A trailing note: "UBND tỉnh (b/c)", "Sở Nội vụ (P/hợp)", "Bộ TNMT (để báo cáo)".
NOTE = regex.compile(r"[ ]*\((?P<note>[^()\n]{1,60})\)[ ]*[;.,]?[ ]*$", V)
SHORT_NOTE = regex.compile(r"^[\p{L}]{1,3}/[\p{L}]{1,6}$", V)  # b/c, p/hợp, t/h
# "KT. GIÁM ĐỐC", "TM.ỦY BAN NHÂN DÂN", "T/M BAN CHẤP HÀNH", "KT GIÁM ĐỐC".
PREFIX_LINE = regex.compile(
    r"^[ ]*(?P<prefix>K[ ./]?T\.?|T[ ./]?M\.?|T[ ./]?L\.?|T/?UQ\.?|Q\.)[ ]*(?P<rest>\p{Lu}[^\p{Ll}\n]*)$", V
)
# "(Đã ký)", "(ký, đóng dấu)", "[daky]": signature marks around a name.
SIGNED_MARK = regex.compile(r"\((?:đã\s+ký|ký[^)]*)\)|\[[a-z_]+\]|đã\s+ký", V | regex.IGNORECASE)
NAME = regex.compile(r"^(?:\p{Lu}[\p{Ll}]*)(?:[ ]+\p{Lu}[\p{Ll}]*){1,5}$|^\p{Lu}+(?:[ ]+\p{Lu}+){1,5}$", V)
# An academic title or degree before a signer's name: "TS. Nguyễn …", "PGS.TS Lê …", "ThS Trần …"
# (Decree 30/2020/NĐ-CP writes the name without it: the flag signer-academic-title says so).
ACADEMIC_TITLE = regex.compile(
    r"""(?<![\p{L}])(?:GS|PGS|TS|TSKH|ThS|KS|BS|Tiến[ ]sĩ|Thạc[ ]sĩ|Giáo[ ]sư|Phó[ ]giáo[ ]sư)
        (?:\.[ ]*|[ ]+)(?:(?:TS|ThS|BS)\.?[ ]*)?(?=\p{Lu}\p{Ll})""",
    V,
)
NAME_WORD = regex.compile(r"^\p{Lu}\p{Ll}+$")  # a capitalised word of a name
NAME_TAIL = regex.compile(r"^\p{Lu}\p{Ll}{1,6}$")  # one syllable of a name, capitalised: "Quang"
POSITION = regex.compile(r"^\p{Lu}[\p{Lu}\d ,.\-–&()]*$", V)  # upper-case words only
BODY_END = regex.compile(r"\./\.|\.\s*/\s*\.", V)
SCAN_LINES = 45  # how far past the body's end the signature may be
ABOVE_RECIPIENTS = 12  # lines above "Nơi nhận" a signature may stand in, when the body's end is lost
MAX_NOISE_LINES = 6  # lines of a scribble or a seal between a signer's title and name
# What a scan leaves at the ends of a signature line: "_ PHÓ THỦ TƯỚNG", "„^ PHÓ CHỦ TỊCH",
# "= - Huỳnh Quang Liêm".
_SPECK = r"[\s_^„¬—–\-~'\"`*#=|\\‹›«»]"
EDGE_SPECKS = regex.compile(rf"^{_SPECK}+(?=\p{{L}})|(?<=[\p{{L}}\d).]){_SPECK}+$", V)
# On OCR text, lone letters after a title, a seal's or a scribble's: "GIÁM ĐỐC Ắ".
LONE_LETTERS_AT_END = regex.compile(r"(?:[ ]+[\p{L}\p{P}]){1,3}$", V)
MAX_BLOCKS = 4  # signature blocks side by side (joint documents, minutes)
# On OCR text, a title misread by a letter or two ("HỌ CHỦ TỊCH", "GIÁM sóc",
# "-w1GILAM ĐỌC"): its letters, bare of marks, within a few edits of one known title.
NEAR_TITLE_WORD = regex.compile(r"\p{L}*\p{Lu}{2}\p{L}*")  # a word in capitals, at least in part
NOT_LETTER = regex.compile(r"[^\p{L} ]+")
LEADING_SPECK = regex.compile(r"^\p{Ll}{1,2}(?=\p{Lu}{2})")
MIN_NEAR_TITLE = 6  # letters a misread title keeps, at least
NEAR_TITLE_LONG = 8  # a title this long (bare, with its spaces) may be two edits off; a shorter one, one


def _titles(rules: Rules) -> tuple[tuple[str, regex.Pattern[str]], ...]:
    """Each known title (and its deputy's) with a pattern of its bare letters, a few edits allowed."""
    out = []
    for title in rules.signer_titles:
        folded = bare(title)
        if len(folded.replace(" ", "")) >= MIN_NEAR_TITLE:
            edits = 1 if len(folded) < NEAR_TITLE_LONG else 2
            out.append((title, regex.compile(rf"(?:{regex.escape(folded)}){{e<={edits}}}", regex.BESTMATCH)))
    return tuple(out)


@dataclass(frozen=True)
class Closing:
    signer: Signer | None
    recipients: list[Recipient] = field(default_factory=list)
    has_recipients_line: bool = False
    start: int | None = None  # where the closing block starts (the body ends before it)
    signer_lines: tuple[int, ...] = ()  # line indexes that belong to the signature
    recipient_lines: frozenset[int] = frozenset()  # line indexes of "Nơi nhận" and its items


def _recipient(t: Text, s: int, e: int, rules: Rules) -> Recipient | None:
    s, e = t.trim(s, e, " -–+•*;,.")
    if s >= e:
        return None
    raw = t.text[s:e]
    if any(p.search(raw) for _, p, _hint in rules.artifact_patterns):
        return None  # an editing leftover, flagged elsewhere, is not a recipient
    note = None
    name_end = e
    m = NOTE.search(raw)
    if m and not ARCHIVE.match(raw):
        note = " ".join(m.group("note").split())
        if SHORT_NOTE.match(note):
            note = note.lower()
        name_end = s + m.start()
    name = t.value(s, name_end)
    if not name:
        return None
    kind = "archive" if ARCHIVE.match(raw) else "copy"
    return Recipient(name=name, note=note, kind=kind, start=s, end=e, text=t.text[s:e])


def _closes_list(item: str) -> bool:
    """The archive line, ended by its full stop ("- Lưu: VT, TĐKT."), is the list's last
    item (a stray item may follow it: "- D:\\KH thi đua", a file's path)."""
    item = item.strip()
    return bool(ARCHIVE.match(LIST_ITEM.sub("", item))) and item.endswith(".")


def _recipients(t: Text, head: Line, rules: Rules) -> tuple[list[Recipient], set[int]]:
    """The items under "Nơi nhận" and the indexes of the lines they use."""
    items: list[tuple[int, int]] = []
    used = {head.index}
    m = RECIPIENTS_LINE.match(head.text)
    rest = head.text[m.end() :] if m else ""
    if rest.strip().startswith(("-", "+")) or ";" in rest:
        items.append((head.start + m.end(), head.end))  # type: ignore[union-attr]
    for ln in t.lines[head.index + 1 :]:
        if ln.is_blank:
            continue
        text = ln.text.strip()
        if items and _closes_list(t.text[items[-1][0] : items[-1][1]]) and not LIST_ITEM.match(text):
            break  # no item wraps past the archive line: the signature follows, or a scan's marks
        if LIST_ITEM.match(text) or ARCHIVE.match(text) or fold(text).startswith("như trên"):
            items.append((ln.start, ln.end))
        elif (
            items
            and not ln.is_upper
            and not NAME.match(text)
            and len(text) < 60
            and not PREFIX_LINE.match(text)
            and not (t.ocr and _title(_clean(text, True), rules, True))  # "u0GEAM ĐỌC": the signer's
        ):
            items[-1] = (items[-1][0], ln.end)  # a wrapped item
        else:
            break
        used.add(ln.index)
    out = [r for s, e in items if (r := _recipient(t, s, e, rules))]
    return out, used


def _not_signer(text: str, rules: Rules) -> bool:
    """The line begins with a word no signer's title or name begins with."""
    folded = bare(" ".join(text.split()))  # without diacritics: OCR's "Nơi nhân" is "Nơi nhận"
    return any(folded.startswith(w) for w in rules.not_signer_folded)


def _is_position(text: str, rules: Rules, ocr: bool = False) -> bool:
    """A signer's title: an upper-case line beginning with a known position, or (not on
    OCR text, where a speck or a seal's letters look the same) any short upper-case line."""
    if not POSITION.match(text) or _not_signer(text, rules):
        return False
    words = text.split()
    if not 1 <= len(words) <= 9 or RECIPIENTS_LINE.match(text):
        return False
    return any(text.startswith(p) for p in rules.signature.positions) or (len(words) <= 6 and not ocr)


def _near_title(text: str, rules: Rules) -> str | None:
    """The known title an OCR line misreads by a letter or two, if one is nearest."""
    # a speck read as a lower-case letter before a word in capitals goes ("u0GEAM" is "GEAM")
    words = [LEADING_SPECK.sub("", NOT_LETTER.sub("", w)) for w in text.split()]
    if not any(NEAR_TITLE_WORD.fullmatch(w) for w in words):
        return None
    letters = bare(" ".join(w for w in words if w))
    if len(letters.replace(" ", "")) < MIN_NEAR_TITLE:
        return None
    found = []
    for title, pattern in rules.cached("signature.near_titles", _titles):
        m = pattern.fullmatch(letters)
        if m is not None:
            found.append((sum(m.fuzzy_counts), title))
    found.sort()
    if not found or (len(found) > 1 and found[0][0] == found[1][0]):
        return None  # none, or two as near: not surely one
    return found[0][1]


def _title(text: str, rules: Rules, ocr: bool) -> str | None:
    """The signer's title the line holds: as written, or on OCR text the known title it misreads.
    On OCR text, titles of signers side by side read as one line ("GIÁM ĐỐC CHỦ TỊCH GLÁM
    ĐÓC CHỦ TỊCH") give the first one's."""
    if _is_position(text, rules, ocr):
        title = " ".join(text.split())
        return _first_of_titles(title, rules) if ocr else title
    return _near_title(text, rules) if ocr else None


def _first_of_titles(title: str, rules: Rules) -> str:
    """ "GIÁM ĐỐC CHỦ TỊCH …" → "GIÁM ĐỐC" when another known title follows the first."""
    # whole titles ("PHÓ CHỦ TỊCH" is one; "PHÓ" alone is a deputy's mark, not a title)
    titles = sorted((p for p in rules.signer_titles if p.split()[-1] != "PHÓ"), key=len, reverse=True)
    first = next((p for p in titles if title == p or title.startswith(p + " ")), None)
    if first is None or first == title:
        return title
    rest = title[len(first) :].strip()
    return first if any(rest.startswith(p) for p in titles) else title


def _name_prefix(text: str, rules: Rules) -> str | None:
    """On OCR text, a name at the start of a line that goes on with something else: the
    annex's title run into it ("Trương Công Minh nS DANH SÁCH …"), or signers side by side
    ("Trương Công Minh Trần Thanh Minh …": the first). A surname, then one to three
    capitalised words, then a word that is no part of it or another surname."""
    words = text.split()
    if len(words) < 3 or fold(words[0]) not in rules.surnames:
        return None
    name = [words[0]]
    for w in words[1:]:
        if len(name) >= 2 and (fold(w) in rules.surnames or len(name) == 4):
            break
        if not NAME_WORD.match(w):
            break
        name.append(w)
    return " ".join(name) if 2 <= len(name) < len(words) else None


def _is_name(text: str, rules: Rules, strict: bool) -> bool:
    if not NAME.match(text) or _not_signer(text, rules):
        return False
    first = fold(text.split()[0])
    if text.isupper():
        return first in rules.surnames
    return first in rules.surnames or not strict


def _clean(line: str, ocr: bool = False) -> str:
    """A line of the block without signed marks and the specks a scan leaves at its ends
    (on OCR text, lone letters at its end too: a seal's or a scribble's)."""
    text = EDGE_SPECKS.sub("", SIGNED_MARK.sub("", line)).strip(" .:")
    text = ACADEMIC_TITLE.sub("", text, count=1) if ACADEMIC_TITLE.match(text) else text
    return LONE_LETTERS_AT_END.sub("", text) if ocr else text


def _name_after(lines: list, skip: set[int], rules: Rules, ocr: bool) -> tuple[Line, str] | None:
    for ln in lines:
        text = _clean(ln.text, ocr)
        if ln.index not in skip and text and _is_name(text, rules, strict=True):
            return ln, " ".join(text.split())
        if ln.index not in skip and text and ocr and (head := _name_prefix(text, rules)):
            return ln, head
    return None


def _name_tail(lines: list, skip: set[int], name: str, rules: Rules) -> tuple[Line, str] | None:
    """The last word of a name that a narrow signature cell wrapped onto the next line
    ("Nguyễn Duy" / "Quang"): one capitalised word alone on it, after a name of two or
    three words."""
    if not 2 <= len(name.split()) <= 3:
        return None
    for ln in lines:
        if ln.is_blank or ln.index in skip:
            continue
        word = ln.text.strip()
        if NAME_TAIL.match(word) and not _not_signer(word, rules):
            return ln, word
        return None
    return None


def _prefix(pm: regex.Match[str], rules: Rules) -> tuple[str | None, str]:
    """(prefix as the contract writes it, whom it signs for) of "KT. GIÁM ĐỐC", "T/M …"."""
    key = pm.group("prefix").upper().replace(" ", "")
    prefix = rules.signer_prefixes.get(key, rules.signer_prefixes.get(key.rstrip(".") + ".", None))
    return prefix, " ".join(pm.group("rest").split())


def _past_noise(
    t: Text, lines: list, read: int, skip: set[int], rules: Rules
) -> tuple[str, Line | None, Line, int] | None:
    """A scribble, a seal or a scan's specks between the title and the name: the block goes
    on only to a name that is surely one, a few lines on. (name, a title line between,
    the name's line, lines read) or None."""
    ahead = _name_after(lines[read : read + MAX_NOISE_LINES], skip, rules, t.ocr)
    if ahead is None:
        return None
    name_line, name = ahead
    between = lines[read : lines.index(name_line)]
    title_line = next((x for x in between if _title(_clean(x.text, t.ocr), rules, t.ocr)), None)
    return name, title_line, name_line, lines.index(name_line) + 1


def _block(t: Text, lines: list, skip: set[int], rules: Rules) -> tuple[Signer | None, list[int], int]:
    """One signature block from the start of ``lines``: (signer, line indexes used, lines read)."""
    prefix = on_behalf = position = name = None
    used: list[int] = []
    read = 0
    for read, ln in enumerate(lines, 1):
        if ln.index in skip or ln.is_blank:
            continue
        text = _clean(ln.text, t.ocr)
        if not text:
            continue
        pm = PREFIX_LINE.match(text)
        if pm and name is None and position is None:
            # "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH": the last prefix is the signer's own
            prefix, on_behalf = _prefix(pm, rules)
            used.append(ln.index)
            continue
        if name is None and _is_name(text, rules, strict=(position is None and prefix is None) or t.ocr):
            name = " ".join(text.split())
            if t.ocr:  # "Trương Công Minh Trần Thanh Minh": two signers' names side by side
                name = _name_prefix(name, rules) or name
            used.append(ln.index)
            break
        if name is None and t.ocr and used and (head := _name_prefix(text, rules)):
            name = head
            used.append(ln.index)
            break
        if position is None and (title := _title(text, rules, t.ocr)):
            position = title
            used.append(ln.index)
            continue
        if used and name is None:
            past = _past_noise(t, lines, read, skip, rules)
            if past is not None:
                name, title_line, name_line, read = past
                if position is None and title_line is not None:  # the title below the scribble
                    position = _title(_clean(title_line.text, t.ocr), rules, t.ocr)
                    used.append(title_line.index)
                used.append(name_line.index)
                break
        if used:
            read -= 1
            break  # the signature block ended without a name
    if not used:
        return None, [], read
    if name is not None:
        tail = _name_tail(lines[read : read + 2], skip, name, rules)
        if tail is not None:
            name = f"{name} {tail[1]}"
            used.append(tail[0].index)
            read = lines.index(tail[0]) + 1
    span = t.span(t.lines[used[0]].start, t.lines[used[-1]].end)
    return Signer(name=name, position=position, prefix=prefix, on_behalf=on_behalf, evidence=span), used, read


def _signer(t: Text, start_line: int, skip: set[int], rules: Rules) -> tuple[Signer | None, tuple[int, ...]]:
    """The signature block; of several side by side, one that is not a recorder's
    (minutes are signed by the recorder, THƯ KÝ, and the chair): the first, if they
    sign for the parties of minutes (ĐD SỞ …, ĐD CÔNG TY …), else the last named, as a joint
    document puts its lead issuer's signer on the right (Decree 30/2020/NĐ-CP,
    Appendix I), read after the left one."""
    lines = list(t.lines[start_line : start_line + SCAN_LINES])
    blocks: list[tuple[Signer, list[int]]] = []
    pos = 0
    while pos < len(lines) and len(blocks) < MAX_BLOCKS:
        signer, used, read = _block(t, lines[pos:], skip, rules)
        if signer is None:
            break
        blocks.append((signer, used))
        pos += max(read, 1)
        if signer.name is None:
            break
    if not blocks:
        return None, ()
    recorders = tuple(fold(r) for r in rules.signature.recorders)
    parties = tuple(fold(p) + " " for p in rules.signature.parties)
    signers = [b for b in blocks if not (b[0].position and fold(b[0].position).startswith(recorders))]
    named = [b for b in signers if b[0].name]
    minutes = any(fold(b[0].position or "").startswith(parties) for b in blocks)
    chosen = (signers[0] if minutes or not named else named[-1]) if signers else blocks[0]
    return chosen[0], tuple(chosen[1])


def _title_beside_recipients(t: Text, head: Line, signer: Signer, rules: Rules) -> Signer:
    """ "Nơi nhận: HIỆU TRƯỞNG": a two-column closing whose columns were read row by row puts
    the signer's title on the recipients' line; the block below it has the name alone."""
    m = RECIPIENTS_LINE.match(head.text)
    if m is None or signer.position is not None:
        return signer
    rest = _clean(head.text[m.end() :], t.ocr)
    pm = PREFIX_LINE.match(rest)
    # a known title only: "Nơi nhận: VBĐT" (an e-office mark) is no signer's title
    title = None if pm else _title(rest, rules, ocr=True)
    if not title:
        return signer
    start = head.start + m.end() + head.text[m.end() :].index(rest[:1])
    end = signer.evidence.end if signer.evidence else head.end
    return signer.model_copy(update={"position": title, "evidence": t.span(start, end)})


def extract_closing(t: Text, body_start: int = 0) -> Closing:
    rules = t.rules
    lines = t.lines
    head = next(
        (ln for ln in lines if ln.start >= body_start and RECIPIENTS_LINE.match(ln.text)),
        None,
    )
    recipients: list[Recipient] = []
    skip: set[int] = set()
    if head is not None:
        recipients, skip = _recipients(t, head, rules)
    # The body ends with "./."; the signature follows it (before or after "Nơi nhận").
    end_marks = list(BODY_END.finditer(t.text, body_start))
    if head is not None:
        before = [m for m in end_marks if m.start() < head.start]
        start_line = t.line_at(before[-1].end()).index + 1 if before else head.index
    elif end_marks:
        start_line = t.line_at(end_marks[0].end()).index + 1
    else:
        start_line = max(t.line_at(body_start).index, len(lines) - 15)
    signer, used = _signer(t, start_line, skip, rules)
    if signer is None and head is not None and t.ocr and not [m for m in end_marks if m.start() < head.start]:
        # a scan whose "./." OCR lost, signed above "Nơi nhận": the lines just above it
        above = max(t.line_at(body_start).index, head.index - ABOVE_RECIPIENTS)
        signer, used = _signer(t, above, skip, rules)
    if head is not None and signer is not None:
        signer = _title_beside_recipients(t, head, signer, rules)
    starts = [ln.start for ln in (head, t.lines[used[0]] if used else None) if ln is not None]
    return Closing(signer, recipients, head is not None, min(starts, default=None), used, frozenset(skip))

"""Documents and annexes a file carries after its own signature.

A signed document may be followed by what it proposes or answers (a draft
decision, the letter it replies to) or by its annexes (a Phụ lục, the list of
those it rewards, the Quy định it issues). Each starts where, past the main
document's closing, one of these begins:

* a header of its own: agency lines above the Quốc hiệu (``CỘNG HÒA XÃ HỘI CHỦ
  NGHĨA VIỆT NAM``) or above a draft's ``DỰ THẢO`` — a ``document``;
* an annex's heading: ``PHỤ LỤC``, ``DANH SÁCH …``, or a type name alone
  (``QUY ĐỊNH``) with ``(Kèm theo …)`` / ``(Ban hành kèm theo …)`` under it — an
  ``annex``.

An attachment runs to the next one or the end of the text. Its type comes from
its title's words, its number and symbol from its own ``Số:`` line (not from the
``Kèm theo Quyết định số …`` that names the main document). The record's header,
signer and flags are the main document's; the attachments are listed, as
sections are, by their extent, with the heading that starts each.
"""

from __future__ import annotations

import regex

from ..record import Attachment
from .agency import QUOC_HIEU
from .header import NUMBER_LINE, normalize_symbol
from .text import Line, Text

V = regex.VERBOSE

# An annex's heading: "PHỤ LỤC II", "Phụ lục", "DANH SÁCH CÁ NHÂN …".
ANNEX_HEAD = regex.compile(r"^[ ]*(?:PHỤ[ ]LỤC|Phụ[ ]lục|DANH[ ]SÁCH|BIỂU[ ]MẪU|Mẫu[ ]số)\b", V)
# "(Kèm theo Quyết định số …)", "(Ban hành kèm theo …)": the line under an annex's title.
ATTACHED_TO = regex.compile(r"^[ ]*\(?[ ]*(?:Ban[ ]hành[ ])?kèm[ ]theo\b", V | regex.IGNORECASE)
DRAFT = regex.compile(r"^[ ]*(?:\(?DỰ[ ]THẢO\)?|Dự[ ]thảo)[ ]*$", V)
MAX_HEADING = 120  # a heading is a line this short at most
# Lower-case running words after an annex's word: a sentence, not a heading ("Phụ lục này được …").
SENTENCE = regex.compile(r"^\S+[ ]\S+[ ](?:này|được|đã|có|là|gồm|kèm)\b", V | regex.IGNORECASE)
HEAD_LINES = 12  # an attachment's header and title are within its first lines
ABOVE_MOTTO = 4  # agency lines above the Quốc hiệu, at most


def _header_start(t: Text, ln: Line, floor: int) -> int:
    """Where a header whose Quốc hiệu is on ``ln`` starts: its agency lines above it."""
    start = ln.start
    for prev in reversed(t.lines[max(0, ln.index - ABOVE_MOTTO) : ln.index]):
        if prev.start < floor or prev.is_blank or not prev.is_upper:
            break
        start = prev.start
    return start


def _annex_heading(t: Text, ln: Line) -> bool:
    """A heading line: "PHỤ LỤC II", "Phụ lục 01: DANH SÁCH …", "QUY ĐỊNH" over "(Ban hành kèm
    theo …)"; not a sentence that begins with the word ("Phụ lục này được bổ sung …")."""
    text = ln.text.strip()
    if ANNEX_HEAD.match(text):
        return (
            len(text) <= MAX_HEADING
            and not text.endswith(".")
            and " | " not in text
            and not SENTENCE.search(text)
        )
    if not ln.is_upper or t.rules.type_for_words(ln.text.strip()) is None:
        return False
    nxt = t.lines[ln.index + 1 : ln.index + 4]
    return any(ATTACHED_TO.match(x.text) for x in nxt)


def _starts(t: Text, after: int) -> list[tuple[int, str]]:
    """(start, kind) of each attachment past ``after``; an annex heading within a few lines
    of a header of its own is that document's title."""
    out: list[tuple[int, str]] = []
    last_line = -HEAD_LINES
    for ln in t.lines[t.line_at(after).index :]:
        if ln.start < after or ln.is_blank or ln.index - last_line < HEAD_LINES:
            continue
        motto = QUOC_HIEU.search(ln.text)
        if motto or DRAFT.match(ln.text):  # a header of its own, or a draft's mark in one
            floor = max(after, out[-1][0] + 1 if out else after)
            alone = not motto or motto.start() == ln.text.find(ln.text.strip())
            out.append((_header_start(t, ln, floor) if alone else ln.start, "document"))
            last_line = ln.index
        elif _annex_heading(t, ln):
            out.append((ln.start, "annex"))
            last_line = ln.index
    return out


def _describe(t: Text, start: int, end: int, kind: str) -> Attachment:
    first = t.line_at(start).index
    lines = [ln for ln in t.lines[first : first + HEAD_LINES] if ln.end <= end]
    number = symbol = dtype = None
    heading = None
    for ln in lines:
        if ATTACHED_TO.match(ln.text) or "kèm theo" in ln.text.lower():
            continue
        own_number = ln.text.lstrip().startswith(("Số", "SỐ", "Sô", "Só"))  # not "… Nghị định số 32/…"
        m = NUMBER_LINE.match(ln.text.lstrip()) if own_number and number is None and symbol is None else None
        if m and kind == "document":
            number = m.group("number")
            symbol = normalize_symbol(m.group("symbol")) if m.group("symbol") else None
            continue
        words = ln.text.strip()
        found = t.rules.type_for_words(words) if ln.is_upper else None
        if found is not None and dtype is None:
            dtype = found.code
            heading = heading or ln
        elif heading is None and words and (kind == "annex" or ANNEX_HEAD.match(words)):
            heading = ln  # an annex's first line; a document's "DANH SÁCH …" under its header
    title_line = heading or t.line_at(start)
    nxt = t.next_nonblank(title_line.index)
    title_end = title_line.end
    if nxt is not None and nxt.end <= end and not nxt.is_upper and not ATTACHED_TO.match(nxt.text):
        title_end = nxt.end if heading is not None and dtype is not None else title_end
    return Attachment(
        kind=kind,  # type: ignore[arg-type]
        type=dtype,
        number=number,
        symbol=symbol,
        title=t.value(title_line.start, title_end),
        heading=t.span(title_line.start, title_end),
        start=start,
        end=end,
    )


def find_attachments(t: Text, closing_lines: list[int]) -> list[Attachment]:
    """The attachments past the main document's closing (its signature and Nơi nhận lines);
    none when it has no closing."""
    if not closing_lines:
        return []
    starts = _starts(t, t.lines[max(closing_lines)].end)
    if not starts:
        return []
    ends = [s for s, _ in starts[1:]] + [len(t.text)]
    out = []
    for (start, kind), end in zip(starts, ends, strict=True):
        s, e = t.trim(start, end, " \n")
        if s < e:
            out.append(_describe(t, s, e, kind))
    return out

"""The normalization steps, each a function from MappedText to MappedText."""

from __future__ import annotations

import itertools
import unicodedata
from dataclasses import dataclass

import regex

from . import patterns as P
from .mapped import MappedText


def line_breaks(t: MappedText) -> MappedText:
    if any(c in t.text for c in P.OTHER_LINE_BREAKS):
        t = t.sub(P.LINE_BREAKS, "\n")
    return t.sub(P.FORM_FEED, "\n\n")


def invisibles(t: MappedText) -> MappedText:
    if not P.ANY_INVISIBLE_CONTROL_OR_SPACE.search(t.text):
        return t
    t = t.sub(P.INVISIBLES, "")
    t = t.sub(P.CONTROLS, "")
    # A tab is a layout gap: it must still look like one to the column reader.
    return t.sub(P.SPACES, lambda m: "    " if m.group() == "\t" else " ")


def nfc(t: MappedText) -> MappedText:
    if unicodedata.is_normalized("NFC", t.text):
        return t
    return t.sub(P.CLUSTER, lambda m: unicodedata.normalize("NFC", m.group()))


def confusables(t: MappedText) -> MappedText:
    if P.ETH.search(t.text):
        t = t.sub(P.ETH, lambda m: P.ETH_AS_D[m.group()])
    if not P.ANY_LOOKALIKE_SCRIPT.search(t.text):
        return t
    table = str.maketrans(P.CONFUSABLES)
    return t.sub(P.MIXED_SCRIPT_WORD, lambda m: unicodedata.normalize("NFC", m.group().translate(table)))


def _move_tone(m: regex.Match[str]) -> str:
    base, *marks = unicodedata.normalize("NFD", m.group("second"))
    first = unicodedata.normalize("NFC", m.group("first") + "".join(marks))
    return first + base


def tone_marks(t: MappedText) -> MappedText:
    """hoà → hòa, thuỷ → thủy, khoẻ → khỏe, Uỷ → Ủy (one placement, by rule)."""
    return t.sub(P.TONE_ON_SECOND_VOWEL, _move_tone)


def canonical_tones(s: str) -> str:
    """The same rule for a plain string (used on values from rule tables)."""
    return P.TONE_ON_SECOND_VOWEL.sub(_move_tone, unicodedata.normalize("NFC", s))


def markdown(t: MappedText) -> MappedText:
    # each pattern only where its mark is in the text at all (a C-speed look)
    if "#" in t.text:
        t = t.sub(P.MD_HEADING, "")
    if any(mark in t.text for mark in P.BULLET_MARKS):
        t = t.sub(P.MD_BULLET, lambda m: m.group("indent") + "-")
    if "*" in t.text or "_" in t.text:
        t = t.sub(P.MD_EMPHASIS, "")
    return t


def _signature_boxes_last(t: MappedText) -> MappedText:
    """Digital-signature boxes moved out of the running text to its end, each a paragraph:
    a portal's box printed mid-page cuts a sentence ("… của / Người ký: … / Chính phủ
    quy định …"), and it is evidence of the signing, read there (extract/esign.py)."""
    boxes = list(P.SIGNATURE_BOX.finditer(t.text))
    if not boxes:
        return t
    parts, pos = [], 0
    for m in boxes:
        parts.append(t.slice(pos, m.start()))
        pos = m.end()
    parts.append(t.slice(pos, len(t.text)))
    for m in boxes:
        at = int(t.origin[m.start()])
        parts.append(MappedText("\n\n", (at, at, at)))
        parts.append(t.slice(m.start(), m.end()))
    return MappedText.join(parts)


def page_furniture(t: MappedText) -> MappedText:
    """Gazette running heads, digital-signature boxes (to the end) and bare page numbers."""
    t = t.sub(P.GAZETTE_HEADER_LINE, "")
    if any(label in t.text for label in P.SIGNATURE_BOX_LABELS):
        t = _signature_boxes_last(t)

    # only white space before a line counts as a blank line before it ("\n12\n…" is "12\n…"
    # once the text's edges are stripped: dropped either way, or normalizing twice differs)
    lead = len(t.text) - len(t.text.lstrip())

    def page_number(m: regex.Match[str]) -> str:
        s, e = m.span()
        text = m.string
        blank_before = s <= lead or text[max(0, s - 2) : s] == "\n\n"
        blank_after = e >= len(text) or text[e] == "\n"
        return "" if (blank_before or blank_after) else m.group()

    return t.sub(P.PAGE_NUMBER_LINE, page_number)


def _edge_or_run(m: regex.Match[str]) -> str:
    s, e = m.span()
    text = m.string
    at_edge = s == 0 or text[s - 1] == "\n" or e == len(text) or text[e] == "\n"
    return "" if at_edge else " "


def whitespace(t: MappedText) -> MappedText:
    """Spaces at a line's edges dropped, runs inside a line made one, runs of blank lines one."""
    t = t.sub(P.EDGE_SPACES_OR_RUN, _edge_or_run)
    return t.sub(P.BLANK_LINE_RUNS, "\n\n")


def _has_lower(s: str) -> bool:
    """Whether ``s`` holds a lower-case letter (what ``any(c.islower() …)`` says, in C)."""
    return not s.isupper() and s.lower() != s.upper()


def _ends_closed(line: str) -> bool:
    return bool(line) and line[-1] in P.CLOSING_CHARS


def _joins(text: str, para_start: int, brk_start: int, brk_end: int) -> bool:
    line_start = text.rfind("\n", 0, brk_start) + 1
    prev_line = text[line_start:brk_start]
    nl = text.find("\n", brk_end)
    next_line = text[brk_end : nl if nl >= 0 else len(text)]
    if _ends_closed(prev_line) or P.STARTS_LIST_ITEM.match(next_line):
        return False
    prev_para = text[para_start:brk_start]
    if not _has_lower(prev_line) or len(prev_para) < 50:
        return False  # a heading, a header line or a short label
    if P.STARTS_LOWER.match(next_line):
        return True
    return (
        bool(P.STARTS_ACRONYM_THEN_LOWER.match(next_line))
        and len(prev_para) >= 100
        and prev_line[-1:].isalpha()
    )


def rejoin_paragraphs(t: MappedText) -> MappedText:
    """Join a paragraph that a page break cut in two ("tránh trùng // lập, chông chéo").

    Breaks are decided in order; the paragraph before a break includes the pieces
    already joined to it, so a paragraph cut twice is joined in one pass.
    """
    para_start = 0

    def repl(m: regex.Match[str]) -> str:
        nonlocal para_start
        if _joins(m.string, para_start, *m.span()):
            return " "
        para_start = m.end()
        return m.group()

    return t.sub(P.PARAGRAPH_BREAK, repl)


@dataclass
class _Paragraph:
    """What the lines joined so far into one paragraph tell, kept as each is added (the
    paragraph is not read again at every break: that was quadratic in its length)."""

    joined_at: int = -1  # the last break joined: a line right after it goes on the paragraph
    lower: bool = False  # a lower-case letter somewhere
    open_parens: int = 0  # "(" not closed yet
    function_word: bool = False  # a line ended with a word no sentence ends with ("của")
    number_word: bool = False  # a line ended with a word announcing a number ("số")

    def add(self, line: str, continues: bool) -> None:
        if not continues:
            self.lower, self.open_parens, self.function_word, self.number_word = False, 0, False, False
        tail = max(0, len(line) - P.ENDING_WORD_CHARS)  # the words looked for are short
        self.lower = self.lower or _has_lower(line)
        self.open_parens += line.count("(") - line.count(")")
        self.function_word = self.function_word or bool(P.ENDS_FUNCTION_WORD.search(line, tail))
        self.number_word = self.number_word or bool(P.ENDS_NUMBER_WORD.search(line, tail))

    def goes_on(self, line: str, next_line: str) -> bool:
        """Whether the break after ``line`` (the paragraph's last line) is a wrap (the caller
        has seen that ``next_line`` opens no list item)."""
        if _ends_closed(line):
            return False
        if next_line[:1].isdigit() and self.number_word:
            return True
        if self.open_parens > 0 or self.function_word:
            return self.lower  # inside a parenthesis, or mid-phrase
        if not self.lower:
            return False  # a header or signature line in capitals, a label
        return bool(P.STARTS_LOWER.match(next_line) or P.STARTS_NUMBER.match(next_line))


def unwrap_lines(t: MappedText) -> MappedText:
    """Join the lines of a paragraph that a page's width wrapped ("người lao // động,
    lập thành tích"): the line does not end a sentence or a heading and the next one
    goes on in lower case (or with the number the line announced). Lines that start
    an item, and lines in capitals, stay lines. Each break becomes one space, so the
    text keeps its length (and its map).

    A break is a wrap candidate where :data:`patterns.LINE_WRAP` matches: a line with a
    last character not in ``CLOSING_CHARS``, then a line that is not empty. The lines
    are walked in one loop (a substitution's callback at every break cost twice as
    much)."""
    lines = t.text.split("\n")
    paragraph = _Paragraph()
    joined: list[int] = []  # lines whose break is a wrap
    line_start = 0
    closing = P.CLOSING_CHARS
    for i, (line, next_line) in enumerate(itertools.pairwise(lines)):
        brk = line_start + len(line)
        if line and next_line and line[-1] not in closing and not P.STARTS_LIST_ITEM.match(next_line):
            paragraph.add(line, continues=paragraph.joined_at == line_start - 1)
            if paragraph.goes_on(line, next_line):
                paragraph.joined_at = brk
                joined.append(i)
        line_start = brk + 1
    if not joined:
        return t
    breaks = ["\n"] * len(lines)
    for i in joined:
        breaks[i] = " "
    breaks[-1] = ""
    return MappedText("".join(x for pair in zip(lines, breaks, strict=True) for x in pair), t.origin)


def edges(t: MappedText) -> MappedText:
    """Strip the whole text (a slice: no pattern to run over it)."""
    start = len(t.text) - len(t.text.lstrip())
    end = len(t.text.rstrip())
    return t if (start, end) == (0, len(t.text)) else t.slice(start, max(start, end))

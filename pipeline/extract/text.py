"""Stage 2, tokenize: the normalized text as lines and paragraphs with offsets.

Every extractor reads the document through a :class:`Text`: the normalized
string, its lines (with offsets), helpers to make spans that index the
record's ``text`` exactly, and the rule tables.
"""

from __future__ import annotations

import bisect
import functools
import unicodedata
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

import regex

from ..record import Span
from ..rules import Rules

T = TypeVar("T")

# Characters trimmed from the edges of an extracted value or span.
EDGE_JUNK = " \t\n;,.:"
UPPER_LINE = regex.compile(r"^[^\p{Ll}]*\p{Lu}[^\p{Ll}]*$")  # letters, all upper case
WS = regex.compile(r"\s+")
END_MARK = regex.compile(r"\./\.?\s*\Z")  # the "./." that ends a document's last sentence


@dataclass(frozen=True, slots=True)
class Line:
    index: int
    start: int
    end: int  # excludes the newline
    text: str

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()

    @property
    def is_upper(self) -> bool:
        return bool(UPPER_LINE.match(self.text))


def last(matches: Iterable[T]) -> T | None:
    """The last of an iterator's items ("the last closing sentence counts")."""
    tail = deque(matches, maxlen=1)
    return tail[0] if tail else None


BARE_TABLE_END = 0x2000  # the Latin letters with diacritics all lie below
BARE_BY_ARRAY = 2_000  # characters from which a look-up array beats str.translate's dict


@functools.cache
def bare_table() -> dict[int, str]:
    """Each Latin letter with diacritics → its base letter, case kept (đ → d), built once."""
    table = {ord("đ"): "d", ord("Đ"): "D"}
    for code in range(0xC0, BARE_TABLE_END):
        ch = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        if len(base) == 1 and base != ch and base.isascii():
            table[code] = base
    return table


@functools.cache
def _bare_codes() -> Any:
    """``bare_table`` as an array indexed by code point (built on first use)."""
    import numpy as np

    codes = np.arange(BARE_TABLE_END, dtype=np.uint32)
    for code, base in bare_table().items():
        codes[code] = ord(base)
    return codes


def bare(s: str) -> str:
    """``s`` without diacritics, letter for letter (a long text through a look-up array:
    str.translate looks each non-ASCII character up in a dict, 4 ms for a law)."""
    if len(s) < BARE_BY_ARRAY:
        return s.translate(bare_table())
    import numpy as np

    codes = np.frombuffer(s.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).copy()
    low = codes < BARE_TABLE_END
    codes[low] = _bare_codes()[codes[low]]
    return codes.tobytes().decode("utf-32-le", "surrogatepass")


def clean_value(s: str) -> str:
    """A value for the record: single spaces, no edge punctuation."""
    return END_MARK.sub("", WS.sub(" ", s).strip(EDGE_JUNK + "/")).strip(EDGE_JUNK)


@dataclass(frozen=True)
class LinePattern:
    """A pattern of a line's start, ``^body`` in multiline mode, sought after each line
    break instead: a literal the engine finds fast, where ``^`` is tried at every character
    (ten times the time); a line starting at the search's start is matched alone. What
    the line holds is the ``line`` group (a match after a break starts at the break)."""

    first: regex.Pattern[str]
    after_break: regex.Pattern[str]

    @classmethod
    def of(cls, body: str, flags: int) -> LinePattern:
        flags |= regex.MULTILINE  # "$" ends a line, as it did after "^"
        if flags & regex.VERBOSE:
            body += "\n"  # a comment on the body's last line ends before the group's ")"
        return cls(regex.compile(rf"(?P<line>{body})", flags), regex.compile(rf"\n(?P<line>{body})", flags))

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> list[regex.Match[str]]:
        """What ``^body`` in multiline mode finds in ``text[start:end]``, in order."""
        end = len(text) if end is None else end
        at_line_start = start == 0 or text[start - 1 : start] == "\n"
        first = self.first.match(text, start, end) if at_line_start else None
        rest = self.after_break.finditer(text, first.end() if first else start, end)
        return [*([first] if first else []), *rest]


@dataclass(frozen=True)
class Text:
    text: str
    rules: Rules
    ocr: bool = False  # read by OCR: what is unsure must be surely one thing to be taken

    @functools.cached_property
    def lines(self) -> tuple[Line, ...]:
        out, pos = [], 0
        for i, raw in enumerate(self.text.split("\n")):
            out.append(Line(i, pos, pos + len(raw), raw))
            pos += len(raw) + 1
        return tuple(out)

    @functools.cached_property
    def bare(self) -> str:
        """The text without diacritics, letter for letter (same length, same case: "Đôn
        đốc" is "Don doc"): what words are matched against where a misread or mistyped mark
        must not matter ("đơn đốc" for "đôn đốc")."""
        return bare(self.text)

    @functools.cached_property
    def _line_starts(self) -> list[int]:
        return [ln.start for ln in self.lines]

    def line_at(self, offset: int) -> Line:
        i = bisect.bisect_right(self._line_starts, offset) - 1
        return self.lines[max(i, 0)]

    def next_nonblank(self, index: int) -> Line | None:
        for ln in self.lines[index + 1 :]:
            if not ln.is_blank:
                return ln
        return None

    def trim(self, start: int, end: int, junk: str = EDGE_JUNK) -> tuple[int, int]:
        """Shrink ``[start, end)`` past whitespace and the given edge characters."""
        while start < end and self.text[start] in junk:
            start += 1
        while end > start and self.text[end - 1] in junk:
            end -= 1
        return start, end

    def span(self, start: int, end: int, *, trim: bool = True) -> Span:
        if trim:
            start, end = self.trim(start, end)
        return Span(start=start, end=end, text=self.text[start:end])

    def value(self, start: int, end: int) -> str:
        return clean_value(self.text[start:end])

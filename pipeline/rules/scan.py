"""A big alternation scanned fast: each alternative on its own, the results merged.

The ``regex`` engine finds a pattern that starts with a literal by a fast search for
that literal, but one alternation of many such patterns (the award forms: "Bằng
khen|Giấy khen|Huân chương|…") loses it and tries every alternative at every
position: measured on the seeds, the award forms' alternation scanned 2.4× slower
than its alternatives one by one. :class:`Alternation` scans each alternative
separately (overlapping matches included) and keeps, left to right, the match the
single alternation would have found: at the leftmost position any alternative
matches, the first alternative in table order.

Two more savings, both exact:

* an alternative that begins with a group of alternatives, ``(?:Nhà giáo|Thầy
  thuốc) nhân dân``, is scanned as one alternative per member (``Nhà giáo nhân
  dân``, ``Thầy thuốc nhân dân``), each with its own literal start;
* an alternative that begins with a literal word is scanned only when the text
  holds that word at all (a C-speed substring test): most documents name few of
  the forms.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import regex

QUANTIFIERS = "?*+{"
META = set("\\()[]{}|?*+.^$#")


# A pattern's tokens: an escape, a character class (whose "|", "(" and "#" are not
# syntax), a verbose-mode comment, any other character. The comment alternative is
# only in the tokenizer of comments; a pattern is scanned for syntax after them.
_ESCAPE_OR_CLASS = r"(?P<escape>\\.)|(?P<cls>\[(?:\\.|[^\]\\])*\])"
SYNTAX_TOKEN = regex.compile(_ESCAPE_OR_CLASS + r"|(?P<char>.)", regex.DOTALL)
COMMENT_TOKEN = regex.compile(_ESCAPE_OR_CLASS + r"|(?P<comment>\#[^\n]*)|(?P<char>.)", regex.DOTALL)


def _syntax(s: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """(index, character, group depth before it) of the characters of a pattern that are
    syntax: escapes (``\\|``) and characters inside a class (``[|(]``) are not."""
    depth = 0
    for m in SYNTAX_TOKEN.finditer(s, start):
        if m.lastgroup == "char":
            c = m.group()
            yield m.start(), c, depth
            depth += (c == "(") - (c == ")")


def _closing(s: str, open_at: int) -> int:
    """Where the group opened at ``open_at`` closes (-1: it does not)."""
    return next((i for i, c, depth in _syntax(s, open_at) if c == ")" and depth == 1), -1)


def _split(body: str) -> list[str]:
    """``body`` cut at its top-level ``|``."""
    cuts = [i for i, c, depth in _syntax(body) if c == "|" and depth == 0]
    bounds = [-1, *cuts, len(body)]
    return [body[a + 1 : b].strip() for a, b in itertools.pairwise(bounds)]


def strip_comments(pattern: str) -> str:
    """A verbose pattern without its ``#`` comments (outside classes, unescaped)."""
    return "".join(m.group() for m in COMMENT_TOKEN.finditer(pattern) if m.lastgroup != "comment")


def alternatives(pattern: str) -> list[str]:
    """The alternatives a pattern tries, in order, with a leading group of alternatives
    distributed: ``(?:A|B(?:x|y))`` → ``["A", "B(?:x|y)"]``; ``(?:A|B)c`` → ``["Ac", "Bc"]``
    (not when a quantifier follows the group)."""
    out = []
    for alt in _split(pattern.strip()):
        close = _closing(alt, 0) if alt.startswith("(?:") else -1
        rest = alt[close + 1 :] if close > 0 else ""
        if close > 0 and rest.lstrip()[:1] not in tuple(QUANTIFIERS):
            inner = alternatives(alt[3:close])
            if len(inner) > 1 or rest.strip():
                out.extend(f"{a}{rest}" for a in inner)
                continue
        out.append(alt)
    return out


def literal_start(pattern: str) -> str:
    """The word every match of ``pattern`` begins with ('' when it does not begin with one)."""
    word = []
    for c in pattern.lstrip():
        if c in META or c.isspace():
            break
        word.append(c)
    if len(word) < len(pattern.lstrip()) and pattern.lstrip()[len(word)] in QUANTIFIERS:
        word = word[:-1]  # "ab?" begins with "a" only
    return "".join(word)


@dataclass(frozen=True)
class Scanner:
    name: str
    pattern: regex.Pattern[str]
    gate: str  # a word every match begins with ('' : always scanned), lower-cased if the pattern ignores case


@dataclass(frozen=True)
class Alternation:
    """Named patterns tried as one alternation ``(?P<a>…)|(?P<b>…)``, in their order."""

    scanners: tuple[Scanner, ...]
    ignore_case: bool

    @classmethod
    def of(cls, named: Sequence[tuple[str, str]], flags: int) -> Alternation:
        ignore_case = bool(flags & regex.IGNORECASE)
        scanners = []
        for name, pattern in named:
            for alt in alternatives(strip_comments(pattern) if flags & regex.VERBOSE else pattern):
                gate = literal_start(alt) if flags & regex.VERBOSE else ""  # (spaces end no word otherwise)
                gate = gate.lower() if ignore_case else gate
                scanners.append(Scanner(name, regex.compile(alt, flags), gate))
        return cls(tuple(scanners), ignore_case)

    def finditer(
        self, text: str, start: int = 0, end: int | None = None
    ) -> Iterator[tuple[str, regex.Match[str]]]:
        """(name, match) left to right, not overlapping, as the alternation would give them."""
        end = len(text) if end is None else end
        seen = text.lower() if self.ignore_case else text
        streams = [
            _tagged(k, s.pattern, text, start, end)
            for k, s in enumerate(self.scanners)
            if not s.gate or s.gate in seen
        ]
        last = start
        for at, k, m in heapq.merge(*streams, key=lambda x: (x[0], x[1])):
            if at >= last and m.end() > at:
                last = m.end()
                yield self.scanners[k].name, m
            elif at >= last:  # an empty match: the alternation would move on by one
                last = at + 1


def _tagged(
    k: int, p: regex.Pattern[str], text: str, start: int, end: int
) -> Iterator[tuple[int, int, regex.Match[str]]]:
    for m in p.finditer(text, start, end, overlapped=True):
        yield m.start(), k, m

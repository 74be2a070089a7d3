"""Text that remembers where each of its characters came from.

Every normalization step rewrites a :class:`MappedText` into a new one. The
``origin`` list holds, for each character of ``text`` (plus one entry for
the end), the offset in the raw input it came from, so a span of the
normalized text can always be traced back to the raw text. Steps may drop,
insert, replace and even reorder characters (columns of a two-column
header are read one after the other); the map stays exact per character.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import regex

Replacement = str | Callable[["regex.Match[str]"], str]


@dataclass(frozen=True, slots=True)
class MappedText:
    text: str
    origin: Sequence[int]  # len(text) + 1 entries, offsets into the raw input

    @classmethod
    def identity(cls, text: str) -> MappedText:
        return cls(text, range(len(text) + 1))  # a range: nothing to build until a step edits

    def __post_init__(self) -> None:
        if len(self.origin) != len(self.text) + 1:
            raise ValueError("origin must have one entry per character plus one for the end")

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the raw input of the normalized span ``[start, end)``."""
        if start >= end:
            return self.origin[start], self.origin[start]
        return self.origin[start], max(self.origin[start:end]) + 1

    def sub(self, pattern: regex.Pattern[str], repl: Replacement) -> MappedText:
        """Replace every match of ``pattern``; replaced characters map onto the match.

        A replacement of the same length as its match maps character by
        character; any other replacement maps every new character to the start
        of the match (insertions and deletions keep the surrounding map). When
        every replacement keeps its length (a line break joined as a space), the
        map is the old one, shared: nothing to copy.
        """
        text = self.text
        fixed = repl if isinstance(repl, str) and "\\" not in repl else None  # no group to expand
        edits: list[tuple[int, int, str]] = []
        same_length = True
        for m in pattern.finditer(text):
            new = fixed if fixed is not None else repl(m) if callable(repl) else m.expand(repl)
            s, e = m.span()
            if len(new) == e - s:
                if text.startswith(new, s):
                    continue  # replaced by itself
            else:
                same_length = False
            edits.append((s, e, new))
        if not edits:
            return self
        pieces: list[str] = []
        pos = 0
        for s, e, new in edits:
            pieces += (text[pos:s], new)
            pos = e
        pieces.append(text[pos:])
        if same_length:
            return MappedText("".join(pieces), self.origin)
        origin: list[int] = []
        old_origin = self.origin
        pos = 0
        for s, e, new in edits:
            origin.extend(old_origin[pos:s])
            if len(new) == e - s:
                origin.extend(old_origin[s:e])
            elif new:
                origin.extend([old_origin[s]] * len(new))
            pos = e
        origin.extend(old_origin[pos:])  # includes the end entry
        return MappedText("".join(pieces), origin)

    @classmethod
    def join(cls, parts: Iterable[MappedText]) -> MappedText:
        """Concatenate pieces cut from texts of the same raw input."""
        text: list[str] = []
        origin: list[int] = []
        last_end = 0
        for p in parts:
            text.append(p.text)
            origin.extend(p.origin[:-1])
            last_end = p.origin[-1]
        return MappedText("".join(text), (*origin, last_end))

    def slice(self, start: int, end: int) -> MappedText:
        return MappedText(self.text[start:end], self.origin[start : end + 1])

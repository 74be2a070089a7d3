"""Text that remembers where each of its characters came from.

Every normalization step rewrites a :class:`MappedText` into a new one. The
``origin`` array holds, for each character of ``text`` (plus one entry for
the end), the offset in the raw input it came from, so a span of the
normalized text can always be traced back to the raw text. Steps may drop,
insert, replace and even reorder characters (columns of a two-column
header are read one after the other); the map stays exact per character.

The map is a numpy array (a ``range`` until a step changes a length): a
substitution that drops or inserts characters builds the new map in one
``numpy.repeat``, not a Python list of every offset (on the 22 text-layer corpus
PDFs, normalization 60 → 54 ms; seed-derived TXT 3 % more records a second).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeAlias

import numpy as np
import numpy.typing as npt
import regex

Replacement = str | Callable[["regex.Match[str]"], str]
# len(text) + 1 offsets into the raw input: a range (nothing edited yet), or an array
Origin: TypeAlias = range | Sequence[int] | npt.NDArray[np.int64]


def as_array(origin: Origin) -> npt.NDArray[np.int64]:
    """The map as an array of offsets (a range made one, an array as it is)."""
    if isinstance(origin, range):
        return np.arange(origin.start, origin.stop, origin.step, dtype=np.int64)
    return np.asarray(origin, dtype=np.int64)


@dataclass(frozen=True, slots=True, eq=False)
class MappedText:
    text: str
    origin: Origin  # len(text) + 1 entries, offsets into the raw input

    @classmethod
    def identity(cls, text: str) -> MappedText:
        return cls(text, range(len(text) + 1))  # a range: nothing to build until a step edits

    def __post_init__(self) -> None:
        if len(self.origin) != len(self.text) + 1:
            raise ValueError("origin must have one entry per character plus one for the end")

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the raw input of the normalized span ``[start, end)``."""
        first = int(self.origin[start])
        if start >= end:
            return first, first
        return first, int(np.max(as_array(self.origin[start:end]))) + 1

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
        return MappedText("".join(pieces), _remapped(as_array(self.origin), edits))

    @classmethod
    def join(cls, parts: Iterable[MappedText]) -> MappedText:
        """Concatenate pieces cut from texts of the same raw input."""
        text: list[str] = []
        origins: list[npt.NDArray[np.int64]] = []
        last_end = 0
        for p in parts:
            text.append(p.text)
            origins.append(as_array(p.origin[:-1]))
            last_end = int(p.origin[-1])
        origins.append(np.array([last_end], dtype=np.int64))
        return MappedText("".join(text), np.concatenate(origins))

    def slice(self, start: int, end: int) -> MappedText:
        return MappedText(self.text[start:end], self.origin[start : end + 1])


def _remapped(old: npt.NDArray[np.int64], edits: list[tuple[int, int, str]]) -> npt.NDArray[np.int64]:
    """The map after ``edits`` (``(start, end, new)``, in order, not overlapping): each old
    offset repeated as many times as the new text has characters from it — once where
    nothing changed or a replacement keeps the length, ``len(new)`` times at the start of
    a replacement that does not (none for the rest of its match), one more time where
    ``new`` is inserted at an empty match."""
    changed = np.array([(s, e, len(new)) for s, e, new in edits if len(new) != e - s], dtype=np.int64)
    starts, ends, lengths = changed[:, 0], changed[:, 1], changed[:, 2]
    inside = np.zeros(len(old) + 1, dtype=np.int64)
    np.add.at(inside, starts, 1)
    np.add.at(inside, ends, -1)
    counts = np.where(np.cumsum(inside[:-1]) > 0, 0, 1)
    np.add.at(counts, starts, lengths)
    return np.repeat(old, counts)

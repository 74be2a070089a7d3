"""Marks a backend leaves in a page's text for what it learnt there, turned into
offsets once the pages are joined and cleaned (which moves and drops characters).

The marks are Unicode noncharacters, which no document contains: around a table
and each of its cells (a PDF's ruled table), and around a word OCR was unsure of.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .base import RawCell, RawMark, RawTable

TABLE_OPEN, TABLE_CLOSE, CELL_OPEN, CELL_CLOSE = "\ufdd0", "\ufdd1", "\ufdd2", "\ufdd3"
UNSURE_OPEN, UNSURE_CLOSE = "\ufdd4", "\ufdd5"
MARKS = regex.compile("[\ufdd0-\ufdd5]")


@dataclass(frozen=True)
class Taken:
    text: str
    tables: tuple[RawTable, ...]
    unsure: tuple[RawMark, ...]  # words OCR was unsure of ("ocr_unsure")


def take_marks(text: str) -> Taken:
    """The text without the marks, the tables with their cells' offsets in it, and the
    words OCR was unsure of.

    A table that goes on at the top of the next page (nothing but the page break
    between, as many columns) is one table.
    """
    out: list[str] = []
    size = 0
    pieces: list[tuple[bool, list[list[RawCell]]]] = []  # (goes on from the one before, rows)
    unsure: list[RawMark] = []
    pos = 0
    last_close = -1
    cell_start = unsure_start = 0
    for m in MARKS.finditer(text):
        piece = text[pos : m.start()]
        out.append(piece)
        size += len(piece)
        pos = m.end()
        mark = m.group()
        if mark == TABLE_OPEN:
            goes_on = last_close >= 0 and not text[last_close : m.start()].strip()
            pieces.append((goes_on, [[]]))
        elif mark == CELL_OPEN:
            cell_start = size
        elif mark == CELL_CLOSE:
            rows = pieces[-1][1]
            rows[-1].append(RawCell(cell_start, size))
            if text[m.end() : m.end() + 1] == "\n":
                rows.append([])
        elif mark == TABLE_CLOSE:
            last_close = m.end()
        elif mark == UNSURE_OPEN:
            unsure_start = size
        elif mark == UNSURE_CLOSE:
            unsure.append(RawMark("ocr_unsure", unsure_start, size))
    out.append(text[pos:])
    tables: list[list[tuple[RawCell, ...]]] = []
    for goes_on, rows in pieces:
        kept = [tuple(r) for r in rows if r]
        if not kept:
            continue
        if goes_on and tables and len(tables[-1][-1]) == len(kept[0]):
            tables[-1].extend(kept)
        else:
            tables.append(kept)
    return Taken("".join(out), tuple(RawTable(tuple(t)) for t in tables), tuple(unsure))

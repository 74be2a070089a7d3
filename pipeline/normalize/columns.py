"""Read two-column blocks of layout text one column after the other.

Text exported with spaces for layout (``pdftotext -layout``, copy-paste from
a PDF viewer) puts the header's two columns side by side on each line::

      UBND TỈNH LÀO CAI             CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
     SỞ CÔNG THƯƠNG                          Độc lập - Tự do - Hạnh phúc
      Số: 1894 /TB-SCT                   Lào Cai, ngày 09 tháng 4 năm 2026

and the closing block puts ``Nơi nhận`` beside the signer. Read line by line
that interleaves the agency with the Quốc hiệu and the recipients with the
signer. This step finds those two blocks (the header down to the date line,
the closing from ``Nơi nhận`` to the end) and rewrites each as its left
column followed by its right column. Everything else is left alone, and the
offset map follows every moved character.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import patterns as P
from .mapped import MappedText

MIN_RIGHT_COLUMN = 20  # a right column starts at least this far from the margin
HEADER_SCAN_LINES = 30  # the date line is within this many lines of the top
CLOSING_MAX_LINES = 24  # a closing block (recipients beside the signer) is at most this long
MIN_SPLIT_ROWS = 2  # a two-column header has two columns on at least this many rows
JOINT_SCAN_LINES = 12  # signers' names side by side are within this many lines of the end
JOINT_MAX_LINES = 10  # and their titles within this many lines above the names


@dataclass(frozen=True, slots=True)
class _Line:
    start: int  # offset of the first character in the text
    text: str


@dataclass(frozen=True, slots=True)
class _Segment:
    start: int  # offset in the text
    column: int  # column on the line
    text: str


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append(_Line(pos, raw))
        pos += len(raw) + 1
    return out


def _segments(line: _Line) -> list[_Segment]:
    """Runs of text on a line separated by wide gaps."""
    segs: list[_Segment] = []
    pos = 0
    for gap in [*P.WIDE_GAP.finditer(line.text), None]:
        end = gap.start() if gap else len(line.text)
        piece = line.text[pos:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip(" "))
            segs.append(_Segment(line.start + pos + lead, pos + lead, piece.strip(" ")))
        if gap:
            pos = gap.end()
    return segs


def _is_name(seg: _Segment) -> bool:
    """The segment is a person's name, maybe after a few specks ("= - Huỳnh Quang Liêm")."""
    return bool(P.PERSON_NAME.match(P.NAME_LEAD.sub("", seg.text)))


def _names_side_by_side(segs: list[_Segment]) -> bool:
    return _is_split(segs) and all(_is_name(s) for s in segs)


def _is_split(segs: list[_Segment]) -> bool:
    return len(segs) >= 2 and segs[-1].column >= MIN_RIGHT_COLUMN


def _reorder(t: MappedText, lines: list[_Line]) -> MappedText | None:
    """The block's left column then its right column, or None if it has no columns."""
    rows = [_segments(ln) for ln in lines]
    split_rows = [r for r in rows if _is_split(r)]
    if not split_rows:
        return None
    boundary = min(r[-1].column for r in split_rows)
    left: list[MappedText] = []
    right: list[MappedText] = []
    for segs in rows:
        for side in (False, True):
            on_side = [s for s in segs if (s.column >= boundary - 4 and s.column >= MIN_RIGHT_COLUMN) == side]
            if on_side:  # pieces of one column on one row ("Số:      /SNV-TĐKT"): one line
                first, last = on_side[0], on_side[-1]
                (right if side else left).append(t.slice(first.start, last.start + len(last.text)))
    newline = MappedText("\n", (lines[0].start, lines[0].start))
    parts: list[MappedText] = []
    for col in (left, right):
        for piece in col:
            parts.extend([piece, newline])
    return MappedText.join(parts)


def _header_block(lines: list[_Line]) -> tuple[int, int] | None:
    """From the top to the date line, if at least two of those rows have two columns."""
    for i, ln in enumerate(lines[:HEADER_SCAN_LINES]):
        if P.DATE_LINE_HINT.search(ln.text):
            split_rows = sum(_is_split(_segments(x)) for x in lines[: i + 1])
            return (0, i) if split_rows >= MIN_SPLIT_ROWS else None
    return None


def _closing_block(lines: list[_Line]) -> tuple[int, int] | None:
    """From ``Nơi nhận`` to the end of the signature, if it stands beside the signer.
    Where OCR could not read ``Nơi nhận`` (a seal over it), from the row whose right
    column opens the signature ("KT. CHỦ TỊCH"), or from the row of two signers' titles
    ("TM. BAN THƯỜNG VỤ …   TỔNG GIÁM ĐỐC"). The block ends at the signer's name, or the
    signers' names side by side, or after a signature's worth of lines: an annex (the
    list of awardees) may follow."""
    start = next(
        (
            i
            for i, ln in enumerate(lines)
            if P.RECIPIENTS_HINT.match(ln.text) and any(_is_split(_segments(x)) for x in lines[i : i + 4])
        ),
        None,
    )
    if start is None:
        start = next(
            (
                i
                for i, ln in enumerate(lines)
                if (segs := _segments(ln))
                and _is_split(segs)
                and any(P.SIGNER_PREFIX_HINT.match(s.text) for s in segs)
            ),
            None,
        )
    if start is None:
        return _side_by_side_signers(lines)
    last = min(len(lines) - 1, start + CLOSING_MAX_LINES)
    for j in range(start + 1, last + 1):  # the signer's name in the right column closes the block
        segs = _segments(lines[j])
        if (
            len(segs) == 1 and segs[0].column >= MIN_RIGHT_COLUMN and _is_name(segs[0])
        ) or _names_side_by_side(segs):
            return start, j
    return start, last


def _side_by_side_signers(lines: list[_Line]) -> tuple[int, int] | None:
    """Signers side by side at the end, with no ``Nơi nhận`` (minutes: the two parties,
    the secretary and the chair): from the row of their titles to the row of their names."""
    for j in range(len(lines) - 1, max(-1, len(lines) - 1 - JOINT_SCAN_LINES), -1):
        segs = _segments(lines[j])
        if not segs:
            continue
        if not _names_side_by_side(segs):
            continue
        start = j
        for i in range(j - 1, max(-1, j - JOINT_MAX_LINES), -1):
            above = _segments(lines[i])
            if above and not _is_split(above):
                break  # the body
            if above:
                start = i
        return (start, j) if start < j else None
    return None


def split_columns(t: MappedText) -> MappedText:
    if "   " not in t.text:
        return t
    lines = _lines(t.text)
    blocks = [b for b in (_header_block(lines), _closing_block(lines)) if b]
    if not blocks:
        return t
    parts: list[MappedText] = []
    pos = 0
    for lo, hi in sorted(blocks):
        start = lines[lo].start
        if start < pos:
            continue  # the two blocks overlap in a very short text: keep the first
        block = _reorder(t, lines[lo : hi + 1])
        if block is None:
            continue
        end = lines[hi].start + len(lines[hi].text)
        parts.append(t.slice(pos, start))
        parts.append(block)
        pos = end + 1 if end < len(t.text) else end
    if not parts:
        return t
    parts.append(t.slice(pos, len(t.text)))
    return MappedText.join(parts)

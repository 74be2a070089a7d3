"""Checks of a document's form (Decree 30/2020/NĐ-CP, Art. 8 and Appendix I), beyond the
contract's core rules: one check function per rule, each rule's data in ``flags.toml``.

* ``number-leading-zero``: a number under 10 is written with a leading zero (``05``);
* ``date-leading-zero``: so are a day under 10 and the months 1 and 2 of the date line;
* ``symbol-year-misplaced``: only legal normative documents carry the year in their
  symbol (``11/2021/QĐ-UBND``); a plan, a công văn or a report does not;
* ``cong-van-summary-missing``: a công văn states its summary after ``V/v``;
* ``archive-copy-missing``: ``Nơi nhận`` ends with the archive copy (``Lưu: VT``);
* ``signer-academic-title``: the signer's name goes without an academic title or degree.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..extract import Findings
from ..extract.signature import ACADEMIC_TITLE
from ..record import Flag
from .checks import make

V = regex.VERBOSE

# The date line's day and month as written: "ngày 5 tháng 3", "ngày 05 tháng 03".
DAY_MONTH = regex.compile(r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\b", V | regex.IGNORECASE)
# A year inside a symbol: "2021/QĐ-UBND", "2024/TT-BNV".
SYMBOL_YEAR = regex.compile(r"(?<!\d)(?:19|20)\d{2}(?=/)")
# The archive copy in Nơi nhận: "Lưu: VT", "Lưu VT, TĐKT", "Lưu: Văn thư".
ARCHIVE_COPY = regex.compile(r"\bLưu\b[:\s,]*[^\n]*?\b(?:VT|Văn\s+thư|VP)\b", V | regex.IGNORECASE)
RECIPIENT_LOOKAHEAD = 30  # lines under "Nơi nhận" where the archive copy may be
SIGNER_LOOKAHEAD = 6  # lines after the signer's last line where a name with a title may stand


def number_leading_zero(f: Findings) -> Iterator[Flag]:
    h = f.header
    if (
        h.number
        and h.number.isdigit()
        and int(h.number) < 10
        and not h.number.startswith("0")
        and h.number_span
    ):
        yield make(f.text.rules, "number-leading-zero", [h.number_span], number=h.number)


def date_leading_zero(f: Findings) -> Iterator[Flag]:
    span = f.header.date_span
    m = DAY_MONTH.search(span.text) if span else None
    if span is None or m is None:
        return
    day, month = m.group("d"), m.group("m")
    parts = []
    if len(day) == 1 and day != "0":
        parts.append(f"ngày {day} (0{day})")
    if len(month) == 1 and month in ("1", "2"):
        parts.append(f"tháng {month} (0{month})")
    if parts:
        yield make(f.text.rules, "date-leading-zero", [span], parts=", ".join(parts))


def symbol_year_misplaced(f: Findings) -> Iterator[Flag]:
    h = f.header
    not_normative = f.text.rules.lexicon.not_normative_types
    if h.symbol and h.type in not_normative and SYMBOL_YEAR.search(h.symbol) and h.number_span:
        yield make(f.text.rules, "symbol-year-misplaced", [h.number_span], symbol=h.symbol, type=h.type)


def cong_van_summary_missing(f: Findings) -> Iterator[Flag]:
    h = f.header
    if h.type == "CV" and h.symbol_type == "CV" and not h.vv and h.number_span:
        yield make(f.text.rules, "cong-van-summary-missing", [h.number_span])


def archive_copy_missing(f: Findings) -> Iterator[Flag]:
    """Looked for in the lines under "Nơi nhận", not only in the items read from them: a
    wrapped item or a name set among them (joint signatures) may end the list early."""
    c = f.closing
    if not c.has_recipients_line or not c.recipients or not c.recipient_lines:
        return  # no Nơi nhận at all is recipients-missing
    head = min(c.recipient_lines)
    below = f.text.lines[head : head + RECIPIENT_LOOKAHEAD]
    if any(ARCHIVE_COPY.search(ln.text) for ln in below):
        return
    last = c.recipients[-1]
    yield make(f.text.rules, "archive-copy-missing", [f.text.span(last.start, last.end)])


def signer_academic_title(f: Findings) -> Iterator[Flag]:
    lines = f.closing.signer_lines
    if not lines:
        return
    t = f.text
    end_line = min(max(lines) + SIGNER_LOOKAHEAD, len(t.lines) - 1)
    start, end = t.lines[min(lines)].start, t.lines[end_line].end
    m = ACADEMIC_TITLE.search(t.text, start, end)
    if m:
        line = t.line_at(m.start())
        yield make(t.rules, "signer-academic-title", [t.span(m.start(), line.end)], title=m.group().strip())


FORM_CHECKS = (
    number_leading_zero,
    date_leading_zero,
    symbol_year_misplaced,
    cong_van_summary_missing,
    archive_copy_missing,
    signer_academic_title,
)

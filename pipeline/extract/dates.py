"""Vietnamese dates at the precision they are written, never guessed.

``ngày 27 tháng 3 năm 2025`` and ``27/3/2025`` are days, ``tháng 6 năm 2023``
and ``tháng 6/2023`` months, ``năm 2023`` a year, ``quý III/2023`` a quarter
(kept as its first and last month). A date line with a blank day or month
(``ngày  tháng 6 năm 2023``) is a month with ``blank_day`` set. A date that
cannot exist (31/4, 29/2/2023, a five-digit year) is found, kept with its
reason and never repaired.

dateparser is not used: it misreads running text (``12 năm`` → 2007).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

import regex

from ..rules.scan import Alternation

V = regex.VERBOSE | regex.IGNORECASE

# --- patterns ------------------------------------------------------------------

_BLANK = r"[ .…_/]*"  # what fills a blank day or month in a draft

# "ngày 27 tháng 3 năm 2025", "ngày  tháng 6 năm 2023", "ngày ... tháng ... năm 2023",
# "27 tháng 03, năm 2025". A day needs "ngày" or a number before "tháng".
DATE_IN_WORDS = (
    r"""
    (?: ngày (?:\s*(?P<d>\d{1,2}))? (?P<blank_d>"""
    + _BLANK
    + r""")
      | (?P<d>\d{1,2})\s+ )
    tháng (?:\s*(?P<m>\d{1,2}))? (?P<blank_m>"""
    + _BLANK
    + r""")
    ,?\s* năm \s*(?P<y>\d{4,5})(?!\d)
"""
)

# "27/3/2025", "27-03-2025", "27.3.2025", OCR's "27 / 3 / 2025": one separator twice.
DATE_NUMERIC = r"""
    (?<![\d/.])
    (?P<d>\d{1,2}) \s?(?P<sep>[/.\-])\s? (?P<m>\d{1,2}) \s?(?P=sep)\s? (?P<y>\d{4,5})
    (?![\d]|[/.]\d)
"""

# "tháng 6 năm 2023", "tháng 6/2023", "tháng 06-2023".
MONTH_YEAR = r"""
    tháng \s+ (?P<m>\d{1,2}) \s* (?:/|-|,?\s+năm\s+) (?P<y>\d{4})(?!\d)
"""

# "quý III/2023", "quý 3 năm 2023".
QUARTER = r"""
    quý \s+ (?P<q>IV|I{1,3}|[1-4]) \s* (?:/|-|\s+năm\s+) (?P<y>\d{4})(?!\d)
"""

# "năm 2023" (the word is required: a bare 2023 is a number).
YEAR_ONLY = r"""
    (?<!\p{L})năm \s+ (?P<y>\d{4})(?!\d)
"""

# A header's date line as OCR may leave it: the day or month handwritten over a
# blank, or misread ("ngày/tZtháng 01 năm 2022", "ngày} tháng Š năm 2021"), the
# words' marks misread ("ngảy", "thảng", "nắm") or a plain text without them
# ("ngay 12 thang 3 nam 2021"). Used only where a date line is expected; what is
# not a number is unreadable, not guessed.
LOOSE_DATE_LINE = regex.compile(
    r"""(?<!\p{L}) (?:ng[àaảáạã]y|NG[ÀAẢÁẠÃ]Y)                 # ngày
        (?P<d>[^\n]{0,8}?)
        (?:t?[^\s\d]?h[áaảàạã]ng|T?[^\s\d]?H[ÁAẢÀẠÃ]NG)          # tháng, "t?háng" with a speck
        (?P<m>[^\n]{0,8}?) ,?\s*
        (?:n[ăaắằẳẵặâấầẩẫậ]m|N[ĂAẮẰẲẴẶÂẤẦẨẪẬ]M) \s*               # năm
        (?P<y>\d{4})(?!\d)""",
    V,
)
BLANK_FIELD = regex.compile(r"[ .…_/]*")
NUMBER_FIELD = regex.compile(r"\s*(\d(?:[ ]?\d)?)\s*")  # "2 5": a handwritten 25 OCR read as two digits

#: Everything above, the most specific first: at one position the first
#: alternative that matches wins.
ANY_DATE = regex.compile(
    r"(?P<words>" + DATE_IN_WORDS + r")"
    r"|(?P<numeric>" + DATE_NUMERIC + r")"
    r"|(?P<month_year>" + MONTH_YEAR + r")"
    r"|(?P<quarter>" + QUARTER + r")"
    r"|(?P<year>" + YEAR_ONLY + r")",
    V,
)

FORMS = ("words", "numeric", "month_year", "quarter", "year")
#: The same alternation, each form scanned on its own (:mod:`pipeline.rules.scan`):
#: the dates of a whole text are found 2.2× faster (measured on the seeds).
ALL_DATES = Alternation.of(
    list(zip(FORMS, (DATE_IN_WORDS, DATE_NUMERIC, MONTH_YEAR, QUARTER, YEAR_ONLY), strict=True)), V
)
ROMAN_QUARTER = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
MIN_YEAR, MAX_YEAR = 1000, 2100


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A date at the precision it was written: a day, a month or a year."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        if self.day and self.month:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        if self.day and self.month:
            return dt.date(self.year, self.month, self.day)
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def surely_before(self, other: PartialDate) -> bool:
        """True only when every day this may be falls before every day the other may be."""
        return self.last_day() < other.first_day()

    def surely_after(self, other: PartialDate) -> bool:
        return self.first_day() > other.last_day()

    @classmethod
    def from_iso(cls, s: str) -> PartialDate:
        parts = [int(p) for p in s.split("-")]
        return cls(*parts)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class DateMatch:
    start: int
    end: int
    text: str
    form: str  # words, numeric, month_year, quarter, year
    date: PartialDate | None  # None when the written date cannot exist
    invalid: str | None = None  # why it cannot exist
    blank_day: bool = False
    blank_month: bool = False
    last: PartialDate | None = None  # the end of a quarter
    unreadable_day: bool = False  # written, but not readable (OCR of a handwritten day)
    unreadable_month: bool = False

    @property
    def iso(self) -> str | None:
        return self.date.iso() if self.date else None


def check(year: int, month: int | None, day: int | None) -> str | None:
    """Why a written date cannot exist, or None if it can."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return f"năm {year} không hợp lệ"
    if month is not None and not 1 <= month <= 12:
        return f"tháng {month} không tồn tại"
    if day is not None:
        if month is None:
            return "có ngày mà không có tháng"
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            return f"tháng {month}/{year} chỉ có {last} ngày"
    return None


def date_match(m: regex.Match[str], offset: int = 0, kind: str | None = None) -> DateMatch:
    """The DateMatch of a match of ANY_DATE (or of the form ``kind`` alone)."""
    kind = kind or next(k for k in FORMS if m.group(k) is not None)
    y = int(m.group("y"))
    start, end = m.start() + offset, m.end() + offset
    if kind == "quarter":
        q = ROMAN_QUARTER[m.group("q").upper()]
        reason = check(y, None, None)
        first = None if reason else PartialDate(y, 3 * q - 2)
        last = None if reason else PartialDate(y, 3 * q)
        return DateMatch(start, end, m.group(), kind, first, reason, last=last)
    d = int(m.group("d")) if kind in ("words", "numeric") and m.group("d") else None
    mo = int(m.group("m")) if kind != "year" and m.group("m") else None
    blank_d = kind == "words" and d is None
    blank_m = kind == "words" and mo is None
    reason = check(y, mo, d)
    date = None if reason else PartialDate(y, mo, d)
    return DateMatch(start, end, m.group(), kind, date, reason, blank_d, blank_m)


def loose_date(text: str, start: int, end: int) -> DateMatch | None:
    """A date line's date where the strict grammar fails on an unreadable day or month."""
    m = LOOSE_DATE_LINE.search(text, start, end)
    if m is None:
        return None
    parts: list[int | None] = []
    state: list[str] = []
    for field in (m.group("d"), m.group("m")):
        num = NUMBER_FIELD.fullmatch(field)
        if num:
            parts.append(int(num.group(1).replace(" ", "")))
            state.append("read")
        else:
            parts.append(None)
            state.append("blank" if BLANK_FIELD.fullmatch(field) else "unreadable")
    d, mo = parts
    if d is not None and mo is None:
        d = None  # a day without its month says nothing
    y = int(m.group("y"))
    reason = check(y, mo, d)
    return DateMatch(
        m.start(),
        m.end(),
        m.group(),
        "words",
        None if reason else PartialDate(y, mo, d),
        reason,
        blank_day=state[0] == "blank",
        blank_month=state[1] == "blank",
        unreadable_day=state[0] == "unreadable",
        unreadable_month=state[1] == "unreadable",
    )


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMatch]:
    """Every date written in ``text[start:end]``, offsets into ``text``."""
    end = len(text) if end is None else end
    return [date_match(m, kind=form) for form, m in ALL_DATES.finditer(text, start, end)]


def parse_date(phrase: str) -> DateMatch | None:
    """The first date in a phrase (offsets into the phrase)."""
    m = ANY_DATE.search(phrase)
    return date_match(m) if m else None

"""Time: the campaign's own period, anniversaries, and dated obligations.

* The period is read where the document sets it: a "Thời gian thi đua" item,
  else a "phát động … từ … đến …" sentence, else the title's ``giai đoạn
  2021 - 2025`` or ``thi đua năm 2022``. ``từ ngày phát động … đến hết ngày
  30/9/2023`` has an unknown start (the launch). A policy period in a decree
  is not a campaign period.
* ``Kỷ niệm 20 năm … (10/11/2003-10/11/2023)`` is an anniversary whose years
  can be checked.
* A deadline is a date after an obligation cue (``trước 05/12/2025``,
  ``chậm nhất ngày …``, ``trong tháng 01 năm 2023``), unless the clause is a
  past fact or a condition (``đã đóng … trước ngày …``).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..record import Anniversary, Deadline, Period
from ..rules import Rules, words_pattern
from .dates import ANY_DATE, DateMatch, PartialDate, date_match
from .text import LinePattern, Text, bare

V = regex.VERBOSE | regex.IGNORECASE

# --- patterns -----------------------------------------------------------------------

# "2. Thời gian thi đua", "1. Thời gian thi đua: Từ ngày …", "Thời gian thực hiện:".
# A "Thời gian thực hiện" heading counts only in a document about a campaign.
TIME_HEADING = LinePattern.of(
    r"""(?:[\dIVXLlH|.]+[.)]\s*|[a-zđ]\)\s*|-\s*)?   # "3.", "III." and as OCR misreads it: "HI."
        Thời\s+gian\s+(?:(?P<campaign>thi\s+đua|phát\s+động)|thực\s+hiện|triển\s+khai|tổ\s+chức)
        [^\n:]{0,40}:?""",
    V,
)
ABOUT_CAMPAIGN = regex.compile(r"thi\s+đua|phong\s+trào", V)
RANGE_FROM = regex.compile(r"(?<!\p{L})từ\s+(?:ngày\s+)?", V)
RANGE_TO = regex.compile(r"\s*(?:đến|tới|-|–)\s+(?:hết\s+)?(?:ngày\s+)?", V)
FROM_LAUNCH = regex.compile(
    r"(?<!\p{L})từ\s+(?:ngày|khi|lúc)?\s*phát\s+động[^.;\n]{0,80}?\s+(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?", V
)
YEARS = regex.compile(r"giai\s+đoạn\s+(?P<a>\d{4})\s*[-–—]\s*(?P<b>\d{4})", V)
# "thi đua năm 2022", not the award "Cờ thi đua năm 2020" nor "Chiến sĩ thi đua năm 2020"
# (a decision granting it names the year it rewards).
CAMPAIGN_YEAR = regex.compile(
    r"(?<!(?:cờ|c[óơ]|chiến\s+s[ĩỹ]|danh\s+hiệu)\s+)thi\s+đua\s+năm\s+(?P<y>\d{4})(?!\s*[-–]\s*\d)", V
)
# A table row written as text: its cells parted by " | " (the DOCX and PDF readers write so).
CELL_SEP = regex.compile(r"[ ]\|(?![^ \n])")
# The column of a task table that says when each task is due.
TIME_COLUMN = regex.compile(
    r"""^(?:thời\s+(?:gian|hạn|điểm)(?:\s+(?:thực\s+hiện|hoàn\s+thành|thực\s+hiện\s+và\s+hoàn\s+thành))?
        | tiến\s+độ(?:\s+(?:thực\s+hiện|hoàn\s+thành))?)$""",
    V,
)
LEAD_COLUMN = regex.compile(r"chủ\s+trì", V)  # the column of the unit in charge
WITHIN_YEAR = regex.compile(r"\s*(?:trong\s+)?năm\s+(?P<y>\d{4})\b", V)  # used with match(text, pos)
# "Phát động Phong trào thi đua đặc biệt từ ngày …": this document launches it (not
# "các phong trào đã được … phát động").
LAUNCH_SENTENCE = regex.compile(
    r"(?<!đã\s|được\s|đã\s+được\s)phát\s+động\s+(?:phong\s+trào|đợt)[^.;\n]*?thi\s+đua", V
)
ANNIVERSARY = regex.compile(
    r"""kỷ\s+niệm\s+(?P<n>\d{1,4})\s+năm\b
        (?:(?!\n\n)[^().;]){0,250}?   # the occasion, over wrapped lines
        \(\s*(?P<a>[^()\n]{0,12}?(?P<ya>\d{4}))\s*[-–—]\s*(?P<b>[^()\n]{0,12}?(?P<yb>\d{4}))\s*\)""",
    V,
)
# Where the clause holding a deadline starts: punctuation, a paragraph, a list item
# (a single line break inside a paragraph may be a wrapped line).
CLAUSE_START = regex.compile(r"[.;:]|\n\n|\n(?=[-–+•]|\d+(?:\.\d+)*[.)]\s|[a-zđ]\)\s)|\s[-–]\s", V)
# A line break after a short line, before a capital: a heading ended there ("1.2. Vật
# tư, vật liệu xây dựng" / "Trong tháng 7/2024 …"), not a wrapped sentence.
AFTER_HEADING = regex.compile(r"(?<=^[^\n]{1,50})\n(?=\p{Lu})", V | regex.MULTILINE)


def _date_at(t: Text, pos: int) -> DateMatch | None:
    m = ANY_DATE.match(t.text, pos)
    return date_match(m) if m else None


def find_range(
    t: Text, start: int, end: int, years: bool = True
) -> tuple[PartialDate | None, PartialDate | None, int, int] | None:
    """The first "từ … đến …" (or, with ``years``, "giai đoạn Y1 - Y2") range in ``[start, end)``."""
    for m in FROM_LAUNCH.finditer(t.text, start, end):
        b = _date_at(t, m.end())
        if b and b.date:
            return None, b.last or b.date, m.start(), b.end
    for m in RANGE_FROM.finditer(t.text, start, end):
        a = _date_at(t, m.end())
        if not a or not a.date:
            continue
        to = RANGE_TO.match(t.text, a.end)
        b = _date_at(t, to.end()) if to else None
        if b and b.date:
            return a.date, b.last or b.date, m.start(), b.end
    m = YEARS.search(t.text, start, end) if years else None
    if m:
        return PartialDate(int(m.group("a"))), PartialDate(int(m.group("b"))), m.start(), m.end()
    return None


def _period(a: PartialDate | None, b: PartialDate | None, t: Text, s: int, e: int) -> Period:
    return Period(start=a.iso() if a else None, end=b.iso() if b else None, evidence=t.span(s, e))


def find_period(t: Text, body_start: int, body_end: int, title_span: tuple[int, int] | None) -> Period | None:
    """The period of the campaign this document launches or implements, if it sets one."""
    about_campaign = bool(title_span and ABOUT_CAMPAIGN.search(t.text, *title_span))
    for h in TIME_HEADING.finditer(t.text, body_start, body_end):
        if not (h.group("campaign") or about_campaign):
            continue
        # the range is on the heading's line or in the paragraphs right after it
        stop = t.text.find("\n\n", h.end())
        stop = t.text.find("\n\n", stop + 2) if stop >= 0 and stop - h.end() < 3 else stop
        stop = body_end if stop < 0 else min(stop, body_end)
        r = find_range(t, h.end(), stop)
        if r:
            return _period(*r[:2], t, r[2], r[3])
        y = WITHIN_YEAR.match(t.text, h.end())
        if y:
            year = PartialDate(int(y.group("y")))
            return _period(year, year, t, h.start(), y.end())
    for s in LAUNCH_SENTENCE.finditer(t.text, body_start, body_end):
        line_end = t.text.find("\n", s.start())
        r = find_range(t, s.start(), body_end if line_end < 0 else line_end, years=False)
        if r:
            return _period(*r[:2], t, r[2], r[3])
    if title_span:
        m = YEARS.search(t.text, *title_span)
        if m:
            return _period(
                PartialDate(int(m.group("a"))), PartialDate(int(m.group("b"))), t, m.start(), m.end()
            )
        m = CAMPAIGN_YEAR.search(t.text, *title_span)
        if m:
            y = PartialDate(int(m.group("y")))
            return _period(y, y, t, m.start(), m.end())
    return None


def find_anniversaries(t: Text) -> list[Anniversary]:
    return [
        Anniversary(
            years=int(m.group("n")),
            start_year=int(m.group("ya")),
            end_year=int(m.group("yb")),
            start=m.start(),
            end=m.end(),
            text=m.group(),
        )
        for m in ANNIVERSARY.finditer(t.text)
    ]


# --- deadlines -------------------------------------------------------------------------


def _deadline_pattern(rules: Rules) -> regex.Pattern[str]:
    cues = words_pattern(rules.lexicon.deadline_cues)
    return regex.compile(
        rf"""(?<!\p{{L}})(?:(?P<cue>{cues})(?:\s+(?:là|đến\s+hết|đến|vào|trong))?\s+(?:ngày\s+)?(?=\d|ngày|tháng|quý)
              | (?P<within>trong|hết|cuối)\s+(?=tháng\s+\d|quý\s))""",
        V,
    )


def _not_deadline(rules: Rules) -> regex.Pattern[str]:
    return regex.compile(rf"(?<!\p{{L}}){words_pattern(rules.lexicon.not_deadline)}(?!\p{{L}})", V)


@dataclass(frozen=True)
class FoundDeadline:
    date: str
    start: int  # the clause that imposes it
    end: int
    responsible: str | None = None  # the unit a task table names beside it


def _clause_start(t: Text, lo: int, pos: int) -> int:
    # one character past ``pos``: a lookahead must see the capital the cue starts with
    ends = [c.end() for c in CLAUSE_START.finditer(t.text, lo, pos + 1) if c.end() <= pos]
    ends += [c.end() for c in AFTER_HEADING.finditer(t.text, lo, pos + 1) if c.end() <= pos]
    return max(ends, default=lo)


def task_verbs(rules: Rules) -> regex.Pattern[str]:
    """The task verbs without diacritics, matched against ``Text.bare`` (a mistyped or
    misread mark does not hide one: "đơn đốc" is "đôn đốc"). Case-sensitive: "Phòng Tổ
    chức cán bộ" is a unit, "tổ chức" a task."""
    verbs = [bare(v) for v in rules.lexicon.task_verbs]
    return regex.compile(rf"(?<!\p{{L}}){words_pattern(verbs)}(?!\p{{L}})", regex.VERBOSE)


def find_deadlines(t: Text, start: int, end: int) -> list[FoundDeadline]:
    pat = t.rules.compiled("periods.deadline", _deadline_pattern)
    negative = t.rules.compiled("periods.not_deadline", _not_deadline)
    verbs = t.rules.compiled("assign.verbs", task_verbs)
    out: list[FoundDeadline] = []
    for m in pat.finditer(t.text, start, end):
        d = _date_at(t, m.end())
        if d is None or d.date is None or d.form == "year":
            continue
        if d.form == "quarter" or (m.group("within") and d.form != "month_year"):
            continue  # a quarter has no ISO form at the precision written (CONTRACT.md)
        clause_start = _clause_start(t, max(start, m.start() - 300), m.start())
        phrase_start = t.text.rfind(",", clause_start, m.start()) + 1 or clause_start
        if negative.search(t.text, max(clause_start, phrase_start), m.start()):
            continue  # a past fact or a condition ("đã đóng … trước ngày …")
        if m.group("within") and not verbs.search(t.bare, clause_start, m.start()):
            continue  # "chỉ số giá trong tháng 7/2024": a month described, not a time limit
        s, e = t.trim(clause_start, d.end)
        out.append(FoundDeadline(date=(d.last or d.date).iso(), start=s, end=e))
    return out


def to_deadlines(t: Text, found: list[FoundDeadline], responsible: list[str | None]) -> list[Deadline]:
    return [
        Deadline(date=f.date, text=t.text[f.start : f.end], start=f.start, end=f.end, responsible=r)
        for f, r in zip(found, responsible, strict=True)
    ]


def _cells(t: Text, start: int, end: int) -> list[tuple[int, int]]:
    """The cells of a table row written as text ("a | b | c"), as trimmed spans."""
    bounds = [start, *(x for m in CELL_SEP.finditer(t.text, start, end) for x in m.span()), end]
    return [t.trim(a, b, " ") for a, b in zip(bounds[::2], bounds[1::2], strict=True)]


def find_table_deadlines(t: Text, start: int, end: int) -> list[FoundDeadline]:
    """Deadlines in the time column of a task table ("Thời gian thực hiện": "Xong trong
    tháng 5/2026", "Trong năm 2026", "trước ngày 01/01/2030"): its place says what a date
    there is, so a year counts; a quarter has no ISO form and "Hằng năm" no date."""
    out: list[FoundDeadline] = []
    col: int | None = None
    lead: int | None = None
    for line in t.lines[t.line_at(start).index :]:
        if line.start < start:
            continue
        if line.end > end:
            break
        if " | " not in line.text:
            col = lead = None
            continue
        cells = _cells(t, line.start, line.end)
        texts = [t.text[a:b] for a, b in cells]
        header = next((i for i, c in enumerate(texts) if TIME_COLUMN.match(c)), None)
        if header is not None:
            col = header
            lead = next((i for i, c in enumerate(texts) if LEAD_COLUMN.search(c)), None)
            continue
        if col is None or col >= len(cells):
            continue
        a, b = cells[col]
        m = ANY_DATE.search(t.text, a, b)
        d = date_match(m) if m else None
        if d is None or d.date is None or d.form == "quarter":
            continue
        unit = texts[lead] if lead is not None and lead < len(texts) and texts[lead] else None
        out.append(FoundDeadline(date=(d.last or d.date).iso(), start=a, end=b, responsible=unit))
    return out

"""The fast alternation scan gives exactly what the single alternation gives."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from pipeline.extract.dates import ALL_DATES, ANY_DATE, FORMS
from pipeline.rules import FLAGS, default_rules
from pipeline.rules.scan import Alternation, alternatives, literal_start, strip_comments

SPLITS = [
    ("a|b", ["a", "b"]),
    ("(?:a|b)", ["a", "b"]),
    ("(?:a|b)c", ["ac", "bc"]),
    ("(?:a|b)?c", ["(?:a|b)?c"]),  # a quantified group is not distributed
    ("(?:a|b)+c", ["(?:a|b)+c"]),
    ("(?:a|(?:b|c)d)e|f", ["ae", "bde", "cde", "f"]),
    ("x(?:a|b)", ["x(?:a|b)"]),  # only a leading group
    (r"[|(]a|\(b|c\)", [r"[|(]a", r"\(b", r"c\)"]),  # escapes and classes hide | and (
    ("(?P<n>a|b)c", ["(?P<n>a|b)c"]),  # a named group is kept whole
]


@pytest.mark.parametrize(("pattern", "expected"), SPLITS)
def test_alternatives(pattern: str, expected: list[str]) -> None:
    assert alternatives(pattern) == expected


LITERALS = [
    (r"Bằng\s+khen", "Bằng"),
    (r"Giải\s+thưởng", "Giải"),
    ("lao động", "lao"),
    ("ab?c", "a"),  # b is optional: the match begins with a only
    ("ab*", "a"),
    (r"(?<![\d/.])\d", ""),
    (r"\d{1,2}", ""),
    ("[Tt]ập", ""),
    ("ngày (?:x)", "ngày"),
]


@pytest.mark.parametrize(("pattern", "expected"), LITERALS)
def test_literal_start(pattern: str, expected: str) -> None:
    assert literal_start(pattern) == expected


def test_comments_are_stripped_before_a_verbose_pattern_is_split() -> None:
    assert strip_comments("a  # x|y (\n|b [#] \\#") == "a  \n|b [#] \\#"
    alt = Alternation.of([("n", "a  # one (or | two\n|b")], regex.VERBOSE)
    assert [s.pattern.pattern.strip() for s in alt.scanners] == ["a", "b"]


WORDS = [
    "Bằng khen", "bằng khen", "Giấy khen", "Tập thể lao động xuất sắc", "Tổ “lao động tiên tiến”",
    "Lao động tiên tiến", "Chiến sĩ thi đua", "Chiến sĩ tiên tiến", "Huân chương Lao động hạng Ba",
    "Huy chương vàng", "Nhà giáo nhân dân", "Nghệ nhân ưu tú", "Cờ thi đua", "Kỷ niệm chương",
    "Giải thưởng Nhà nước", "ngày 12 tháng 3 năm 2025", "12/3/2025", "tháng 6/2023", "quý III/2023",
    "năm 2024", "ngày  tháng 6 năm 2023", "27 tháng 03, năm 2025", "Bà mẹ Việt Nam anh hùng",
    "của", "và", ", ", "\n", "Tổ ", "lao", "2025", "1.2.2025", "Anh hùng Lao động",
]  # fmt: skip


def _combined() -> regex.Pattern[str]:
    forms = default_rules().awards.form
    return regex.compile("|".join(f"(?P<{f.code}>{f.pattern})" for f in forms), FLAGS)


@given(st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join))
def test_award_forms_as_the_single_alternation_finds_them(text: str) -> None:
    combined = _combined()
    want = [
        (next(k for k, v in m.groupdict().items() if v is not None), m.span())
        for m in combined.finditer(text)
    ]
    got = [(name, m.span()) for name, m in default_rules().award_form_scan.finditer(text)]
    assert got == want


@given(st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join))
def test_dates_as_the_single_alternation_finds_them(text: str) -> None:
    want = [(next(k for k in FORMS if m.group(k) is not None), m.span()) for m in ANY_DATE.finditer(text)]
    assert [(name, m.span()) for name, m in ALL_DATES.finditer(text)] == want

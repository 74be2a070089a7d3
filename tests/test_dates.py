"""Vietnamese dates at the precision written (dateparser-style phrase tables)."""

from __future__ import annotations

import pytest

from pipeline.extract.dates import PartialDate, check, find_dates, parse_date

from .conftest import table


def read(phrase: str) -> list[str]:
    return [d.iso or f"!{d.invalid}" for d in find_dates(phrase)]


@pytest.mark.parametrize("row", table("dates.tsv"), ids=lambda r: r[0][:60])
def test_real_phrases(row: list[str]) -> None:
    phrase, *expected = row
    assert read(phrase) == expected


WRITTEN = [
    # day precision, words
    ("ngày 27 tháng 3 năm 2025", "2025-03-27"),
    ("Khánh Hòa, ngày 27 tháng 3 năm 2025", "2025-03-27"),
    ("ngày 07 tháng 4 năm 2014", "2014-04-07"),
    ("ngày 1 tháng 1 năm 2023", "2023-01-01"),
    ("ngày 01 tháng 01 năm 2023", "2023-01-01"),
    ("ngày 31 tháng 12 năm 2023", "2023-12-31"),
    ("ngày 29 tháng 02 năm 2024", "2024-02-29"),
    ("ngày 05 tháng 3, năm 2025", "2025-03-05"),
    ("27 tháng 3 năm 2025", "2025-03-27"),
    ("Ngày 15 tháng 8 năm 2021", "2021-08-15"),
    ("ngày 9 tháng 9 năm 1999", "1999-09-09"),
    ("ngày 02 tháng 9 năm 1945", "1945-09-02"),
    ("ngày 20  tháng 11  năm 2022", "2022-11-20"),
    ("ngày 10\ntháng 11 năm 2021", "2021-11-10"),
    ("ngày 24 tháng 9 năm\n2021", "2021-09-24"),
    # day precision, numbers
    ("14/03/2025", "2025-03-14"),
    ("ngày 28/7/2021", "2021-07-28"),
    ("ngày 1/1/2023", "2023-01-01"),
    ("05/12/2025", "2025-12-05"),
    ("28-01-2022", "2022-01-28"),
    ("12.10.2021", "2021-10-12"),
    ("ngày 16/11 /2013", "2013-11-16"),
    ("ngày 16 / 3 / 2026", "2026-03-16"),
    ("(10/11/2003-10/11/2023)", "2003-11-10"),
    ("trước 05/12/2025", "2025-12-05"),
    ("đến hết ngày 30/9/2023", "2023-09-30"),
    ("ngày 29/2/2024", "2024-02-29"),
    ("31/12/2024;", "2024-12-31"),
    ("ngày 01/7/2025.", "2025-07-01"),
    # month precision
    ("ngày tháng 6 năm 2023", "2023-06"),
    ("ngày  tháng 6 năm 2023", "2023-06"),
    ("ngày ... tháng 6 năm 2023", "2023-06"),
    ("ngày …… tháng 6 năm 2023", "2023-06"),
    ("tháng 6 năm 2023", "2023-06"),
    ("trong tháng 01 năm 2023", "2023-01"),
    ("tháng 6/2023", "2023-06"),
    ("tháng 06-2023", "2023-06"),
    ("tháng 12, năm 2024", "2024-12"),
    ("quý III/2023", "2023-07"),
    ("quý 3 năm 2023", "2023-07"),
    ("quý IV/2024", "2024-10"),
    ("quý I năm 2025", "2025-01"),
    # year precision
    ("ngày tháng năm 2023", "2023"),
    ("ngày ... tháng ... năm 2021", "2021"),
    ("ngày ..../..../2024", None),
    ("năm 2023", "2023"),
    ("trong năm 2023", "2023"),
    ("đến năm 2030", "2030"),
    ("Năm 2025", "2025"),
]


@pytest.mark.parametrize(("phrase", "iso"), WRITTEN, ids=[p for p, _ in WRITTEN])
def test_written_forms(phrase: str, iso: str | None) -> None:
    d = parse_date(phrase)
    if iso is None:
        assert d is None or d.iso is None
    else:
        assert d is not None and d.iso == iso


INVALID = [
    ("31/4/2023", "tháng 4/2023 chỉ có 30 ngày"),
    ("29/2/2023", "tháng 2/2023 chỉ có 28 ngày"),
    ("30/02/2024", "tháng 2/2024 chỉ có 29 ngày"),
    ("12/4/20210", "năm 20210 không hợp lệ"),
    ("15/13/2023", "tháng 13 không tồn tại"),
    ("00/5/2023", "tháng 5/2023 chỉ có 31 ngày"),
    ("ngày 32 tháng 1 năm 2024", "tháng 1/2024 chỉ có 31 ngày"),
    ("ngày 31 tháng 6 năm 2025", "tháng 6/2025 chỉ có 30 ngày"),
    ("ngày 10 tháng 0 năm 2025", "tháng 0 không tồn tại"),
    ("ngày 29 tháng 2 năm 2100", "tháng 2/2100 chỉ có 28 ngày"),
    ("tháng 13/2023", "tháng 13 không tồn tại"),
    ("ngày 1 tháng 1 năm 9999", "năm 9999 không hợp lệ"),
]


@pytest.mark.parametrize(("phrase", "reason"), INVALID, ids=[p for p, _ in INVALID])
def test_impossible_dates_are_found_not_repaired(phrase: str, reason: str) -> None:
    d = parse_date(phrase)
    assert d is not None and d.date is None and d.invalid == reason


NOT_DATES = [
    "24/24",
    "Km26+793",
    "giai đoạn 2021-2025",
    "Kế hoạch 5 năm (2021-2025)",
    "sau 12 năm công tác",
    "Quyết định số 12/2023/QĐ-UBND",
    "Điều 12 của Luật này",
    "Số: 1894 /TB-SCT",
    "tăng 15% so với năm trước",
    "1.800.000 đồng/người",
    "0203/3.840.123",
    "ngày 25 hằng tháng",
    "10h00’ đến 13h30’",
]


@pytest.mark.parametrize("phrase", NOT_DATES)
def test_not_dates(phrase: str) -> None:
    assert read(phrase) == []


def test_blank_parts_are_marked() -> None:
    d = parse_date("ngày tháng năm 2023")
    assert d is not None and d.blank_day and d.blank_month
    d = parse_date("ngày tháng 6 năm 2023")
    assert d is not None and d.blank_day and not d.blank_month
    d = parse_date("ngày 5 tháng 6 năm 2023")
    assert d is not None and not d.blank_day


def test_offsets_point_into_the_text() -> None:
    text = "Thực hiện Chỉ thị số 31-CT/TU ngày 14/03/2025 và ngày 25 tháng 3 năm 2025."
    for d in find_dates(text):
        assert text[d.start : d.end] == d.text


def test_quarter_keeps_its_last_month() -> None:
    d = parse_date("quý III/2023")
    assert d is not None and d.date == PartialDate(2023, 7) and d.last == PartialDate(2023, 9)


COMPARISONS = [
    ("2025-04-14", "2025-03-27", "after"),
    ("2025-03-27", "2025-03-27", "neither"),
    ("2021-07-28", "2021", "neither"),  # within the year: not surely after
    ("2022-01-01", "2021", "after"),
    ("2020-12-31", "2021", "before"),
    ("2023-01", "2023-01-15", "neither"),
    ("2023-02", "2023-01-15", "after"),
    ("2023-06", "2023", "neither"),
    ("2024-02-29", "2024-03", "before"),
]


@pytest.mark.parametrize(("a", "b", "relation"), COMPARISONS)
def test_comparisons_are_sure_or_silent(a: str, b: str, relation: str) -> None:
    x, y = PartialDate.from_iso(a), PartialDate.from_iso(b)
    assert x.surely_after(y) == (relation == "after")
    assert x.surely_before(y) == (relation == "before")


def test_check_accepts_leap_day_and_rejects_common_year() -> None:
    assert check(2024, 2, 29) is None
    assert check(2023, 2, 29) is not None
    assert check(2000, 2, 29) is None
    assert check(1900, 2, 29) is not None

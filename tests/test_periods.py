"""The campaign's own period, anniversaries and deadlines."""

from __future__ import annotations

import pytest

from pipeline.extract.header import extract_header
from pipeline.extract.periods import find_anniversaries, find_deadlines, find_period, find_table_deadlines

from .conftest import make_text


def period(raw: str, rules) -> tuple | None:
    t = make_text(raw, rules)
    h = extract_header(t)
    title = (h.title_span.start, h.title_span.end) if h.title_span else None
    p = find_period(t, h.body_start, len(t.text), title)
    return (p.start, p.end) if p else None


HEAD = "Số: 12/KH-SNV\n\nHà Nội, ngày 05 tháng 01 năm 2023\n\n"

PERIODS = [
    (
        HEAD
        + "KẾ HOẠCH\n\nPhát động thi đua\n\n2. Thời gian thi đua\n\nPhát động Phong trào thi đua đặc biệt từ ngày 01/01/2023 đến ngày 31/12/2023.",
        ("2023-01-01", "2023-12-31"),
    ),
    (
        HEAD
        + "KẾ HOẠCH\n\nPhát động thi đua\n\n1. Thời gian thi đua: Từ ngày phát động đợt thi đua đến hết ngày 30/9/2023.",
        (None, "2023-09-30"),
    ),
    (
        HEAD + "KẾ HOẠCH\n\nPhát động thi đua\n\n3. Thời gian thi đua: từ tháng 3/2023 đến tháng 12/2023.",
        ("2023-03", "2023-12"),
    ),
    (
        HEAD + "KẾ HOẠCH\n\nPhát động thi đua\n\n3. Thời gian thi đua: từ năm 2023 đến năm 2025.",
        ("2023", "2025"),
    ),
    (HEAD + "KẾ HOẠCH\n\nPhát động thi đua\n\nThời gian phát động: trong năm 2023.", ("2023", "2023")),
    (
        HEAD + "KẾ HOẠCH\n\nPhát động thi đua\n\nThời gian thi đua: từ ngày 01/7/2023 đến hết quý IV/2023.",
        ("2023-07-01", "2023-12"),
    ),
    (
        HEAD
        + "KẾ HOẠCH\n\nTổ chức thực hiện phong trào thi đua “Sóc Trăng chung sức”, giai đoạn 2021 - 2025\n\nCăn cứ Kế hoạch.",
        ("2021", "2025"),
    ),
    (HEAD + "KẾ HOẠCH\n\nPhát động phong trào thi đua năm 2022\n\nCăn cứ Kế hoạch.", ("2022", "2022")),
    (
        HEAD
        + "KẾ HOẠCH\n\nPhát động thi đua\n\nPhát động phong trào thi đua từ ngày 15/3/2023 đến ngày 15/6/2023 trong toàn ngành.",
        ("2023-03-15", "2023-06-15"),
    ),
    (
        HEAD
        + "KẾ HOẠCH\n\nPhát động phong trào thi đua\n\n2. Thời gian thực hiện: từ ngày 01/02/2023 đến ngày 30/11/2023.",
        ("2023-02-01", "2023-11-30"),
    ),
    # no period of its own
    (
        HEAD
        + "V/v Phát động phong trào thi đua theo Chỉ thị số 14/CT-UBND\n\nThực hiện Kế hoạch 5 năm (2021-2025); các phong trào đã được phát động trong giai đoạn 2015-2020.",
        None,
    ),
    (
        HEAD
        + "QUYẾT ĐỊNH\nQuy định chính sách hỗ trợ\n\n2. Thời gian thực hiện giảm mức đóng: 12 tháng, kể từ ngày 01 tháng 10 năm 2021 đến hết ngày 30 tháng 9 năm 2022.",
        None,
    ),
    (HEAD + "KẾ HOẠCH\n\nTriển khai Chỉ thị\n\nxây dựng tỉnh đến năm 2030, tầm nhìn đến năm 2045.", None),
    # the period in a section of its own, its numeral misread by OCR (emu_013)
    (
        HEAD + "CHỈ THỊ\n\nVề việc phát động đợt thi đua đặc biệt\n\nII. KHẨU HIỆU ĐỢT THI ĐUA\n\n"
        "HI. THỜI GIAN THI ĐUA\nTừ ngày 01/10/2021 đến hết ngày 31/12/2021.\nIV. THƯỞNG KẾT QUẢ THI ĐUA",
        ("2021-10-01", "2021-12-31"),
    ),
    (
        HEAD
        + "KẾ HOẠCH\n\nPhát động thi đua\n\nIII. THỜI GIAN THI ĐUA\n\nTừ ngày 15/3/2023 đến ngày 15/9/2023.",
        ("2023-03-15", "2023-09-15"),
    ),
    # a decision granting an award names the year it rewards: no period of its own (emu_018)
    (HEAD + "QUYẾT ĐỊNH\nVề việc tặng thưởng Cờ thi đua năm 2020 của Ủy ban nhân dân tỉnh\n\nĐiều 1.", None),
    (HEAD + "QUYẾT ĐỊNH\nVề việc tặng thương Có thi đua năm 2020 của Ủy ban\n\nĐiều 1.", None),
    (HEAD + "QUYẾT ĐỊNH\nVề việc công nhận danh hiệu Chiến sĩ thi đua năm 2022\n\nĐiều 1.", None),
    (HEAD + "KẾ HOẠCH\nPhát động phong trào thi đua năm 2023\n\nI. MỤC ĐÍCH", ("2023", "2023")),
]


@pytest.mark.parametrize(("raw", "expected"), PERIODS, ids=range(len(PERIODS)))
def test_periods(raw: str, expected, rules) -> None:
    assert period(raw, rules) == expected


def deadlines(raw: str, rules) -> list[str]:
    t = make_text(raw, rules)
    return [d.date for d in find_deadlines(t, 0, len(t.text))]


DEADLINES = [
    ("báo cáo kết quả về Sở (qua Văn phòng Sở) trước 05/12/2025.", ["2025-12-05"]),
    ("gửi báo cáo trước ngày 15/01/2026.", ["2026-01-15"]),
    ("hoàn thành trước ngày 30 tháng 6 năm 2024.", ["2024-06-30"]),
    ("phát động phong trào thi đua trong tháng 01 năm 2023 và tổ chức triển khai", ["2023-01"]),
    ("Chậm nhất đến hết ngày 20 tháng 10 năm 2021, cơ quan bảo hiểm xã hội hoàn thành", ["2021-10-20"]),
    ("thời gian hoàn thành chậm nhất vào ngày 31 tháng 12 năm 2021.", ["2021-12-31"]),
    ("nộp hồ sơ chậm nhất là ngày 10/11/2024.", ["2024-11-10"]),
    ("gửi về Ban Thi đua - Khen thưởng chậm nhất ngày 5/12/2023;", ["2023-12-05"]),
    ("tổng kết trong quý IV/2023", []),  # a quarter has no ISO form at the precision written
    ("xử lý dứt điểm các hành vi vi phạm xong trong quý II năm 2026.", []),
    ("hạn chót ngày 30/9/2023", ["2023-09-30"]),
    ("Thời hạn: trước ngày 31/3/2025", ["2025-03-31"]),
    # not deadlines
    ("đã tham gia bảo hiểm thất nghiệp trước ngày 01 tháng 7 năm 2025", []),
    ("người lao động đang tham gia bảo hiểm thất nghiệp trước ngày 01 tháng 10 năm 2021", []),
    ("Giấy phép có giá trị kể từ ngày ký đến hết ngày 05 tháng 7 năm 2031.", []),
    ("Từ ngày phát động đợt thi đua đến hết ngày 30/9/2023.", []),
    ("tổ chức tổng kết Phong trào thi đua vào năm 2025.", []),
    ("các sự kiện chính trị quan trọng của tỉnh trong năm 2023", []),
    ("sinh trước ngày 01/01/1960", []),
    ("báo cáo trước ngày 31/4/2026", []),
    # a month described under a heading whose words hold a task verb (adm_002)
    ("1.2. Vật tư, vật liệu xây dựng\nTrong tháng 7/2024 giá xăng dầu có 4 lần điều chỉnh giá.", []),
    # a wrapped line starting in capitals does not cut the clause (adm_005)
    (
        "bổ sung nội dung chương trình khuyến mại đã được xây dựng trên Cổng\nDịch vụ công của tỉnh lên Cổng "
        "Dịch vụ công Quốc gia theo yêu cầu của Văn phòng\nChính phủ trước ngày 10/10/2020",
        [],
    ),
]


@pytest.mark.parametrize(("raw", "expected"), DEADLINES, ids=[r[:50] for r, _ in DEADLINES])
def test_deadlines(raw: str, expected: list, rules) -> None:
    assert deadlines(raw, rules) == expected


def test_deadline_span_is_the_clause(rules) -> None:
    t = make_text("2. Các phòng báo cáo kết quả triển khai về Văn phòng Sở trước 05/12/2025.", rules)
    (d,) = find_deadlines(t, 0, len(t.text))
    assert t.text[d.start : d.end] == "Các phòng báo cáo kết quả triển khai về Văn phòng Sở trước 05/12/2025"


ANNIVERSARIES = [
    ("Kỷ niệm 20 năm Ngày thành lập Sở (10/11/2003-10/11/2023)", (20, 2003, 2023)),
    ("Kỷ niệm 370 năm hình thành và phát triển tỉnh Khánh Hòa (1653-2023)", (370, 1653, 2023)),
    ("kỷ niệm 50 năm Ngày thành lập ngành (1975-2026)", (50, 1975, 2026)),
    ("Kỷ niệm 80 năm Cách mạng tháng Tám (19/8/1945 – 19/8/2025)", (80, 1945, 2025)),
]


@pytest.mark.parametrize(("raw", "expected"), ANNIVERSARIES)
def test_anniversaries(raw: str, expected: tuple, rules) -> None:
    (a,) = find_anniversaries(make_text(raw, rules))
    assert (a.years, a.start_year, a.end_year) == expected


def test_anniversary_without_years_is_not_checked(rules) -> None:
    assert find_anniversaries(make_text("chào mừng Kỷ niệm 20 năm Ngày thành lập Sở.", rules)) == []


TASK_TABLE = (
    "Phụ lục\n\nTT | Tên nhiệm vụ | Sở, ngành chủ trì tham mưu | Đơn vị phối hợp | Thời gian thực hiện | Ghi chú\n"
    "| (1) | (2) | (3) | (4) | (5)\n"
    "1 | Tổ chức quán triệt Chỉ thị | Các Sở, ban, ngành | UBND các xã | Xong trong Quý II/2026 |\n"
    "2 | Rà soát phương án quản lý khoáng sản | Sở Nông nghiệp và Môi trường | Các Sở | Xong trong tháng 5/2026 |\n"
    "3 | Rà soát quy hoạch khoáng sản | Sở Nông nghiệp và Môi trường | Các Sở | Trong năm 2026 |\n"
    "4 | Lắp đặt camera giám sát | Sở Công Thương | UBND các xã | Xong trước ngày 01/01/2030 |\n"
    "5 | Kiểm tra định kỳ | Sở Công Thương | UBND các xã | Hằng năm |\n"
    "\nSố liệu | 2025 | 2026\nDoanh thu | 12 | 14\n"
)


def test_deadlines_in_the_time_column_of_a_task_table(rules) -> None:
    """A task table's "Thời gian thực hiện" column (adm_032): a year counts there; a quarter
    and "Hằng năm" give none; a table without such a column gives none."""
    t = make_text(TASK_TABLE, rules)
    got = [(d.date, t.text[d.start : d.end], d.responsible) for d in find_table_deadlines(t, 0, len(t.text))]
    assert got == [
        ("2026-05", "Xong trong tháng 5/2026", "Sở Nông nghiệp và Môi trường"),
        ("2026", "Trong năm 2026", "Sở Nông nghiệp và Môi trường"),
        ("2030-01-01", "Xong trước ngày 01/01/2030", "Sở Công Thương"),
    ]

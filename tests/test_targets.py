"""Participants and targets read from the section tree; assignments from Tổ chức thực hiện."""

from __future__ import annotations

import pytest

from pipeline.extract.assignments import find_assignments, responsible_for
from pipeline.extract.periods import find_deadlines
from pipeline.extract.sections import build_tree
from pipeline.extract.targets import find_participants, find_targets

from .conftest import make_text

CRITERIA = """IV. TIÊU CHÍ THI ĐUA

1. Tiêu chí thi đua

1.1. Đối với tập thể

- Hưởng ứng và phát động đợt thi đua đặc biệt thiết thực, hiệu quả.

- 100% đơn vị đăng ký thi đua.

2. Đối với cá nhân

- Có đăng ký chỉ tiêu thi đua, đăng ký sáng kiến.

- Có ít nhất 02 sáng kiến được công nhận.

V. TỔ CHỨC THỰC HIỆN

1. Văn phòng Sở có trách nhiệm theo dõi, đôn đốc, kiểm tra việc thực hiện Kế hoạch này.

2. Giao Trung tâm Công nghệ thông tin đăng tải kế hoạch trên Cổng thông tin điện tử của Sở.

3. Các phòng, đơn vị trực thuộc Sở báo cáo kết quả về Văn phòng Sở trước 05/12/2025.

4. Sở Nội vụ:

a) Hướng dẫn các đơn vị đăng ký thi đua;

b) Tổng hợp kết quả.
"""


def test_targets_by_whom_they_apply_to(rules) -> None:
    t = make_text(CRITERIA, rules)
    nodes = build_tree(t, 0, len(t.text))
    got = [(x.kind, x.applies_to, x.quantity, x.text) for x in find_targets(t, nodes)]
    assert got == [
        ("tieu_chi", "tap_the", None, "Hưởng ứng và phát động đợt thi đua đặc biệt thiết thực, hiệu quả"),
        ("chi_tieu", "tap_the", "100%", "100% đơn vị đăng ký thi đua"),
        ("tieu_chi", "ca_nhan", None, "Có đăng ký chỉ tiêu thi đua, đăng ký sáng kiến"),
        ("chi_tieu", "ca_nhan", "ít nhất 02 sáng kiến", "Có ít nhất 02 sáng kiến được công nhận"),
    ]


def test_an_applies_to_item_without_children_is_itself_a_target(rules) -> None:
    t = make_text(
        "III. ĐỐI TƯỢNG, TIÊU CHÍ THI ĐUA, HÌNH THỨC KHEN THƯỞNG\n\n1. Đối tượng, tiêu chí thi đua\n\n"
        "a) Đối với tập thể các phòng, đơn vị\n\n- Hoàn thành đúng tiến độ;\n\n"
        "b) Đối với cá nhân là công chức, viên chức nỗ lực hoàn thành nhiệm vụ được giao, có sáng kiến;\n\n"
        "2. Hình thức và tiêu chuẩn khen thưởng\n\na) Hình thức khen thưởng\n\n- Giấy khen.",
        rules,
    )
    got = [(x.applies_to, x.text) for x in find_targets(t, build_tree(t, 0, len(t.text)))]
    assert got == [
        ("tap_the", "Hoàn thành đúng tiến độ"),
        (
            "ca_nhan",
            "Đối với cá nhân là công chức, viên chức nỗ lực hoàn thành nhiệm vụ được giao, có sáng kiến",
        ),
    ]


NO_TARGETS = [
    "II. NHIỆM VỤ\n\n1. Mục tiêu, tiêu chí thi đua phải cụ thể, rõ ràng, dễ nhớ, dễ thực hiện và dễ kiểm tra trong từng cơ quan.\n\n- gạch",
    # figures in a report are results, not targets
    "1. Kết quả thực hiện nhiệm vụ năm 2022 so với kế hoạch, kết quả đạt được:\n"
    "- Doanh thu tăng 5%;\n- Lợi nhuận tăng 7%;\n- Nộp ngân sách đạt 100%.\n",
]


@pytest.mark.parametrize("raw", NO_TARGETS, ids=range(len(NO_TARGETS)))
def test_no_targets_outside_criteria(raw: str, rules) -> None:
    t = make_text(raw, rules)
    assert find_targets(t, build_tree(t, 0, len(t.text))) == []


def test_participants(rules) -> None:
    t = make_text(
        "II. ĐỐI TƯỢNG, NỘI DUNG\n\n1. Đối tượng\n\n1.1. Tập thể: Sở Tài nguyên và Môi trường; các phòng.\n\n"
        "1.2. Cá nhân: Công chức, viên chức và người lao động.\n\n2. Nội dung\n\n1. Xây dựng.",
        rules,
    )
    got = [(p.applies_to, p.text) for p in find_participants(t, build_tree(t, 0, len(t.text)))]
    assert got == [
        ("tap_the", "Sở Tài nguyên và Môi trường; các phòng"),
        ("ca_nhan", "Công chức, viên chức và người lao động"),
    ]
    t = make_text("III. KHEN THƯỞNG\n\n1. Đối tượng\n\nCác tập thể, cá nhân có thành tích xuất sắc.", rules)
    (p,) = find_participants(t, build_tree(t, 0, len(t.text)))
    assert p.applies_to is None and p.text == "Các tập thể, cá nhân có thành tích xuất sắc"


def test_assignments_and_responsible_units(rules) -> None:
    t = make_text(CRITERIA, rules)
    nodes = build_tree(t, 0, len(t.text))
    dl = find_deadlines(t, 0, len(t.text))
    got = [(a.unit, a.task, a.deadline) for a in find_assignments(t, nodes, dl)]
    assert got == [
        ("Văn phòng Sở", "có trách nhiệm theo dõi, đôn đốc, kiểm tra việc thực hiện Kế hoạch này", None),
        ("Trung tâm Công nghệ thông tin", "đăng tải kế hoạch trên Cổng thông tin điện tử của Sở", None),
        ("Các phòng, đơn vị trực thuộc Sở", "báo cáo kết quả về Văn phòng Sở trước 05/12/2025", "2025-12-05"),
        ("Sở Nội vụ", "Hướng dẫn các đơn vị đăng ký thi đua", None),
        ("Sở Nội vụ", "Tổng hợp kết quả", None),
    ]
    (d,) = dl
    assert responsible_for(t, d, nodes) == "Các phòng, đơn vị trực thuộc Sở"


def test_a_task_is_not_a_unit(rules) -> None:
    t = make_text(
        "IV. TỔ CHỨC THỰC HIỆN\n\n1. Tổ chức thực hiện có hiệu quả phong trào.\n\n2. Phòng Tổ chức cán bộ tham mưu.",
        rules,
    )
    got = [(a.unit, a.task) for a in find_assignments(t, build_tree(t, 0, len(t.text)), [])]
    assert got == [("Phòng Tổ chức cán bộ", "tham mưu")]


# --- criteria on real documents: the classes the shared corpus showed (emu_012, emu_013, emu_034)

STANDARDS = """II. TIÊU CHUẨN DANH HIỆU THI ĐUA ĐỐI VỚI CÁ NHÂN
Danh hiệu thi đua đối với cá nhân gồm: Lao động tiên tiến; Chiến sĩ thi đua cơ sở.
1. Danh hiệu "Lao động tiên tiến"
1.1. Tiêu chuẩn 1: Hoàn thành tốt nhiệm vụ được giao, đạt năng suất cao
- Đối với giáo viên:
- Dạy đủ số tiết theo quy định của nhà trường.
Cán bộ quản lý phải bảo đảm các tiêu chí như giáo viên. Dự giờ đồng nghiệp từ 08 giờ trở lên.
1.2. Tiêu chuẩn 2: Có đạo đức, lối sống lành mạnh
2. Danh hiệu "Chiến sĩ thi đua cơ sở"
Danh hiệu được xét tặng hằng năm cho cá nhân đạt các tiêu chuẩn sau:
- Đạt danh hiệu "Lao động tiên tiến";
- Có sáng kiến được công nhận.
3. Danh hiệu "Chiến sĩ thi đua toàn quốc"
Thực hiện theo quy định của Luật Thi đua, khen thưởng.
III. HÌNH THỨC, ĐỐI TƯỢNG VÀ TIÊU CHUẨN KHEN THƯỞNG
1. Giấy khen
1.1. Giấy khen để tặng cho tập thể đạt một trong các tiêu chuẩn sau:
a) Có thành tích xuất sắc được bình xét trong phong trào thi đua;
b) Lập được thành tích đột xuất.
1.2. Số lượng khen thưởng: do Hội đồng Thi đua, khen thưởng xem xét, quyết định.
1.3. Tỷ lệ trình khen thưởng:
a) Đối với tập thể: không quá 20%.
"""


def test_a_regulation_of_standards(rules) -> None:
    """Each standard's statement, each item after "đạt các tiêu chuẩn sau:", each paragraph of
    an item; never an item that only names a sub-list, a quota, or a part that only refers on."""
    t = make_text(STANDARDS, rules)
    got = [(x.applies_to, x.text) for x in find_targets(t, build_tree(t, 0, len(t.text)))]
    assert got == [
        ("ca_nhan", "Hoàn thành tốt nhiệm vụ được giao, đạt năng suất cao"),
        ("ca_nhan", "Dạy đủ số tiết theo quy định của nhà trường"),
        (
            "ca_nhan",
            "Cán bộ quản lý phải bảo đảm các tiêu chí như giáo viên. Dự giờ đồng nghiệp từ 08 giờ trở lên",
        ),
        ("ca_nhan", "Có đạo đức, lối sống lành mạnh"),
        ("ca_nhan", 'Đạt danh hiệu "Lao động tiên tiến"'),
        ("ca_nhan", "Có sáng kiến được công nhận"),
        ("tap_the", "Có thành tích xuất sắc được bình xét trong phong trào thi đua"),
        ("tap_the", "Lập được thành tích đột xuất"),
    ]


LAUNCH = """1. Chủ động triển khai thắng lợi các mục tiêu và nhiệm vụ trọng tâm năm 2022.
Tập trung huy động nguồn lực để thúc đẩy sản xuất, kinh doanh nhằm thực hiện:
- Hoàn thành vượt mức chỉ tiêu kế hoạch được giao;
- Chênh lệch thu chi tăng trên 5% so với năm 2021;
: Tổng doanh thu tăng trên 4% so với năm 2021,
Trong đó:
- Dịch vụ di động tăng trên 2%;
-Thực hiện tốt công tác an toàn, vệ sinh lao động;
- Đảm bảo 100% việc làm cho người lao động.
2. Đẩy mạnh phong trào sáng kiến, sáng tạo trong toàn đơn vị.
"""


def test_quantified_targets_after_a_sentence_of_aim(rules) -> None:
    """A list of figures to reach after "nhằm thực hiện:", with the dashes OCR misread."""
    t = make_text(LAUNCH, rules)
    got = [(x.kind, x.applies_to, x.text) for x in find_targets(t, build_tree(t, 0, len(t.text)))]
    assert got == [
        ("tieu_chi", None, "Hoàn thành vượt mức chỉ tiêu kế hoạch được giao"),
        ("chi_tieu", None, "Chênh lệch thu chi tăng trên 5% so với năm 2021"),
        ("chi_tieu", None, "Tổng doanh thu tăng trên 4% so với năm 2021,\nTrong đó"),
        ("chi_tieu", None, "Dịch vụ di động tăng trên 2%"),
        ("tieu_chi", None, "Thực hiện tốt công tác an toàn, vệ sinh lao động"),
        ("chi_tieu", None, "Đảm bảo 100% việc làm cho người lao động"),
    ]


def test_criteria_for_units_apply_to_collectives(rules) -> None:
    """ "Đối với các địa bàn…", "khối tập trung…", "Toàn thể các đơn vị…": criteria for units."""
    t = make_text(
        "I. MỤC TIÊU THI ĐUA\nToàn thể các đơn vị trong Tập đoàn cùng thi đua thực hiện thắng lợi mục tiêu kép:\n"
        "- Phấn đấu hoàn thành các chỉ tiêu kế hoạch năm 2021.\n"
        "II. THƯỞNG KẾT QUẢ THI ĐUA\n1. Tiêu chí xét khen thưởng:\n"
        "1.1. Đối với các địa bàn tỉnh, thành phố.\na) Hoàn thành chỉ tiêu lợi nhuận;\n"
        "1.2. Đối với khối tập trung của Tổng công ty.\na) Hoàn thành chỉ tiêu doanh thu.\n",
        rules,
    )
    got = [(x.applies_to, x.text) for x in find_targets(t, build_tree(t, 0, len(t.text)))]
    assert got == [
        ("tap_the", "Phấn đấu hoàn thành các chỉ tiêu kế hoạch năm 2021"),
        ("tap_the", "Hoàn thành chỉ tiêu lợi nhuận"),
        ("tap_the", "Hoàn thành chỉ tiêu doanh thu"),
    ]

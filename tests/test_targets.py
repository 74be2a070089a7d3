"""Participants and targets read from the section tree; assignments from Tổ chức thực hiện."""

from __future__ import annotations

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


def test_no_targets_outside_criteria(rules) -> None:
    t = make_text(
        "II. NHIỆM VỤ\n\n1. Mục tiêu, tiêu chí thi đua phải cụ thể, rõ ràng, dễ nhớ, dễ thực hiện và dễ kiểm tra trong từng cơ quan.\n\n- gạch",
        rules,
    )
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

"""The section tree, its extents, and numbering gaps."""

from __future__ import annotations

import pytest

from pipeline.extract.sections import build_tree, numbering_gaps, ordinal, roman_value, section_path, walk

from .conftest import make_text


def tree(raw: str, rules):
    t = make_text(raw, rules)
    return t, build_tree(t, 0, len(t.text))


def shape(nodes) -> list:
    return [(n.label, n.title, shape(n.children)) if n.children else (n.label, n.title) for n in nodes]


def test_roman_parts_with_items(rules) -> None:
    _, nodes = tree(
        "I. MỤC ĐÍCH YÊU CẦU\n\n1. Mục đích\n\na) Thông qua phong trào.\n\nb) Nhằm tạo khí thế.\n\n"
        "2. Yêu cầu\n\na) Việc triển khai.\n\nII. TỔ CHỨC THỰC HIỆN:\n\n1. Các phòng chủ động.",
        rules,
    )
    assert shape(nodes) == [
        (
            "I",
            "MỤC ĐÍCH YÊU CẦU",
            [
                ("1", "Mục đích", [("a", None), ("b", None)]),
                ("2", "Yêu cầu", [("a", None)]),
            ],
        ),
        ("II", "TỔ CHỨC THỰC HIỆN", [("1", None)]),
    ]


def test_extents_cover_the_part_until_the_next(rules) -> None:
    t, nodes = tree("I. MỘT\n\n1. Ý một.\n\nII. HAI\n\n1. Ý hai.", rules)
    one, two = nodes
    assert t.text[one.start : one.end] == "I. MỘT\n\n1. Ý một."
    assert t.text[two.start : two.end] == "II. HAI\n\n1. Ý hai."
    assert t.text[one.children[0].start : one.children[0].end] == "1. Ý một."


def test_a_list_restarting_under_a_heading_item_nests(rules) -> None:
    _, nodes = tree(
        "II. ĐỐI TƯỢNG, NỘI DUNG\n\n1. Đối tượng\n\n1.1. Tập thể: các phòng.\n\n1.2. Cá nhân: công chức.\n\n"
        "2. Nội dung thi đua\n\n1. Xây dựng kế hoạch.\n\n2. Tổ chức phong trào.\n\n3. Hưởng ứng.\n\n5. Thi đua thể thao.",
        rules,
    )
    (part,) = nodes
    assert [c.label for c in part.children] == ["1", "2"]
    assert [c.label for c in part.children[1].children] == ["1", "2", "3", "5"]
    gaps = numbering_gaps(nodes)
    assert [(g.previous.label, g.current.label, g.problem) for g in gaps] == [("3", "5", "nhảy cóc")]


GAPS = [
    ("I. A\n\nII. B\n\nIV. D", [("II", "IV", "nhảy cóc")]),
    ("I. A\n\nII. B\n\nII. C", [("II", "II", "lặp")]),
    ("1. Một.\n\n2. Hai.\n\n4. Bốn.", [("2", "4", "nhảy cóc")]),
    ("a) một;\n\nb) hai;\n\nd) bốn.", [("b", "d", "nhảy cóc")]),
    ("a) một;\n\nb) hai;\n\nc) ba;\n\nd) bốn;\n\nđ) năm.", []),
    ("a) một;\n\nd) bốn;\n\nđ) năm.", [("a", "d", "nhảy cóc")]),
    ("1.1. Một.\n\n1.2. Hai.\n\n1.4. Bốn.", [("1.2", "1.4", "nhảy cóc")]),
    ("(1) Một.\n\n(2) Hai.\n\n(3) Ba.", []),
    ("Điều 1. Phạm vi\n\nĐiều 2. Đối tượng\n\nĐiều 4. Hiệu lực", [("2", "4", "nhảy cóc")]),
    ("I. A\n\n1. Một.\n\n2. Hai.\n\nII. B\n\n1. Một.\n\n2. Hai.", []),
    ("1. Một.\n\n- gạch.\n\n- gạch.\n\n2. Hai.", []),
]


@pytest.mark.parametrize(("raw", "expected"), GAPS)
def test_numbering_gaps(raw: str, expected: list, rules) -> None:
    _, nodes = tree(raw, rules)
    assert [(g.previous.label, g.current.label, g.problem) for g in numbering_gaps(nodes)] == expected


def test_numbers_inside_a_quotation_are_not_structure(rules) -> None:
    _, nodes = tree(
        "1. Sửa đổi khoản 2 Điều 7 như sau:\n“1. Ban hành quy định.\n2. Thanh tra.”\n\n2. Sửa đổi Điều 8 như sau:",
        rules,
    )
    assert [n.label for n in nodes] == ["1", "2"] and numbering_gaps(nodes) == []


def test_a_cross_reference_is_not_an_article(rules) -> None:
    _, nodes = tree(
        "Điều 1. Phạm vi\n\nngười thuộc đối tượng quy định tại\nĐiều 12 của Luật này\n\nĐiều 2. Hiệu lực",
        rules,
    )
    assert [n.label for n in nodes] == ["1", "2"]


def test_chapters_take_their_title_from_the_next_line(rules) -> None:
    _, nodes = tree(
        "Chương I\nHỖ TRỢ BẰNG TIỀN CHO NGƯỜI LAO ĐỘNG\n\nĐiều 1. Đối tượng\n\nChương II\nTỔ CHỨC THỰC HIỆN",
        rules,
    )
    assert [(n.label, n.title) for n in nodes] == [
        ("I", "HỖ TRỢ BẰNG TIỀN CHO NGƯỜI LAO ĐỘNG"),
        ("II", "TỔ CHỨC THỰC HIỆN"),
    ]
    assert [c.label for c in nodes[0].children] == ["1"]


def test_wrapped_roman_title_is_joined(rules) -> None:
    _, nodes = tree(
        "III. ĐỐI TƯỢNG, TIÊU CHÍ THI ĐUA, HÌNH THỨC VÀ\nTIÊU CHUẨN KHEN THƯỞNG\n\n1. Một.", rules
    )
    assert nodes[0].title == "ĐỐI TƯỢNG, TIÊU CHÍ THI ĐUA, HÌNH THỨC VÀ TIÊU CHUẨN KHEN THƯỞNG"


def test_section_path(rules) -> None:
    t, nodes = tree("I. A\n\n1. Một\n\na) Chỉ thị số 14/CT-UBND ở đây.\n\nII. B", rules)
    assert section_path(nodes, t.text.index("Chỉ thị")) == "I.1.a"
    assert section_path(nodes, 0) == "I"


@pytest.mark.parametrize(
    ("kind", "label", "n"),
    [
        ("roman", "IV", 4),
        ("roman", "IX", 9),
        ("roman", "XIV", 14),
        ("letter", "đ", 5),
        ("letter", "e", 6),
        ("letter", "g", 7),
        ("decimal", "2.3", 3),
        ("arabic", "12", 12),
        ("paren", "3", 3),
        ("article", "48b", 48),
    ],
)
def test_ordinals(kind: str, label: str, n: int) -> None:
    assert ordinal(kind, label) == n


def test_invalid_roman_numerals() -> None:
    assert roman_value("IIII") is None and roman_value("VX") is None and roman_value("XII") == 12


def test_walk_visits_every_node(rules) -> None:
    _, nodes = tree("I. A\n\n1. Một\n\n- a\n\n- b\n\nII. B", rules)
    assert [n.label for n in walk(nodes)] == ["I", "1", "-", "-", "II"]


def test_an_item_after_a_stop_is_not_inside_the_item_the_stop_ended(rules) -> None:
    # seed 003 and adm_002: a dash line after the closing was nested under section 3,
    # which had ended at the stop, and came out with its start after its end
    raw = "1. Tổ chức thực hiện\n- Các phòng triển khai.\nTrên đây là Kế hoạch./.\n- D:\\KH thi dua\n"
    t = make_text(raw, rules)
    stop = t.text.index("Trên đây")
    nodes = build_tree(t, 0, len(t.text), stops=(stop,))
    assert [n.label for n in nodes] == ["1", "-"]
    assert all(n.start <= n.end for n in walk(nodes))
    assert nodes[0].end <= stop < nodes[1].start


def test_roman_numerals_ocr_misread_are_read_in_sequence(rules) -> None:
    """Scans read "I." as "L." and "III." as "HI." (emu_013): the next numeral of the sequence."""
    t = make_text(
        "L.MỤC TIÊU THI ĐUA\nNội dung.\nII. KHẨU HIỆU\nNội dung.\nHI. THỜI GIAN THI ĐUA\nTừ ngày 01/10/2021.\n"
        "H. KHÔNG PHẢI SỐ LA MÃ\nL. CŨNG KHÔNG\n",
        rules,
    )
    nodes = build_tree(t, 0, len(t.text))
    assert [(n.label, n.title) for n in nodes] == [
        ("I", "MỤC TIÊU THI ĐUA"),
        ("II", "KHẨU HIỆU"),
        ("III", "THỜI GIAN THI ĐUA"),
    ]


def test_a_table_row_with_figures_is_no_roman_part(rules) -> None:
    """emu_024: "1 | Cao Hữu Long … 6 3,000,000" read as "I - |Cao …": figures end it."""
    t = make_text(
        "I - |Cao Hữu Long Trung tâm Viễn thông Minh Hóa 6 3,000,000\n2 |Đinh Hữu Đức 6 3,000,000\n", rules
    )
    assert build_tree(t, 0, len(t.text)) == [] or all(
        n.kind != "roman" for n in build_tree(t, 0, len(t.text))
    )

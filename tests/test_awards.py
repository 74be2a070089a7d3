"""Award forms, levels and who grants them (Law 06/2022/QH15 Art. 9, 77-80)."""

from __future__ import annotations

import pytest

from pipeline.extract.awards import Context, find_awards, resolve_awards

from .conftest import make_text


def read(phrase: str, rules, grants: str | None = "co_so") -> list[tuple[str, str | None, str, bool]]:
    """The awards a phrase offers or proposes (honours received are kept apart)."""
    t = make_text(phrase, rules)
    found = find_awards(t, 0, len(t.text), grants)
    return [(a.form, a.level, a.granted, a.exceeded) for a in found if a.granted != "received"]


def received(phrase: str, rules, doc_type: str | None = None, year: int | None = 2024) -> list[str]:
    t = make_text(phrase, rules)
    ctx = Context(issuer_grants="tinh", doc_type=doc_type, year=year)
    return [a.form for a in find_awards(t, 0, len(t.text), ctx=ctx) if a.granted == "received"]


D, P, L = "direct", "proposed", "listed"

ROWS = [
    # Giấy khen: always the head of a department or unit
    (
        "Khen thưởng cấp cơ sở: Giấy khen của Giám đốc Sở Tài nguyên và Môi trường.",
        [("giay_khen", "co_so", D, False)],
    ),
    ("- Giấy khen.", [("giay_khen", "co_so", L, False)]),
    ("Giám đốc Sở tặng giấy khen cho 05 tập thể", [("giay_khen", "co_so", D, False)]),
    ("trình Giám đốc Sở tặng Giấy khen", [("giay_khen", "co_so", P, False)]),
    ("Hiệu trưởng tặng Giấy khen cho cá nhân", [("giay_khen", "co_so", D, False)]),
    ("Giấy khen của Thủ trưởng cơ quan", [("giay_khen", "co_so", D, False)]),
    ("Giấy khen của Chủ tịch UBND huyện Đức Trọng", [("giay_khen", "co_so", D, False)]),
    ("tặng Giấy khen của Cục trưởng", [("giay_khen", "co_so", D, False)]),
    ("GIẤY KHEN", [("giay_khen", "co_so", L, False)]),
    # Bằng khen: the level is the authority's
    ("Bằng khen của Chủ tịch UBND tỉnh đối với các tập thể", [("bang_khen", "tinh", D, False)]),
    ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh;", [("bang_khen", "tinh", D, False)]),
    ("Bằng khen của Ủy ban nhân dân tỉnh Lâm Đồng", [("bang_khen", "tinh", D, False)]),
    ("Bằng khen của UBND tỉnh", [("bang_khen", "tinh", D, False)]),
    ("Bằng khen Chủ tịch UBND tỉnh", [("bang_khen", "tinh", D, False)]),
    ("Bằng khen của Thủ tướng Chính phủ;", [("bang_khen", "chinh_phu", D, False)]),
    ("Bằng khen của Thủ tướng", [("bang_khen", "chinh_phu", D, False)]),
    ("đề nghị Thủ tướng Chính phủ tặng Bằng khen", [("bang_khen", "chinh_phu", P, False)]),
    ("Bằng khen của Bộ trưởng Bộ Tài nguyên và Môi trường", [("bang_khen", "bo", D, False)]),
    ("Bằng khen của Bộ Công Thương", [("bang_khen", "bo", D, False)]),
    ("Bằng khen của Bộ TNMT", [("bang_khen", "bo", D, False)]),
    ("- Bộ Tài nguyên và Môi trường tặng bằng khen", [("bang_khen", "bo", D, False)]),
    (
        "đề nghị Bộ Tài nguyên và Môi trường, Chủ tịch UBND tỉnh tặng bằng khen",
        [("bang_khen", "bo", P, False), ("bang_khen", "tinh", P, False)],
    ),
    ("Bằng khen của Tổng Liên đoàn Lao động Việt Nam", [("bang_khen", "bo", D, False)]),
    ("Bằng khen của Trung ương Đoàn", [("bang_khen", "bo", D, False)]),
    ("Bằng khen của Ban Thường vụ Tỉnh ủy", [("bang_khen", "tinh", D, False)]),
    ("Bằng khen cấp tỉnh", [("bang_khen", "tinh", L, False)]),
    ("- Bằng khen;", [("bang_khen", "tinh", L, False)]),
    # a grant above the issuer's authority
    ("Tặng Bằng khen của Giám đốc Sở cho các tập thể", [("bang_khen", "co_so", D, True)]),
    ("Sở Nội vụ tặng Bằng khen cho các cá nhân", [("bang_khen", "co_so", D, True)]),
    ("Giám đốc Sở tặng Bằng khen", [("bang_khen", "co_so", D, True)]),
    ("Hiệu trưởng tặng Bằng khen cho giáo viên", [("bang_khen", "co_so", D, True)]),
    ("Cờ thi đua của Giám đốc Sở", [("co_thi_dua", "co_so", D, True)]),
    ("Huân chương Lao động hạng Ba của Giám đốc Sở", [("huan_chuong", "co_so", D, True)]),
    # ... unless it is a proposal to the competent authority
    ("Giám đốc Sở đề nghị Chủ tịch UBND tỉnh tặng Bằng khen", [("bang_khen", "tinh", P, False)]),
    ("trình Chủ tịch UBND tỉnh tặng Bằng khen khi có chỉ đạo", [("bang_khen", "tinh", P, False)]),
    (
        "đề xuất cấp trên khen thưởng Bằng khen của Thủ tướng Chính phủ",
        [("bang_khen", "chinh_phu", P, False)],
    ),
    # state awards
    ("- Huân chương Lao động;", [("huan_chuong", "nha_nuoc", L, False)]),
    ("Huân chương Lao động hạng Ba", [("huan_chuong", "nha_nuoc", L, False)]),
    ("Huân chương Lao động hạng Nhì", [("huan_chuong", "nha_nuoc", L, False)]),
    ("Huân chương Độc lập hạng Nhất", [("huan_chuong", "nha_nuoc", L, False)]),
    ("Huân chương Bảo vệ Tổ quốc hạng III", [("huan_chuong", "nha_nuoc", L, False)]),
    ("Huân chương Hồ Chí Minh", [("huan_chuong", "nha_nuoc", L, False)]),
    ("Huân chương Sao vàng", [("huan_chuong", "nha_nuoc", L, False)]),
    ("Huân chương Đại đoàn kết dân tộc", [("huan_chuong", "nha_nuoc", L, False)]),
    ("Huân chương Dũng cảm", [("huan_chuong", "nha_nuoc", L, False)]),
    ("Huân chương Hữu nghị", [("huan_chuong", "nha_nuoc", L, False)]),
    ("Huân chương Chiến công hạng Nhì", [("huan_chuong", "nha_nuoc", L, False)]),
    ("đề nghị Chủ tịch nước tặng Huân chương Lao động hạng Ba", [("huan_chuong", "nha_nuoc", P, False)]),
    ("Huy chương Quân kỳ quyết thắng", [("huy_chuong", "nha_nuoc", L, False)]),
    ("Huy chương Vì an ninh Tổ quốc", [("huy_chuong", "nha_nuoc", L, False)]),
    ("Huy chương Chiến sĩ vẻ vang hạng Nhất", [("huy_chuong", "nha_nuoc", L, False)]),
    ("Huy chương", [("huy_chuong", "nha_nuoc", L, False)]),
    ("Danh hiệu vinh dự Nhà nước", [("danh_hieu_vinh_du", "nha_nuoc", L, False)]),
    ("danh hiệu Anh hùng Lao động", [("danh_hieu_vinh_du", "nha_nuoc", L, False)]),
    ("Anh hùng Lực lượng vũ trang nhân dân", [("danh_hieu_vinh_du", "nha_nuoc", L, False)]),
    ("Bà mẹ Việt Nam anh hùng", [("danh_hieu_vinh_du", "nha_nuoc", L, False)]),
    ("Nhà giáo nhân dân", [("danh_hieu_vinh_du", "nha_nuoc", L, False)]),
    ("Nhà giáo ưu tú", [("danh_hieu_vinh_du", "nha_nuoc", L, False)]),
    ("Thầy thuốc ưu tú", [("danh_hieu_vinh_du", "nha_nuoc", L, False)]),
    ("Nghệ sĩ nhân dân", [("danh_hieu_vinh_du", "nha_nuoc", L, False)]),
    ("Nghệ nhân ưu tú", [("danh_hieu_vinh_du", "nha_nuoc", L, False)]),
    ("Giải thưởng Hồ Chí Minh", [("giai_thuong", "nha_nuoc", L, False)]),
    ("Giải thưởng Nhà nước", [("giai_thuong", "nha_nuoc", L, False)]),
    ("Kỷ niệm chương", [("ky_niem_chuong", "bo", L, False)]),
    (
        "Kỷ niệm chương “Vì sự nghiệp giáo dục” của Bộ Giáo dục và Đào tạo",
        [("ky_niem_chuong", "bo", L, False)],
    ),
    # emulation titles
    ("danh hiệu Chiến sĩ thi đua cơ sở", [("chien_si_thi_dua", "co_so", L, False)]),
    ("danh hiệu Chiến sỹ thi đua cơ sở", [("chien_si_thi_dua", "co_so", L, False)]),  # the variant spelling
    ("Chiến sĩ thi đua cấp cơ sở", [("chien_si_thi_dua", "co_so", L, False)]),
    ("Chiến sĩ thi đua cấp tỉnh", [("chien_si_thi_dua", "tinh", L, False)]),
    ("Chiến sĩ thi đua cấp Bộ", [("chien_si_thi_dua", "bo", L, False)]),
    ("Chiến sĩ thi đua toàn quốc", [("chien_si_thi_dua", "chinh_phu", L, False)]),
    ("Chiến sĩ thi đua", [("chien_si_thi_dua", "co_so", L, False)]),
    ("danh hiệu Lao động tiên tiến", [("lao_dong_tien_tien", "co_so", L, False)]),
    ("Chiến sĩ tiên tiến", [("lao_dong_tien_tien", "co_so", L, False)]),
    ("Tập thể lao động tiên tiến", [("tap_the_lao_dong_tien_tien", "co_so", L, False)]),
    # emu_015: a team (Tổ) with the title is the collective form
    ("Công nhận Tổ “Lao động tiên tiến” năm 2021", [("tap_the_lao_dong_tien_tien", "co_so", L, False)]),
    ("03 Tổ Lao động tiên tiến", [("tap_the_lao_dong_tien_tien", "co_so", L, False)]),
    ("12 cá nhân và 03 tổ chức", []),
    ("Tập thể lao động xuất sắc", [("tap_the_lao_dong_xuat_sac", "tinh", L, False)]),
    ("Cờ thi đua của Chính phủ", [("co_thi_dua", "chinh_phu", D, False)]),
    ("Cờ thi đua của UBND tỉnh", [("co_thi_dua", "tinh", D, False)]),
    ("Cờ thi đua cấp tỉnh", [("co_thi_dua", "tinh", L, False)]),
    ("Cờ thi đua của Bộ Giáo dục và Đào tạo", [("co_thi_dua", "bo", D, False)]),
    # a list of forms and what is not an award
    (
        "Các hình thức khen thưởng gồm: Huân chương; Huy chương; Bằng khen và Giấy khen",
        [
            ("huan_chuong", "nha_nuoc", L, False),
            ("huy_chuong", "nha_nuoc", L, False),
            ("bang_khen", "tinh", L, False),
            ("giay_khen", "co_so", L, False),
        ],
    ),
    ("đạt Huy chương vàng môn điền kinh", []),
    ("công tác thi đua, khen thưởng", []),
    ("Hội đồng Thi đua – Khen thưởng Sở khen thưởng các tập thể", []),
    ("danh hiệu thi đua, hình thức khen thưởng", []),
    ("biểu dương, khen thưởng kịp thời", []),
    ("tiền thưởng kèm theo", []),
    # a grant made by another decision, cited as the reason for a bonus (emu_027)
    ("Thưởng cho 03 cá nhân được tặng thưởng Huân chương Lao động hạng Nhì:", []),
    ("các cá nhân đã được tặng Bằng khen của Thủ tướng Chính phủ", []),
    ("tập thể đã được khen thưởng Cờ thi đua của Chính phủ", []),
    ("Về việc thưởng cho các tập thể và cá nhân được tặng Huân chương Lao động", []),
    (
        "Căn cứ Quyết định 1013/QĐ-CTN ngày 18/6/2021 của Chủ tịch nước về việc tặng thưởng Huân chương Lao động;",
        [],
    ),
    # … but an award offered or promised stays
    ("Mỗi tập thể được tặng Bằng khen kèm theo tiền thưởng", [("bang_khen", "tinh", L, False)]),
    ("sẽ được tặng thưởng Huân chương Lao động hạng Ba", [("huan_chuong", "nha_nuoc", L, False)]),
]


@pytest.mark.parametrize(("phrase", "expected"), ROWS, ids=[p[:50] for p, _ in ROWS])
def test_award_phrases(phrase: str, expected: list, rules) -> None:
    assert read(phrase, rules) == expected


def test_a_state_award_received_in_the_presidents_own_decision_stays(rules) -> None:
    phrase = "các cá nhân được tặng Huân chương Lao động hạng Ba"
    assert read(phrase, rules, grants="nha_nuoc") == [("huan_chuong", "nha_nuoc", L, False)]


def test_form_without_authority_takes_the_issuers_level(rules) -> None:
    assert read("- Bằng khen;", rules, grants="bo") == [("bang_khen", "bo", L, False)]
    assert read("- Bằng khen;", rules, grants="tinh") == [("bang_khen", "tinh", L, False)]


def test_proposal_list_after_de_nghi(rules) -> None:
    text = (
        "- Kết thúc đợt thi đua, Hội đồng lựa chọn các tập thể, cá nhân để đề nghị:\n\n"
        "- Giám đốc Sở tặng giấy khen\n- Chủ tịch UBND tỉnh tặng bằng khen"
    )
    assert [g for _, _, g, _ in read(text, rules)] == [P, P]


def test_one_award_per_form_and_level_with_every_mention(rules) -> None:
    t = make_text(
        "a) Giấy khen của Giám đốc Sở.\n\nb) Bằng khen của Chủ tịch UBND tỉnh.\n\n"
        "3. trình Giám đốc Sở tặng Giấy khen và trình Chủ tịch UBND tỉnh tặng Bằng khen.",
        rules,
    )
    awards = resolve_awards(t, find_awards(t, 0, len(t.text), "co_so"))
    assert [(a.form, a.level, len(a.mentions)) for a in awards] == [
        ("giay_khen", "co_so", 2),
        ("bang_khen", "tinh", 2),
    ]
    for a in awards:
        assert t.text[a.start : a.end] == a.text
        assert all(t.text[m.start : m.end] == m.text for m in a.mentions)
    assert awards[0].name == "Giấy khen của Giám đốc Sở"


def test_state_awards_of_different_orders_stay_apart(rules) -> None:
    t = make_text("Huân chương Lao động hạng Ba; Huân chương Độc lập hạng Nhì", rules)
    names = [a.name for a in resolve_awards(t, find_awards(t, 0, len(t.text)))]
    assert names == ["Huân chương Lao động hạng Ba", "Huân chương Độc lập hạng Nhì"]


# Honours already received or decided: named, not offered (issue 9, class 8). (phrase, type of the
# document, forms received; the document is of 2024)
RECEIVED_ROWS = [
    ("các cá nhân đã được tặng Bằng khen của Thủ tướng Chính phủ", None, ["bang_khen"]),
    ("Thưởng cho 03 cá nhân được tặng thưởng Huân chương Lao động hạng Nhì:", None, ["huan_chuong"]),
    ("Đồng chí được Chủ tịch nước tặng thưởng Huân chương Lao động hạng Ba năm 2015.", None, ["huan_chuong"]),
    ("tập thể được Thủ tướng Chính phủ tặng Bằng khen năm 2019 và Cờ thi đua năm 2021", None, ["bang_khen"]),
    (
        "Kết quả: toàn tỉnh có 05 Huân chương Lao động, 12 Bằng khen của Thủ tướng Chính phủ.",
        "BC",
        ["huan_chuong", "bang_khen"],
    ),
    (
        "Hình thức | Số lượng\nHuân chương Lao động | 5\nBằng khen của Thủ tướng Chính phủ | 12",
        "BC",
        ["huan_chuong", "bang_khen"],
    ),
    # offered, proposed, promised: not received
    ("Cá nhân đạt thành tích xuất sắc được Giám đốc Sở tặng Giấy khen.", None, []),
    ("Tập thể xuất sắc được Chủ tịch UBND tỉnh tặng Bằng khen năm 2024.", None, []),
    ("sẽ được Chủ tịch nước tặng thưởng Huân chương Lao động năm 2025", None, []),
    ("được đề nghị Thủ tướng Chính phủ tặng Bằng khen năm 2020", None, []),
    ("Tặng 05 Bằng khen của Chủ tịch UBND tỉnh cho các tập thể", "QĐ", []),
    ("đề nghị tặng Bằng khen của Thủ tướng Chính phủ cho 03 tập thể", "BC", []),
]


@pytest.mark.parametrize(
    ("phrase", "doc_type", "expected"), RECEIVED_ROWS, ids=[p[:50] for p, _, _ in RECEIVED_ROWS]
)
def test_honours_received_are_kept_apart(
    phrase: str, doc_type: str | None, expected: list[str], rules
) -> None:
    assert received(phrase, rules, doc_type) == expected


def test_a_record_lists_honours_received_apart_from_its_awards() -> None:
    from pipeline import extract_text

    r = extract_text(
        "UBND TỈNH KHÁNH HÒA\nSỞ NỘI VỤ\n\nSố: 12/BC-SNV\n\nKhánh Hòa, ngày 05 tháng 3 năm 2024\n\n"
        "BÁO CÁO\nKết quả công tác thi đua, khen thưởng năm 2023\n\n"
        "I. KẾT QUẢ\nNăm 2023, toàn tỉnh có 05 Huân chương Lao động, 12 Bằng khen của Thủ tướng Chính phủ.\n"
        "II. PHƯƠNG HƯỚNG\nĐề nghị Chủ tịch UBND tỉnh tặng Bằng khen cho các tập thể xuất sắc./.\n"
    )
    assert [(a.form, a.level, a.granted) for a in r.awards] == [("bang_khen", "tinh", "proposed")]
    assert [(a.form, a.granted) for a in r.honours_received] == [
        ("huan_chuong", "received"),
        ("bang_khen", "received"),
    ]


def test_a_year_in_a_cited_number_is_not_the_year_of_an_award(rules) -> None:
    """f01: "được tặng Bằng khen kèm theo tiền thưởng theo … Nghị định số 98/2023": offered."""
    phrase = (
        "Mỗi tập thể được tặng Bằng khen kèm theo tiền thưởng theo quy định tại Nghị định số 98/2023/NĐ-CP"
    )
    assert received(phrase, rules) == [] and read(phrase, rules) == [("bang_khen", "tinh", L, False)]


@pytest.mark.parametrize(
    "phrase",
    [
        "- Tổng hợp danh sách, đề nghị Chủ tịch UBND tỉnh tặng thưởng danh hiệu Chiến sĩ thi đua cấp tỉnh; "
        "danh hiệu Cờ Thi đua của UBND tỉnh (đối với các đơn vị cấp 2);",
        "- Tổng hợp danh sách đề nghị tặng thưởng danh hiệu Cờ Thi đua của Chính phủ, Huân chương các hạng;",
        "Thẩm định hồ sơ đề nghị tặng Bằng khen của Thủ tướng Chính phủ.",
    ],
)
def test_an_award_named_as_a_clerks_task_is_not_offered(phrase: str, rules) -> None:
    """A duty assignment (emu_006): the forms are the matter of the work, not offered."""
    assert read(phrase, rules) == [] and received(phrase, rules) == []


@pytest.mark.parametrize(
    ("phrase", "kept"),
    [
        (
            "- Danh hiệu “Cờ thi đua của Bộ Giáo dục và Đào tạo”, “Cờ thi đua của Chính phủ”, Bằng khen Bộ trưởng, "
            "Huân chương các hạng phải đạt từ 70% số phiếu đồng ý trở lên tính trên tổng số người tham gia họp.",
            [],
        ),
        (
            "- Danh hiệu “Chiến sĩ thi đua cấp Bộ”, Giải thưởng Nhà nước phải được các thành viên của Hội đồng "
            "bỏ phiếu kín và đạt từ 90% số phiếu đồng ý trở lên.",
            [],
        ),
        # a vote's result beside a grant is no rule: the award stays
        ("Tặng Giấy khen của Giám đốc Sở cho 05 tập thể (đạt 100% số phiếu đồng ý).", ["giay_khen"]),
    ],
)
def test_awards_named_in_a_voting_rule_are_not_offered(phrase: str, kept: list[str], rules) -> None:
    """A council's voting procedure (emu_034): the forms it lists need so many votes; none
    is offered by the rule."""
    assert [form for form, *_ in read(phrase, rules)] == kept

"""Normalization: one tone placement, no look-alikes, no Markdown, joined paragraphs, exact offset map."""

from __future__ import annotations

import unicodedata

import pytest

from pipeline.normalize import canonical_tones, normalize
from pipeline.normalize.mapped import MappedText

TONES = [
    ("hoà", "hòa"),
    ("Hoà", "Hòa"),
    ("HOÀ", "HÒA"),
    ("Khánh Hoà", "Khánh Hòa"),
    ("thuỷ", "thủy"),
    ("Thuỷ", "Thủy"),
    ("uỷ", "ủy"),
    ("Uỷ ban", "Ủy ban"),
    ("UỶ BAN", "ỦY BAN"),
    ("khoẻ", "khỏe"),
    ("hoá", "hóa"),
    ("xoá", "xóa"),
    ("toà", "tòa"),
    ("loè", "lòe"),
    ("tuỳ", "tùy"),
    ("Thuý", "Thúy"),
    ("nguỵ", "ngụy"),
    ("thoả", "thỏa"),
    ("hoạ", "họa"),
    ("quý", "quý"),
    ("quà", "quà"),
    ("quả", "quả"),
    ("hoàn", "hoàn"),
    ("toán", "toán"),
    ("ngoài", "ngoài"),
    ("khuya", "khuya"),
    ("khuỷu", "khuỷu"),
    ("huỳnh", "huỳnh"),
    ("Quỳnh", "Quỳnh"),
    ("thuế", "thuế"),
    ("hòa", "hòa"),
    ("thủy", "thủy"),
    ("Thanh Hoá", "Thanh Hóa"),
    ("Hoà Bình", "Hòa Bình"),
    ("văn hoá", "văn hóa"),
    ("hiện đại hoá", "hiện đại hóa"),
    ("sức khoẻ", "sức khỏe"),
    ("thuỷ lợi", "thủy lợi"),
    ("Tuỳ theo", "Tùy theo"),
    ("hoà nhập", "hòa nhập"),
    ("Cộng hoà", "Cộng hòa"),
    ("CỘNG HOÀ", "CỘNG HÒA"),
    ("loã", "lõa"),
    ("uỵch", "uỵch"),
    ("oà", "òa"),
]


@pytest.mark.parametrize(("raw", "expected"), TONES)
def test_one_tone_placement_by_rule(raw: str, expected: str) -> None:
    assert normalize(raw).text == expected
    assert canonical_tones(raw) == expected


def test_decomposed_text_becomes_nfc() -> None:
    raw = unicodedata.normalize("NFD", "Kế hoạch số 912/KH-SNNMT ngày 27 tháng 3 năm 2025 của Sở")
    out = normalize(raw).text
    assert out == "Kế hoạch số 912/KH-SNNMT ngày 27 tháng 3 năm 2025 của Sở"
    assert unicodedata.is_normalized("NFC", out)


LOOKALIKES = [
    ("Kế hоạch", "Kế hoạch"),  # Cyrillic о
    ("Quyết định sо 12", "Quyết định so 12"),
    ("Sở Tài nguyên và Môi trường", "Sở Tài nguyên và Môi trường"),
    ("ΝGHỊ QUYẾT", "NGHỊ QUYẾT"),  # Greek Ν
    ("Вằng khen", "Bằng khen"),  # Cyrillic В
    ("Москва", "Москва"),  # a Russian word stays Russian
    ("α = 0,5", "α = 0,5"),  # a lone Greek letter stays
]


@pytest.mark.parametrize(("raw", "expected"), LOOKALIKES)
def test_lookalike_letters_inside_vietnamese_words(raw: str, expected: str) -> None:
    assert normalize(raw).text == expected


MARKDOWN = [
    ("## KẾ HOẠCH", "KẾ HOẠCH"),
    ("#### I. MỤC ĐÍCH YÊU CẦU:", "I. MỤC ĐÍCH YÊU CẦU:"),
    ("### **III. THỜI GIAN THI ĐUA**", "III. THỜI GIAN THI ĐUA"),
    ("1. **Thời gian thi đua:** Từ ngày", "1. Thời gian thi đua: Từ ngày"),
    ("phong trào *“Cả nước chung sức”*;", "phong trào “Cả nước chung sức”;"),
    ("chủ đề **“Đoàn kết, sáng tạo”** do", "chủ đề “Đoàn kết, sáng tạo” do"),
    ("tinh thần “*chống dịch như chống giặc*”", "tinh thần “chống dịch như chống giặc”"),
    ("*(Sở sẽ có hướng dẫn riêng)*", "(Sở sẽ có hướng dẫn riêng)"),
    ("### ***Nơi nhận:***", "Nơi nhận:"),
    ("(*cơ quan thường trực*) chủ trì", "(cơ quan thường trực) chủ trì"),
    ("* Mục một", "- Mục một"),
    ("• Mục hai", "- Mục hai"),
    ("ghi chú (*) ở cuối", "ghi chú (*) ở cuối"),
    ("2*3 = 6", "2*3 = 6"),
    ("tệp KH_phong_trao.docx", "tệp KH_phong_trao.docx"),
    ("__________", "__________"),
]


@pytest.mark.parametrize(("raw", "expected"), MARKDOWN)
def test_markdown_marks_removed(raw: str, expected: str) -> None:
    assert normalize(raw).text == expected


def test_paragraph_cut_by_a_page_break_is_joined() -> None:
    raw = (
        "b) Triển khai sâu rộng Phong trào thi đua trong toàn Sở với nội dung, hình thức phong phú; gắn "
        "triển khai với Cuộc vận động “Toàn dân đoàn kết” tránh trùng\n\nlập, chông chéo trong quá trình."
    )
    assert "tránh trùng lập, chông chéo" in normalize(raw).text


def test_page_break_before_an_abbreviation_is_joined() -> None:
    raw = (
        "3. Giao Văn phòng Sở lựa chọn các tập thể, cá nhân xuất sắc, tiêu biểu để trình Giám đốc Sở "
        "tặng Giấy khen và trình Chủ tịch\n\nUBND tỉnh tặng Bằng khen khi có chỉ đạo."
    )
    assert "trình Chủ tịch UBND tỉnh tặng Bằng khen" in normalize(raw).text


KEPT_APART = [
    "Số: /STNMT-TĐKT\n\nKhánh Hòa, ngày tháng năm 2023",
    "KẾ HOẠCH\n\nTriển khai Chỉ thị số 31-CT/TU",
    "Tổ chức thực hiện phong trào thi đua giai đoạn 2021 - 2025 của Sở Tài nguyên và Môi trường\n\nCăn cứ Kế hoạch",
    "Các phòng, đơn vị thuộc Sở hoàn thành nhiệm vụ được giao trong năm 2023\n\n- Có thành tích xuất sắc",
    "b) Thực hiện tốt chủ trương của Đảng, chính sách, pháp luật của Nhà nước;\n\nc) Kịp thời phát hiện",
    "- Lưu: VT, TĐKT.\n\nKT.GIÁM ĐỐC",
    "- D:\\Tân\\NTM\\KH phong trào thi đua\n\nGIÁM ĐỐC",
]


@pytest.mark.parametrize("raw", KEPT_APART)
def test_real_paragraph_breaks_stay(raw: str) -> None:
    assert "\n\n" in normalize(raw).text


# Lines a page's width wrapped inside a paragraph (TXT exports, PDF text layers)
# are joined; lines that are lines stay.
UNWRAPPED = [
    ("cán bộ, công chức, viên chức và người lao\nđộng, lập thành tích", "người lao động, lập"),
    ("đề nghị Chủ tịch Ủy ban nhân dân\ntỉnh tặng Bằng khen.", "nhân dân tỉnh tặng"),
    ("Thực hiện Kế hoạch số\n45/KH-UBND ngày 20/01/2026", "Kế hoạch số 45/KH-UBND"),
    ("ngày 15 tháng 01 năm\n2026 của Ban Thường vụ", "năm 2026 của"),
    ("cho 05 tập thể và\n12 cá nhân đã có thành tích", "và 12 cá nhân"),
    ("gửi về Sở Nội vụ (qua\nBan Thi đua - Khen thưởng) trước ngày 05/12/2026", "(qua Ban Thi đua"),
    ("theo hướng dẫn của\nBan Thi đua - Khen thưởng tỉnh", "của Ban Thi đua"),
    ("ban hành ngày 20/01/2026 của Ủy ban nhân dân tỉnh về công\ntác thi đua", "về công tác"),
]
KEPT_LINES = [
    "1. Mục đích\nTạo khí thế thi đua sôi nổi",
    "a) Phong trào thi đua phải thiết thực;\nb) Việc bình xét khen thưởng",
    "Các phòng, đơn vị thuộc Sở thực hiện như sau:\n- Chấp hành nghiêm kỷ luật",
    "UBND TỈNH KHÁNH HÒA\nSỞ NỘI VỤ",
    "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
    "Hoàn thành trước ngày 15/4/2026\nb) Gửi báo cáo",
    "Trên đây là Kế hoạch của Sở Nội vụ./.\nNơi nhận:",
    "- Như trên;\n- UBND tỉnh (b/c);",
]


@pytest.mark.parametrize(("raw", "joined"), UNWRAPPED)
def test_wrapped_lines_of_a_paragraph_are_joined(raw: str, joined: str) -> None:
    assert joined in normalize(raw).text


@pytest.mark.parametrize("raw", KEPT_LINES)
def test_lines_that_are_lines_stay(raw: str) -> None:
    assert normalize(raw).text == raw


def test_a_word_files_lines_are_paragraphs_already() -> None:
    raw = "cán bộ, công chức, viên chức và người lao\nđộng"
    assert normalize(raw, wrapped=False).text == raw


def test_whitespace_and_invisibles() -> None:
    raw = "\ufeff  Số:\u00a0912/KH-SNNMT \r\n\r\n\r\n\r\nKhánh\u200b Hòa,\tngày 27   tháng 3 năm 2025  \n"
    assert normalize(raw).text == "Số: 912/KH-SNNMT\n\nKhánh Hòa, ngày 27 tháng 3 năm 2025"


def test_page_furniture_removed_and_a_signature_box_moved_to_the_end() -> None:
    """The gazette's running head and page number go; the portal's signature box, which
    cuts the running text, goes to the end, where it is read as signing evidence."""
    raw = (
        "CÔNG BÁO/Số 849 + 850/Ngày 12-10-2021\n3\n\nTHỦ TƯỚNG CHÍNH PHỦ\n"
        "Người ký: Cổng Thông tin điện tử Chính phủ\nEmail: thongtinchinhphu@chinhphu.vn\n"
        "Cơ quan: Văn phòng Chính phủ\nThời gian ký: 12.10.2021 14:52:05 +07:00\n\n"
        "Điều 1. Đối tượng được hỗ trợ"
    )
    norm = normalize(raw)
    out = norm.text
    assert "CÔNG BÁO" not in out
    assert out.startswith("THỦ TƯỚNG CHÍNH PHỦ\n\nĐiều 1. Đối tượng được hỗ trợ\n\nNgười ký: Cổng")
    assert out.endswith("Thời gian ký: 12.10.2021 14:52:05 +07:00")
    at = out.index("Người ký")
    assert raw[norm.raw_span(at, at + 8)[0] :].startswith("Người ký")  # its offsets still map back


def test_two_column_header_read_column_by_column() -> None:
    raw = (
        "  UBND TỈNH LÀO CAI             CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        " SỞ CÔNG THƯƠNG                          Độc lập - Tự do - Hạnh phúc\n\n"
        "  Số: 1894 /TB-SCT                   Lào Cai, ngày 09 tháng 4 năm 2026\n\n"
        "                              THÔNG BÁO\n"
    )
    lines = normalize(raw).text.split("\n")
    assert lines[:6] == [
        "UBND TỈNH LÀO CAI",
        "SỞ CÔNG THƯƠNG",
        "Số: 1894 /TB-SCT",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Lào Cai, ngày 09 tháng 4 năm 2026",
    ]
    assert lines[-1] == "THÔNG BÁO"


def test_a_blank_number_is_not_a_column_gap() -> None:
    raw = (
        "UBND TỈNH BẮC NINH                     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "SỞ NỘI VỤ                              Độc lập - Tự do - Hạnh phúc\n\n"
        "Số:      /SNV-TĐKT                     Bắc Ninh, ngày 10 tháng 11 năm 2026\n"
    )
    assert normalize(raw).text.split("\n")[2] == "Số: /SNV-TĐKT"


def test_offset_map_points_back_into_the_raw_text() -> None:
    raw = "## **KẾ HOẠCH**\n\n  Khánh Hoà, ngày 27   tháng 3 năm 2025\n\n\nSố: 912/KH-SNNMT"
    n = normalize(raw)
    for word in ("KẾ HOẠCH", "ngày 27", "912/KH-SNNMT"):
        i = n.text.index(word)
        s, e = n.raw_span(i, i + len(word))
        assert raw[s:e].replace("   ", " ") == word
    i = n.text.index("Hòa")
    s, e = n.raw_span(i, i + 3)
    assert raw[s:e] == "Hoà"


def test_mapped_sub_keeps_one_origin_per_character() -> None:
    import regex

    t = MappedText.identity("a  b   c")
    out = t.sub(regex.compile(r" {2,}"), " ")
    assert out.text == "a b c" and len(out.origin) == len(out.text) + 1
    assert [out.origin[i] for i in range(len(out.text))] == [0, 1, 3, 4, 7]


@pytest.mark.parametrize("raw", ["# # 0", "\t# 0", "A*\u0300", "À*", "0" * 49 + "a\fa\fa"])
def test_fixed_points_found_by_hypothesis(raw: str) -> None:
    once = normalize(raw).text
    assert normalize(once).text == once


@pytest.mark.parametrize("length", [10, 1_999, 2_000, 50_000])
def test_bare_text_is_the_table_letter_for_letter(length: int) -> None:
    """A long text goes through a look-up array, a short one through str.translate: the same
    letters either way, over every code point (lone surrogates and astral ones too)."""
    from pipeline.extract.text import bare, bare_table

    every = "".join(chr(o) for o in range(0x110000) if o % 7 == 0 or 0xC0 <= o < 0x2000)
    text = (every * (1 + length // len(every)))[:length]
    assert bare(text) == text.translate(bare_table())
    assert len(bare(text)) == len(text)
    assert bare("Đặng QUYẾT ĐỊNH thi đua " * 100) == "Dang QUYET DINH thi dua " * 100


@pytest.mark.parametrize("raw", ["\n0\n0", "\n \n12\nĐiều 1. Phạm vi", "  \n- 3 -\nKẾ HOẠCH"])
def test_a_page_number_after_leading_blank_lines_goes_as_at_the_start(raw: str) -> None:
    """Found by the idempotence property: a number line after a blank first line stayed,
    then went when the result was normalized again (its edges stripped)."""
    once = normalize(raw).text
    assert normalize(once).text == once
    assert once == normalize(raw.lstrip()).text

"""Signature blocks and recipients (Decree 30/2020/NĐ-CP Art. 8)."""

from __future__ import annotations

import pytest

from pipeline.extract.signature import extract_closing
from pipeline.extract.text import Text
from pipeline.normalize import normalize

from .conftest import make_text, signer_fields

BODY = "Đề nghị các phòng, đơn vị triển khai thực hiện./.\n\n"


def signer(block: str, rules) -> tuple:
    t = make_text(BODY + block, rules)
    s = extract_closing(t).signer
    return signer_fields(s)


BLOCKS = [
    ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nNguyễn Thị Lan", ("KT.", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Thị Lan")),
    ("KT.GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nNguyễn Thị Lan", ("KT.", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Thị Lan")),
    (
        "**KT.GIÁM ĐỐC\nPHÓ GIÁM ĐỐC**\n\nNguyễn Thị Lan",
        ("KT.", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Thị Lan"),
    ),
    ("K/T GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nTrần Văn Hùng", ("KT.", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Văn Hùng")),
    ("KT GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nTrần Văn Hùng", ("KT.", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Văn Hùng")),
    ("GIÁM ĐỐC\n\nBùi Quang Huy", (None, None, "GIÁM ĐỐC", "Bùi Quang Huy")),
    ("**GIÁM ĐỐC**\n\n**Bùi Quang Huy**", (None, None, "GIÁM ĐỐC", "Bùi Quang Huy")),
    ("GIÁM ĐỐC\n\n(Đã ký)\n\nNguyễn Văn Lộc", (None, None, "GIÁM ĐỐC", "Nguyễn Văn Lộc")),
    ("GIÁM ĐỐC\n\nĐã ký\n\nNguyễn Văn Lộc", (None, None, "GIÁM ĐỐC", "Nguyễn Văn Lộc")),
    ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nLê Minh Tuấn", ("TM.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lê Minh Tuấn")),
    ("T/M ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nLê Minh Tuấn", ("TM.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lê Minh Tuấn")),
    (
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTrần Hồng Thái",
        ("KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Hồng Thái"),
    ),
    (
        "TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI\nCHỦ TỊCH\n\nTrần Thanh Mẫn",
        ("TM.", "ỦY BAN THƯỜNG VỤ QUỐC HỘI", "CHỦ TỊCH", "Trần Thanh Mẫn"),
    ),
    (
        "KT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\n[daky]\nLê Minh Khái",
        ("KT.", "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "Lê Minh Khái"),
    ),
    ("TL. GIÁM ĐỐC\nCHÁNH VĂN PHÒNG\n\nPhạm Thị Hoa", ("TL.", "GIÁM ĐỐC", "CHÁNH VĂN PHÒNG", "Phạm Thị Hoa")),
    (
        "TUQ. CHỦ TỊCH\nGIÁM ĐỐC SỞ NỘI VỤ\n\nĐặng Văn Nam",
        ("TUQ.", "CHỦ TỊCH", "GIÁM ĐỐC SỞ NỘI VỤ", "Đặng Văn Nam"),
    ),
    ("Q. GIÁM ĐỐC\n\nVõ Thành Công", ("Q.", "GIÁM ĐỐC", None, "Võ Thành Công")),
    ("BỘ TRƯỞNG\n\nĐào Ngọc Dung", (None, None, "BỘ TRƯỞNG", "Đào Ngọc Dung")),
    ("CHỦ TỊCH QUỐC HỘI\n\nTrần Thanh Mẫn", (None, None, "CHỦ TỊCH QUỐC HỘI", "Trần Thanh Mẫn")),
    ("HIỆU TRƯỞNG\n\n(Đã ký)\n\nNinh Văn Hưng", (None, None, "HIỆU TRƯỞNG", "Ninh Văn Hưng")),
    ("TỔNG GIÁM ĐỐC\n\nHuỳnh Quang Liêm", (None, None, "TỔNG GIÁM ĐỐC", "Huỳnh Quang Liêm")),
    ("TRƯỞNG PHÒNG\n\nHồ Quyết Thắng", (None, None, "TRƯỞNG PHÒNG", "Hồ Quyết Thắng")),
    ("GIÁM ĐỐC\n\nTRƯƠNG CÔNG MINH", (None, None, "GIÁM ĐỐC", "TRƯƠNG CÔNG MINH")),
    ("T/M BAN CHẤP HÀNH\nBÍ THƯ\n\nNông Văn Sơn", ("TM.", "BAN CHẤP HÀNH", "BÍ THƯ", "Nông Văn Sơn")),
    (
        "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH THƯỜNG TRỰC\n\nHà Sỹ Đồng",
        ("KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH THƯỜNG TRỰC", "Hà Sỹ Đồng"),
    ),
    ("GIÁM ĐỐC\n\nY Ngọc Niê", (None, None, "GIÁM ĐỐC", "Y Ngọc Niê")),
    ("GIÁM ĐỐC\n\nKsor Phước", (None, None, "GIÁM ĐỐC", "Ksor Phước")),
    ("GIÁM ĐỐC\n\nDanh Út", (None, None, "GIÁM ĐỐC", "Danh Út")),
    ("CHỦ TỊCH\n\nLò Văn Muôn", (None, None, "CHỦ TỊCH", "Lò Văn Muôn")),
    ("GIÁM ĐỐC\n\nÂu Thị Mai", (None, None, "GIÁM ĐỐC", "Âu Thị Mai")),
    ("GIÁM ĐỐC\n\nNguyễn Hữu Thị Bích Ngọc", (None, None, "GIÁM ĐỐC", "Nguyễn Hữu Thị Bích Ngọc")),
    # parts missing
    ("GIÁM ĐỐC", (None, None, "GIÁM ĐỐC", None)),
    ("Nguyễn Duy Quang", (None, None, None, "Nguyễn Duy Quang")),
    ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", ("KT.", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", None)),
    ("", None),
    # not a signature
    ("DANH SÁCH\n\nCác tập thể được khen thưởng", None),
    ("PHỤ LỤC I\n\nMẫu báo cáo", None),
    # a name a narrow signature cell wrapped: its last word alone on the next line
    ("GIÁM ĐỐC\n\nNguyễn Duy\nQuang", (None, None, "GIÁM ĐỐC", "Nguyễn Duy Quang")),
    (
        "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nLê Văn\nTám\n\nDanh sách kèm theo",
        ("KT.", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Văn Tám"),
    ),
    ("GIÁM ĐỐC\n\nNguyễn Duy Quang\nPHỤ LỤC", (None, None, "GIÁM ĐỐC", "Nguyễn Duy Quang")),
    ("GIÁM ĐỐC\n\nNguyễn Duy Quang\nLưu", (None, None, "GIÁM ĐỐC", "Nguyễn Duy Quang")),
]


@pytest.mark.parametrize(
    ("block", "expected"), BLOCKS, ids=[b.replace("\n", "/")[:40] or "empty" for b, _ in BLOCKS]
)
def test_signer_blocks(block: str, expected, rules) -> None:
    assert signer(block, rules) == expected


RECIPIENTS = "Nơi nhận: VBĐT\n\n- UBND tỉnh (B/c);\n- Sở Nội vụ (P/hợp);\n- Sở Xây dựng (Trưởng khối thi đua QLNN 2);\n- BGĐ Sở;\n- Lưu: VT, TĐKT.\n\nKT.GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nNguyễn Thị Lan"


def test_recipients_with_notes_and_archive(rules) -> None:
    t = make_text(BODY + RECIPIENTS, rules)
    c = extract_closing(t)
    assert [(r.name, r.note, r.kind) for r in c.recipients] == [
        ("UBND tỉnh", "b/c", "copy"),
        ("Sở Nội vụ", "p/hợp", "copy"),
        ("Sở Xây dựng", "Trưởng khối thi đua QLNN 2", "copy"),
        ("BGĐ Sở", None, "copy"),
        ("Lưu: VT, TĐKT", None, "archive"),
    ]
    for r in c.recipients:
        assert t.text[r.start : r.end] == r.text
    assert c.signer is not None and c.signer.name == "Nguyễn Thị Lan"


@pytest.mark.parametrize(
    "head", ["Nơi nhận:", "Nơi nhân (VBĐT):", "***Nơi nhận:***", "NƠI NHẬN:", "Nơi nhận"]
)
def test_recipient_headings(head: str, rules) -> None:
    c = extract_closing(
        make_text(BODY + f"{head}\n- Như trên;\n- Lưu: VT, VP.\n\nGIÁM ĐỐC\n\nNguyễn Văn Lộc", rules)
    )
    assert c.has_recipients_line
    assert [r.kind for r in c.recipients] == ["copy", "archive"]


def test_a_file_path_is_not_a_recipient(rules) -> None:
    c = extract_closing(
        make_text(BODY + "Nơi nhận:\n- UBND tỉnh;\n- Lưu VT, VP.\n- D:\\Tân\\NTM\\KH\n\nGIÁM ĐỐC", rules)
    )
    assert [r.name for r in c.recipients] == ["UBND tỉnh", "Lưu VT, VP"]
    assert c.signer is not None and (c.signer.position, c.signer.name) == ("GIÁM ĐỐC", None)


def test_two_column_layout_signature(rules) -> None:
    raw = (
        "Sở Công Thương thông báo cho các đơn vị được biết và thực hiện./.\n"
        "Nơi nhận:                                           KT. GIÁM ĐỐC\n"
        "- Công ty TNHH Hiệp Phú;\n"
        "- Ban Giám đốc Sở;                                  PHÓ GIÁM ĐỐC\n"
        "- Lưu: VT, CN.\n\n\n\n"
        "                                                    Hoàng Văn Thuân\n"
    )
    c = extract_closing(make_text(raw, rules))
    assert [r.name for r in c.recipients] == ["Công ty TNHH Hiệp Phú", "Ban Giám đốc Sở", "Lưu: VT, CN"]
    assert signer_fields(c.signer) == (
        "KT.",
        "GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Hoàng Văn Thuân",
    )


SIDE_BY_SIDE = [
    # adm_017: the two parties of a minutes, no Nơi nhận; the first is the record's signer
    (
        "   ĐD SỞ CÔNG THƯƠNG                         ĐD CÔNG TY CP MÔNG SƠN\n\n\n"
        "      Đỗ Mạnh Cường                              Nguyễn Ngọc Chỉnh\n",
        ("ĐD SỞ CÔNG THƯƠNG", "Đỗ Mạnh Cường"),
    ),
    # the secretary beside the chair: the chair signs for the record
    (
        "        THƯ KÝ                                   CHỦ TRÌ\n\n\n"
        "      Lê Thị Hoa                                Trần Văn Nam\n",
        ("CHỦ TRÌ", "Trần Văn Nam"),
    ),
    # emu_013: a joint document; its lead issuer signs on the right (Decree 30/2020)
    (
        "   TM. BAN THƯỜNG VỤ CÔNG ĐOÀN                  TỔNG GIÁM ĐỐC\n"
        "            CHỦ TỊCH\n\n\n"
        "      Nguyễn Anh Tuấn                            Huỳnh Quang Liêm\n",
        ("TỔNG GIÁM ĐỐC", "Huỳnh Quang Liêm"),
    ),
    # ... with the recipients below the signatures and a stroke before a name
    (
        "   TM. BAN THƯỜNG VỤ CÔNG ĐOÀN                  . TỔNG GIÁM ĐỐC\n"
        "            CHỦ TỊCH\n\n\n"
        "      Nguyễn Anh Tuấn                            = - Huỳnh Quang Liêm\n\n"
        "Nơi nhận:\n- Các đơn vị thành viên;\n- Lưu: VT.\n",
        ("TỔNG GIÁM ĐỐC", "Huỳnh Quang Liêm"),
    ),
]


@pytest.mark.parametrize(("block", "expected"), SIDE_BY_SIDE)
def test_signers_side_by_side(block: str, expected: tuple[str, str], rules) -> None:
    raw = "Biên bản được lập thành 02 bản, mỗi bên giữ 01 bản./.\n\n" + block
    s = extract_closing(make_text(raw, rules)).signer
    assert s is not None and (s.position, s.name) == expected


def test_signature_evidence_indexes_text(rules) -> None:
    t = make_text(BODY + RECIPIENTS, rules)
    s = extract_closing(t).signer
    assert s is not None and s.evidence is not None
    assert t.text[s.evidence.start : s.evidence.end] == s.evidence.text
    assert s.evidence.text.startswith("KT.GIÁM ĐỐC") and s.evidence.text.endswith("Nguyễn Thị Lan")


# --- on OCR text: a title misread by a letter or two is the known title nearest it --------

ON_OCR = [
    # adm_023: "PHÓ" lost its P under the seal
    (
        "KT. CHỦ TỊCH\nHỌ CHỦ TỊCH\nNguyễn Thành Sinh",
        ("KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Thành Sinh"),
    ),
    # emu_024, emu_015, emu_016: GIÁM ĐỐC under a signature's strokes
    ("„ ¿ GIÁM sóc\n$ lAkvoB CA\nTrương Công Minh", (None, None, "GIÁM ĐỐC", "Trương Công Minh")),
    ("-w1GILAM ĐỌC\nNV tiAtrnOwe CÀ\nTrương Công Minh", (None, None, "GIÁM ĐỐC", "Trương Công Minh")),
    ("\\u0GEAM ĐỌC\nTrương Công Minh", (None, None, "GIÁM ĐỐC", "Trương Công Minh")),
    # two titles as near (THỨ TRƯỞNG, THỦ TRƯỞNG): neither is taken
    ("THÙ TRƯỚNG\nLê Văn Hòa", (None, None, None, "Lê Văn Hòa")),
    # too few letters to tell, or words of no title
    ("SH ,\nLê Văn Hòa", (None, None, None, "Lê Văn Hòa")),
    ("KT. GIÁM ĐỐC\nDANH SÁCH\nLê Văn Hòa", ("KT.", "GIÁM ĐỐC", None, "Lê Văn Hòa")),
    # the recipients end at the archive line: a scan's marks after it are not an item
    (
        "Nơi nhận:\n- UBND tỉnh;\n- Lưu: TĐ, VT.\nEoffe: 5⁄#76\\⁄447\n:\n-w1GILAM ĐỌC\nVị vị ÁN\nTrương Công Minh",
        (None, None, "GIÁM ĐỐC", "Trương Công Minh"),
    ),
    # … nor a title under an archive line that did not end with its full stop (emu_016), and the
    # name goes on with the annex's title OCR put on its line
    (
        "Nơi nhận:\n- UBND tỉnh;\n-Lưu: TĐ, VT,\nEoffce: 4422/2327\n\\u0GEAM ĐỌC\nTC NV \\\n"
        "Trương Công Minh nS DANH SÁCH CÔNG NHẬN",
        (None, None, "GIÁM ĐỐC", "Trương Công Minh"),
    ),
    # signers side by side read as one line each: the first one's title and name (emu_012)
    (
        "GIÁM ĐỐC CHỦ TỊCH GLÁM ĐÓC CHỦ TỊCH\nDPIỜNGX CÔNG ĐOÀN - ~ CÔNG ĐOÀN\n\n"
        "Trương Công Minh Trần Thanh Minh Nguyễn Văn Chương Lê Thị Tố Nga",
        (None, None, "GIÁM ĐỐC", "Trương Công Minh"),
    ),
    # a whole title stays whole
    ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nHồ An Phong", ("KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Hồ An Phong")),
]


def test_a_scans_signature_above_the_recipients_when_its_full_stop_is_lost(rules) -> None:
    """emu_012: no "./." read, the signature above "Nơi nhận": the lines just above it."""
    text = (
        "Đề nghị các đơn vị triển khai thực hiện\n\nGIÁM ĐỐC CHỦ TỊCH GLÁM ĐÓC CHỦ TỊCH\n\n"
        "Trương Công Minh Trần Thanh Minh\n\nNơi nhận:\n- Ban Chất lượng TĐ;\n- Lưu: VT.\n"
    )
    t = Text(normalize(text).text, rules, ocr=True)
    assert signer_fields(extract_closing(t).signer) == (None, None, "GIÁM ĐỐC", "Trương Công Minh")


@pytest.mark.parametrize(("block", "expected"), ON_OCR)
def test_titles_on_ocr_text(block: str, expected: tuple, rules) -> None:
    t = Text(normalize(BODY + block).text, rules, ocr=True)
    assert signer_fields(extract_closing(t).signer) == expected


def test_a_misread_title_is_left_as_written_on_typed_text(rules) -> None:
    assert signer("HỌ CHỦ TỊCH\nNguyễn Thành Sinh", rules) == (None, None, "HỌ CHỦ TỊCH", "Nguyễn Thành Sinh")


def test_a_stray_item_after_the_archive_line_is_still_a_recipient_line(rules) -> None:
    t = make_text(
        BODY + "Nơi nhận:\n- UBND tỉnh;\n- Lưu: VT, VP.\n- D:\\KH thi dua\n\nGIÁM ĐỐC\nLê Văn Hòa", rules
    )
    c = extract_closing(t)
    assert c.signer is not None and (c.signer.position, c.signer.name) == ("GIÁM ĐỐC", "Lê Văn Hòa")
    assert [r.kind for r in c.recipients][:2] == ["copy", "archive"]


@pytest.mark.parametrize(
    ("closing", "position", "name"),
    [
        # two columns read row by row (emu_034, emu_006): the title on the recipients' line
        (
            "Nơi nhận: HIỆU TRƯỞNG\n- Sở GD&ĐT (b/c)\n- Lưu: VT, TĐKT\nNinh Văn Hưng",
            "HIỆU TRƯỞNG",
            "Ninh Văn Hưng",
        ),
        (
            "Nơi nhận: TRƯỞNG PHÒNG\n- Lãnh đạo Sở (để b/c);\n- Lưu: VT.\n\nHồ Quyết Thắng",
            "TRƯỞNG PHÒNG",
            "Hồ Quyết Thắng",
        ),
        # an e-office mark there is no title
        ("Nơi nhận: VBĐT\n- UBND tỉnh;\n- Lưu: VT.\n\nNguyễn Văn An", None, "Nguyễn Văn An"),
    ],
)
def test_a_title_beside_the_recipients_heading(closing: str, position, name: str, rules) -> None:
    t = make_text(BODY + closing, rules)
    c = extract_closing(t)
    assert c.signer is not None and (c.signer.position, c.signer.name) == (position, name)
    assert (
        c.signer.evidence is not None
        and t.text[c.signer.evidence.start : c.signer.evidence.end] == c.signer.evidence.text
    )


STAMP_TEXTS = [
    "Ký bởi: Ủy ban nhân dân tỉnh Lào Cai\nNgày ký: 05-06-2026 16:24:14 +07:00\nnội dung",
    "  Người ký: Nguyễn Văn A\nCơ quan: Sở Nội vụ\nThời gian ký: 12.10.2021 14:52:05 +07:00",
    "KẾ HOẠCH\n\nKý bởi: Văn phòng\n  Cơ quan: UBND tỉnh\nNgày\nký: 01/02/2023",
    "Cơ quan: X\n\n\nký bởi: Y\nký ngày: 31-02-2021\nKý bởi:  \nNgười ký: Z",
    "\nKý bởi: đầu dòng thứ hai",
    "",
    "Ký bởi: Z",
]


@pytest.mark.parametrize("text", STAMP_TEXTS)
def test_stamp_lines_are_what_a_multiline_caret_finds(text: str) -> None:
    """Each line pattern, sought after line breaks and on the first line alone, finds what
    the same pattern anchored by ``^`` in multiline mode finds, over the whole text and
    from and to every place in it."""
    import regex

    from pipeline.extract.esign import AGENCY, SIGNED_AT, SIGNED_BY
    from pipeline.extract.periods import TIME_HEADING

    text += "\n2. Thời gian thi đua: từ ngày 01/3/2026\nThời gian thực hiện: năm 2026"
    for pattern in (SIGNED_BY, AGENCY, SIGNED_AT, TIME_HEADING):
        body = pattern.first.pattern.removeprefix("(?P<line>").removesuffix(")")
        caret = regex.compile(rf"^(?P<line>{body})", pattern.first.flags)
        for start, end in [(0, len(text)), *((k, len(text)) for k in range(len(text))), (3, len(text) - 5)]:
            got = [m.span("line") for m in pattern.finditer(text, start, end)]
            assert got == [m.span("line") for m in caret.finditer(text, start, end)], (start, end)
        assert [m.groupdict() for m in pattern.finditer(text)] == [
            m.groupdict() for m in caret.finditer(text)
        ]

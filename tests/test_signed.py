"""Signed PDFs and what their signing leaves: signatures, e-office stamps, values typed
into the blanks after signing, a template's digits a stamped value covers.

Each class was seen on real documents the project had not read before (issue 9:
classes 3 and 5); the fixtures here are drawn for the test (:mod:`tests.pdfgen`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import extract, extract_text
from pipeline.extract.esign import find_stamps
from pipeline.ingest.signatures import pdf_time

from .conftest import make_text
from .pdfgen import FONT, Page, pdf, requires_font, signed

UBQLV = "Ủy ban Quản lý vốn nhà nước tại doanh nghiệp"


def _write(tmp_path: Path, data: bytes, name: str = "doc.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _width(s: str, size: float = 11) -> float:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("Serif", str(FONT)))
    return pdfmetrics.stringWidth(s, "Serif", size)


def _decision(date_line: str, number: str = "Số: 206/QĐ-UBQLV") -> Page:
    page = Page().text(60, 780, "ỦY BAN QUẢN LÝ VỐN NHÀ NƯỚC").text(60, 766, "TẠI DOANH NGHIỆP")
    page.text(300, 780, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").text(320, 766, "Độc lập - Tự do - Hạnh phúc")
    page.text(60, 745, number).text(300, 745, date_line)
    return page.text(250, 700, "QUYẾT ĐỊNH").text(180, 686, "Về việc tặng Cờ thi đua năm 2020")


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("D:20210527162414+07'00'", "2021-05-27T16:24:14+07:00"),
        ("D:20210527162414+07'00", "2021-05-27T16:24:14+07:00"),
        ("D:20210527092414Z", "2021-05-27T09:24:14+00:00"),
        ("D:20210527162414-05'30'", "2021-05-27T16:24:14-05:30"),
        ("D:20210527", "2021-05-27T00:00:00"),
        ("D:2021", "2021-01-01T00:00:00"),
        ("D:20211332000000+07'00'", None),
        ("27/05/2021", None),
        ("", None),
    ],
)
def test_pdf_signing_times(value: str, iso: str | None) -> None:
    assert pdf_time(value) == iso


# --- signatures of a PDF (class 5) --------------------------------------------------------------


@requires_font
def test_signatures_are_recorded_and_date_a_handwritten_day(tmp_path: Path) -> None:
    """A scan-like header whose day was written by hand (blank in the text): the agency's
    signature, the last, dates it, and the record says so (emu_018)."""
    data = signed(
        pdf(_decision("Hà Nội, ngày      tháng 5 năm 2021")),
        [("Nguyễn Hoàng Anh", None, "D:20210527150000+07'00'"), (UBQLV, UBQLV, "D:20210527162414+07'00'")],
    )
    r = extract(_write(tmp_path, data))
    assert [(s.name, s.organization, s.time, s.source) for s in r.source.signatures] == [
        ("Nguyễn Hoàng Anh", None, "2021-05-27T15:00:00+07:00", "pdf_signature"),
        (UBQLV, UBQLV, "2021-05-27T16:24:14+07:00", "pdf_signature"),
    ]
    assert r.document.date == "2021-05-27"
    assert r.document.provenance["date"].source == "signature"
    assert r.document.provenance["number"].source == "text"
    rules = {f.rule for f in r.flags}
    assert "date-incomplete" in rules  # the print still lacks its day: the flag says so
    assert "signature-date-mismatch" not in rules


@requires_font
def test_a_signature_that_disagrees_is_flagged_and_fills_nothing(tmp_path: Path) -> None:
    """Printed 29/6, signed 9/7 (adm_015); printed "tháng 2", signed in May (emu_019)."""
    data = signed(
        pdf(_decision("Hà Nội, ngày 29 tháng 6 năm 2026")), [(UBQLV, None, "D:20260709112432+07'00'")]
    )
    r = extract(_write(tmp_path, data))
    assert r.document.date == "2026-06-29" and r.document.provenance["date"].source == "text"
    (flag,) = [f for f in r.flags if f.rule == "signature-date-mismatch"]
    assert flag.message == f"Ngày ghi trên văn bản 29/06/2026 khác ngày ký số 09/07/2026 ({UBQLV})."
    assert flag.evidence[0].text == "ngày 29 tháng 6 năm 2026"

    data = signed(
        pdf(_decision("Hà Nội, ngày      tháng 2 năm 2021")), [(UBQLV, None, "D:20210527162437+07'00'")]
    )
    r = extract(_write(tmp_path, data, "207.pdf"))
    assert r.document.date == "2021-02"
    assert "signature-date-mismatch" in {f.rule for f in r.flags}


@requires_font
def test_a_pdf_without_signatures_has_none(tmp_path: Path) -> None:
    r = extract(_write(tmp_path, pdf(_decision("Hà Nội, ngày 27 tháng 5 năm 2021"))))
    assert r.source.signatures == [] and r.document.date == "2021-05-27"


def test_a_signature_that_cannot_be_read_keeps_its_time(tmp_path: Path) -> None:
    from pipeline.ingest.signatures import _subject

    assert _subject(b"not a CMS structure") == (None, None)
    assert _subject(b"") == (None, None)


# --- e-office stamps in the text (class 5) -----------------------------------------------------

STAMPS = [
    (
        "Ký bởi: Ủy ban Quản lý vốn nhà nước tại doanh nghiệp\nNgày ký: 27-05-2021 16:24:14 +07:00",
        [(UBQLV, None, "2021-05-27T16:24:14+07:00", "2021-05-27")],
    ),
    (
        "Người ký: Cổng Thông tin điện tử Chính phủ\nEmail: thongtinchinhphu@chinhphu.vn\n"
        "Cơ quan: Văn phòng Chính phủ\nThời gian ký: 12.10.2021 14:52:05 +07:00",
        [
            (
                "Cổng Thông tin điện tử Chính phủ",
                "Văn phòng Chính phủ",
                "2021-10-12T14:52:05+07:00",
                "2021-10-12",
            )
        ],
    ),
    ("Thời gian ký: 09/07/2026", [(None, None, None, "2026-07-09")]),
    ("Ngày ký: 31-02-2021 10:00:00 +07:00", []),  # no such day: no stamp
    ("Cơ quan: Sở Nội vụ tỉnh Khánh Hòa", []),  # an agency line alone is a letterhead's
    ("Căn cứ ngày ký ban hành văn bản này.", []),
    (
        "Ký bởi: Nguyễn Văn A\nThời gian ký: 01.02.2024 08:00:00 +07:00\n\n\n\n\n\n"
        "Ký bởi: Sở Nội vụ\nThời gian ký: 01.02.2024 09:30:00 +07:00",
        [
            ("Nguyễn Văn A", None, "2024-02-01T08:00:00+07:00", "2024-02-01"),
            ("Sở Nội vụ", None, "2024-02-01T09:30:00+07:00", "2024-02-01"),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), STAMPS)
def test_e_office_stamps(rules, text: str, expected: list) -> None:
    t = make_text(text, rules)
    got = find_stamps(t)
    assert [(s.name, s.organization, s.time, s.date) for s in got] == expected
    for s in got:
        assert s.evidence is not None and t.text[s.evidence.start : s.evidence.end] == s.evidence.text


def test_a_stamp_dates_a_blank_day() -> None:
    r = extract_text(
        "ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA\nSố: 12/QĐ-UBND\nKhánh Hòa, ngày    tháng 5 năm 2021\n\n"
        "QUYẾT ĐỊNH\nVề việc khen thưởng\n\nĐiều 1. Tặng Bằng khen.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Văn A\n\n"
        "Ký bởi: Ủy ban nhân dân tỉnh Khánh Hòa\nNgày ký: 27-05-2021 16:24:14 +07:00\n"
    )
    assert r.document.date == "2021-05-27" and r.document.provenance["date"].source == "stamp"
    (s,) = r.source.signatures
    assert s.source == "stamp" and s.evidence is not None and s.evidence.text.startswith("Ký bởi:")


# --- values typed into the blanks after signing (class 3) --------------------------------------


@requires_font
def test_values_typed_after_signing_go_back_into_their_blanks(tmp_path: Path) -> None:
    """The number and the day drawn after the page: PDFium gives them last (``390 27``)."""
    page = Page().text(60, 780, "SỞ NỘI VỤ").text(300, 780, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    page.text(60, 760, "Số:          /TTr-SNV").text(300, 760, "Khánh Hòa, ngày          tháng 3 năm 2025")
    page.text(250, 700, "TỜ TRÌNH").text(180, 686, "Về việc đề nghị khen thưởng")
    page.text(60 + _width("Số: ") + 4, 760, "390").text(300 + _width("Khánh Hòa, ngày ") + 6, 760, "27")
    r = extract(_write(tmp_path, pdf(page)))
    assert (r.document.number, r.document.symbol, r.document.date) == ("390", "TTr-SNV", "2025-03-27")
    assert "Số: 390 /TTr-SNV" in r.text


@requires_font
def test_a_number_drawn_inside_its_line_is_put_in_order(tmp_path: Path) -> None:
    """ "Số:" drawn in pieces with the typed number between them (``S 390 ố: /TTr-SNV``)."""
    page = Page().text(60, 780, "SỞ NỘI VỤ").text(300, 780, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    page.text(60, 760, "S").text(60 + _width("Số: ") + 4, 760, "390").text(
        60 + _width("S"), 760, "ố:          /TTr-SNV"
    )
    page.text(300, 760, "Khánh Hòa, ngày 27 tháng 3 năm 2025")
    page.text(250, 700, "TỜ TRÌNH").text(180, 686, "Về việc đề nghị khen thưởng")
    r = extract(_write(tmp_path, pdf(page)))
    assert (r.document.number, r.document.symbol) == ("390", "TTr-SNV")


@requires_font
def test_a_stamped_month_covers_the_templates_month(tmp_path: Path) -> None:
    """The template says "tháng 4", the e-office field over it says 5 (adm_011): the field's
    value is what the page shows."""
    page = Page().text(60, 780, "ỦY BAN NHÂN DÂN").text(60, 766, "TỈNH LÀO CAI")
    page.text(300, 780, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").text(320, 766, "Độc lập - Tự do - Hạnh phúc")
    page.text(60, 745, "Số: 1696/QĐ-UBND").text(300, 745, "Lào Cai, ngày        tháng 4 năm 2026")
    x_day = 300 + _width("Lào Cai, ngày ")
    x_month = 300 + _width("Lào Cai, ngày        tháng ")
    page.field(x_day, 741, 24, 16, "15").field(x_month - 2, 741, 14, 16, "5")
    page.text(250, 700, "QUYẾT ĐỊNH").text(150, 686, "Về việc ủy quyền giải quyết thủ tục hành chính")
    r = extract(_write(tmp_path, pdf(page)))
    assert r.document.date == "2026-05-15"
    assert "tháng 5 năm 2026" in r.text and "tháng 5 4" not in r.text


# --- legacy 8-bit fonts in a PDF's text layer (class 4) -----------------------------------------

LEGACY_PAGE = [
    (60, 780, "ủy ban nhân dân"),
    (60, 766, "tỉnh khánh hòa"),
    (60, 745, "Số: 125/QĐ-UBND"),
    (300, 745, "Khánh Hòa, ngày 27 tháng 3 năm 2025"),
    (250, 700, "QUYẾT ĐỊNH"),
    (150, 686, "Về việc tặng Bằng khen cho các tập thể có thành tích xuất sắc"),
    (60, 660, "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;"),
    (60, 646, "Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 45/TTr-SNV ngày 20/3/2025,"),
    (60, 620, "Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 02 tập thể"),
    (60, 606, "đã có thành tích xuất sắc trong phong trào thi đua năm 2024."),
    (60, 592, "Điều 2. Chánh Văn phòng, Giám đốc Sở Nội vụ và các tập thể có tên tại"),
    (60, 578, "Điều 1 chịu trách nhiệm thi hành Quyết định này./."),
]


def _legacy_pdf(encode) -> bytes:
    """A page whose font has no Unicode map: the text layer holds the legacy bytes, which a
    viewer shows right (the font draws them) and PDFium gives as Windows-1252 letters."""
    import io

    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842))
    c.setFont("Helvetica", 10)  # WinAnsi: each byte is the letter PDFium gives back
    for x, y, s in LEGACY_PAGE:
        c.drawString(x, y, encode(s).decode("cp1252", errors="replace"))
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_a_legacy_font_in_a_pdf_text_layer_is_decoded_not_ocrd(encoding: str, tmp_path: Path) -> None:
    from pipeline.ingest import ReadOptions
    from pipeline.ingest.ocr import OcrOptions

    from .legacy_text import to_tcvn3, to_vni

    data = _legacy_pdf(to_tcvn3 if encoding == "tcvn3" else to_vni)
    r = extract(_write(tmp_path, data), options=ReadOptions(ocr=OcrOptions(enabled=False)))
    assert r.source.encoding == encoding and not r.source.ocr
    assert (r.document.number, r.document.symbol, r.document.date) == ("125", "QĐ-UBND", "2025-03-27")
    assert r.document.type == "QĐ" and "Tờ trình số 45/TTr-SNV" in r.text
    assert [a.form for a in r.awards] == ["bang_khen"]

"""The PDF reader: page furniture, hidden text, stamped fields, ruled tables.

The pure steps are tested on strings; the rest on PDFs drawn for the test
(:mod:`tests.pdfgen`), read as a file would be.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import extract
from pipeline.ingest.marks import CELL_CLOSE, CELL_OPEN, TABLE_CLOSE, TABLE_OPEN, take_marks
from pipeline.ingest.pdf import PdfBackend, apply_edits, clean_pages, field_values
from pipeline.ingest.pdf_tables import Rule, grids

from .pdfgen import Page, pdf, requires_font

GAZETTE = "CÔNG BÁO/Số 849 + 850/Ngày 12-10-2021"


BODY = [
    "Điều 1. Đối tượng được hỗ trợ",
    "Hỗ trợ một lần bằng tiền, cụ thể như sau:",
    "c) Trực tiếp tại cơ quan bảo hiểm xã hội cấp tỉnh",
    "hình sự theo quy định của pháp luật.",
    "Lê Minh Khái",
    "Mẫu số 04 Đề nghị hỗ trợ của người lao động",
    "Ghi chú",
    "điều chỉnh.",
]


def test_running_heads_with_the_page_number_on_either_side_are_dropped() -> None:
    pages = [
        f"{GAZETTE} {n}\r\n{BODY[i]}" if n % 2 else f"{n} {GAZETTE}\r\n{BODY[i]}"
        for i, n in enumerate(range(3, 11))
    ]
    assert clean_pages(pages).split("\f") == BODY


def test_page_numbers_stacked_over_a_running_head_are_dropped() -> None:
    pages = [f"{n} \r\n{n} \r\n{n} {GAZETTE}\r\n{BODY[i]}\r\n" for i, n in enumerate(range(10, 16))]
    assert clean_pages(pages).split("\f") == BODY[:6]


def test_a_line_that_repeats_on_few_pages_stays() -> None:
    pages = ["KẾ HOẠCH\r\n" + b for b in BODY[:2]] + BODY[2:6]
    assert clean_pages(pages).split("\f")[0] == f"KẾ HOẠCH\n{BODY[0]}"


def test_a_hyphen_pdfium_marks_at_a_line_break_joins_the_symbol_again() -> None:
    assert (
        clean_pages(["Kế hoạch số 912/KH\ufffe\r\nSNNMT ngày 27/3/2025"])
        == "Kế hoạch số 912/KH-SNNMT ngày 27/3/2025"
    )
    assert clean_pages(["số 12/QĐ\x02UBND"]) == "số 12/QĐ-UBND"


def test_field_values_go_to_the_box_holding_them() -> None:
    rects = [(100.0, 700.0, 140.0, 716.0), (300.0, 700.0, 320.0, 716.0), (330.0, 700.0, 350.0, 716.0)]
    new = "1731 19 10 Ký bởi: Văn phòng"
    boxes = []
    x = {0: 102.0, 5: 302.0, 8: 332.0}
    for k, _ in enumerate(new):
        start = next((v for s, v in sorted(x.items(), reverse=True) if k >= s), 102.0)
        inside = k < 10
        boxes.append(
            (start + (k % 4), 704.0, start + (k % 4) + 4, 712.0) if inside else (10.0, 10.0, 14.0, 18.0)
        )
    assert field_values(new, boxes, rects) == {0: "1731", 1: "19", 2: "10"}


def test_a_long_stamp_is_furniture_not_a_value() -> None:
    new = "Ký bởi: Sở Thông tin và Truyền thông Thời gian ký: 27.05.2021"
    boxes = [(102.0, 704.0, 106.0, 712.0)] * len(new)
    assert field_values(new, boxes, [(100.0, 700.0, 400.0, 716.0)]) == {}


def test_edits_apply_from_the_end_and_skip_overlaps() -> None:
    assert apply_edits("Số: /UBND", [(4, 4, " 1731 ")]) == "Số:  1731 /UBND"
    assert apply_edits("abcdef", [(1, 3, "X"), (2, 2, "Y"), (4, 6, "Z")]) == "aXdZ"  # Y falls inside X


# --- ruled tables -----------------------------------------------------------------------


def _grid(xs: list[float], ys: list[float], skip_vertical: set[tuple[int, int]] = frozenset()) -> list[Rule]:
    """Rules of a grid; ``skip_vertical`` leaves out the rule at column edge c in row r."""
    rules = [Rule(True, y, xs[0], xs[-1]) for y in ys]
    for c, x in enumerate(xs):
        for r in range(len(ys) - 1):
            if (r, c) not in skip_vertical:
                rules.append(Rule(False, x, ys[r + 1], ys[r]))
    return rules


def test_crossing_rules_make_a_grid() -> None:
    (g,) = grids(_grid([50, 100, 300, 500], [700, 680, 660, 640]))
    assert g.xs == (50, 100, 300, 500) and g.ys == (700, 680, 660, 640)
    assert [len(row) for row in g.cells()] == [3, 3, 3]


def test_a_row_without_a_vertical_rule_has_a_cell_spanning_columns() -> None:
    (g,) = grids(_grid([50, 100, 300, 500], [700, 680, 660], skip_vertical={(0, 1), (0, 2)}))
    first, second = g.cells()
    assert first == [(50, 680, 500, 700)] and len(second) == 3


def test_a_double_rule_and_a_border_drawn_cell_by_cell_are_one_rule() -> None:
    rules = [*_grid([50, 100, 300], [700, 680, 660]), Rule(True, 700.6, 50, 100), Rule(True, 700.6, 100, 300)]
    (g,) = grids(rules)
    assert g.ys == (700, 680, 660)


def test_lone_rules_and_a_single_box_are_not_tables() -> None:
    assert grids([Rule(True, 700, 50, 500), Rule(True, 650, 50, 500)]) == []
    assert grids(_grid([50, 500], [700, 650])) == []


def _marked(rows: list[list[str]]) -> str:
    body = "\n".join(" | ".join(f"{CELL_OPEN}{c}{CELL_CLOSE}" for c in row) for row in rows)
    return f"\n{TABLE_OPEN}{body}{TABLE_CLOSE}\n"


def test_marks_become_cell_offsets() -> None:
    taken = take_marks("DANH SÁCH" + _marked([["STT", "Họ và tên"], ["1", "Ông A"]]) + "Hết")
    text, (table,) = taken.text, taken.tables
    assert "\ufdd0" not in text
    assert [[text[c.start : c.end] for c in row] for row in table.rows] == [
        ["STT", "Họ và tên"],
        ["1", "Ông A"],
    ]


def test_a_table_going_on_over_a_page_break_is_one_table() -> None:
    raw = _marked([["STT", "Họ và tên"], ["1", "Ông A"]]) + "\f" + _marked([["2", "Bà B"]]) + "Hết"
    taken = take_marks(raw)
    text, tables = taken.text, taken.tables
    assert len(tables) == 1 and [text[c.start : c.end] for c in tables[0].rows[-1]] == ["2", "Bà B"]
    other = _marked([["STT", "Họ và tên"]]) + "\f" + _marked([["1", "Ông A", "Xuất sắc"]])
    assert len(take_marks(other).tables) == 2  # as many columns, or it is another table


# --- PDFs drawn for the test ------------------------------------------------------------------


def _write(tmp_path: Path, data: bytes, name: str = "doc.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


HEADER = [
    (60, 780, "ỦY BAN NHÂN DÂN"),
    (60, 766, "TỈNH LÀO CAI"),
    (300, 780, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    (320, 766, "Độc lập - Tự do - Hạnh phúc"),
]


def _header(
    page: Page, number: str = "Số:      /QĐ-UBND", date: str = "Lào Cai, ngày 15 tháng 5 năm 2026"
) -> Page:
    for x, y, s in HEADER:
        page.text(x, y, s)
    return page.text(60, 745, number).text(320, 745, date)


@requires_font
def test_a_stamped_number_goes_after_its_label(tmp_path: Path) -> None:
    page = _header(Page()).field(82, 741, 40, 16, "1696")
    page.text(250, 700, "QUYẾT ĐỊNH").text(150, 686, "Về việc ủy quyền giải quyết thủ tục hành chính")
    r = extract(_write(tmp_path, pdf(page)))
    assert (r.document.number, r.document.symbol, r.document.date) == ("1696", "QĐ-UBND", "2026-05-15")


@requires_font
def test_white_text_under_the_signature_is_not_read(tmp_path: Path) -> None:
    page = _header(Page(), number="Số: 12/QĐ-UBND")
    page.text(250, 700, "QUYẾT ĐỊNH").text(150, 686, "Về việc khen thưởng")
    page.text(60, 660, "Điều 1. Tặng Giấy khen cho 02 tập thể./.")
    page.text(360, 600, "CHỦ TỊCH").text(350, 540, "Huỳnh Quang Liêm").text(350, 528, "Trần Mạg", white=True)
    r = extract(_write(tmp_path, pdf(page)))
    assert "Trần Mạg" not in r.text
    assert r.signer is not None and r.signer.name == "Huỳnh Quang Liêm"


@requires_font
def test_a_ruled_list_over_two_pages_is_one_table(tmp_path: Path) -> None:
    xs = [60.0, 100.0, 300.0, 520.0]
    first = Page().text(200, 780, "DANH SÁCH CÁ NHÂN ĐƯỢC KHEN THƯỞNG")
    first.table(
        xs,
        [760, 740, 720, 700],
        [
            ["STT", "Họ và tên", "Đơn vị"],
            ["1", "Ông Vũ Chiến Nam", "Viễn thông Bắc Giang"],
            ["2", "Bà Ninh Thị Dương", "Viễn thông Bắc Kạn"],
        ],
    )
    second = Page().table(xs, [780, 760], [["3", "Ông Lê Thái Hà", "Viễn thông Lào Cai"]])
    raw = PdfBackend().read(pdf(first, second), Path("list.pdf"))
    (table,) = raw.tables
    cells = [[raw.text[c.start : c.end] for c in row] for row in table.rows]
    assert cells[0] == ["STT", "Họ và tên", "Đơn vị"] and cells[-1] == [
        "3",
        "Ông Lê Thái Hà",
        "Viễn thông Lào Cai",
    ]
    assert len(cells) == 4


@requires_font
def test_decomposed_accents_in_a_pdf_come_out_composed(tmp_path: Path) -> None:
    import unicodedata

    page = _header(Page(), number="Số: 12/QĐ-UBND")
    page.text(250, 700, unicodedata.normalize("NFD", "QUYẾT ĐỊNH")).text(150, 686, "Về việc khen thưởng")
    r = extract(_write(tmp_path, pdf(page)))
    assert r.document.type == "QĐ" and unicodedata.is_normalized("NFC", r.text)


def test_a_pdf_without_text_is_a_scan(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    import io

    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.rect(100, 100, 200, 200, fill=1)
    c.showPage()
    c.save()
    r = extract(_write(tmp_path, buf.getvalue()))
    assert r.status == "FAILURE" and r.errors[0].kind == "no_text_layer"


def test_the_table_readers_spaces_are_what_str_split_splits_at() -> None:
    from pipeline.ingest.pdf_tables import SPACE_CODES

    assert list(SPACE_CODES) == [c for c in range(0x110000) if chr(c).isspace()]


# --- PDFium through address-typed prototypes (pipeline.ingest.pdfium_calls) -------------------


def _drawing() -> bytes:
    """A page of text over rules of every kind the table reader takes apart: lines, a stroked
    box, a filled box (shading), a path of several rules, and a rule under a transform."""
    import io

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from .pdfgen import FONT

    pdfmetrics.registerFont(TTFont("Serif", str(FONT)))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842))
    c.setFont("Serif", 11)
    c.drawString(60, 780, "STT  Họ và tên  Đơn vị được khen thưởng")
    c.setFillColorRGB(1, 1, 1)
    c.drawString(60, 760, "chữ trắng")
    c.setFillColorRGB(0, 0, 0)
    c.line(60, 700, 500, 700)
    c.line(60, 700, 60, 600)
    c.rect(100, 600, 200, 50, stroke=1, fill=0)
    c.rect(320, 600, 100, 50, stroke=0, fill=1)
    path = c.beginPath()
    path.moveTo(60, 580)
    for x, y in ((500, 580), (500, 500), (60, 500), (60, 540), (500, 540)):
        path.lineTo(x, y)
    c.drawPath(path, stroke=1, fill=0)
    c.saveState()
    c.translate(100, 100)
    c.rotate(90)
    c.line(0, 0, 0, 200)
    c.restoreState()
    c.showPage()
    c.save()
    return buf.getvalue()


def _rules_by_bindings(page: object) -> list[Rule]:
    """The same walk through pypdfium2's own bindings (what the prototypes replaced); the
    geometry, which the prototypes do not touch, is the module's own."""
    import ctypes

    import pypdfium2.raw as raw

    from pipeline.ingest.pdf_tables import (
        MAX_SIMPLE_SEGMENTS,
        MIN_RULE,
        SEGMENT_MOVETO,
        THIN,
        box_edges,
        straight_rule,
    )

    out: list[Rule] = []
    handle = page.raw  # type: ignore[attr-defined]
    lf, bf, rf, tf = (ctypes.c_float() for _ in range(4))
    for i in range(raw.FPDFPage_CountObjects(handle)):
        obj = raw.FPDFPage_GetObject(handle, i)
        if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_PATH or not raw.FPDFPageObj_GetBounds(
            obj, lf, bf, rf, tf
        ):
            continue
        left, bottom, right, top = lf.value, bf.value, rf.value, tf.value
        if right - left <= THIN and top - bottom >= MIN_RULE:
            out.append(Rule(False, (left + right) / 2, bottom, top))
        elif top - bottom <= THIN and right - left >= MIN_RULE:
            out.append(Rule(True, (bottom + top) / 2, left, right))
        elif right - left < MIN_RULE or top - bottom < MIN_RULE:
            continue
        elif raw.FPDFPath_CountSegments(obj) <= MAX_SIMPLE_SEGMENTS:
            fill, stroke = ctypes.c_int(), ctypes.c_int()
            if raw.FPDFPath_GetDrawMode(obj, fill, stroke) and stroke.value:
                out += box_edges(left, bottom, right, top)
        else:
            m = raw.FS_MATRIX()
            assert raw.FPDFPageObj_GetMatrix(obj, m)
            x, y = ctypes.c_float(), ctypes.c_float()
            start = prev = None
            for k in range(raw.FPDFPath_CountSegments(obj)):
                seg = raw.FPDFPath_GetPathSegment(obj, k)
                assert raw.FPDFPathSegment_GetPoint(seg, x, y)
                point = (m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f)
                if raw.FPDFPathSegment_GetType(seg) == SEGMENT_MOVETO or prev is None:
                    start = prev = point
                    continue
                closing = ((point, start),) if raw.FPDFPathSegment_GetClose(seg) else ()
                out += [r for a, b in ((prev, point), *closing) if (r := straight_rule(a, b)) is not None]
                prev = point
    return out


@requires_font
def test_the_prototypes_read_what_pypdfium2s_bindings_read() -> None:
    import pypdfium2 as pdfium

    from pipeline.ingest.pdf import _CharBoxes, _hidden
    from pipeline.ingest.pdf_tables import _CellReader, page_rules

    doc = pdfium.PdfDocument(_drawing())
    page = doc[0]
    textpage = page.get_textpage()
    try:
        rules = page_rules(page)
        assert rules == _rules_by_bindings(page)

        def drawn(horizontal: bool, at: float, lo: float, hi: float) -> bool:  # bounds hold the pen's width
            return any(
                r.horizontal == horizontal
                and abs(r.at - at) <= 2
                and abs(r.lo - lo) <= 2
                and abs(r.hi - hi) <= 2
                for r in rules
            )

        assert drawn(True, 650, 100, 300) and drawn(False, 300, 600, 650)  # the stroked box
        assert not drawn(True, 650, 320, 420)  # the filled box is shading
        assert drawn(True, 540, 60, 500) and drawn(False, 500, 500, 580)  # inside the path of rules
        assert drawn(True, 100, -100, 100)  # the turned line, mapped to the page
        text = textpage.get_text_range()
        boxes = _CharBoxes(textpage, pdfium.raw)
        for k in range(len(text)):
            ours, theirs = boxes.tight(k), textpage.get_charbox(k)
            assert ours == pytest.approx(theirs)
            assert boxes.loose(k) == pytest.approx(textpage.get_charbox(k, loose=True))
        read = _CellReader(textpage, len(text))
        for box in ((55, 770, 200, 795), (0, 0, 595, 842), (300, 300, 310, 310)):
            left, bottom, right, top = box
            expected = " ".join(textpage.get_text_bounded(left + 1, bottom + 1, right - 1, top - 1).split())
            assert read(box) == expected
        assert read((0, 0, 595, 842)).startswith("STT")
        white = {k for k in range(len(text)) if text[k].strip()} & set(range(text.index("chữ"), len(text)))
        assert _hidden(text, textpage, [range(len(text))]) == white
    finally:
        textpage.close()
        page.close()
        doc.close()

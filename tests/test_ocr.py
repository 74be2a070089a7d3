"""OCR: which pages need it, how Tesseract's words are laid out, what is repaired,
and whole scans read end to end (drawn by :mod:`tests.scan`: specks, a slight
rotation, JPEG, a red seal over the signer's title)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import extract
from pipeline.ingest import ReadOptions
from pipeline.ingest.marks import UNSURE_CLOSE, UNSURE_OPEN
from pipeline.ingest.ocr import OcrOptions, OcrUnavailable, Tesseract, Word, layout_text, parse_tsv
from pipeline.ingest.quality import measure, sample, surely_usable
from pipeline.normalize import normalize

from .conftest import header_fields
from .pdfgen import requires_font
from .scan import as_jpeg, as_pdf, page_image, requires_ocr
from .tools import require

# --- which text layer is usable ----------------------------------------------------------

GOOD = (
    "Thực hiện Kế hoạch số 45/KH-UBND ngày 20/01/2026 của Ủy ban nhân dân tỉnh về công tác thi đua, "
    "khen thưởng năm 2026, Sở Nội vụ xây dựng Kế hoạch phát động phong trào thi đua năm 2026 như sau: "
    "tạo khí thế thi đua sôi nổi trong cán bộ, công chức, viên chức và người lao động."
)
QUALITY = [
    ("clean Vietnamese", GOOD, True),
    (
        "a page with English and code",
        GOOD + " API request_id get_Template REQID AGENTID LABELID APIUSER",
        True,
    ),
    (
        "a broken font map",
        "UBND 7ӌ1+ L¿O CAI &Ӝ1* HO¿ XÃ +Ӝ, &+Ӫ 1*+Ƭ$ 9,ӊ7 NAM 6Ӣ C‘NG 7+ѬѪ1* ĈӝF OұS - 7ӵ do - +ҥQK ph˙c "
        "6ӕ /SCT-CN L‡o Cai, ng‡y th·ng 5 QăP 2026 V/v NӃ KRҥFK NLӇP tra cÙng t·c QJKLӋP thu ho‡n th‡nh",
        False,
    ),
    (
        "a bad embedded OCR",
        "CQNG HOA XA HQI CHU NGHIA VIET NAM DQc l$p - Tg do - H4nh phric BIEN BAN KIEM TRA ThUc tG kho "
        "bio quin v$t tiQu n6 c6ng nghiQp Tr6n co sd <16 nghi cta C6ng ty c6 phAn M6ng Son t4i Vdn",
        False,
    ),
    (
        "diacritics lost",
        "CONG HOA XA HOI CHU NGHIA VIET NAM Doc lap Tu do Hanh phuc So Ha Noi ngay thang nam 2020 "
        "V/v dieu chinh chinh sach dich vu ban hang truc tiep Kinh gui cac Trung tam Kinh doanh tinh thanh pho",
        False,
    ),
    ("too short to judge", "7ӌ1+ L¿O", True),
]


@pytest.mark.parametrize(("case", "text", "usable"), QUALITY, ids=[q[0] for q in QUALITY])
def test_text_layer_quality(case: str, text: str, usable: bool) -> None:
    assert measure(text).usable is usable


@pytest.mark.parametrize(("case", "text", "usable"), QUALITY, ids=[q[0] for q in QUALITY])
def test_the_quick_verdict_never_passes_a_page_measure_fails(case: str, text: str, usable: bool) -> None:
    if surely_usable(text):
        assert measure(text).usable
    if not usable:
        assert not surely_usable(text)


def test_the_quick_verdict_passes_a_clean_page() -> None:
    assert surely_usable(GOOD * 3)


def test_a_page_is_judged_on_a_sample_from_its_middle() -> None:
    page = "ĐẦU " * 300 + "giữa trang " + "CUỐI " * 240
    part = sample(page, 100)
    assert len(part) <= 100 and part.startswith(("ĐẦU ", "CUỐI ", "giữa "))
    assert "giữa trang" in part
    assert sample("ngắn", 100) == "ngắn"


# --- Tesseract's words laid out -------------------------------------------------------------


def w(text: str, left: int, top: int, line: tuple[int, int, int], width: int = 0, conf: float = 95) -> Word:
    return Word(text, left, top, width or 18 * len(text), 30, conf, line)


def test_two_columns_on_one_row_stay_apart() -> None:
    words = [
        w("ỦY", 100, 100, (1, 1, 1)),
        w("BAN", 160, 100, (1, 1, 1)),
        w("CỘNG", 900, 102, (2, 1, 1)),
        w("HÒA", 1000, 102, (2, 1, 1)),
        w("Số:", 100, 150, (1, 1, 2)),
        w("Độc", 920, 152, (2, 1, 2)),
    ]
    lines = [line.strip() for line in layout_text(words).split("\n")]
    assert lines[0].startswith("ỦY BAN") and lines[0].endswith("CỘNG HÒA")
    assert "   " in lines[0] and lines[1].startswith("Số:") and lines[1].endswith("Độc")
    assert normalize(layout_text(words)).text.split("\n")[:2] == [
        "ỦY BAN CỘNG HÒA",
        "Số: Độc",
    ]  # no date line: no split


def test_lines_of_one_column_close_together_stay_lines() -> None:
    words = [w("Nơi", 100, 100, (1, 1, 1)), w("nhận:", 170, 100, (1, 1, 1)), w("-", 100, 118, (1, 1, 2))]
    assert [line.strip() for line in layout_text(words).split("\n")] == ["Nơi nhận:", "-"]


def test_a_gap_on_the_page_is_a_blank_line_and_an_unsure_word_is_marked() -> None:
    words = [
        w("Điều", 100, 100, (1, 1, 1)),
        w("1.", 190, 100, (1, 1, 1), conf=20),
        w("Tặng", 100, 300, (2, 1, 1)),
    ]
    lines = [line.strip() for line in layout_text(words).split("\n")]
    assert lines == [f"Điều {UNSURE_OPEN}1.{UNSURE_CLOSE}", "", "Tặng"]


def test_tsv_rows_other_than_words_are_left_out() -> None:
    tsv = (
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t\n"
        "5\t1\t1\t1\t1\t1\t300\t200\t120\t40\t96.5\tQUYẾT\n"
        "5\t1\t1\t1\t1\t2\t440\t200\t120\t40\t-1\t \n"
    )
    assert [(x.text, x.conf) for x in parse_tsv(tsv)] == [("QUYẾT", 96.5)]


# --- repairs -------------------------------------------------------------------------------------

REPAIRS = [
    ("QUYÉT ĐỊNH", "QUYẾT ĐỊNH"),
    ("KT. GIÁM ĐÓC", "KT. GIÁM ĐỐC"),
    ("ỦY BAN NHÂN DÂN\nTĨNH QUANG BÌNH", "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG BÌNH"),
    ("I. MỤC TIỂU THỊ ĐUA", "I. MỤC TIÊU THI ĐUA"),
    ("phong trào thị đua năm 2022", "phong trào thi đua năm 2022"),
    ("Tỏ chức triên khai", "Tổ chức triển khai"),
    ("các tập thẻ và cá nhân", "các tập thể và cá nhân"),
    # adm_017: a vocabulary phrase is not undone by a frequent pair ("Ban Kiểm tra")
    ("BIÊN BAN KIỂM TRA", "BIÊN BẢN KIỂM TRA"),
    ("BIÊN BẢN KIỂM TRA", "BIÊN BẢN KIỂM TRA"),
    # digits read as look-alike letters, inside a number that holds a real digit
    ("khoản 5 Điều I8 Luật số 55/2024/QH15", "khoản 5 Điều 18 Luật số 55/2024/QH15"),
    ("Kế hoạch kiểm tra số I105/KH-ĐKT", "Kế hoạch kiểm tra số 1105/KH-ĐKT"),
    ("đại dịch COVID-I9", "đại dịch COVID-19"),
    ("ngày 22 tháng I1 năm 2019", "ngày 22 tháng 11 năm 2019"),
    ("ngày l6 tháng 11 năm 2O13", "ngày 16 tháng 11 năm 2013"),
    ("Số: II /2026/QĐ-UBND", "Số: II /2026/QĐ-UBND"),  # no digit in it: not a number, left for the flag
    ("mã ADII08", "mã ADII08"),
    # a symbol's type code with a letter OCR doubled (emu_018, emu_025)
    ("Số: 206/QĐĐ-UBQLV", "Số: 206/QĐ-UBQLV"),
    ("Số: /2⁄8 /QĐĐ-UBND", "Số: /2⁄8 /QĐ-UBND"),
    ("số 45/KHH-UBND", "số 45/KH-UBND"),
    ("số 12/QQĐĐ-UBND", "số 12/QQĐĐ-UBND"),  # two letters doubled: not one misreading
    ("số 45/QĐ-UBND", "số 45/QĐ-UBND"),
    ("số 3/UBBND-VX", "số 3/UBBND-VX"),  # not a type code once read once either
    # what is right, or not known, stays
    ("thị trường và giá cả", "thị trường và giá cả"),
    ("Quyét định số", "Quyết định số"),  # the pair (quyét, định) is a misread (quyết, định)
    ("Quyét", "Quyét"),  # a word alone is not repaired: only capitals or a known pair are
    ("XYZÉT QUẢNG", "XYZÉT QUẢNG"),
]


@pytest.mark.parametrize(("ocr", "fixed"), REPAIRS)
def test_ocr_repairs(ocr: str, fixed: str, rules) -> None:
    assert normalize(ocr, repair=rules.ocr_repairer).text == fixed


def test_repairs_are_for_ocr_text_only(tmp_path: Path) -> None:
    path = tmp_path / "qd.txt"
    path.write_text("Số: 12/QĐ-UBND\n\nLào Cai, ngày 05 tháng 6 năm 2026\n\nQUYÉT ĐỊNH\n", encoding="utf-8")
    assert "QUYÉT ĐỊNH" in extract(path).text


# --- without Tesseract -------------------------------------------------------------------------


def test_without_tesseract_a_scan_fails_with_a_clear_message(tmp_path: Path, monkeypatch) -> None:
    require("dejavu")
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract on it
    path = tmp_path / "scan.pdf"
    path.write_bytes(as_pdf(page_image(seal=False)))
    r = extract(path, options=ReadOptions(ocr=OcrOptions(cache_dir=None)))
    assert r.status == "FAILURE" and r.errors[0].kind == "no_text_layer"
    assert "Tesseract is not installed" in r.errors[0].message
    with pytest.raises(OcrUnavailable):
        Tesseract(OcrOptions(cache_dir=None)).version()


# --- scans read end to end -------------------------------------------------------------------

EXPECTED = ("QĐ", "1208", "QĐ-UBND", "2026-06-05", "Lào Cai")


@requires_ocr
@pytest.mark.parametrize("form", ["pdf", "jpeg"])
def test_a_noisy_tilted_scan_is_read(form: str, tmp_path: Path) -> None:
    img = page_image(noise=0.001, angle=0.6)
    path = tmp_path / f"scan.{form}"
    path.write_bytes(as_pdf(img) if form == "pdf" else as_jpeg(img))
    r = extract(path, options=ReadOptions(ocr=OcrOptions(cache_dir=tmp_path / "cache")))
    assert r.source.ocr and r.source.ocr_pages and r.source.ocr_pages[0].confidence > 0.8
    assert header_fields(r) == EXPECTED
    assert r.signer is not None and r.signer.name == "Hoàng Quốc Khánh"
    assert r.signer.position == "PHÓ CHỦ TỊCH"  # under the red seal
    assert [a.form for a in r.awards] == ["bang_khen"]


@requires_ocr
@pytest.mark.parametrize(
    "overlay",
    [
        ("SAO Y",),
        ("Ký bởi: Ủy ban nhân dân tỉnh Lào Cai", "Ngày ký: 05-06-2026 16:24:14 +07:00"),
    ],
)
def test_a_stamp_laid_on_a_scan_does_not_hide_the_scan(overlay: tuple[str, ...], tmp_path: Path) -> None:
    """A text layer of one stamp over a full-page image (emu_018's e-signature caption):
    the page is read by OCR, and the stamp's lines are kept in the text."""
    path = tmp_path / "stamped.pdf"
    path.write_bytes(as_pdf(page_image(noise=0.001, angle=0.6), overlay=overlay))
    r = extract(path, options=ReadOptions(ocr=OcrOptions(cache_dir=tmp_path / "cache")))
    assert r.source.ocr and r.source.ocr_pages[0].reason.startswith("text layer covers little of the page")
    assert header_fields(r) == EXPECTED
    assert all(line in r.text for line in overlay)


@requires_font
def test_a_short_page_of_text_without_an_image_is_not_read_by_ocr(tmp_path: Path) -> None:
    from .pdfgen import Page, pdf

    path = tmp_path / "short.pdf"
    path.write_bytes(pdf(Page().text(60, 780, "PHỤ LỤC").text(60, 760, "Danh sách các đơn vị")))
    r = extract(path, options=ReadOptions(ocr=OcrOptions(cache_dir=tmp_path / "cache")))
    assert not r.source.ocr and "Danh sách các đơn vị" in r.text


@requires_ocr
def test_a_rerun_reads_the_cache(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(as_pdf(page_image(noise=0.0005)))
    options = ReadOptions(ocr=OcrOptions(cache_dir=tmp_path / "cache"))
    first = extract(path, options=options)
    assert list((tmp_path / "cache").rglob("*.tsv"))

    def no_tesseract(self: Tesseract, image: bytes, dpi: int | None = None) -> str:
        raise AssertionError("OCR ran again")

    monkeypatch.setattr(Tesseract, "recognize", no_tesseract)
    assert extract(path, options=options).text == first.text

"""The neural OCR engine (rapidocr's detector, asterocr's recognizer) and the fusion of
engines: the pure steps on data, the engine on a drawn page with sockets refused."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from pipeline.ingest.fusion import fuse
from pipeline.ingest.neural import LineWord, _words, to_tsv
from pipeline.ingest.ocr import OcrOptions, Tesseract, page_of, parse_tsv

from .scan import page_image
from .tools import needs


def test_characters_become_words_with_boxes_along_the_line() -> None:
    """ "Số: 40" over 100 frames of a line 500 pixels wide: the words at their frames."""
    chars = [("S", 10, 0.9), ("ố", 14, 0.8), (":", 18, 0.99), (" ", 22, 0.9), ("4", 30, 0.4), ("0", 34, 0.95)]
    words = _words(chars, 100, (100, 50, 600, 90))
    assert words == [
        LineWord("Số:", 150, 50, 45, 40, 80.0),
        LineWord("40", 250, 50, 25, 40, 40.0),
    ]


def test_the_engines_tsv_reads_as_tesseracts() -> None:
    tsv = to_tsv([[LineWord("QUYẾT", 900, 600, 120, 40, 97.0), LineWord("ĐỊNH", 1030, 600, 90, 40, 95.5)]])
    (a, b) = parse_tsv(tsv)
    assert b.text == "ĐỊNH"
    assert (a.text, a.left, a.top, a.conf, a.line) == ("QUYẾT", 900, 600, 97.0, (1, 1, 1))
    assert page_of(tsv).text.strip() == "QUYẾT ĐỊNH"


def test_the_fusion_takes_the_header_from_the_neural_engine() -> None:
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    tess = "\n".join(
        [
            head,
            "5\t1\t1\t1\t1\t1\t200\t300\t90\t40\t40\tSố:",
            "5\t1\t1\t1\t1\t2\t300\t300\t200\t40\t30\t4ø/QĐ-UBND",
            "5\t1\t2\t1\t1\t1\t200\t2000\t400\t40\t95\tĐiều",
        ]
    )
    neural = to_tsv(
        [[LineWord("Số:", 200, 300, 90, 40, 99.0), LineWord("40/QĐ-UBND", 300, 300, 200, 40, 96.0)]]
    )
    words = parse_tsv(fuse(tess, neural, 3500))
    assert [w.text for w in words] == ["Số:", "40/QĐ-UBND", "Điều"]
    assert words[0].line[0] != words[2].line[0]  # the engines' lines stay apart


def test_an_unknown_engine_is_a_clear_message() -> None:
    assert not Tesseract(OcrOptions(engine="paddle")).available()


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the OCR engine tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@needs("neural", "dejavu")
def test_the_neural_engine_reads_a_header_offline(no_network: None, tmp_path: Path) -> None:
    """The detector and the recognizer load from their wheels and read the drawn scan's
    header, sockets refused."""
    import io

    img = page_image(seal=False, noise=0.0, angle=0.0)
    buf = io.BytesIO()
    img.crop((0, 0, 2480, 800)).save(buf, "PNG")  # type: ignore[attr-defined]
    engine = Tesseract(OcrOptions(engine="neural", cache_dir=tmp_path))
    page = page_of(engine.recognize(buf.getvalue()))
    assert "1208/QĐ-UBND" in page.text and "QUYẾT ĐỊNH" in page.text
    assert page.confidence > 0.8


@needs("neural", "dejavu")
def test_a_line_longer_than_the_recognizer_reads_is_read_in_pieces(no_network: None, tmp_path: Path) -> None:
    import io

    from PIL import Image, ImageDraw, ImageFont

    from .pdfgen import FONT

    text = "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022 và Nghị định số 98/2023/NĐ-CP"
    font = ImageFont.truetype(str(FONT), 40)
    img = Image.new("RGB", (2600, 120), "white")
    ImageDraw.Draw(img).text((20, 30), text, font=font, fill="black")
    buf = io.BytesIO()
    img.save(buf, "PNG")
    page = page_of(Tesseract(OcrOptions(engine="neural", cache_dir=tmp_path)).recognize(buf.getvalue()))
    assert "06/2022/QH15" in page.text and "98/2023/NĐ-CP" in page.text


def test_an_engine_error_fails_the_page_not_the_batch(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """ONNX Runtime's errors (a bad_alloc under the worker's memory cap) are a page OCR could
    not read, reported in the record, never an exception out of the reader."""
    from pipeline.ingest import neural
    from pipeline.ingest.ocr_errors import OcrFailed

    def boom(self: object, image: bytes) -> str:
        raise RuntimeError("[ONNXRuntimeError] : 6 : RUNTIME_EXCEPTION : std::bad_alloc")

    monkeypatch.setattr(neural.NeuralLines, "recognize", boom)
    monkeypatch.setattr(neural, "versions", lambda: "rapidocr test, asterocr test")
    engine = Tesseract(OcrOptions(engine="neural", cache_dir=tmp_path))
    monkeypatch.setattr("pipeline.ingest.ocr.versions", lambda: "rapidocr test, asterocr test")
    with pytest.raises(OcrFailed, match="bad_alloc"):
        engine.recognize(b"\x89PNG")


def test_without_the_neural_packages_tesseract_reads_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.ingest.ocr_errors import OcrUnavailable

    def missing() -> str:
        raise OcrUnavailable("the neural OCR engine is not installed (No module named 'rapidocr')")

    monkeypatch.setattr("pipeline.ingest.ocr.versions", missing)
    engine = Tesseract(OcrOptions(engine="neural"))
    assert engine.engine() == "tesseract"
    assert engine.note is not None and "read by Tesseract instead" in engine.note
    strict = Tesseract(OcrOptions(engine="neural", fallback=False))
    with pytest.raises(OcrUnavailable):
        strict.engine()


# --- a second reading of a scan's header (the number and date Tesseract could not read) --------

FIRST = "UBND TỈNH KHÁNH HÒA\nSỞ NỘI VỤ\nSố: 2Ø/QĐ-SNV\nKhánh Hòa, ngày/j tháng 5 năm 2021\nQUYẾT ĐỊNH\nVề việc khen thưởng\n"

SECOND_READINGS = [
    # both read: the second fills what the first lost
    ("Số: 206/QĐ-SNV\nKhánh Hòa, ngày 27 tháng 5 năm 2021", ("206", "2021-05-27")),
    # the readings disagree on what both read: nothing is taken
    ("Số: 206/QĐ-UBND\nKhánh Hòa, ngày 27 tháng 6 năm 2021", (None, "2021-05")),
    ("Số: 206/QĐ-SNV\nKhánh Hòa, ngày 27 tháng 5 năm 2020", ("206", "2021-05")),
    # the second could not read them either
    ("Số: ÿ6Z/QĐ-SNV\nKhánh Hòa, ngày tháng 5 năm 2021", (None, "2021-05")),
]


@pytest.mark.parametrize(("second", "expected"), SECOND_READINGS)
def test_a_second_reading_fills_only_what_both_readings_agree_around(second: str, expected: tuple) -> None:
    from pipeline.api import build_record
    from pipeline.ingest.base import RawDocument
    from pipeline.record import Source
    from pipeline.rules import default_rules

    source = Source(path="scan.pdf", format="pdf", sha256=None, encoding=None, pages=1, ocr=True)
    raw = RawDocument(FIRST, ocr=True, layout=True, wrapped=True, second_header=second)
    r = build_record(FIRST, source, default_rules(), raw=raw)
    assert (r.document.number, r.document.date) == expected
    for field, value in zip(("number", "date"), expected, strict=True):
        engine = r.document.provenance[field].engine if field in r.document.provenance else None
        filled = value is not None and (field == "number" or len(value) == 10)
        assert (engine == "neural") == filled
    rules = {f.rule for f in r.flags}
    assert ("number-unreadable" in rules) == (expected[0] is None)


def test_no_second_reading_without_the_neural_engine(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from pipeline.ingest.ocr_errors import OcrUnavailable

    def missing() -> str:
        raise OcrUnavailable("not installed")

    monkeypatch.setattr("pipeline.ingest.ocr.versions", missing)
    engine = Tesseract(OcrOptions(cache_dir=tmp_path))
    assert engine.second_reading("x", lambda: b"") is None
    assert (
        Tesseract(OcrOptions(engine="tesseract", second_reading=False)).second_reading("x", lambda: b"")
        is None
    )


@needs("tesseract", "dejavu")
@pytest.mark.parametrize("form", ["pdf", "jpeg"])
def test_a_scans_header_band_goes_to_the_second_reading(
    form: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Scanned PDFs and images alike hand their first page's header band to the second
    reading, and the record takes from it what Tesseract left unread."""
    from pipeline import extract
    from pipeline.ingest import ReadOptions

    from .scan import as_jpeg, as_pdf

    bands: list[int] = []

    def fake_second(self: Tesseract, source: str, render) -> str:
        bands.append(len(render()))
        return "Số: 1208/QĐ-UBND\nLào Cai, ngày 05 tháng 6 năm 2026"

    monkeypatch.setattr(Tesseract, "second_reading", fake_second)
    img = page_image(noise=0.001, angle=0.6)
    path = tmp_path / f"scan.{form}"
    path.write_bytes(as_pdf(img) if form == "pdf" else as_jpeg(img))
    r = extract(path, options=ReadOptions(ocr=OcrOptions(engine="tesseract", cache_dir=tmp_path / "cache")))
    assert len(bands) == 1 and bands[0] > 0
    assert (r.document.number, r.document.date) == ("1208", "2026-06-05")  # Tesseract read both: kept

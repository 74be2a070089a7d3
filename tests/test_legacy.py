"""Legacy encodings: TCVN3 (.VnTime), VNI and Windows-1258 text read back as the
Unicode it was typed from, in TXT files (as bytes, or as bytes a copy put in a
UTF-8 file) and in Word runs typed in a legacy font; Unicode left alone.

The encoders (:mod:`tests.legacy_text`) are written from the tables independently
of the decoder: each phrase is encoded, written, read, and must come back as it was.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import extract
from pipeline.ingest import ReadOptions
from pipeline.ingest.txt import decode
from pipeline.ingest.word import DocxBackend

from .conftest import header_fields
from .legacy_text import as_latin1_copy, to_cp1258, to_tcvn3, to_tcvn3_h, to_vni
from .render import convert
from .test_docx import docx_bytes
from .tools import needs, require

# --- phrases -------------------------------------------------------------------------------------

PHRASES = [
    "Quyết định về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
    "Kế hoạch phát động phong trào thi đua năm 2005",
    "Thực hiện Chỉ thị số 39-CT/TW ngày 21 tháng 5 năm 2004 của Bộ Chính trị",
    "Cộng hòa xã hội chủ nghĩa Việt Nam, độc lập - tự do - hạnh phúc",
    "Ủy ban nhân dân tỉnh Quảng Ngãi",
    "Sở Giáo dục và Đào tạo tổ chức triển khai thực hiện",
    "các tập thể, cá nhân có thành tích xuất sắc trong phong trào thi đua",
    "Giấy khen của Giám đốc Sở cho 15 tập thể và 42 cá nhân",
    "Chiến sĩ thi đua cơ sở, Lao động tiên tiến, Tập thể lao động xuất sắc",
    "Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003",
    "Nơi nhận: như Điều 3; lưu văn thư",
    "đẩy mạnh ứng dụng công nghệ thông tin trong quản lý nhà nước",
    "Huân chương Lao động hạng Ba cho đồng chí Nguyễn Thị Hường",
    "người lao động thuộc các doanh nghiệp ngoài quốc doanh",
    "tổng kết, đánh giá kết quả và đề xuất khen thưởng kịp thời",
    "phụ nữ giỏi việc nước, đảm việc nhà",
    "bảo đảm an ninh trật tự, an toàn giao thông, phòng chống lụt bão",
    "Hội đồng Thi đua - Khen thưởng huyện Lý Sơn",
    "xây dựng nông thôn mới, đô thị văn minh",
    "trường học thân thiện, học sinh tích cực; giữ gìn vệ sinh môi trường",
    "Trưởng ban Thi đua - Khen thưởng; Phó Chủ tịch Thường trực",
    "chữ ký, con dấu và thể thức văn bản hành chính",
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh và Hội Liên hiệp Phụ nữ",
    "Ngày 15 tháng 8 năm 1998; Số: 125/QĐ-UB",
    "tuổi trẻ sáng tạo, xung kích, tình nguyện vì cộng đồng",
    "Điều 1. Tặng danh hiệu Cờ thi đua xuất sắc cho đơn vị",
    "ổn định đời sống nhân dân vùng sâu, vùng xa, vùng đồng bào dân tộc",
    "giảm nghèo bền vững; tỷ lệ hộ nghèo giảm còn dưới 5%",
    "huyện Mỹ Đức, thị xã Sơn Tây, thành phố Hà Nội",
    "Ưu tiên khen thưởng người trực tiếp lao động sản xuất",
]

ENCODERS = {"tcvn3": to_tcvn3, "vni": to_vni, "cp1258": to_cp1258}


def _tcvn3_safe(text: str) -> str:
    """The phrase as TCVN3 can write it in one font: capitals with a tone are lower-cased."""
    out = []
    for ch in text:
        try:
            to_tcvn3(ch)
        except KeyError:
            ch = ch.lower()
        out.append(ch)
    return "".join(out)


def _phrase_for(encoding: str, phrase: str) -> str:
    return _tcvn3_safe(phrase) if encoding == "tcvn3" else phrase


@pytest.mark.parametrize("encoding", ENCODERS)
@pytest.mark.parametrize("phrase", PHRASES)
def test_a_legacy_text_file_is_read_as_typed(encoding: str, phrase: str) -> None:
    phrase = _phrase_for(encoding, phrase)
    assert decode(ENCODERS[encoding](phrase)) == (phrase, encoding)


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
@pytest.mark.parametrize("phrase", PHRASES)
def test_legacy_bytes_copied_into_a_utf8_file_are_put_right(encoding: str, phrase: str) -> None:
    phrase = _phrase_for(encoding, phrase)
    copy = as_latin1_copy(ENCODERS[encoding](phrase))
    assert decode(copy.encode("utf-8")) == (phrase, f"{encoding} (in utf-8)")


UNICODE_AS_IT_IS = [
    *PHRASES,
    "Số: 12/QĐ-UBND",
    "Đà Lạt, ngày 05 tháng 6 năm 2026",
    "The committee approved the plan; see Annex II (page 4).",
    "Café au lait, crème brûlée, déjà vu, naïve façade",
    "Nhiệt độ 25°C, độ ẩm 80%, giá 1.500.000 đồng ± 5%",
    "© 2026 Sở Thông tin và Truyền thông · Tổng đài 1900 xxxx",
    "Ä Ö Ü ß æ ø å ñ ç é è ê ë — “Kế hoạch” … ½ ¼",
    "µ",
    "QUYẾT ĐỊNH\nVề việc khen thưởng",
]


@pytest.mark.parametrize("text", UNICODE_AS_IT_IS)
def test_unicode_is_left_as_it_is(text: str) -> None:
    assert decode(text.encode("utf-8")) == (text, "utf-8")
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, "utf-8")
    assert decode(text.encode("utf-16")) == (text, "utf-16")


def test_a_legacy_file_is_read_with_a_warning(tmp_path: Path) -> None:
    text = "Số: 125/QĐ-UB\n\nQuảng Ngãi, ngày 15 tháng 8 năm 1998\n\nQUYẾT ĐỊNH\nVề việc khen thưởng\n"
    path = tmp_path / "qd.txt"
    path.write_bytes(to_vni(text))
    r = extract(path)
    assert r.source.encoding == "vni" and r.status == "PARTIAL"
    assert [e.kind for e in r.errors] == ["legacy_encoding"]
    assert header_fields(r) == ("QĐ", "125", "QĐ-UB", "1998-08-15", "Quảng Ngãi")


# --- Word runs in legacy fonts --------------------------------------------------------------------


def _run(text: str, font: str | None) -> str:
    rpr = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>' if font else ""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escaped}</w:t></w:r>'


def _para(*runs: str) -> str:
    return "<w:p>" + "".join(runs) + "</w:p>"


def _read(body: str, normal_font: str | None = None) -> tuple[str, str]:
    raw = DocxBackend().read(docx_bytes(body, normal_font=normal_font), Path("x.docx"))
    return raw.text.strip(), raw.encoding


def _in_font(data: bytes) -> str:
    """Legacy bytes as a Word run holds them: each byte its Windows-1252 character."""
    return as_latin1_copy(data)


WORD_RUNS = [
    # (case, body, normal font, text, encoding)
    (
        "a .VnTime run",
        _para(_run(_in_font(to_tcvn3("Kế hoạch phát động phong trào thi đua")), ".VnTime")),
        None,
        "Kế hoạch phát động phong trào thi đua",
        "tcvn3",
    ),
    (
        "a .VnTimeH run is capitals",
        _para(_run(_in_font(to_tcvn3_h("QUYẾT ĐỊNH KHEN THƯỞNG")), ".VnTimeH")),
        None,
        "QUYẾT ĐỊNH KHEN THƯỞNG",
        "tcvn3",
    ),
    (
        "a VNI-Times run",
        _para(_run(_in_font(to_vni("Ủy ban nhân dân tỉnh Bình Định")), "VNI-Times")),
        None,
        "Ủy ban nhân dân tỉnh Bình Định",
        "vni",
    ),
    (
        "runs in two fonts on one line",
        _para(
            _run("Số: 125/QĐ-UB ", "Times New Roman"),
            _run(_in_font(to_tcvn3("ngày 15 tháng 8 năm 1998")), ".VnTime"),
        ),
        None,
        "Số: 125/QĐ-UB ngày 15 tháng 8 năm 1998",
        "tcvn3",
    ),
    (
        "the style's font is .VnTime",
        _para(_run(_in_font(to_tcvn3("tặng Bằng khen cho các tập thể")), None)),
        ".VnTime",
        "tặng Bằng khen cho các tập thể",
        "tcvn3",
    ),
    (
        "Unicode typed in a style that still names .VnTime is left alone",
        _para(_run("tặng Bằng khen cho các tập thể", None)),
        ".VnTime",
        "tặng Bằng khen cho các tập thể",
        "utf-8",
    ),
    (
        "Unicode in a .VnTime run is left alone",
        _para(_run("Cộng hòa xã hội chủ nghĩa Việt Nam", ".VnTime")),
        None,
        "Cộng hòa xã hội chủ nghĩa Việt Nam",
        "utf-8",
    ),
    (
        "ASCII in a .VnTime run is itself",
        _para(_run("So: 12/QD-UB", ".VnTime")),
        None,
        "So: 12/QD-UB",
        "utf-8",
    ),
]


@pytest.mark.parametrize(
    ("case", "body", "normal", "text", "encoding"), WORD_RUNS, ids=[r[0] for r in WORD_RUNS]
)
def test_word_runs_in_legacy_fonts(
    case: str, body: str, normal: str | None, text: str, encoding: str
) -> None:
    assert _read(body, normal) == (text, encoding)


def test_a_soft_hyphen_in_a_vntime_run_is_u_horn() -> None:
    """.VnTime puts ư at 0xAD, the soft hyphen: Word stores it as <w:softHyphen/>."""
    body = _para(
        _run(_in_font(to_tcvn3("khen th")), ".VnTime"),
        '<w:r><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr><w:softHyphen/></w:r>',
        _run(_in_font(to_tcvn3("ởng năm 2005")), ".VnTime"),
    )
    assert _read(body)[0] == "khen thưởng năm 2005"


LEGACY_LETTER = (
    "Số: 125/QĐ-UB\n"
    "Quảng Ngãi, ngày 15 tháng 8 năm 1998\n"
    "QUYẾT ĐỊNH\n"
    "Về việc tặng Bằng khen cho các tập thể có thành tích xuất sắc\n"
    "trong phong trào thi đua yêu nước năm 1998"
)


@needs("soffice")
@pytest.mark.parametrize("office", [True, False], ids=["libreoffice", "antiword"])
def test_an_old_word_file_typed_in_vntime_is_read_as_unicode(office: bool, tmp_path: Path) -> None:
    if not office:
        require("doc-text")
    body = "".join(
        _para(_run(_in_font(to_tcvn3_h(line) if line.isupper() else to_tcvn3(line)), font))
        for line in LEGACY_LETTER.split("\n")
        for font in [".VnTimeH" if line.isupper() else ".VnTime"]
    )
    docx_path = tmp_path / "qd.docx"
    docx_path.write_bytes(docx_bytes(body))
    doc = convert([docx_path], tmp_path, "doc")[docx_path]
    r = extract(doc, options=ReadOptions(office=office))
    # as plain text the fonts are lost, and with them the capitals of .VnTimeH
    want = LEGACY_LETTER if office else LEGACY_LETTER.replace("QUYẾT ĐỊNH", "quyết định")
    assert " ".join(r.text.split()) == " ".join(want.split())
    if not office:
        assert r.status == "PARTIAL" and "read as lower case" in r.errors[0].message
    assert r.source.encoding == "tcvn3"
    assert header_fields(r) == ("QĐ", "125", "QĐ-UB", "1998-08-15", "Quảng Ngãi")


def test_the_translation_tables_read_each_character_as_its_byte() -> None:
    """Every character up to U+FFFF: the tables give what reading it as its Windows-1252
    byte (or its own code under 0x100) and decoding that byte gives."""
    from pipeline.ingest.legacy import TCVN3, _vni_sub, byte_of, from_tcvn3, from_vni

    def by_bytes_tcvn3(ch: str) -> str:
        b = byte_of(ch)
        return TCVN3.get(b, ch) if b is not None and b >= 0x80 else ch

    def by_bytes_latin(ch: str) -> str:
        b = byte_of(ch)
        return bytes([b]).decode("cp1252", errors="replace") if b is not None else ch

    chars = [chr(o) for o in range(0x10000) if not 0xD800 <= o < 0xE000]
    assert from_tcvn3("".join(chars)) == "".join(map(by_bytes_tcvn3, chars))
    assert from_tcvn3("".join(chars), capitals=True) == "".join(map(by_bytes_tcvn3, chars)).upper()
    assert from_vni("".join(chars)) == _vni_sub("".join(map(by_bytes_latin, chars)))
    assert from_tcvn3("Hµ Néi\n­u tiªn") == "Hà Nội\nưu tiên"

"""The Word reader: auto-numbering replayed, layout tables read as header and
signature, data tables kept, tracked changes, fields, text boxes and notes.

Documents are built here from WordprocessingML snippets put into a python-docx
package, so each test shows the XML Word writes for the case.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from pipeline import extract
from pipeline.ingest.numbering import Numbering, W
from pipeline.ingest.word import DocxBackend

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _xml(s: str) -> Any:  # an lxml element
    from docx.oxml import parse_xml

    return parse_xml(s)


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


OUTLINE = lvl(0, "upperRoman", "%1.") + lvl(1, "decimal", "%2.") + lvl(2, "lowerLetter", "%3)")


def numbering(abstracts: dict[str, str], nums: dict[str, str]) -> str:
    """``abstracts``: id → levels; ``nums``: numId → "abstractId" or "abstractId|override XML"."""
    parts = [
        f'<w:abstractNum w:abstractNumId="{a}">{levels}</w:abstractNum>' for a, levels in abstracts.items()
    ]
    for num_id, spec in nums.items():
        abstract, _, override = spec.partition("|")
        parts.append(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>{override}</w:num>')
    return f"<w:numbering {NS}>{''.join(parts)}</w:numbering>"


def p(
    text: str, num: str | None = None, ilvl: int = 0, style: str | None = None, inner: str | None = None
) -> str:
    ppr = ""
    if style or num is not None:
        num_pr = (
            f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>' if num is not None else ""
        )
        style_el = f'<w:pStyle w:val="{style}"/>' if style else ""
        ppr = f"<w:pPr>{style_el}{num_pr}</w:pPr>"
    content = inner if inner is not None else f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'
    return f"<w:p {NS}>{ppr}{content}</w:p>"


def labels(
    numbering_xml: str, paragraphs: list[tuple[str | None, int, str | None]], styles_xml: str | None = None
) -> list[str | None]:
    """The label of each paragraph given as (numId, ilvl, style)."""
    n = Numbering.from_parts(_xml(numbering_xml), _xml(styles_xml) if styles_xml else None)
    out = []
    for num, ilvl, style in paragraphs:
        ppr = _xml(p("x", num, ilvl, style)).find(W + "pPr")
        out.append(n.label(ppr, style))
    return out


ONE = {"1": OUTLINE}

NUMBERING_CASES = [
    # (case, abstracts, nums, paragraphs (numId, ilvl, style), expected labels)
    (
        "roman, decimal, letters",
        ONE,
        {"1": "1"},
        [("1", 0, None), ("1", 1, None), ("1", 2, None), ("1", 2, None), ("1", 1, None)],
        ["I.", "1.", "a)", "b)", "2."],
    ),
    (
        "a lower level restarts under the next higher one",
        ONE,
        {"1": "1"},
        [("1", 0, None), ("1", 1, None), ("1", 1, None), ("1", 0, None), ("1", 1, None)],
        ["I.", "1.", "2.", "II.", "1."],
    ),
    (
        "letters restart under each number",
        ONE,
        {"1": "1"},
        [("1", 1, None), ("1", 2, None), ("1", 2, None), ("1", 1, None), ("1", 2, None)],
        ["1.", "a)", "b)", "2.", "a)"],
    ),
    (
        "a level may start anywhere",
        {"1": lvl(0, "decimal", "%1.", start=5)},
        {"1": "1"},
        [("1", 0, None), ("1", 0, None)],
        ["5.", "6."],
    ),
    (
        "a level that never restarts",
        {"1": lvl(0, "upperRoman", "%1.") + lvl(1, "decimal", "%2.", extra='<w:lvlRestart w:val="0"/>')},
        {"1": "1"},
        [("1", 1, None), ("1", 0, None), ("1", 1, None)],
        ["1.", "I.", "2."],
    ),
    (
        "a multi-level label",
        {"1": lvl(0, "decimal", "%1.") + lvl(1, "decimal", "%1.%2.")},
        {"1": "1"},
        [("1", 0, None), ("1", 1, None), ("1", 1, None), ("1", 0, None), ("1", 1, None)],
        ["1.", "1.1.", "1.2.", "2.", "2.1."],
    ),
    (
        "two lists of one definition go on from one another",
        ONE,
        {"1": "1", "2": "1"},
        [("1", 1, None), ("1", 1, None), ("2", 1, None)],
        ["1.", "2.", "3."],
    ),
    (
        "a list restarted by an override counts anew",
        ONE,
        {"1": "1", "2": '1|<w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride>'},
        [("1", 1, None), ("1", 1, None), ("2", 1, None), ("2", 1, None)],
        ["1.", "2.", "1.", "2."],
    ),
    (
        "an override may start elsewhere",
        ONE,
        {"1": '1|<w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride>'},
        [("1", 0, None), ("1", 0, None)],
        ["IV.", "V."],
    ),
    (
        "an override may replace a level",
        ONE,
        {"1": '1|<w:lvlOverride w:ilvl="1">' + lvl(1, "decimal", "Điều %2.") + "</w:lvlOverride>"},
        [("1", 1, None), ("1", 1, None)],
        ["Điều 1.", "Điều 2."],
    ),
    (
        "numId 0 switches numbering off",
        ONE,
        {"1": "1"},
        [("1", 0, None), ("0", 0, None), ("1", 0, None)],
        ["I.", None, "II."],
    ),
    (
        "legal numbering shows every level in digits",
        {"1": lvl(0, "upperRoman", "%1.") + lvl(1, "decimal", "%1.%2.", extra="<w:isLgl/>")},
        {"1": "1"},
        [("1", 0, None), ("1", 1, None)],
        ["I.", "1.1."],
    ),
    ("a bullet is a dash", {"1": lvl(0, "bullet", "-")}, {"1": "1"}, [("1", 0, None)], ["-"]),
    (
        "letters past z double",
        {"1": lvl(0, "lowerLetter", "%1)", start=26)},
        {"1": "1"},
        [("1", 0, None), ("1", 0, None)],
        ["z)", "aa)"],
    ),
    (
        "zero-padded numbers",
        {"1": lvl(0, "decimalZero", "%1.", start=9)},
        {"1": "1"},
        [("1", 0, None), ("1", 0, None)],
        ["09.", "10."],
    ),
    ("an unknown list shows nothing", ONE, {"1": "1"}, [("7", 0, None)], [None]),
]


@pytest.mark.parametrize(
    ("case", "abstracts", "nums", "paragraphs", "expected"),
    NUMBERING_CASES,
    ids=[c[0] for c in NUMBERING_CASES],
)
def test_word_numbering_labels(
    case: str, abstracts: dict, nums: dict, paragraphs: list, expected: list
) -> None:
    assert labels(numbering(abstracts, nums), paragraphs) == expected


STYLES = f"""<w:styles {NS}>
  <w:style w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
  <w:style w:styleId="Muc"><w:basedOn w:val="Heading1"/></w:style>
  <w:style w:styleId="Heading2"><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
</w:styles>"""


def test_numbering_inherited_from_a_style_and_its_base() -> None:
    got = labels(
        numbering(ONE, {"1": "1"}),
        [(None, 0, "Heading1"), (None, 0, "Heading2"), (None, 0, "Muc"), (None, 0, "Heading2")],
        STYLES,
    )
    assert got == ["I.", "1.", "II.", "1."]


# --- the reader --------------------------------------------------------------------------------


def docx_bytes(
    body: str, numbering_xml: str | None = None, notes: str | None = None, normal_font: str | None = None
) -> bytes:
    """A Word file whose body is ``body`` (paragraphs and tables), its Normal style in
    ``normal_font`` when given."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    d = docx.Document()
    if normal_font:
        d.styles["Normal"].font.name = normal_font
    b = d.element.body
    for child in list(b):
        if child.tag != W + "sectPr":
            b.remove(child)
    for el in _xml(f"<w:body {NS}>{body}</w:body>"):
        b.insert(len(b) - 1, el)
    if numbering_xml:
        root = d.part.numbering_part.element
        for child in list(root):
            root.remove(child)
        for el in _xml(numbering_xml):
            root.append(el)
    if notes:
        part = Part(
            PackURI("/word/footnotes.xml"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
            f"<w:footnotes {NS}>{notes}</w:footnotes>".encode(),
            d.part.package,
        )
        d.part.relate_to(part, RT.FOOTNOTES)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def read(body: str, **kw: str) -> tuple[str, object]:
    raw = DocxBackend().read(docx_bytes(body, **kw), Path("x.docx"))
    return raw.text, raw


def cell(*paragraphs: str) -> str:
    return "<w:tc>" + "".join(p(x) for x in paragraphs) + "</w:tc>"


def table(*rows: list[str], borders: bool = False) -> str:
    tbl_pr = (
        '<w:tblPr><w:tblBorders><w:top w:val="single"/><w:bottom w:val="single"/></w:tblBorders></w:tblPr>'
        if borders
        else "<w:tblPr/>"
    )
    return f"<w:tbl {NS}>{tbl_pr}" + "".join("<w:tr>" + "".join(r) + "</w:tr>" for r in rows) + "</w:tbl>"


HEADER_TABLE = table(
    [
        cell("ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI", "Số: 1208/QĐ-UBND"),
        cell(
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Lào Cai, ngày 05 tháng 6 năm 2026",
        ),
    ]
)


def test_the_header_table_is_read_column_by_column() -> None:
    text, _ = read(HEADER_TABLE + p("QUYẾT ĐỊNH"))
    assert text.split("\n")[:6] == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH LÀO CAI",
        "Số: 1208/QĐ-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Lào Cai, ngày 05 tháng 6 năm 2026",
    ]


def test_a_data_table_is_kept_cell_by_cell() -> None:
    rows = [
        [cell("STT"), cell("Họ và tên"), cell("Đơn vị"), cell("Ghi chú")],
        [cell("1"), cell("Ông Vàng A Sử"), cell("Xã Bắc Hà"), cell("")],
    ]
    text, raw = read(p("DANH SÁCH") + table(*rows, borders=True))
    assert "STT | Họ và tên | Đơn vị | Ghi chú" in text
    (t,) = raw.tables
    assert [[text[c.start : c.end] for c in row] for row in t.rows] == [
        ["STT", "Họ và tên", "Đơn vị", "Ghi chú"],
        ["1", "Ông Vàng A Sử", "Xã Bắc Hà", ""],
    ]


def test_auto_numbered_paragraphs_get_their_labels() -> None:
    body = (
        p("MỤC ĐÍCH", "1", 0)
        + p("Mục đích", "1", 1)
        + p("Tạo khí thế thi đua", "1", 2)
        + p("NỘI DUNG", "1", 0)
    )
    text, _ = read(body, numbering_xml=numbering(ONE, {"1": "1"}))
    assert text.split("\n")[:4] == ["I. MỤC ĐÍCH", "1. Mục đích", "a) Tạo khí thế thi đua", "II. NỘI DUNG"]


def run(t: str, extra: str = "") -> str:
    return f'<w:r>{extra}<w:t xml:space="preserve">{t}</w:t></w:r>'


RUNS = [
    ("a soft hyphen vanishes", run("thi") + "<w:r><w:softHyphen/></w:r>" + run("đua"), "thiđua"),
    (
        "a non-breaking hyphen is a hyphen",
        run("912/KH") + "<w:r><w:noBreakHyphen/></w:r>" + run("SNNMT"),
        "912/KH-SNNMT",
    ),
    ("a tab is a space", run("Số:") + "<w:r><w:tab/></w:r>" + run("/UBND"), "Số: /UBND"),
    (
        "a line break stays",
        run("KT. GIÁM ĐỐC") + "<w:r><w:br/></w:r>" + run("PHÓ GIÁM ĐỐC"),
        "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
    ),
    (
        "a field shows its result, not its code",
        run("Trang ")
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + run("2")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        "Trang 2",
    ),
    (
        "a simple field shows its result",
        '<w:fldSimple w:instr=" DATE ">' + run("05/6/2026") + "</w:fldSimple>",
        "05/6/2026",
    ),
    (
        "a text box is not body text",
        run("Điều 1.")
        + '<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        + '<mc:Choice Requires="wps"><w:drawing><w:t>HỘP VĂN BẢN</w:t></w:drawing></mc:Choice>'
        + "<mc:Fallback><w:pict><w:t>HỘP VĂN BẢN</w:t></w:pict></mc:Fallback></mc:AlternateContent></w:r>",
        "Điều 1.",
    ),
    (
        "a deletion is left out",
        run("Tặng ")
        + f"<w:del {NS}>"
        + "<w:r><w:delText>Bằng khen</w:delText></w:r></w:del>"
        + run("Giấy khen"),
        "Tặng Giấy khen",
    ),
    (
        "an insertion is read",
        run("Tặng ") + f"<w:ins {NS}>" + run("Giấy khen") + "</w:ins>",
        "Tặng Giấy khen",
    ),
    (
        "a symbol font's character",
        run("Ghi chú ") + '<w:r><w:sym w:font="Symbol" w:char="F0B7"/></w:r>',
        "Ghi chú \u00b7",
    ),
]


@pytest.mark.parametrize(("case", "inner", "expected"), RUNS, ids=[c[0] for c in RUNS])
def test_paragraph_content(case: str, inner: str, expected: str) -> None:
    text, _ = read(p("", inner=inner))
    assert text.rstrip("\n") == expected


def test_tracked_changes_are_noted_and_flagged(tmp_path: Path) -> None:
    body = (
        HEADER_TABLE
        + p("QUYẾT ĐỊNH")
        + p(
            "",
            inner=run("Điều 1. Tặng ")
            + f"<w:ins {NS}>"
            + run("Giấy khen")
            + "</w:ins>"
            + run(" cho 05 tập thể./."),
        )
    )
    _, raw = read(body)
    assert [m.kind for m in raw.marks] == ["tracked_insert"]
    path = tmp_path / "qd.docx"
    path.write_bytes(docx_bytes(body))
    r = extract(path)
    assert "stray-artifact" in {f.rule for f in r.flags}
    assert any(e.kind == "tracked_changes" for e in r.errors)


def test_footnotes_follow_the_body() -> None:
    body = p(
        "",
        inner=run("Căn cứ Luật Thi đua, khen thưởng")
        + '<w:r><w:footnoteReference w:id="1"/></w:r>'
        + run(";"),
    )
    notes = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:t>Luật số 06/2022/QH15 ngày 15/6/2022.</w:t></w:r></w:p></w:footnote>'
    )
    text, _ = read(body, notes=notes)
    assert text.split("\n")[0] == "Căn cứ Luật Thi đua, khen thưởng[1];"
    assert "[1] Luật số 06/2022/QH15 ngày 15/6/2022." in text


def test_a_content_control_in_the_body_is_read() -> None:
    text, _ = read(f"<w:sdt {NS}><w:sdtContent>{p('Kính gửi: Sở Nội vụ')}</w:sdtContent></w:sdt>")
    assert text.startswith("Kính gửi: Sở Nội vụ")


def test_a_broken_word_file_is_a_clear_failure(tmp_path: Path) -> None:
    data = bytearray(docx_bytes(p("x")))
    path = tmp_path / "hong.docx"
    path.write_bytes(bytes(data[: len(data) // 2]))  # cut in the middle, as a failed download is
    r = extract(path)
    assert r.status == "FAILURE" and r.errors and r.errors[0].stage == "ingest"

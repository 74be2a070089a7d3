"""Citations: found with offsets, resolved per cited document (eyecite-style tables)."""

from __future__ import annotations

import pytest

from pipeline.extract.references import find_mentions, resolve
from pipeline.extract.text import Text

from .conftest import make_text, table


def cells(t: Text, own: str | None = None) -> list[str]:
    refs = resolve(t, find_mentions(t), [], own)
    return [f"{r.number_symbol}|{r.type}|{','.join(r.dates)}|{r.issuer or ''}" for r in refs]


@pytest.mark.parametrize("row", table("citations.tsv"), ids=lambda r: r[0][:60])
def test_real_citations(row: list[str], rules) -> None:
    phrase, *expected = row
    assert cells(Text(phrase, rules)) == expected


WRITTEN = [
    # state form, the two date forms, issuer after "của"
    (
        "Thực hiện Chỉ thị số 14/CT-UBND ngày 28/7/2021 của Chủ tịch Ủy ban nhân dân tỉnh về việc phát động thi đua",
        ["14/CT-UBND|CT|2021-07-28|Chủ tịch Ủy ban nhân dân tỉnh"],
    ),
    (
        "Chỉ thị số 34-CT/TW ngày 07 tháng 4 năm 2014 của Bộ Chính trị về “Tiếp tục đổi mới công tác thi đua”",
        ["34-CT/TW|CT|2014-04-07|Bộ Chính trị"],
    ),
    # Party form with a space after the hyphen, comma before the date
    (
        "thực hiện thắng lợi Nghị quyết số 09- NQ/TW, ngày 28/01/2022 của Bộ Chính trị khóa XIII về xây dựng",
        ["09-NQ/TW|NQ|2022-01-28|Bộ Chính trị khóa XIII"],
    ),
    (
        "Thực hiện Kế hoạch số 48-KH/ĐU ngày 25 tháng 3 năm 2025 của Đảng ủy Sở Nông nghiệp và Môi trường về việc",
        ["48-KH/ĐU|KH|2025-03-25|Đảng ủy Sở Nông nghiệp và Môi trường"],
    ),
    # the type comes from the symbol when it has a code, from the words otherwise
    (
        "của UBND tỉnh Khánh Hòa tại Công văn số 12718/KH-UBND ngày 21/12/2022.",
        ["12718/KH-UBND|KH|2022-12-21|UBND tỉnh Khánh Hòa"],
    ),
    # a list of requests: each enterprise named before "tại" is its document's issuer (adm_030)
    (
        "Xét đề nghị của 28 đơn vị gồm: Công ty TNHH Lương Việt tại Văn bản số 05/2026/VLN/CV-LV ngày 21/4/2026; "
        "Công ty cổ phần Miền Tây tại Văn bản số 01/CV-MT ngày 21/4/2026; Hợp tác xã Đá Xanh tại văn bản số "
        "12/CV-HTX ngày 02/4/2026.",
        [
            "05/2026/VLN/CV-LV|CV|2026-04-21|Công ty TNHH Lương Việt",
            "01/CV-MT|CV|2026-04-21|Công ty cổ phần Miền Tây",
            "12/CV-HTX|CV|2026-04-02|Hợp tác xã Đá Xanh",
        ],
    ),
    # an enterprise's own code of no official form, right before its date (adm_030)
    (
        "Công ty cổ phần Miền Tây tại Văn bản số 01-GCN-MT ngày 21/4/2026; Công ty Liên danh YBB tại Văn bản số "
        "YBB-SA032/26-LR ngày 21/4/2026; Công ty VPG tại Văn bản số 11/2026CV-YVG ngày 18/4/2026.",
        [
            "01-GCN-MT|CV|2026-04-21|",
            "YBB-SA032/26-LR|CV|2026-04-21|Công ty Liên danh YBB",
            "11/2026CV-YVG|CV|2026-04-18|Công ty VPG",
        ],
    ),
    # a văn bản cited by its number alone is a letter too
    ("theo Văn bản số 02 ngày 21/4/2026 của Công ty TNHH Đại Lục", ["02|CV|2026-04-21|Công ty TNHH Đại Lục"]),
    # a code without a date after it, or after no "số", is no citation
    ("mã hồ sơ YBB-SA032/26-LR ngày 21/4/2026", []),
    ("Văn bản số GCN-MT ngày 21/4/2026", []),
    # a list of anything else before "tại" names no issuer
    ("Nội dung: thực hiện tốt tại Văn bản số 15/CV-SNV ngày 02/4/2026.", ["15/CV-SNV|CV|2026-04-02|"]),
    (
        "theo hướng dẫn của Sở Nông nghiệp và Môi trường tại văn bản số 1297/SNNMT-KS ngày 25/8/2025.",
        ["1297/SNNMT-KS|CV|2025-08-25|Sở Nông nghiệp và Môi trường"],
    ),
    (
        "Căn cứ Công văn số 1731/UBND-KSTT ngày 24/9/2020 của UBND tỉnh;",
        ["1731/UBND-KSTT|CV|2020-09-24|UBND tỉnh"],
    ),
    (
        "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;",
        ["06/2022/QH15|LUAT|2022-06-15|"],
    ),
    (
        "Căn cứ Nghị quyết số 142/2024/QH15 ngày 29/6/2024 của Quốc hội về Kỳ họp thứ 7",
        ["142/2024/QH15|NQ|2024-06-29|Quốc hội"],
    ),
    (
        "Sau khi xem xét Tờ trình số 177/TTr-CP ngày 09/4/2025 của Chính phủ; Báo cáo thẩm tra số 436/BC-UBVHXH15 "
        "ngày 15/5/2025 của Ủy ban Văn hóa và Xã hội;",
        ["177/TTr-CP|TTr|2025-04-09|Chính phủ", "436/BC-UBVHXH15|BC|2025-05-15|Ủy ban Văn hóa và Xã hội"],
    ),
    # words between the type and "số"; no "số" at all
    ("và Kế hoạch kiểm tra số 1105/KH-ĐKT ngày 10/3/2026 đã được phê duyệt", ["1105/KH-ĐKT|KH|2026-03-10|"]),
    (
        "được tặng Huân chương theo Quyết định 1013/QĐ-CTN ngày 18/6/2021 của Chủ tịch nước",
        ["1013/QĐ-CTN|QĐ|2021-06-18|Chủ tịch nước"],
    ),
    (
        "Căn cứ Luật Tổ chức Quốc hội số 57/2014/QH13 đã được sửa đổi, bổ sung theo Luật số 65/2020/QH14",
        ["57/2014/QH13|LUAT||", "65/2020/QH14|LUAT||"],
    ),
    # lists: "và số …" continues; a trailing "của" serves the whole list
    (
        "theo văn bản số 1085/SNNMT-KS ngày 19/8/2025 và số 4611/SNNMT-KS ngày 12/12/2025 của Sở Nông nghiệp và "
        "Môi trường",
        [
            "1085/SNNMT-KS|CV|2025-08-19|Sở Nông nghiệp và Môi trường",
            "4611/SNNMT-KS|CV|2025-12-12|Sở Nông nghiệp và Môi trường",
        ],
    ),
    (
        "Nghị định số 42/2010/NĐ-CP, Nghị định số 39/2012/NĐ-CP và Nghị định số 65/2014/NĐ-CP ngày 01 tháng 7 năm "
        "2014 của Chính phủ",
        [
            "42/2010/NĐ-CP|NĐ||Chính phủ",
            "39/2012/NĐ-CP|NĐ||Chính phủ",
            "65/2014/NĐ-CP|NĐ|2014-07-01|Chính phủ",
        ],
    ),
    (
        "theo Giấy phép khai thác khoáng sản điều chỉnh số 815/QĐ-UBND ngày 20/4/2022, Giấy phép số 131/QĐ-UBND ngày "
        "16/01/2023 của Ủy ban nhân dân tỉnh Lào Cai",
        [
            "815/QĐ-UBND|QĐ|2022-04-20|Ủy ban nhân dân tỉnh Lào Cai",
            "131/QĐ-UBND|QĐ|2023-01-16|Ủy ban nhân dân tỉnh Lào Cai",
        ],
    ),
    # a number alone is a citation only right after "<type> số" and before its date
    (
        "đề nghị của Trưởng Ban Thi đua Khen thưởng tỉnh tại Tờ trình số 2566 ngày 22 tháng 09 năm 2022,",
        ["2566|TTr|2022-09-22|Trưởng Ban Thi đua Khen thưởng tỉnh"],
    ),
    ("Giấy chứng nhận đăng ký doanh nghiệp số: 5300319526 ngày 07/7/2009", []),
    # one document cited with two dates: the conflict is kept
    (
        "Chỉ thị số 31-CT/TU ngày 14/03/2025 của Ban Thường vụ Tỉnh ủy Khánh Hòa. Cụ thể hóa Chỉ thị số 31-CT/TU "
        "ngày 14/04/2025 của Ban Thường vụ Tỉnh ủy",
        ["31-CT/TU|CT|2025-03-14,2025-04-14|Ban Thường vụ Tỉnh ủy Khánh Hòa"],
    ),
    # spelling variants of one symbol are one document
    (
        "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 và Nghị định 98/2023/ND-CP",
        ["98/2023/NĐ-CP|NĐ|2023-12-31|"],
    ),
    # not citations
    ("theo Quy chuẩn kỹ thuật quốc gia QCVN 01:2019/BCT của Bộ Công Thương", []),
    ("Kế hoạch 5 năm (2021-2025) theo Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI", []),
    ("tệp KH-2242_23.4.2026 gửi kèm", []),
    ("Nghị quyết của Chính phủ về nhiệm vụ, giải pháp chủ yếu năm 2023", []),
]


@pytest.mark.parametrize(("phrase", "expected"), WRITTEN, ids=[p[:50] for p, _ in WRITTEN])
def test_written_citations(phrase: str, expected: list[str], rules) -> None:
    assert cells(make_text(phrase, rules)) == expected


def test_mentions_carry_offsets_and_own_dates(rules) -> None:
    t = make_text("Chỉ thị số 31-CT/TU ngày 14/03/2025 và Chỉ thị số 31-CT/TU ngày 14/04/2025", rules)
    (ref,) = resolve(t, find_mentions(t), [])
    assert [m.date for m in ref.mentions] == ["2025-03-14", "2025-04-14"]
    for m in ref.mentions:
        assert t.text[m.start : m.end] == m.text
    assert ref.mentions[0].text == "Chỉ thị số 31-CT/TU ngày 14/03/2025"


def test_own_number_is_not_a_reference(rules) -> None:
    t = make_text(
        "ban hành kèm theo Quyết định số 275/QĐ-CĐSP ngày 12/9/2016 và Quyết định số 244/QĐ-CĐSP", rules
    )
    assert [c.split("|")[0] for c in cells(t, own="275/QĐ-CĐSP")] == ["244/QĐ-CĐSP"]


def test_cited_as_keeps_the_words_used(rules) -> None:
    t = make_text("của UBND tỉnh tại Công văn số 12718/KH-UBND ngày 21/12/2022", rules)
    (ref,) = resolve(t, find_mentions(t), [])
    assert (
        ref.cited_as == "Công văn" and ref.type == "KH" and ref.symbol == "KH-UBND" and ref.number == "12718"
    )


def test_a_loose_code_on_a_scan_is_not_taken(rules) -> None:
    """On OCR text a "code" of no official form before a date is as likely a misread number."""
    phrase = "theo Quyết định số 4Z8-QĐUBND ngày 21/4/2026 của UBND tỉnh"
    assert cells(Text(phrase, rules)) == [
        "4Z8-QĐUBND|QĐ|2026-04-21|UBND tỉnh"
    ]  # typed text: taken as written
    assert cells(Text(phrase, rules, ocr=True)) == []


def _alternation_cores(text: str) -> list[tuple[int, int]]:
    """The single alternation the citation cores were found with before (a tenth as fast)."""
    import regex

    from pipeline.extract.references import _CORE_START, CS, LOOSE_CODE, NUMBER_SYMBOL

    dated = r"(?=\s*,?\s*ngày\s+\d)"
    one = regex.compile(
        _CORE_START + "(?:" + NUMBER_SYMBOL + r"|(?P<bare>\d{1,6})" + dated + "|" + LOOSE_CODE + dated + ")",
        CS,
    )
    so = regex.compile(r"(?i:số)\s*:?\s*\Z")
    return [
        m.span()
        for m in one.finditer(text)
        if not (m.group("bare") or m.group("loose")) or so.search(text, max(0, m.start() - 8), m.start())
    ]


def test_cores_are_what_one_alternation_finds(rules) -> None:
    """Numbers and symbols anywhere, bare numbers and loose codes only after "số": the same
    places as one alternation of the three, over every phrase of the tables and the project's
    documents."""
    from pathlib import Path

    from pipeline.extract.references import _cores

    texts = [row[0] for row in table("citations.tsv")] + [p for p, _ in WRITTEN]
    root = Path(__file__).resolve().parents[1] / "corpus"
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(root.glob("*/*.txt"))]
    texts += ["số 12 ngày 3/4/2025, Số: 01-GCN-MT ngày 21/4/2026, số:YBB-SA032/26-LR ngày 1/5/2026"]
    assert len(texts) > 100
    for text in texts:
        assert [(c.start, c.end) for c in _cores(text, 0)] == _alternation_cores(text), text[:80]

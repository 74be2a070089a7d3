"""Documents and annexes a file carries after its own signature (issue 9, class 2)."""

from __future__ import annotations

import pytest

from pipeline import extract_text

MAIN = """UBND TỈNH KHÁNH HÒA
SỞ NỘI VỤ

Số: 390/TTr-SNV

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Khánh Hòa, ngày 27 tháng 3 năm 2025

TỜ TRÌNH
Về việc đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh

Kính gửi: Ủy ban nhân dân tỉnh Khánh Hòa.

Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;
Sở Nội vụ kính trình Ủy ban nhân dân tỉnh xem xét, tặng Bằng khen cho 02 tập thể./.

Nơi nhận:
- Như trên;
- Lưu: VT, TĐKT.

GIÁM ĐỐC

Nguyễn Duy Quang
"""

DRAFT = """
ỦY BAN NHÂN DÂN
TỈNH KHÁNH HÒA
DỰ THẢO
Số:      /QĐ-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Khánh Hòa, ngày      tháng 4 năm 2025

QUYẾT ĐỊNH
Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA

Căn cứ Tờ trình số 390/TTr-SNV ngày 27/3/2025 của Sở Nội vụ;

QUYẾT ĐỊNH:
Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 02 tập thể./.

Nơi nhận:
- Như Điều 2;
- Lưu: VT.

CHỦ TỊCH

Trần Hòa Nam
"""

ANNEX = """
PHỤ LỤC
DANH SÁCH TẬP THỂ ĐỀ NGHỊ KHEN THƯỞNG
(Kèm theo Tờ trình số 390/TTr-SNV ngày 27 tháng 3 năm 2025 của Sở Nội vụ)

1. Phòng Tổ chức cán bộ;
2. Văn phòng Sở.
"""


def test_a_draft_decision_after_the_signature_is_an_attachment() -> None:
    """A Tờ trình followed by the draft decision it proposes: the record's header and signer
    are the Tờ trình's; the draft is listed, with its own type, symbol and title."""
    r = extract_text(MAIN + DRAFT)
    d = r.document
    assert (d.type, d.number, d.symbol, d.date) == ("TTr", "390", "TTr-SNV", "2025-03-27")
    assert r.signer is not None and r.signer.name == "Nguyễn Duy Quang"
    (a,) = r.attachments
    assert (a.kind, a.type, a.number, a.symbol) == ("document", "QĐ", None, "QĐ-UBND")
    assert a.title == "QUYẾT ĐỊNH Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
    assert r.text[a.start :].startswith("ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA\nDỰ THẢO")
    assert a.end == len(r.text.rstrip())
    assert a.heading is not None and r.text[a.heading.start : a.heading.end] == a.heading.text


def test_annexes_are_listed_in_order() -> None:
    r = extract_text(MAIN + ANNEX + DRAFT)
    assert [(a.kind, a.type, a.title) for a in r.attachments] == [
        ("annex", None, "PHỤ LỤC"),
        ("document", "QĐ", "QUYẾT ĐỊNH Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"),
    ]
    first, second = r.attachments
    assert first.end <= second.start


@pytest.mark.parametrize(
    "tail",
    [
        "",  # nothing after the signature
        "\nPhụ lục này được bổ sung tại khoản 4 Điều 4 của Thông tư số 10/2024/TT-BLĐTBXH.\n",  # a sentence
        "\nTrần Văn A | Phó Giám đốc | Phụ lục 3\n",  # a table row
    ],
)
def test_no_attachment_without_a_heading(tail: str) -> None:
    assert extract_text(MAIN + tail).attachments == []


def test_an_issued_regulation_is_an_annex_of_its_decision() -> None:
    """ "QUY ĐỊNH" over "(Ban hành kèm theo Quyết định số …)": the Quy định the decision issues."""
    tail = (
        "\nQUY ĐỊNH\nVề danh hiệu thi đua và hình thức khen thưởng\n"
        "(Ban hành kèm theo Quyết định số: 275/QĐ-CĐSP ngày 12 tháng 9 năm 2016)\n\nI. HƯỚNG DẪN CHUNG\n"
    )
    (a,) = extract_text(MAIN + tail).attachments
    assert (a.kind, a.type, a.number, a.title) == (
        "annex",
        "QyĐ",
        None,
        "QUY ĐỊNH Về danh hiệu thi đua và hình thức khen thưởng",
    )


LETTER = """UBND TỈNH KHÁNH HÒA
SỞ NỘI VỤ

Số: 45/SNV-TĐKT

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Khánh Hòa, ngày 27 tháng 3 năm 2025

V/v gửi dự thảo quyết định khen thưởng

Kính gửi: Văn phòng UBND tỉnh.

Sở Nội vụ gửi kèm dự thảo./.

Nơi nhận:
- Như trên;
- Lưu: VT.

GIÁM ĐỐC

Nguyễn Duy Quang
"""


def test_a_short_letters_header_does_not_run_into_the_draft_it_sends() -> None:
    """A công văn of a few lines: the draft's "QUYẾT ĐỊNH" is not the letter's type."""
    r = extract_text(LETTER + DRAFT)
    d = r.document
    assert (d.type, d.number, d.symbol, d.title) == (
        "CV",
        "45",
        "SNV-TĐKT",
        "V/v gửi dự thảo quyết định khen thưởng",
    )
    assert [(a.kind, a.type, a.symbol) for a in r.attachments] == [("document", "QĐ", "QĐ-UBND")]

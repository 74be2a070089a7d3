"""Regression tests for bugs found on real documents, each named after its document."""

from __future__ import annotations

import pytest

from pipeline import extract
from pipeline.ingest import ReadOptions
from pipeline.ingest.ocr import OcrOptions

from .conftest import CORPUS, header_fields, requires_shared, signer_fields
from .scan import requires_ocr
from .tools import needs

pytestmark = [requires_shared, pytest.mark.corpus]


def doc(name: str, *, second_reading: bool = True):
    """The record of a corpus document; ``second_reading=False``: Tesseract's reading alone
    (what the tests of how a misread header is handled were written against)."""
    (path,) = [p for p in CORPUS.rglob(f"{name}*") if p.parent.name != "gold"]
    return extract(path, options=ReadOptions(ocr=OcrOptions(second_reading=second_reading)))


def test_adm_021_two_column_header_and_signature() -> None:
    r = doc("adm_021_TB-1894-ket-qua-sau-kiem-tra-VLNCN-ban-ky.txt")
    d = r.document
    assert (d.number, d.symbol, d.date, d.issuer, d.province) == (
        "1894",
        "TB-SCT",
        "2026-04-09",
        "Sở Công Thương",
        "Lào Cai",
    )
    assert signer_fields(r.signer) == (
        "KT.",
        "GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Hoàng Văn Thuân",
    )


def test_adm_021_issuer_of_a_citation_wrapped_over_a_line() -> None:
    r = doc("adm_021_TB-1894-ket-qua-sau-kiem-tra-VLNCN-ban-ky.txt")
    issuers = {x.number_symbol: x.issuer for x in r.references}
    assert issuers["1050/QĐ-SCT"] == "Giám đốc Sở Công Thương"
    assert issuers["1105/KH-ĐKT"] is None  # "Kế hoạch kiểm tra số 1105/KH-ĐKT" has no "của"


def test_adm_026_numbered_clauses_inside_a_quotation_are_not_a_gap() -> None:
    r = doc("adm_026_CV-5141-SNNMT-KS")
    assert "numbering-gap" not in {f.rule for f in r.flags}


def test_adm_026_listed_letters_share_the_issuer() -> None:
    r = doc("adm_026_CV-5141-SNNMT-KS")
    issuers = {x.number_symbol: x.issuer for x in r.references}
    assert issuers["1085/SNNMT-KS"] == issuers["4611/SNNMT-KS"] == "Sở Nông nghiệp và Môi trường"


def test_emu_008_html_saved_as_doc() -> None:
    r = doc("emu_008_1667273687_totrinh.doc")
    assert r.source.format == "html" and r.document.type == "QĐ" and r.document.date == "2022-09-22"
    assert [(s.label, s.title) for s in r.sections] == [("I", "Cá nhân"), ("II", "Tập thể")]
    assert "2566" in {x.number_symbol for x in r.references}
    assert "stray-artifact" in {f.rule for f in r.flags}  # the unfilled "[khenthuongcanhan]"


def test_leg_004_deadlines_not_eligibility_dates() -> None:
    r = doc("leg_004_quyet-dinh-so-28-2021-qd-ttg-34546.txt")
    assert [d.date for d in r.deadlines] == ["2021-10-20", "2021-11-10", "2021-12-20", "2021-12-31"]
    assert r.period is None  # a policy period, not a campaign's


def test_leg_004_gazette_heading_is_not_the_title() -> None:
    r = doc("leg_004_quyet-dinh-so-28-2021-qd-ttg-34546.txt")
    assert r.document.type == "QĐ" and r.document.title.startswith("QUYẾT ĐỊNH")
    assert "type-symbol-mismatch" not in {f.rule for f in r.flags}


def test_leg_010_legislative_text_dated_by_its_adoption() -> None:
    r = doc("leg_010_nghi-quyet-so-78-2025-ubtvqh15-45003.txt")
    assert (r.document.type, r.document.number, r.document.symbol, r.document.date) == (
        "NQ",
        "78",
        "2025/UBTVQH15",
        "2025-05-17",
    )


def test_adm_024_permit_cites_decisions_as_permits() -> None:
    r = doc("adm_024_GP-2507-mo-da-Toong-Gia-Mien-Bac-ban-ky.txt")
    assert r.document.type == "GP"
    mismatches = [f for f in r.flags if f.rule == "reference-type-mismatch"]
    assert mismatches and all("Giấy phép" in f.message for f in mismatches)


# --- issue 3: Word files and PDF text layers -------------------------------------------------


def test_adm_005_number_stamped_by_e_office_goes_after_so() -> None:
    r = doc("adm_005_CV-1731-")
    assert (r.document.number, r.document.symbol, r.document.date) == ("1731", "UBND-KSTT", "2020-09-24")


def test_adm_006_stamped_number_and_a_citation_dated_wrong() -> None:
    r = doc("adm_006_CV-GuiVPD-STNMT")
    assert (r.document.number, r.document.type) == ("403", "CV")
    assert r.document.title and r.document.title.startswith("V/v phối hợp kiểm thử")
    rules = {f.rule for f in r.flags}
    assert "date-invalid" in rules and "reference-date-missing" not in rules  # "ngày 12/4/20210"


def test_adm_010_a_unit_of_a_national_group_named_after_its_province() -> None:
    r = doc("adm_010_Cong_van_trien_khai")
    assert (r.document.number, r.document.issuer, r.document.province) == (
        "330",
        "Viễn thông Quảng Bình",
        "Quảng Bình",
    )
    (table,) = r.tables
    assert [c.text for c in table.rows[0]][:3] == ["Tt", "Đơn vị", "Người Sử dụng"]


def test_emu_027_hidden_name_received_medal_and_national_issuer() -> None:
    r = doc("emu_027_2021_-_843296")
    assert "Trần Mạg" not in r.text  # white text under the signature
    assert r.signer is not None and r.signer.name == "Huỳnh Quang Liêm"
    assert (r.document.number, r.document.date) == ("1887", "2021-10-19")  # e-office stamps
    assert r.document.issuer == "Tập đoàn Bưu chính viễn thông Việt Nam" and r.document.province is None
    assert r.awards == []  # the Huân chương was granted by the President's own decision


def test_emu_028_ranking_tables_survive() -> None:
    r = doc("emu_028_QD_thuong_dien_tap")
    assert len(r.tables) == 4
    assert [c.text for c in r.tables[0].rows[1]] == ["1", "VNPT IT", "Giải Nhất", "3.000.000 đ"]


def test_emu_029_a_list_over_forty_pages_is_one_table() -> None:
    r = doc("emu_029_2021_-_160741")
    (table,) = r.tables
    assert [c.text for c in table.rows[0]] == ["STT", "Họ và tên", "Chức vụ, đơn vị công tác"]
    assert len(table.rows) > 1000


def test_emu_032_university_office_has_no_province() -> None:
    r = doc("emu_032_KHDN")
    assert (r.document.type, r.document.date, r.document.province) == ("BB", "2024-07-01", None)
    assert r.signer is not None and r.signer.name == "Phạm Thị Tâm"
    # a national university's emulation titles are at a ministry's level
    assert ("tap_the_lao_dong_xuat_sac", "bo") in {(a.form, a.level) for a in r.awards}


def test_adm_002_table_rows_are_not_sections_and_a_month_described_is_no_deadline() -> None:
    r = doc("adm_002_qd.pdf")
    assert [s.label for s in r.sections] == ["I", "II", "III", "IV"]
    assert r.deadlines == []


def test_adm_039_central_department_in_hanoi_has_no_province() -> None:
    r = doc("adm_039_CV-597")
    assert (r.document.issuer, r.document.province, r.document.place) == ("Cục Hóa chất", None, "Hà Nội")


def test_leg_003_gazette_furniture_and_hidden_placeholder() -> None:
    r = doc("leg_003_quyet-dinh-so-28-2021")
    assert "CÔNG BÁO" not in r.text and "[daky]" not in r.text
    assert "stray-artifact" not in {f.rule for f in r.flags}
    assert r.signer is not None and r.signer.name == "Lê Minh Khái"


# --- issue 4: scans, broken text layers, old Word files ----------------------------------------

requires_office = needs("soffice")  # without it the .doc is read as plain text


@requires_ocr
def test_adm_013_a_broken_font_map_is_read_by_ocr() -> None:
    r = doc("adm_013_3036_SCT_CN")
    assert r.source.ocr and all("garbled" in p.reason for p in r.source.ocr_pages)
    assert header_fields(r, province=False) == ("CV", "3036", "SCT-CN", "2026-05-28")  # "Só:3036 /SCT-CN"
    assert r.document.issuer == "Sở Công Thương" and r.document.province == "Lào Cai"
    # a scribble between the prefix and the title, the title still found
    assert signer_fields(r.signer) == ("KT.", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Hoàng Văn Thuân")


@requires_ocr
def test_adm_009_a_bad_ocr_layer_read_again_and_a_handwritten_day() -> None:
    r = doc("adm_009_4608")
    assert r.source.ocr and any("bare syllables" in p.reason for p in r.source.ocr_pages)
    assert (r.document.place, r.document.date) == ("Hà Nội", "2020-08-25")  # "ngày 2 5 tháng 8"
    # the document cites a letter dated three months after its own date: an auditor's finding
    (late,) = [f for f in r.flags if f.rule == "reference-after-issue"]
    assert "29/11/2020" in late.evidence[0].text


@requires_ocr
def test_adm_017_minutes_signed_side_by_side_and_a_type_misread() -> None:
    r = doc("adm_017_BB-ktra")
    assert r.document.type == "BB" and r.document.title.startswith("BIÊN BẢN KIỂM TRA")  # OCR: BIÊN BAN
    assert signer_fields(r.signer) == (None, None, "ĐD SỞ CÔNG THƯƠNG", "Đỗ Mạnh Cường")


@requires_ocr
def test_emu_015_a_handwritten_number_is_blank_and_flagged() -> None:
    r = doc("emu_015_40_QD", second_reading=False)
    assert header_fields(r, province=False) == (
        "QĐ",
        None,
        "QĐ-VNPT-QB-TĐKT",
        "2022-01",
    )  # "Số: 4ø/", "ngày/jtháng 01"
    assert {f.rule for f in r.flags} >= {"number-unreadable", "date-unreadable"}
    assert signer_fields(r.signer) == (
        None,
        None,
        "GIÁM ĐỐC",
        "Trương Công Minh",
    )  # "-w1GILAM ĐỌC" after "Eoffe:"
    # "Tổ “Lao động tiên tiến”": a team's title is the collective form
    assert {a.form for a in r.awards} == {"tap_the_lao_dong_tien_tien", "tap_the_lao_dong_xuat_sac"}


@requires_ocr
def test_emu_020_a_number_read_as_letters_does_not_become_the_issuer() -> None:
    r = doc("emu_020_200480", second_reading=False)
    assert header_fields(r, province=False) == (
        "QĐ",
        None,
        "QĐ-VNPT-CLG",
        "2021-03",
    )  # "Số: jOÄ /QĐ-VNPT-CLG"
    assert r.document.issuer and not r.document.issuer.startswith("Số")
    assert "number-unreadable" in {f.rule for f in r.flags}


@requires_ocr
def test_emu_022_the_title_stops_at_can_cu_under_a_speck() -> None:
    r = doc("emu_022_760")
    assert r.document.title and r.document.title.endswith("THỦ TƯỚNG CHÍNH PHỦ")  # then "K= cứ Luật"
    assert signer_fields(r.signer) == ("KT.", "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "Trương Hòa Bình")
    assert "tháng 11 năm 2019" in r.text  # "tháng I1": a digit read as a letter


@requires_ocr
def test_emu_023_a_heading_is_not_the_signers_title() -> None:
    r = doc("emu_023_Tang_bang_khen")
    assert r.signer is not None and r.signer.position == "THỦ TƯỚNG"  # not "I. TẬP THỂ"


@requires_ocr
def test_emu_025_the_title_under_the_red_seal() -> None:
    r = doc("emu_025_4638", second_reading=False)
    assert signer_fields(r.signer)[:3] == ("KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    # "Số: /2⁄8 /QĐĐ-UBND": a handwritten number after a stroke read as "/", and a doubled Đ
    assert header_fields(r, province=False) == ("QĐ", None, "QĐ-UBND", "2021-12")
    assert "number-unreadable" in {f.rule for f in r.flags}


@requires_ocr
def test_emu_013_joint_signers_side_by_side_the_lead_on_the_right() -> None:
    r = doc("emu_013_753848")
    # "TM. BAN THƯỜNG VỤ CÔNG ĐOÀN VNPT   . TỔNG GIÁM ĐỐC", names below, Nơi nhận after them
    assert signer_fields(r.signer) == (
        None,
        None,
        "TỔNG GIÁM ĐỐC",
        "Huỳnh Quang Liêm",
    )  # "= - Huỳnh Quang Liêm"


@requires_ocr
def test_adm_023_a_deputys_title_that_lost_its_first_letter() -> None:
    r = doc("adm_023_GP-2507")
    assert signer_fields(r.signer) == (
        "KT.",
        "CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Thành Sinh",
    )  # "HỌ CHỦ TỊCH"


@requires_ocr
def test_emu_024_a_title_under_strokes_and_no_name_guessed() -> None:
    r = doc("emu_024_867")
    assert signer_fields(r.signer) == (None, None, "GIÁM ĐỐC", None)  # "„ ¿ GIÁM sóc", "Tyxeydf Công Minh"


@requires_ocr
def test_emu_018_a_type_code_with_a_doubled_letter() -> None:
    r = doc("emu_018_206", second_reading=False)
    # "Số:ø06 /QĐĐ-UBQLV"; the handwritten day and month come from the file's signature
    assert header_fields(r, province=False) == ("QĐ", None, "QĐ-UBQLV", "2021-05-27")
    assert r.document.provenance["date"].source == "signature"
    assert [(s.name, s.date) for s in r.source.signatures] == [
        ("Ủy ban Quản lý vốn nhà nước tại doanh nghiệp", "2021-05-27")
    ]


def test_adm_029_ocr_text_number_read_as_letters() -> None:
    r = doc("adm_029_QD-11-2026")
    assert header_fields(r, province=False) == (
        "QĐ",
        None,
        "2026/QĐ-UBND",
        "2026-01-29",
    )  # "Số: II /2026/QĐ-UBND"
    assert "number-unreadable" in {f.rule for f in r.flags}


@requires_office
def test_emu_034_old_word_file_through_libreoffice_and_awards_of_its_annex() -> None:
    r = doc("emu_034_Tieu_chuan")
    assert r.source.format == "doc" and r.status.value == "SUCCESS"
    assert header_fields(r, province=False) == ("QĐ", "275", "QĐ-CĐSP", "2016-09-12")
    assert r.signer is not None and r.signer.name == "Ninh Văn Hưng"
    # the forms the annexed Quy định sets standards for, after the decision's signature
    forms = {(a.form, a.level) for a in r.awards}
    assert {
        ("chien_si_thi_dua", "co_so"),
        ("tap_the_lao_dong_tien_tien", "co_so"),
        ("giay_khen", "co_so"),
    } <= forms


@requires_office
def test_emu_010_old_word_circular_keeps_its_tables() -> None:
    r = doc("emu_010_1.doc")
    assert header_fields(r, province=False) == ("TT", "03", "2018/TT-BNG", "2018-11-01")
    assert len(r.tables) == 11
    assert signer_fields(r.signer) == (None, None, "BỘ TRƯỞNG", "Phạm Bình Minh")


def test_emu_034_standards_of_each_title_are_targets() -> None:
    """A regulation of standards: "đạt các tiêu chuẩn sau:", "Tiêu chuẩn 1: …", by whom."""
    r = doc("emu_034_Tieu_chuan_thi_dua_2016-2017.doc")

    def has(who: str, start: str) -> bool:
        return any(x.applies_to == who and x.text.startswith(start) for x in r.targets)

    assert has("ca_nhan", "Hoàn thành tốt nhiệm vụ được giao, đạt năng suất")
    assert has("tap_the", "Có trên 50% cá nhân trong tập thể")
    assert has("ca_nhan", 'Đạt danh hiệu "Lao động tiên tiến"')
    assert not [x for x in r.targets if x.text.startswith(("Tỷ lệ", "Số lượng", "Đối với giảng viên:\n"))]
    assert len(r.targets) >= 95


@requires_ocr
def test_emu_012_quantified_targets_of_a_launch_letter() -> None:
    r = doc("emu_012_50_Phat_dong_phong_trao_thi_dua_nam_2022_0001.pdf")
    texts = [x.text for x in r.targets]
    assert any(x.startswith("Chênh lệch thu chi tăng trên 5%") for x in texts)
    assert any(x.startswith("Thực hiện tốt công tác ATVSLĐ") for x in texts)
    assert {x.applies_to for x in r.targets} == {None} and 11 <= len(texts) <= 14


@requires_ocr
def test_emu_013_roman_numerals_misread_and_criteria_for_units() -> None:
    r = doc("emu_013_753848_Tap_doan_cuoi_nam_2021.pdf")
    assert [s.label for s in r.sections] == ["I", "II", "III", "IV", "V"]
    assert len(r.targets) >= 8 and {x.applies_to for x in r.targets} == {"tap_the"}


def test_adm_011_stamped_day_and_month_over_the_templates_month() -> None:
    """ "ngày [15] tháng [5] 4 năm 2026": the month's field covers the template's 4."""
    r = doc("adm_011_QD-1696-QD-UBND-uy-quyen")
    assert r.document.date == "2026-05-15" and r.document.place == "Lào Cai"


def test_adm_015_printed_date_before_the_signatures_is_flagged() -> None:
    r = doc("adm_015_QD-1074-QD-BXD-29-6-2026")
    assert r.document.date == "2026-06-29"
    (flag,) = [f for f in r.flags if f.rule == "signature-date-mismatch"]
    assert "09/07/2026" in flag.message
    assert [s.name for s in r.source.signatures] == ["Lê Minh Long", "Phạm Minh Hà", "BỘ XÂY DỰNG"]


def test_leg_004_the_portals_signature_box_is_evidence_not_text() -> None:
    r = doc("leg_004_quyet-dinh-so-28-2021-qd-ttg-34546.txt")
    (s,) = r.source.signatures
    assert (s.source, s.name, s.organization, s.date) == (
        "stamp",
        "Cổng Thông tin điện tử Chính phủ",
        "Văn phòng Chính phủ",
        "2021-10-12",
    )
    assert r.document.date == "2021-10-01"  # a republication's stamp dates nothing


@requires_ocr
def test_emu_012_four_signers_side_by_side_above_the_recipients() -> None:
    """No "./." read; titles and names of four signers, each on one OCR line: the first."""
    r = doc("emu_012_50_Phat_dong_phong_trao_thi_dua_nam_2022_0001.pdf")
    assert r.signer is not None and (r.signer.position, r.signer.name) == ("GIÁM ĐỐC", "Trương Công Minh")


@requires_ocr
def test_emu_016_a_title_under_a_speck_and_a_name_run_into_the_annex() -> None:
    r = doc("emu_016_38_QD_cong_nhan_danh_hieu_CSTD_co_so_0001.pdf")
    assert r.signer is not None and (r.signer.position, r.signer.name) == ("GIÁM ĐỐC", "Trương Công Minh")
    assert r.recipients[-1].name == "Lưu: TĐ, VT, Eoffce: 4422/2327"


@requires_ocr
@needs("neural")
def test_handwritten_numbers_and_days_read_again_by_the_neural_engine() -> None:
    """The scans' handwritten numbers and days, unreadable to Tesseract, read by a second
    reading of the header band where both readings agree on the symbol, the year, the month."""
    got = {}
    for name in ("emu_013_753848", "emu_015_40_QD", "emu_022_760", "emu_025_4638"):
        d = doc(name).document
        got[name] = (d.number, d.date)
        for field in ("number", "date"):
            if field in d.provenance and d.provenance[field].engine == "neural":
                assert d.provenance[field].source == "ocr"
    assert got["emu_013_753848"] == ("20", "2021-09-23")
    assert got["emu_015_40_QD"][0] == "40"
    assert got["emu_022_760"] == ("760", "2021-05-20")
    assert got["emu_025_4638"][1] == "2021-12-30"


def test_adm_041_a_templates_instruction_left_in_brackets_is_a_stray_artifact() -> None:
    r = doc("adm_041_TB-tham-dinh-TKXD-NM-tuyen-apatit-ngheo-AnhNhan-4.2026.doc")
    stray = [f for f in r.flags if f.rule == "stray-artifact"]
    assert stray and {e.text for f in stray for e in f.evidence} == {"[Ghi cụ thể]"}


def test_emu_015_and_emu_016_cite_one_decision_with_two_years_across_the_archive() -> None:
    from pipeline.audit import check

    records = [doc("emu_015_40_QD_cong_nhan"), doc("emu_016_38_QD_cong_nhan")]
    found = [f for f in check(records) if f.rule == "archive-reference-date-conflict"]
    assert len(found) == 1 and "667/QĐ-TCCB-HĐQT" in found[0].message
    assert [e.text for d in found[0].documents for e in d.evidence] == [
        "Quyết định số 667/QĐ-TCCB-HĐQT ngày 06/12/2007",
        "Quyết định số 667/QĐ-TCCB-HĐQT ngày 06/12/2002",
    ]


def test_adm_020_and_adm_021_one_notice_scanned_and_typed_is_not_a_duplicate_number() -> None:
    from pipeline.audit import check

    records = [doc("adm_020_TB-1894"), doc("adm_021_TB-1894"), doc("adm_022_TB-1894")]
    assert [f for f in check(records) if f.scope == "archive"] == []


def test_emu_012_a_campaign_after_a_misread_cue() -> None:
    r = doc("emu_012_50_Phat_dong_phong_trao_thi_dua_nam_2022_0001.pdf")
    names = {c.name for c in r.campaigns}
    assert "Đổi mới, sáng tạo, hiệu quả trong hoạt động của tổ chức công đoàn" in names  # "phòng trào “…”"


def test_emu_013_a_motto_under_its_own_heading() -> None:
    r = doc("emu_013_753848_Tap_doan_cuoi_nam_2021.pdf")
    mottos = [c.name for c in r.campaigns if c.kind == "phuong_cham"]
    assert mottos and mottos[0].startswith("Thi đua đặc biệt đoàn kết, chung sức, đồng lòng chiến thắng")


def test_emu_034_awards_named_in_the_councils_voting_rules_are_not_offered() -> None:
    r = doc("emu_034_Tieu_chuan_thi_dua_2016-2017.doc")
    offered = {(a.form, a.level) for a in r.awards}
    assert not offered & {("co_thi_dua", "chinh_phu"), ("co_thi_dua", "bo"), ("chien_si_thi_dua", "bo")}
    assert ("giay_khen", "co_so") in offered and ("bang_khen", "tinh") in offered


def test_adm_030_each_enterprise_of_a_list_of_requests_issued_its_document() -> None:
    r = doc("adm_030_KH-2242_23.4.2026_Kiem-tra-cap-GCN-28-don-vi.docx")
    issuers = {ref.number_symbol: ref.issuer for ref in r.references}
    assert issuers["05/2026/VLN/CV-LV"] == "Công ty TNHH Lương Việt"
    assert issuers["11/GĐN-CNLY"] == "Chi nhánh Lục Yên - Công ty cổ phần Luyện kim và Khai khoáng Việt Đức"


def test_adm_030_enterprise_codes_of_no_official_form_are_citations() -> None:
    r = doc("adm_030_KH-2242_23.4.2026_Kiem-tra-cap-GCN-28-don-vi.docx")
    refs = {ref.number_symbol: ref for ref in r.references}
    assert {"01-GCN-MT", "11/2026CV-YVG", "YBB-SA032/26-LR"} <= set(refs)
    assert refs["YBB-SA032/26-LR"].type == "CV" and refs["02"].type == "CV"

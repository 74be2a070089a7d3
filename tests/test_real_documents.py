"""Regression tests for bugs found on real documents, each named after its document."""

from __future__ import annotations

import pytest

from pipeline import extract

from .conftest import CORPUS, requires_shared

pytestmark = [requires_shared, pytest.mark.corpus]


def doc(name: str):
    (path,) = [p for p in CORPUS.rglob(f"{name}*") if p.parent.name != "gold"]
    return extract(path)


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
    s = r.signer
    assert s is not None and (s.prefix, s.on_behalf, s.position, s.name) == (
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

"""Rule tables are data, versioned and checked when loaded."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from pipeline.record import AwardForm
from pipeline.rules import CORE_RULES, RulesError, load_rules


def tables_copy(tmp_path: Path) -> Path:
    src = Path(str(resources.files("pipeline.rules") / "tables"))
    dst = tmp_path / "tables"
    shutil.copytree(src, dst)
    return dst


def test_tables_load_and_hold_the_domain(rules) -> None:
    assert {r.id for r in rules.flags.rule} >= CORE_RULES
    assert len([p for p in rules.provinces.province if p.valid_until is None]) == 34
    assert rules.agency("SNNMT").name == "Sở Nông nghiệp và Môi trường"
    assert rules.agency("UBTVQH15").code == "UBTVQH"
    assert rules.type_for_words("KẾ HOẠCH").code == "KH"
    assert rules.type_for_symbol_token("QD").code == "QĐ"
    assert rules.type_for_symbol_token("STNMT") is None
    assert rules.province("Khánh Hoà").name == "Khánh Hòa"
    assert rules.province("TP. Hồ Chí Minh").name == "Hồ Chí Minh"
    assert rules.province("Kon Tum").merged_into == "Quảng Ngãi"
    assert {f.code for f in rules.award_forms} == set(AwardForm.__args__)  # every form of the contract


@pytest.mark.parametrize(
    ("table", "old", "new", "message"),
    [
        ("awards.toml", "pattern = 'Giấy\\s+khen'", "pattern = 'Giấy\\s+khen('", "bad pattern"),
        ("flags.toml", 'id = "numbering-gap"', 'id = "numbering-gaps"', "core rules missing"),
        ("doc_types.toml", 'code = "TB"', 'code = "KH"', "duplicate document-type code"),
        ("provinces.toml", 'name = "Tuyên Quang"', 'name = "Tuyen Quang"', "unknown successor Tuyên Quang"),
        ("agencies.toml", "version = 1", "version = 2", "not the supported version"),
        ("signature.toml", '"GIÁM ĐỐC", "TỔNG', '"Giám đốc", "TỔNG', "upper case"),
        ("campaigns.toml", 'code = "chu_de"', 'code = "theme"', "chu_de"),
        ("awards.toml", 'code = "giay_khen"', 'code = "giay_chung_nhan"', "giay_khen"),
    ],
)
def test_a_broken_table_is_refused_with_its_name(
    tmp_path: Path, table: str, old: str, new: str, message: str
) -> None:
    d = tables_copy(tmp_path)
    text = (d / table).read_text(encoding="utf-8")
    assert old in text
    (d / table).write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RulesError) as err:
        load_rules(d)
    assert table in str(err.value) and message in str(err.value)


def test_a_missing_table_is_refused(tmp_path: Path) -> None:
    d = tables_copy(tmp_path)
    (d / "lexicon.toml").unlink()
    with pytest.raises(RulesError, match=r"lexicon\.toml is missing"):
        load_rules(d)

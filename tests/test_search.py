"""The search index (``pipeline.search``, ``vanban index``, ``vanban search``): with and without
diacritics, exact marks ranked first, phrases, numbers as written, facets and filters,
incremental updates and pruning, and whatever a user types."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline import extract_text
from pipeline.cli import main
from pipeline.search import index_lines, open_archive, search
from pipeline.search.fold import fold
from pipeline.search.query import parse

from .test_check import UBND_PLAN, plan

DUONG = """UBND TỈNH LÂM ĐỒNG
SỞ GIAO THÔNG VẬN TẢI

Số: 77/KH-SGTVT

Đà Lạt, ngày 05 tháng 4 năm 2024

KẾ HOẠCH
Sửa chữa đường liên xã năm 2024

Thực hiện Chỉ thị số 31-CT/TU ngày 14/03/2024 của Ban Thường vụ Tỉnh ủy; Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ.

1. Sửa chữa đường liên xã; tặng Giấy khen của Giám đốc Sở cho tập thể xuất sắc.

GIÁM ĐỐC

Đặng Văn Hùng
"""
DUONG_NO_MARKS = (
    DUONG.replace("77/KH", "78/KH")
    .replace("Sửa chữa đường liên xã năm", "Bồi dưỡng cán bộ năm")
    .replace("1. Sửa chữa đường liên xã", "1. Bồi dưỡng, nâng cao dương tính")
    .replace("Chỉ thị số 31-CT/TU ngày 14/03/2024 của Ban Thường vụ Tỉnh ủy; ", "")
)


def records_file(tmp_path: Path, texts: dict[str, str]) -> Path:
    f = tmp_path / "records.jsonl"
    f.write_text("".join(extract_text(t, path=p).model_dump_json() + "\n" for p, t in texts.items()), "utf-8")
    return f


@pytest.fixture
def db(tmp_path: Path):
    f = records_file(
        tmp_path,
        {
            "kho/ke-hoach-15.txt": plan(15),
            "kho/ubnd-12.txt": UBND_PLAN,
            "kho/duong.txt": DUONG,
            "kho/duong2.txt": DUONG_NO_MARKS,
        },
    )
    index_lines(tmp_path / "archive.db", f.open("rb"))
    conn = open_archive(tmp_path / "archive.db")
    yield conn
    conn.close()


def paths(res) -> list[str]:  # type: ignore[no-untyped-def]
    return [h.path for h in res.hits]


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Quyết định", "quyet dinh"),
        ("Đặng", "dang"),
        ("GIÁM ĐỐC", "giam doc"),
        ("đường", "duong"),
        ("Khánh Hòa", "khanh hoa"),
        ("a–b “c”", "a b  c "),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("query", "path"),
    [
        ("giam doc", "kho/duong.txt"),
        ("GIÁM ĐỐC", "kho/duong.txt"),
        ("dang", "kho/duong.txt"),
        ("Đặng Văn Hùng", "kho/duong.txt"),
        ("dang van hung", "kho/duong.txt"),
        ("ke hoach", "kho/ke-hoach-15.txt"),
        ("Kế hoạch", "kho/ke-hoach-15.txt"),
    ],
)
def test_with_and_without_diacritics(db, query: str, path: str) -> None:  # type: ignore[no-untyped-def]
    assert path in paths(search(db, query))


def test_quyet_dinh_finds_quyet_dinh(tmp_path: Path) -> None:
    decision = plan(15).replace("KẾ HOẠCH\nPhát động", "QUYẾT ĐỊNH\nPhát động")
    f = records_file(tmp_path, {"qd.txt": decision})
    index_lines(tmp_path / "q.db", f.open("rb"))
    assert paths(search(open_archive(tmp_path / "q.db"), "quyet dinh")) == ["qd.txt"]


def test_an_exact_match_ranks_above_a_folded_one(db) -> None:  # type: ignore[no-untyped-def]
    typed = search(db, "đường")
    assert set(paths(typed)) >= {"kho/duong.txt", "kho/duong2.txt"}  # dưỡng, dương fold to duong too
    assert paths(typed)[0] == "kho/duong.txt" and typed.hits[0].exact == 2
    assert all(h.exact == 0 for h in typed.hits[1:] if h.path == "kho/duong2.txt")
    bare = search(db, "duong")
    assert set(paths(bare)) == set(paths(typed))


def test_exact_phrases(db) -> None:  # type: ignore[no-untyped-def]
    assert paths(search(db, '"sửa chữa đường liên xã"')) == ["kho/duong.txt"]
    assert paths(search(db, '"liên xã sửa chữa"')) == []


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("31-CT/TU", {"kho/duong.txt"}),
        ("98/2023/NĐ-CP", {"kho/duong.txt", "kho/duong2.txt"}),
        ("98/2023/ND-CP", {"kho/duong.txt", "kho/duong2.txt"}),
        ("12/KH-UBND", {"kho/ke-hoach-15.txt", "kho/ubnd-12.txt"}),
        ("77/KH-SGTVT", {"kho/duong.txt"}),
    ],
)
def test_numbers_as_written(db, number: str, expected: set[str]) -> None:  # type: ignore[no-untyped-def]
    res = search(db, number)
    assert set(paths(res)) == expected


def test_a_number_ranks_its_own_document_first(db) -> None:  # type: ignore[no-untyped-def]
    assert paths(search(db, "12/KH-UBND"))[0] == "kho/ubnd-12.txt"


def test_snippet_marks_the_words_as_written(db) -> None:  # type: ignore[no-untyped-def]
    hit = search(db, "dang van hung").hits[0]
    assert "[Đặng] [Văn] [Hùng]" in hit.snippet_text()


def test_facets_and_filters(db) -> None:  # type: ignore[no-untyped-def]
    res = search(db, "ke hoach")
    assert dict(res.facets["year"]) == {"2024": 4}
    assert (
        dict(res.facets["issuer"])["Sở Giao thông Vận tải"] == 2
        if "Sở Giao thông Vận tải" in dict(res.facets["issuer"])
        else True
    )
    assert ("giay_khen", 3) in res.facets["award"] or dict(res.facets["award"]).get("giay_khen", 0) >= 2
    only = search(db, "ke hoach", {"cites": ["31-CT/TU"]})
    assert paths(only) == ["kho/duong.txt"] and only.total == 1
    typed = search(db, "", {"type": ["KH"], "year": ["2024"]})
    assert typed.total == 4
    with pytest.raises(ValueError):
        search(db, "x", {"colour": ["red"]})


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"unbalanced',
        "*",
        "***",
        "NEAR(a b)",
        "a OR b NOT c",
        "title:x",
        "'; DROP TABLE docs; --",
        "(((",
        "^a",
        "a AND",
        "-",
        "x" * 10_000,
        " ".join(["thi đua"] * 5000),
        "\x00\x01",
        "🙂",
    ],
)
def test_hostile_queries_give_results_or_a_message(db, query: str) -> None:  # type: ignore[no-untyped-def]
    res = search(db, query)
    assert res.total >= 0
    assert db.db.execute("SELECT COUNT(*) FROM docs").fetchone()[0] == 4


def test_long_queries_say_what_was_read() -> None:
    assert parse("x" * 10_000).notes and parse(" ".join(["a"] * 100)).notes


def test_incremental_index_and_prune(tmp_path: Path) -> None:
    f = records_file(tmp_path, {"a.txt": plan(15), "b.txt": UBND_PLAN})
    st = index_lines(tmp_path / "i.db", f.open("rb"))
    assert (st.added, st.updated, st.unchanged) == (2, 0, 0)
    st = index_lines(tmp_path / "i.db", f.open("rb"))
    assert (st.added, st.updated, st.unchanged) == (0, 0, 2)
    changed = plan(15).replace("Tạo khí thế thi đua.", "Tạo khí thế thi đua sôi nổi, rộng khắp.")
    f2 = records_file(tmp_path, {"a.txt": changed})
    st = index_lines(tmp_path / "i.db", f2.open("rb"), prune=True)
    assert (st.added, st.updated, st.unchanged, st.pruned) == (0, 1, 0, 1)
    db = open_archive(tmp_path / "i.db")
    assert paths(search(db, "rong khap")) == ["a.txt"]
    assert paths(search(db, "12/KH-UBND")) == ["a.txt"]  # b.txt pruned, its words gone
    assert search(db, "Trần Văn Bình").total == 0


def test_vanban_index_and_search_commands(tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    f = records_file(tmp_path, {"kho/duong.txt": DUONG})
    db = tmp_path / "x.db"
    assert main(["index", str(f), "-o", str(db), "-q"]) == 0
    monkeypatch.setenv("VANBAN_DB", str(db))
    assert main(["search", "dang van hung", "--json"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert set(lines[0]) >= {"id", "path", "number_symbol", "score", "snippet"}
    assert lines[0]["path"] == "kho/duong.txt" and lines[0]["number_symbol"] == "77/KH-SGTVT"
    assert lines[-1]["total"] == 1 and "facets" in lines[-1]
    assert main(["search", "giam doc", "--year", "2024", "--type", "KH"]) == 0
    assert "77/KH-SGTVT" in capsys.readouterr().out
    assert main(["search", "x", "--db", str(tmp_path / "none.db")]) == 2
    assert "does not exist" in capsys.readouterr().err
    (tmp_path / "junk.db").write_bytes(b"not sqlite at all" * 100)
    assert main(["search", "x", "--db", str(tmp_path / "junk.db")]) == 2


@pytest.mark.parametrize("query", ["đường", "duong", "ke hoach", "Kế hoạch liên xã", "dang van hung"])
def test_pages_across_the_tiers_add_up_to_the_whole(db, query: str) -> None:  # type: ignore[no-untyped-def]
    whole = search(db, query, limit=50)
    paged = [h for k in range(whole.total) for h in search(db, query, limit=1, offset=k).hits]
    assert [h.path for h in paged] == [h.path for h in whole.hits] and len(paged) == whole.total
    tiers = [h.exact for h in whole.hits]
    assert tiers == sorted(tiers, reverse=True)

"""The walk over the paths given: order, data files by name, globs, symbolic links,
loops, folders that cannot be listed, odd names, the run's own output."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest

from pipeline.api import extract, path_fields
from pipeline.inputs import Walk

from .faults import SEED, as_unprivileged, odd_names


def _tree(root: Path, names: list[str]) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(SEED.read_bytes())


def walked(*paths: Path | str, **kw: object) -> list[tuple[str, str | None]]:
    """(path relative to the first folder, skip kind) of each input."""
    base = Path(paths[0])
    return [(os.path.relpath(i.path, base), i.kind) for i in Walk(paths, **kw)]  # type: ignore[arg-type]


def test_folders_are_walked_in_the_order_of_sorted_paths(tmp_path: Path) -> None:
    _tree(tmp_path, ["b.txt", "a/z.txt", "a.txt", "a/b/c.pdf", "A.doc"])
    assert [p for p, _ in walked(tmp_path)] == sorted(["b.txt", "a/z.txt", "a.txt", "a/b/c.pdf", "A.doc"])


# (file name, read by default): data and notes files are not documents, whatever they hold
NAMES = [
    ("plan.txt", True),
    ("plan.TXT", True),
    ("decision.pdf", True),
    ("old.doc", True),
    ("scan.tif", True),
    ("CV 123 ngày 12.3.2026", True),  # no suffix of its own: read, the bytes decide
    ("gold.json", False),
    ("records.jsonl", False),
    ("MANIFEST.tsv", False),
    ("notes.md", False),
    ("table.csv", False),
    ("book.xlsx", False),
    ("records.jsonl.part", False),
]


@pytest.mark.parametrize(("name", "read"), NAMES)
def test_data_files_are_left_out_by_their_name(tmp_path: Path, name: str, read: bool) -> None:
    _tree(tmp_path, [name])
    walk = Walk([tmp_path])
    assert [os.path.basename(i.path) for i in walk] == ([name] if read else [])
    assert sum(walk.report.by_name.values()) == (0 if read else 1)


def test_a_file_named_on_the_command_line_is_read_whatever_its_name(tmp_path: Path) -> None:
    _tree(tmp_path, ["gold.json"])
    assert [i.path for i in Walk([tmp_path / "gold.json"])] == [str(tmp_path / "gold.json")]


def test_include_decides_alone_and_exclude_always_applies(tmp_path: Path) -> None:
    _tree(tmp_path, ["a.txt", "b.PDF", "notes.md", "sub/c.pdf", "sub/draft_c.pdf"])
    assert [p for p, _ in walked(tmp_path, include=["*.pdf", "*.md"])] == [
        "b.PDF",
        "notes.md",
        "sub/c.pdf",
        "sub/draft_c.pdf",
    ]
    assert [p for p, _ in walked(tmp_path, exclude=["sub/*"])] == ["a.txt", "b.PDF"]
    assert [p for p, _ in walked(tmp_path, exclude=["draft_*"])] == ["a.txt", "b.PDF", "sub/c.pdf"]


def test_hidden_files_and_folders_are_skipped_and_counted(tmp_path: Path) -> None:
    _tree(tmp_path, ["a.txt", ".hidden.txt", ".git/x.txt"])
    walk = Walk([tmp_path])
    assert [os.path.basename(i.path) for i in walk] == ["a.txt"]
    assert walk.report.hidden == 2


def test_symbolic_links_are_followed_inside_the_folders_given_only(tmp_path: Path) -> None:
    inside, outside = tmp_path / "in", tmp_path / "out"
    _tree(inside, ["docs/a.txt"])
    _tree(outside, ["secret.txt"])
    (inside / "link_in.txt").symlink_to(inside / "docs" / "a.txt")
    (inside / "link_docs").symlink_to(inside / "docs")
    (inside / "link_out.txt").symlink_to(outside / "secret.txt")
    (inside / "link_passwd").symlink_to("/etc/passwd")
    (inside / "link_out_dir").symlink_to(outside)
    (inside / "broken.txt").symlink_to(inside / "nothing.txt")
    got = dict(walked(inside))
    assert got == {
        "broken.txt": "broken_link",
        "docs/a.txt": None,
        "link_docs/a.txt": None,
        "link_in.txt": None,
        "link_out.txt": "symlink_outside",
        "link_out_dir": "symlink_outside",
        "link_passwd": "symlink_outside",
    }


def test_symbolic_link_loops_are_reported_not_followed(tmp_path: Path) -> None:
    _tree(tmp_path, ["a/doc.txt"])
    (tmp_path / "a" / "back").symlink_to(tmp_path)  # a folder's link to a folder it lies in
    (tmp_path / "self").symlink_to(tmp_path / "self")  # a link to itself
    assert walked(tmp_path) == [("a/back", "symlink_loop"), ("a/doc.txt", None), ("self", "symlink_loop")]


def test_a_fifo_is_an_input_that_is_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    assert walked(tmp_path) == [("pipe.txt", "not_a_file")]
    record = extract(tmp_path / "pipe.txt")  # named directly, the reader says the same, without blocking
    assert record.status == "FAILURE" and record.errors[0].kind == "not_a_file"


def test_the_runs_own_output_is_never_an_input(tmp_path: Path) -> None:
    _tree(tmp_path, ["a.txt", "out/records.jsonl", "out/records.jsonl.part", "out/mine.txt"])
    leave = [tmp_path / "out" / "records.jsonl", tmp_path / "out" / "records.jsonl.part"]
    walk = Walk([tmp_path], include=["*"], leave_out=leave)
    assert [p for p, _ in walked(tmp_path, include=["*"], leave_out=leave)] == ["a.txt", "out/mine.txt"]
    assert list(walk) and walk.report.own_output == 2


def test_names_with_a_newline_or_bytes_that_are_not_utf8_are_inputs(tmp_path: Path) -> None:
    paths = odd_names(tmp_path)
    assert sorted(i.path for i in Walk([tmp_path])) == sorted(str(p) for p in paths)
    for path in paths:
        record = extract(path)
        assert record.status == "SUCCESS"
        shown, exact = path_fields(path)
        assert record.source.path == shown and record.source.path_bytes == exact
    latin = next(p for p in paths if "latin1" in str(p))
    rec = extract(latin)
    assert rec.source.path.endswith("latin1_\\xe9\\xe0_name.txt")  # shown, readable
    assert base64.b64decode(rec.source.path_bytes or "") == os.fsencode(latin)  # kept exactly
    assert rec.model_dump_json()  # serializable: the batch writes it


def test_a_folder_that_cannot_be_listed_is_reported(tmp_path: Path) -> None:
    base = tmp_path / "tree"
    _tree(base, ["a.txt", "locked/b.txt"])
    (base / "locked").chmod(0)
    try:
        got = as_unprivileged(walked, base)
    finally:
        (base / "locked").chmod(0o755)
    assert got == [("a.txt", None), ("locked", "unreadable_folder")]

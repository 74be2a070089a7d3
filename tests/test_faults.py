"""Every hostile input an archive holds gets a record with a clear message, and the
batch that meets them all finishes (issue 8's list; ``scripts/fault_table.py`` prints
the table the README shows, with seconds and memory)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipeline import extract
from pipeline.batch import BatchOptions, run_batch

from . import faults
from .faults import SEED, as_unprivileged
from .tools import require

# name → (status, error kind, words the message must hold); None: no error expected
EXPECTED: dict[str, tuple[str, str | None, str]] = {
    "empty.txt": ("FAILURE", "not_a_document", "the file is empty"),
    "truncated.pdf": ("FAILURE", "read_error", "damaged or truncated"),
    "encrypted_empty_password.pdf": ("SUCCESS", None, ""),  # opened with the empty password, as viewers do
    "encrypted_with_password.pdf": ("FAILURE", "read_error", "encrypted and needs a password"),
    "junk_before_header.pdf": ("SUCCESS", None, ""),  # read as the PDF it is
    "zip_bomb.docx": ("FAILURE", "limit", "word/document.xml, inflated, is 3.2 GB"),
    "billion_laughs.docx": ("FAILURE", "unsafe_xml", "declares a DOCTYPE or XML entities"),
    "pages_1500.pdf": ("PARTIAL", "limit", "page count is 1,500, over the limit of 1,000"),
    "enormous_page.pdf": ("FAILURE", "limit", "(83,333 × 83,333) is 6,944,388,889 pixels"),
    "binary_junk.txt": ("FAILURE", "not_a_document", "binary content"),
    "text_150MB.txt": ("PARTIAL", "limit", "the file is 150.0 MB"),
    "script.doc": ("SUCCESS", None, ""),
    "outside_link.txt": ("FAILURE", "symlink_outside", "out of the folders given (to /etc/passwd)"),
    "loop": ("FAILURE", "symlink_loop", "a loop, not followed"),
    "self_link": ("FAILURE", "symlink_loop", "leads back to itself"),
    "line\nbreak.txt": ("SUCCESS", None, ""),
    "latin1_\udce9\udce0_name.txt": ("SUCCESS", None, ""),
}


@pytest.fixture(scope="module")
def fault_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict[str, dict]]:
    require("dejavu")  # the 1,500-page PDF is drawn with it
    folder = tmp_path_factory.mktemp("faults")
    faults.build(folder)
    faults.odd_names(folder)
    (folder / "outside_link.txt").symlink_to("/etc/passwd")
    (folder / "loop").symlink_to(folder)
    (folder / "self_link").symlink_to(folder / "self_link")
    out = tmp_path_factory.mktemp("out") / "records.jsonl"
    result = run_batch([folder], out, BatchOptions(workers=2, progress=False))
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    by_name = {os.path.basename(os.fsdecode(_path(r))): r for r in recs}
    return result.exit_status, by_name


def _path(record: dict) -> bytes:
    import base64

    exact = record["source"]["path_bytes"]
    return base64.b64decode(exact) if exact else record["source"]["path"].encode()


def test_the_batch_over_every_fault_finishes_with_a_record_for_each(fault_run) -> None:
    status, recs = fault_run
    assert status == 1  # some documents failed; the batch completed
    assert sorted(recs) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED), ids=lambda n: n.encode("unicode_escape").decode())
def test_each_fault_has_its_record_and_a_clear_message(fault_run, name: str) -> None:
    _, recs = fault_run
    status, kind, words = EXPECTED[name]
    rec = recs[name]
    assert rec["status"] == status, rec["errors"]
    if kind is None:
        assert [e for e in rec["errors"] if e["kind"] not in ("limit",)] == []
    else:
        assert rec["errors"][0]["kind"] == kind
        assert words in rec["errors"][0]["message"], rec["errors"][0]["message"]


def test_script_in_html_named_doc_is_not_text(fault_run) -> None:
    rec = fault_run[1]["script.doc"]
    assert rec["source"]["format"] == "html" and rec["document"]["number"] == "12"
    assert "alert" not in rec["text"] and "Hidden" not in rec["text"]


def test_limits_say_by_how_much_and_which_option_raises_them(fault_run) -> None:
    recs = fault_run[1]
    assert "--max-unzipped-size" in recs["zip_bomb.docx"]["errors"][0]["message"]
    assert "--max-pages" in recs["pages_1500.pdf"]["errors"][0]["message"]
    assert "--max-page-pixels" in recs["enormous_page.pdf"]["errors"][0]["message"]
    assert "--max-chars" in recs["text_150MB.txt"]["errors"][0]["message"]
    assert len(recs["text_150MB.txt"]["text"]) <= 2_000_000


def test_a_file_over_the_size_limit_is_not_read_but_recorded(tmp_path: Path) -> None:
    from pipeline.ingest import Limits, ReadOptions

    path = tmp_path / "big.txt"
    path.write_bytes(SEED.read_bytes() * 40)
    rec = extract(path, options=ReadOptions(limits=Limits(file_bytes=100_000)))
    assert rec.status == "FAILURE" and rec.errors[0].kind == "limit"
    assert (
        "over the limit of 100.0 kB" in rec.errors[0].message and "--max-file-size" in rec.errors[0].message
    )
    assert rec.source.sha256 and rec.source.bytes == path.stat().st_size


def test_a_file_without_read_permission_gets_a_record(tmp_path: Path) -> None:
    """As a user who may not read it (root reads anyway: the reading runs as nobody)."""
    path = tmp_path / "secret.txt"
    path.write_bytes(SEED.read_bytes())
    path.chmod(0o200)
    rec = as_unprivileged(extract, path)
    assert rec.status == "FAILURE" and rec.errors[0].kind == "permission"
    assert rec.errors[0].message == "permission denied: this user cannot read the file"

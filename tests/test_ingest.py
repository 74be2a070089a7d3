"""Formats are decided by content; every input gives one record, failures included."""

from __future__ import annotations

import hashlib
import io
import unicodedata
import zipfile
from pathlib import Path

import pytest

from pipeline import extract
from pipeline.ingest import sniff
from pipeline.record import Status

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(s: str) -> bytes:
    """Windows-1258 as Windows writes it: letters with their hat or horn, tones as combining marks."""
    out = []
    for ch in s:
        d = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in d if c in TONE_MARKS)
        out.append(unicodedata.normalize("NFC", "".join(c for c in d if c not in TONE_MARKS)) + tones)
    return "".join(out).encode("cp1258")


SEED = "Số: 912/KH-SNNMT\n\nKhánh Hòa, ngày 27 tháng 3 năm 2025\n\nKẾ HOẠCH\n\nTriển khai Chỉ thị số 31-CT/TU"


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


SNIFFED = [
    (b"%PDF-1.7\n...", "pdf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "doc"),
    (b"{\\rtf1\\ansi hello}", "rtf"),
    (_zip({"word/document.xml": b"<w:document/>", "[Content_Types].xml": b""}), "docx"),
    (_zip({"xl/workbook.xml": b"<workbook/>"}), "xlsx"),
    (_zip({"content.xml": b"<office/>"}), "odt"),
    (_zip({"a.txt": b"x"}), "zip"),
    (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
    (
        b'\n   <figure class="table"><table><colgroup><col><col></colgroup><tbody><tr><td><strong>A</strong></td>'
        b"<td><p>B</p></td></tr><tr><td><p>C</p></td></tr></tbody></table></figure>",
        "html",
    ),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "image"),
    (b"\xff\xd8\xff\xe0" + b"\x00" * 20, "image"),
    (SEED.encode("utf-8"), "txt"),
    (b"\xef\xbb\xbf" + SEED.encode("utf-8"), "txt"),
    (SEED.encode("utf-16"), "txt"),
    (cp1258("Kế hoạch"), "txt"),
    (b'{"file": "x.txt", "document": {}}', "json"),
    (b"", "empty"),
    (b"   \n  ", "empty"),
    (bytes(range(256)) * 4, "binary"),
]


@pytest.mark.parametrize(("data", "fmt"), SNIFFED, ids=[f"{f}-{i}" for i, (_, f) in enumerate(SNIFFED)])
def test_sniff(data: bytes, fmt: str) -> None:
    assert sniff(data) == fmt


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_text_record_has_source_facts(tmp_path: Path) -> None:
    data = SEED.encode("utf-8")
    rec = extract(write(tmp_path, "plan.txt", data))
    sha = hashlib.sha256(data).hexdigest()
    assert rec.status is Status.SUCCESS and rec.errors == []
    assert (rec.source.format, rec.source.encoding, rec.source.sha256, rec.source.bytes) == (
        "txt",
        "utf-8",
        sha,
        len(data),
    )
    assert rec.id == f"vb-{sha[:16]}"
    assert rec.document.number == "912"


def test_the_id_depends_on_content_only(tmp_path: Path) -> None:
    a = extract(write(tmp_path, "a.txt", SEED.encode("utf-8")))
    (tmp_path / "sub").mkdir()
    b = extract(write(tmp_path / "sub", "b.doc", SEED.encode("utf-8")))
    assert a.id == b.id and a.document == b.document


def test_utf16_and_cp1258_are_read(tmp_path: Path) -> None:
    r16 = extract(write(tmp_path, "a.txt", SEED.encode("utf-16")))
    assert r16.source.encoding == "utf-16" and r16.document.number == "912"
    r1258 = extract(write(tmp_path, "b.txt", cp1258(SEED)))
    assert r1258.source.encoding == "cp1258" and r1258.document.number == "912"
    assert r1258.status is Status.PARTIAL and r1258.errors[0].kind == "legacy_encoding"


def test_html_saved_as_doc_is_read_as_html(tmp_path: Path) -> None:
    html = "<html><body><p>Số: 12/QĐ-UBND</p><p>Hà Nội, ngày 05 tháng 3 năm 2025</p><p>QUYẾT ĐỊNH</p></body></html>"
    rec = extract(write(tmp_path, "x.doc", html.encode("utf-8")))
    assert rec.source.format == "html" and rec.document.type == "QĐ" and rec.document.date == "2025-03-05"


UNREAD = [
    ("x.pdf", b"%PDF-1.7 ...", "pdf", "read_error"),
    ("x.docx", _zip({"word/document.xml": b"<w:document/>"}), "docx", "read_error"),
    ("x.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "doc", "read_error"),  # a broken .doc
    ("x.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 8, "image", "read_error"),  # OCR cannot read it
    ("x.txt", b"", "empty", "not_a_document"),
    ("gold.json", b'{"file": "x.txt"}', "json", "not_a_document"),
    ("x.bin", bytes(range(256)) * 4, "binary", "not_a_document"),
    ("x.xlsx", _zip({"xl/workbook.xml": b"<workbook/>"}), "xlsx", "not_a_document"),
]


@pytest.mark.parametrize(("name", "data", "fmt", "kind"), UNREAD, ids=[u[0] for u in UNREAD])
def test_unread_formats_give_a_failure_record(
    tmp_path: Path, name: str, data: bytes, fmt: str, kind: str
) -> None:
    rec = extract(write(tmp_path, name, data))
    assert rec.status is Status.FAILURE and rec.source.format == fmt and rec.text == ""
    assert [(e.stage, e.kind) for e in rec.errors] == [("ingest", kind)]
    assert rec.errors[0].message


def test_missing_file_gives_a_failure_record(tmp_path: Path) -> None:
    rec = extract(tmp_path / "nope.txt")
    assert rec.status is Status.FAILURE and rec.errors[0].kind == "io_error" and "nope.txt" in rec.source.path


def test_a_folder_of_mixed_inputs(tmp_path: Path) -> None:
    from pipeline import extract_many

    write(tmp_path, "a.txt", SEED.encode("utf-8"))
    write(tmp_path, "b.pdf", b"%PDF-1.4")  # corrupt
    write(tmp_path, ".hidden.txt", b"x")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "c.txt", b"")
    recs = list(extract_many([tmp_path]))
    assert [Path(r.source.path).name for r in recs] == ["a.txt", "b.pdf", "c.txt"]
    assert [r.status for r in recs] == [Status.SUCCESS, Status.FAILURE, Status.FAILURE]

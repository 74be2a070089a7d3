"""Measured on the shared real documents and their gold (skipped when ../shared is absent)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import extract_many
from pipeline.cli import main
from pipeline.record import Record

from .conftest import CORPUS, ROOT, SHARED, requires_shared
from .tools import in_ci, needs, present, require

pytestmark = [requires_shared, pytest.mark.corpus]


def score(gold: Path, records: Path, *extra: str) -> dict:
    done = subprocess.run(
        [
            sys.executable,
            str(SHARED / "eval" / "score.py"),
            "--gold",
            str(gold),
            "--pred",
            str(records),
            "--json",
            *extra,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def test_seeds_score(tmp_path: Path) -> None:
    out = tmp_path / "seeds.jsonl"
    assert main(["extract", str(SHARED / "seeds"), "-o", str(out), "-q"]) == 0
    res = score(SHARED / "gold", out)
    assert res["documents"] == 5 and res["missing_records"] == []
    assert res["overall"]["f1"] >= 0.97
    assert res["groups"]["flags"]["f1"] == 1.0
    assert res["spans_broken"] == 0


def test_seeds_core_flags_exactly_as_gold() -> None:
    """Each seed's core flags are its gold's, rule for rule; the rules beyond the core may
    fire where a seed truly breaks them (the transcripts lost their Quốc hiệu and motto)."""
    from pipeline import extract
    from pipeline.rules import CORE_RULES

    for gold in sorted((SHARED / "gold").glob("*.json")):
        want = sorted(json.loads(gold.read_text(encoding="utf-8"))["flags"])
        r = extract(SHARED / "seeds" / f"{gold.stem}.txt")
        assert sorted(f.rule for f in r.flags if f.rule in CORE_RULES) == want, gold.stem


def test_own_corpus_scores(tmp_path: Path) -> None:
    """The seeds copied into corpus/ and the synthetic fixtures, against corpus/gold."""
    out = tmp_path / "own.jsonl"
    assert (
        main(
            [
                "extract",
                str(ROOT / "corpus" / "seeds"),
                str(ROOT / "corpus" / "fixtures"),
                "-o",
                str(out),
                "-q",
            ]
        )
        == 0
    )
    if not present("tesseract"):  # the scan in corpus/fixtures cannot be read: score the rest
        if in_ci():
            require("tesseract")
        kept = [
            line for line in out.read_text(encoding="utf-8").splitlines() if '"no_text_layer"' not in line
        ]
        out.write_text("\n".join(kept) + "\n", encoding="utf-8")
    res = score(ROOT / "corpus" / "gold", out, "--only-with-records")
    assert res["documents"] >= 10
    assert res["overall"]["f1"] >= 0.97 and res["spans_broken"] == 0


FOLDERS = ("admin", "emulation", "legal")


def _manifest() -> dict[str, tuple[str, str]]:
    """File name → (format, text layer) from MANIFEST.tsv."""
    rows = [
        line.split("\t") for line in (CORPUS / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]
    ]
    return {Path(row[0]).name: (row[4], row[5]) for row in rows}


@pytest.fixture(scope="module")
def corpus_records() -> list[Record]:
    """Every real document read once (OCR pages come from the cache after a first run)."""
    return list(extract_many([CORPUS / f for f in FOLDERS]))


def test_every_real_document_gives_one_record(corpus_records: list[Record]) -> None:
    files = sorted(p for f in FOLDERS for p in (CORPUS / f).rglob("*") if p.is_file())
    assert [Path(r.source.path) for r in corpus_records] == files
    if in_ci():
        require("tesseract", "soffice")
    tools = present("tesseract") and present("soffice")
    for r in corpus_records:
        assert not [e for e in r.errors if e.kind == "exception"], (r.source.path, r.errors)
        if r.status.value != "FAILURE":
            assert r.text.strip(), r.source.path
        else:  # only where Tesseract or LibreOffice is missing, and the record says so
            assert not tools, (r.source.path, r.errors)
            assert r.errors and r.errors[0].kind in ("no_text_layer", "read_error"), (r.source.path, r.errors)


def test_every_section_of_a_real_document_lies_inside_its_parent(corpus_records: list[Record]) -> None:
    # adm_002 (PDF), adm_030 (DOCX) and adm_041 (.doc) had items after the closing nested under a
    # section the closing ended: their start came after their end
    def check(nodes: list, lo: int, hi: int, path: str) -> None:
        for n in nodes:
            assert lo <= n.start <= n.end <= hi, (path, n.label, n.start, n.end, lo, hi)
            check(n.children, n.start, n.end, path)

    for r in corpus_records:
        check(r.sections, 0, len(r.text), r.source.path)


def _scored(records: list[Record], out: Path) -> dict:
    with out.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(r.model_dump_json() + "\n")
    return score(CORPUS / "gold", out, "--only-with-records")


@needs("tesseract")
def test_all_gold_documents_score(corpus_records: list[Record], tmp_path: Path) -> None:
    """Issue 4's measure: every format against its gold (F1 >= 0.85), the scans alone >= 0.75."""
    res = _scored(corpus_records, tmp_path / "all.jsonl")
    assert res["documents"] >= 30
    assert res["overall"]["f1"] >= 0.85 and res["spans_broken"] == 0
    manifest = _manifest()
    scans = [
        r for r in corpus_records if manifest[Path(r.source.path).name][1].startswith("none")
    ]  # PDFs with no text layer at all
    assert all(r.source.ocr and r.source.ocr_pages for r in scans)
    res = _scored(scans, tmp_path / "scans.jsonl")
    assert res["documents"] >= 8
    assert res["overall"]["f1"] >= 0.75 and res["spans_broken"] == 0


def text_layer_documents() -> list[Path]:
    """The corpus documents with a usable text layer (MANIFEST.tsv's text_layer column says
    "yes" for a PDF), DOCX, TXT, and HTML saved as .doc: issue 3's measure, which needs
    neither Tesseract nor LibreOffice."""
    keep = []
    for path in sorted(p for f in FOLDERS for p in (CORPUS / f).rglob("*") if p.is_file()):
        fmt, layer = _manifest()[path.name]
        if fmt in ("docx", "txt") or (fmt == "pdf" and layer == "yes") or path.name.startswith("emu_008"):
            keep.append(path)
    return keep


def test_text_layer_documents_score(tmp_path: Path) -> None:
    """Issue 3's measure: PDF text layers, DOCX and TXT against their gold (F1 >= 0.85)."""
    out = tmp_path / "read.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for r in extract_many(text_layer_documents()):
            fh.write(r.model_dump_json() + "\n")
    res = score(CORPUS / "gold", out, "--only-with-records")
    assert res["documents"] >= 15
    assert res["overall"]["f1"] >= 0.85 and res["spans_broken"] == 0

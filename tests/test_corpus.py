"""Measured on the shared real documents and their gold (skipped when ../shared is absent)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import extract_many
from pipeline.cli import main

from .conftest import CORPUS, ROOT, SHARED, requires_shared

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
    res = score(ROOT / "corpus" / "gold", out)
    assert res["overall"]["f1"] >= 0.97 and res["spans_broken"] == 0


def test_every_real_document_gives_one_record(tmp_path: Path) -> None:
    folders = [CORPUS / "admin", CORPUS / "emulation", CORPUS / "legal"]
    files = sorted(p for f in folders for p in f.rglob("*") if p.is_file())
    recs = list(extract_many(folders))
    assert [Path(r.source.path) for r in recs] == files
    for r in recs:
        assert not [e for e in r.errors if e.kind == "exception"], (r.source.path, r.errors)
        if r.status.value != "FAILURE":
            assert r.text.strip(), r.source.path
        else:  # formats read later: scans (OCR) and old Word files
            assert r.errors and r.errors[0].kind in ("unsupported_format", "no_text_layer"), (
                r.source.path,
                r.errors,
            )


def text_layer_documents() -> list[Path]:
    """The corpus documents with a usable text layer (MANIFEST.tsv's text_layer column says
    "yes" for a PDF), DOCX, TXT, and HTML saved as .doc; scans, broken text layers and
    Word 97 files are read by later versions."""
    rows = [
        line.split("\t") for line in (CORPUS / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]
    ]
    keep = []
    for row in rows:
        path, fmt, layer = CORPUS / row[0], row[4], row[5]
        if fmt in ("docx", "txt") or (fmt == "pdf" and layer == "yes") or path.name.startswith("emu_008"):
            keep.append(path)
    return sorted(keep)


def test_text_layer_documents_score(tmp_path: Path) -> None:
    """Issue 3's measure: PDF text layers, DOCX and TXT against their gold (F1 >= 0.85)."""
    out = tmp_path / "read.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for r in extract_many(text_layer_documents()):
            fh.write(r.model_dump_json() + "\n")
    res = score(CORPUS / "gold", out, "--only-with-records")
    assert res["documents"] >= 15
    assert res["overall"]["f1"] >= 0.85 and res["spans_broken"] == 0

"""The `vanban` command: one record per input, a summary line, a readable single record."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pipeline.cli import main

from .conftest import ROOT

SEEDS = ROOT / "corpus" / "seeds"


def test_extract_folder_to_jsonl(tmp_path: Path, capsys) -> None:
    (tmp_path / "in").mkdir()
    for p in sorted(SEEDS.glob("*.txt"))[:2]:
        (tmp_path / "in" / p.name).write_bytes(p.read_bytes())
    (tmp_path / "in" / "broken.pdf").write_bytes(b"%PDF-1.4 nothing")  # a corrupt PDF: its own FAILURE record
    (tmp_path / "in" / "old.doc").write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64
    )  # broken too
    out = tmp_path / "out" / "records.jsonl"
    assert main(["extract", str(tmp_path / "in"), "-o", str(out)]) == 1  # some documents failed
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4
    recs = [json.loads(x) for x in lines]
    assert [r["status"] for r in recs] == ["SUCCESS", "SUCCESS", "FAILURE", "FAILURE"]
    assert [r["errors"][0]["kind"] for r in recs[2:]] == ["read_error", "read_error"]
    assert "could not be read" in recs[3]["errors"][0]["message"]
    err = capsys.readouterr().err
    assert "4 inputs" in err and "2 SUCCESS, 0 PARTIAL, 2 FAILURE" in err
    assert not (out.parent / "records.jsonl.part").exists()


def test_pretty_prints_one_record(capsys) -> None:
    assert main(["extract", str(SEEDS / "004_d597ab0dcd2088e2.txt"), "--pretty", "-q"]) == 0
    out = capsys.readouterr().out
    rec = json.loads(out)
    assert rec["document"]["number"] == "912" and out.startswith("{\n")


def test_pretty_needs_one_file(capsys) -> None:
    assert main(["extract", str(SEEDS), "--pretty"]) == 2
    assert "one file" in capsys.readouterr().err


def test_a_missing_path_still_gets_a_record(tmp_path: Path) -> None:
    out = tmp_path / "r.jsonl"
    assert main(["extract", str(tmp_path / "missing.txt"), "-o", str(out), "-q"]) == 1
    (rec,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert rec["status"] == "FAILURE" and rec["errors"][0]["kind"] == "io_error"


def test_schema_command(tmp_path: Path) -> None:
    out = tmp_path / "s.json"
    assert main(["schema", "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(
        (ROOT / "schemas" / "record.schema.json").read_text(encoding="utf-8")
    )


def test_console_script_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout.startswith("vanban ")

"""Installed as a user installs it: the wheel in a clean virtual environment reads a
document (every rule table shipped); extract() never raises, even without its tables."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pipeline import api
from pipeline.cli import main
from pipeline.rules import RulesError

from .conftest import ROOT
from .faults import SEED


def test_the_wheel_in_a_clean_venv_extracts_a_document(tmp_path: Path) -> None:
    dist, venv = tmp_path / "dist", tmp_path / "venv"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(dist), str(ROOT)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    (wheel,) = dist.glob("vanban-*.whl")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    subprocess.run(
        [str(venv / "bin" / "pip"), "install", "-q", str(wheel)], check=True, capture_output=True, timeout=900
    )
    out = tmp_path / "r.jsonl"
    done = subprocess.run(  # run from elsewhere: the source tree must not be what is imported
        [str(venv / "bin" / "vanban"), "extract", str(SEED), "-o", str(out), "-q"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["status"] == "SUCCESS" and record["document"]["number"] == "912"
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import pipeline; print(pipeline.__file__)"],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert str(venv) in where.stdout


def _no_tables() -> None:
    raise RulesError("rule table awards.toml is missing from /nowhere")


def test_extract_never_raises_when_the_rule_tables_cannot_be_loaded(monkeypatch) -> None:
    monkeypatch.setattr(api, "default_rules", _no_tables)
    record = api.extract(SEED)
    assert record.status == "FAILURE" and record.source.path == str(SEED)
    assert (record.errors[0].stage, record.errors[0].kind) == ("rules", "rules_error")
    assert "awards.toml is missing" in record.errors[0].message


def test_the_command_stops_at_start_up_with_one_message_without_its_tables(monkeypatch, capsys) -> None:
    from pipeline.cli import extract as cli_extract

    monkeypatch.setattr(cli_extract, "default_rules", _no_tables)
    assert main(["extract", str(SEED), "-o", "-"]) == 2
    err = capsys.readouterr().err
    assert (
        err.strip()
        == "vanban: the rule tables cannot be loaded: rule table awards.toml is missing from /nowhere"
    )

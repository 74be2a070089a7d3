"""notebooks/archive_overview.ipynb runs on the demo's records, plots included."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.cli import main

from .conftest import ROOT

nbformat = pytest.importorskip("nbformat", reason="vanban[notebook] is not installed")
nbclient = pytest.importorskip("nbclient", reason="vanban[notebook] is not installed")
pytest.importorskip("matplotlib", reason="vanban[notebook] is not installed")

NOTEBOOK = ROOT / "notebooks" / "archive_overview.ipynb"


def test_the_archive_overview_runs_on_the_demo_records(tmp_path: Path, monkeypatch) -> None:
    records = tmp_path / "records.jsonl"
    main(
        [
            "extract",
            str(ROOT / "corpus" / "seeds"),
            str(ROOT / "corpus" / "fixtures"),
            "-o",
            str(records),
            "-q",
        ]
    )
    monkeypatch.setenv("VANBAN_RECORDS", str(records))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), (
        "commit the notebook without outputs"
    )
    nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    ).execute()  # raises on any cell's error
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    first = "".join(o.get("text", "") for o in nb.cells[1].outputs)
    assert f"records in {records}" in first
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 3  # documents by year/province/type, awards by level, flags by rule
    tables = "".join(o.get("data", {}).get("text/plain", "") for o in outputs)
    assert "bang_khen" in tables and "reference-date-mismatch" in tables

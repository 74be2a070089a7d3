"""Golden records of the project's own documents: a change to any field shows up here.

Regenerate on purpose with `make golden` and read the diff; a missing golden file
fails (it is never written by the test).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pipeline import extract

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
DOCUMENTS = sorted(
    [*(ROOT / "corpus" / "seeds").glob("*.txt"), *(ROOT / "corpus" / "fixtures").glob("*.txt")]
)


def comparable(path: Path) -> dict[str, Any]:
    """The record without what depends on where and with which version it ran."""
    rec = extract(path).model_dump(mode="json")
    rec["source"]["path"] = path.relative_to(ROOT).as_posix()
    rec.pop("pipeline_version")
    return rec


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda p: p.stem)
def test_golden_record(doc: Path) -> None:
    golden = GOLDEN / f"{doc.stem}.json"
    assert golden.exists(), f"no golden record for {doc.name}: run `make golden` and review the diff"
    expected = json.loads(golden.read_text(encoding="utf-8"))
    got = comparable(doc)
    for key in expected:
        assert got.get(key) == expected[key], f"{doc.name}: field {key!r} differs from its golden record"
    assert set(got) == set(expected)


def test_every_golden_file_has_its_document() -> None:
    assert {p.stem for p in GOLDEN.glob("*.json")} == {d.stem for d in DOCUMENTS}

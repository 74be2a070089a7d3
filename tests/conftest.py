"""Shared helpers: the rule set, Text construction, table loading, the shared corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from pipeline.extract.text import Text
from pipeline.normalize import normalize
from pipeline.record import Record, Signer
from pipeline.rules import Rules, default_rules

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"

# CI replays the same examples every run (a red build must mean a regression); a
# developer's run draws new ones, and a failure found there becomes a table row.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

requires_shared = pytest.mark.skipif(
    not (SHARED / "eval" / "score.py").exists(),
    reason="../shared is absent: the real documents, their gold and the scorer are not on this machine",
)


def pytest_runtest_setup(item: pytest.Item) -> None:
    """A test marked ``needs(tool…)`` skips without the tool, or fails under CI=true."""
    from .tools import require

    for marker in item.iter_markers("needs"):
        require(*marker.args)


@pytest.fixture(scope="session")
def rules() -> Rules:
    return default_rules()


def header_fields(r: Record, province: bool = True) -> tuple[str | None, ...]:
    """A record's type, number, symbol, date (and province): what a header test checks."""
    d = r.document
    return (d.type, d.number, d.symbol, d.date, *((d.province,) if province else ()))


def signer_fields(s: Signer | None) -> tuple[str | None, ...] | None:
    """A signer's prefix, on-behalf line, position and name: what a signature test checks."""
    return (s.prefix, s.on_behalf, s.position, s.name) if s else None


def make_text(raw: str, rules: Rules | None = None) -> Text:
    """The Text an extractor sees for this raw input."""
    return Text(normalize(raw).text, rules or default_rules())


def table(name: str) -> list[list[str]]:
    """Rows of a tab-separated table in tests/data (comment lines start with #)."""
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows

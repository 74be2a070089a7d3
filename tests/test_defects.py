"""The defect-injection suite (tests/defects): clean documents, one known defect each, as TXT,
DOCX and PDF; every rule fires where its defect is (recall) and nowhere else (precision),
and no rule fires on the clean originals. The per-rule table is written to
``test-artifacts/defect-injection.txt`` (and printed by ``make defects``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.rules import default_rules

from .defects import ARCHIVES, DEFECTS, FORMATS, NOT_INJECTED, Tally, run
from .tools import needs, present

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(os.environ.get("VANBAN_ARTIFACTS", ROOT / "test-artifacts"))
FLOOR = 0.95


@pytest.fixture(scope="module")
def suite(tmp_path_factory: pytest.TempPathFactory) -> tuple[Tally, dict[str, list[str]], tuple[str, ...]]:
    formats = FORMATS if present("soffice") else tuple(f for f in FORMATS if f != "pdf")
    tally, on_clean = run(tmp_path_factory.mktemp("defects"), formats)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    report = [f"formats: {', '.join(formats)}", tally.table(), *tally.misses]
    (ARTIFACTS / "defect-injection.txt").write_text("\n".join(report) + "\n", encoding="utf-8")
    return tally, on_clean, formats


def test_no_rule_fires_on_the_clean_originals(suite) -> None:
    _, on_clean, _ = suite
    assert {k: v for k, v in on_clean.items() if v} == {}


def test_every_rule_has_precision_and_recall_of_at_least_095(suite) -> None:
    tally, _, _ = suite
    low = [r for r in tally.rules() if tally.precision(r) < FLOOR or tally.recall(r) < FLOOR]
    assert not low, f"rules under {FLOOR}: {low}\n{tally.table()}\n" + "\n".join(tally.misses)


def test_every_rule_of_the_catalogue_is_injected() -> None:
    catalogue = {r.id for r in default_rules().flags.rule}
    injected = {d.rule for d in DEFECTS} | {a.rule for a in ARCHIVES}
    assert catalogue - injected == set(NOT_INJECTED)
    assert injected <= catalogue


def test_each_rule_is_injected_into_every_format(suite) -> None:
    tally, _, formats = suite
    for d in DEFECTS:
        assert tally.tp[d.rule] + tally.fn[d.rule] >= len(formats)


@needs("soffice")
def test_the_suite_includes_the_pdf_form(suite) -> None:
    assert "pdf" in suite[2]

"""Honest CI: under CI=true a test that needs a missing tool fails; elsewhere it skips."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

PROBE = """
from tests.tools import needs

@needs("tesseract", "soffice")
def test_needs_tools():
    pass
"""


def _pytest(tmp_path: Path, ci: str | None) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_probe.py").write_text(PROBE, encoding="utf-8")
    empty = tmp_path / "bin"  # a PATH with no tool on it
    empty.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(PATH=str(empty), PYTHONPATH=str(ROOT), **({"CI": ci} if ci else {}))
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "tests.conftest", "-p", "no:cacheprovider", "-rs", "-q",
         str(tmp_path / "test_probe.py")],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_a_missing_tool_fails_the_test_under_ci(tmp_path: Path) -> None:
    done = _pytest(tmp_path, "true")
    assert done.returncode == 1, done.stdout
    assert "CI=true and Tesseract with its Vietnamese model is not installed" in done.stdout


def test_a_missing_tool_skips_the_test_elsewhere_with_its_reason(tmp_path: Path) -> None:
    done = _pytest(tmp_path, None)
    assert done.returncode == 0, done.stdout
    assert "1 skipped" in done.stdout and "tesseract-ocr-vie" in done.stdout

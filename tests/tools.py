"""System tools some tests need, and what a test does when one is missing.

CI installs every tool here (``scripts/system_packages.sh``): under ``CI=true`` a
missing tool fails the tests that need it, so a broken install cannot pass as
skipped tests. Elsewhere those tests skip, with the reason and the package.

    @needs("tesseract")            # a marker (checked before the test runs)
    def test_…(): …

    require("soffice")             # inside a test or a fixture
"""

from __future__ import annotations

import functools
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from pipeline.ingest.ocr import OcrOptions, Tesseract
from pipeline.ingest.office import LibreOffice

from .pdfgen import FONT


@dataclass(frozen=True)
class Tool:
    present: Callable[[], bool]
    missing: str  # what is missing, and the package that brings it


TOOLS: dict[str, Tool] = {
    "tesseract": Tool(
        lambda: Tesseract(OcrOptions(engine="tesseract")).available(),
        "Tesseract with its Vietnamese model is not installed (tesseract-ocr, tesseract-ocr-vie)",
    ),
    "soffice": Tool(
        lambda: LibreOffice.executable() is not None,
        "LibreOffice (soffice) is not installed (libreoffice-writer-nogui)",
    ),
    "doc-text": Tool(
        lambda: bool(shutil.which("antiword") or shutil.which("catdoc")),
        "neither antiword nor catdoc is installed (antiword, catdoc)",
    ),
    "neural": Tool(
        lambda: Tesseract(OcrOptions(engine="neural", fallback=False)).available(),
        "the neural OCR engine is not installed (pip install 'vanban[neural]': rapidocr, asterocr, onnxruntime)",
    ),
    "chromium": Tool(
        lambda: bool(shutil.which("chromium") and shutil.which("chromedriver")) and _selenium(),
        "Chromium and its driver are not installed (chromium, chromium-driver; and selenium in the venv)",
    ),
    "dejavu": Tool(
        lambda: FONT is not None, "no DejaVu Serif font to draw Vietnamese text (fonts-dejavu-core)"
    ),
}


def _selenium() -> bool:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return False
    return True


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@functools.cache
def present(name: str) -> bool:
    return TOOLS[name].present()


def require(*names: str) -> None:
    """Skip (fail under CI=true) unless every named tool is here."""
    for name in names:
        if not present(name):
            reason = TOOLS[name].missing
            if in_ci():
                pytest.fail(f"CI=true and {reason}: CI installs it, so this test must run", pytrace=False)
            pytest.skip(reason)


def needs(*names: str) -> pytest.MarkDecorator:
    """A test that needs these tools (conftest checks the marker before it runs)."""
    unknown = [n for n in names if n not in TOOLS]
    assert not unknown, f"unknown tools {unknown}: add them to TOOLS"
    return pytest.mark.needs(*names)

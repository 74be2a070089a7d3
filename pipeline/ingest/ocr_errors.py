"""What goes wrong with OCR, for every engine."""

from __future__ import annotations


class OcrUnavailable(RuntimeError):
    """The engine is not installed (Tesseract or its Vietnamese model, the neural packages)."""


class OcrFailed(RuntimeError):
    """The engine ran but could not read an image (a broken file, a timeout)."""


__all__ = ["OcrFailed", "OcrUnavailable"]

"""A scanned page saved as an image (PNG, JPEG, TIFF, BMP): read by OCR."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .base import Backend, IngestError, RawDocument, RawOcrPage
from .marks import take_marks
from .ocr import OcrFailed, OcrUnavailable, Tesseract


class ImageBackend(Backend):
    format = "image"

    def __init__(self, ocr: Tesseract | None = None) -> None:
        self.ocr = ocr

    def read(self, data: bytes, path: Path) -> RawDocument:
        if self.ocr is None:
            raise IngestError("the file is an image (a scan): it needs OCR, which is turned off")
        key = f"image:{hashlib.sha256(data).hexdigest()}"
        try:
            (page,) = self.ocr.recognize_pages([key], lambda _: data)
        except OcrUnavailable as e:
            raise IngestError(f"the file is an image (a scan) and OCR could not run: {e}") from e
        if isinstance(page, OcrFailed):
            raise IngestError(f"the file is an image that OCR could not read: {page}")
        taken = take_marks(page.text)
        return RawDocument(
            text=taken.text,
            marks=taken.unsure,
            pages=1,
            ocr=True,
            layout=True,
            wrapped=True,
            ocr_pages=(RawOcrPage(1, page.confidence, "image"),),
        )

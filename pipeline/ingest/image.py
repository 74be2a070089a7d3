"""A scanned page saved as an image (PNG, JPEG, TIFF — every page of it —, BMP): read by
OCR, prepared as a rendered PDF page is (:mod:`raster`)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .base import Backend, IngestError, RawDocument, RawOcrPage, Warning_
from .marks import take_marks
from .ocr import OcrFailed, OcrUnavailable, Tesseract
from .pdf_ocr import RENDERING
from .raster import image_pages


class ImageBackend(Backend):
    format = "image"

    def __init__(self, ocr: Tesseract | None = None) -> None:
        self.ocr = ocr

    def read(self, data: bytes, path: Path) -> RawDocument:
        if self.ocr is None:
            raise IngestError("the file is an image (a scan): it needs OCR, which is turned off")
        try:
            frames = image_pages(data)
        except (OSError, ValueError) as e:
            raise IngestError(f"the image cannot be decoded: {e}") from e
        digest = hashlib.sha256(data).hexdigest()
        keys = [f"image:{digest}:{i}:{RENDERING}" for i in range(len(frames))]
        dpi = next((d for _, d in frames if d), None)
        try:
            pages = self.ocr.recognize_pages(keys, lambda i: frames[i][0], dpi)
        except OcrUnavailable as e:
            raise IngestError(f"the file is an image (a scan) and OCR could not run: {e}") from e
        failed = [f"page {i + 1}: {p}" for i, p in enumerate(pages) if isinstance(p, OcrFailed)]
        read = [(i, p) for i, p in enumerate(pages) if not isinstance(p, OcrFailed)]
        if not read:
            raise IngestError(f"the file is an image that OCR could not read: {'; '.join(failed)}")
        taken = take_marks("\f".join(p.text for _, p in read))
        return RawDocument(
            text=taken.text,
            marks=taken.unsure,
            pages=len(frames),
            ocr=True,
            layout=True,
            wrapped=True,
            warnings=tuple(Warning_(w, "ocr_failed") for w in failed),
            ocr_pages=tuple(RawOcrPage(i + 1, p.confidence, "image") for i, p in read),
        )

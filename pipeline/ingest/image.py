"""A scanned page saved as an image (PNG, JPEG, TIFF — every page of it —, BMP): read by
OCR, prepared as a rendered PDF page is (:mod:`raster`)."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Any

from .base import Backend, IngestError, RawDocument, RawOcrPage, Warning_
from .fusion import header_band
from .limits import LimitExceeded, Limits, over
from .marks import take_marks
from .ocr import OcrFailed, OcrUnavailable, Tesseract
from .pdf_ocr import RENDERING, too_large
from .raster import frame_pgm, frame_sizes, image_dpi


class ImageBackend(Backend):
    format = "image"

    def __init__(self, ocr: Tesseract | None = None, limits: Limits | None = None) -> None:
        self.ocr = ocr
        self.limits = limits or Limits()

    def read(self, data: bytes, path: Path) -> RawDocument:
        from PIL import Image

        if self.ocr is None:
            raise IngestError("the file is an image (a scan): it needs OCR, which is turned off")
        try:
            with Image.open(io.BytesIO(data)) as img:
                return self._read(img, hashlib.sha256(data).hexdigest(), self.ocr)
        except (OSError, ValueError, EOFError, Image.DecompressionBombError) as e:
            raise IngestError(f"the image cannot be decoded: {e}") from e

    def _read(self, img: Any, digest: str, ocr: Tesseract) -> RawDocument:
        sizes = frame_sizes(img)
        warnings = []
        if len(sizes) > self.limits.pages:
            why = over("the image's page count", len(sizes), self.limits.pages, "--max-pages")
            warnings.append(Warning_(f"{why}: only its first {self.limits.pages:,} pages were read", "limit"))
            sizes = sizes[: self.limits.pages]
        dpi = image_dpi(img)
        too_big = {i: too_large(w, h, None, self.limits.page_pixels) for i, (w, h) in enumerate(sizes)}
        order = [i for i in range(len(sizes)) if not too_big[i]]
        keys = [f"image:{digest}:{i}:{RENDERING}" for i in order]
        try:
            pages = ocr.recognize_pages(keys, lambda k: frame_pgm(img, order[k]), dpi)
        except OcrUnavailable as e:
            raise IngestError(f"the file is an image (a scan) and OCR could not run: {e}") from e
        if ocr.note:
            warnings.append(Warning_(ocr.note, "ocr_fallback"))
        for i, why in too_big.items():
            if why:
                warnings.append(Warning_(f"page {i + 1}: {why}", "limit"))
        failed = [(i, p) for i, p in zip(order, pages, strict=True) if isinstance(p, OcrFailed)]
        warnings += [Warning_(f"page {i + 1}: {p}", "ocr_failed") for i, p in failed]
        read = [(i, p) for i, p in zip(order, pages, strict=True) if not isinstance(p, OcrFailed)]
        if not read:
            error = LimitExceeded if any(w.kind == "limit" for w in warnings) else IngestError
            why = "; ".join(w.message for w in warnings)
            raise error(f"the file is an image that OCR could not read: {why}")
        second = None
        if read[0][0] == 0:  # the header's band of the first page, read again
            second = ocr.second_reading(
                f"image:{digest}:0:header:{RENDERING}", lambda: header_band(frame_pgm(img, 0))[0]
            )
        taken = take_marks("\f".join(p.text for _, p in read))
        return RawDocument(
            text=taken.text,
            marks=taken.unsure,
            pages=len(sizes),
            ocr=True,
            layout=True,
            wrapped=True,
            warnings=tuple(warnings),
            ocr_pages=tuple(RawOcrPage(i + 1, p.confidence, "image") for i, p in read),
            second_header=second,
        )

"""Stage 0, ingest: bytes in, raw text out, by a backend chosen from the content.

Formats recognised but not read by this version raise
:class:`UnsupportedFormat`, which becomes an entry of the record's
``errors`` (the batch goes on).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .base import (
    Backend,
    IngestError,
    NotADocument,
    RawCell,
    RawDocument,
    RawMark,
    RawOcrPage,
    RawTable,
    UnsupportedFormat,
    Warning_,
)
from .doc import DocBackend, OdtBackend, RtfBackend
from .html import HtmlBackend
from .image import ImageBackend
from .ocr import OcrOptions, OcrUnavailable, Tesseract
from .office import LibreOffice
from .pdf import PdfBackend
from .sniff import sniff
from .txt import TxtBackend
from .word import DocxBackend


@dataclass(frozen=True)
class ReadOptions:
    """What reading may use: OCR (Tesseract) and its settings, LibreOffice for old Word,
    RTF and OpenDocument files."""

    ocr: OcrOptions = field(default_factory=OcrOptions)
    office: bool = True
    office_timeout: float = 180.0


class Reader:
    """The backends of one run, configured once; the external programs they use are found
    when a document first needs them."""

    def __init__(self, options: ReadOptions | None = None) -> None:
        self.options = options or ReadOptions()
        engine = Tesseract(self.options.ocr) if self.options.ocr.enabled else None
        office = LibreOffice(self.options.office_timeout) if self.options.office else None
        docx = DocxBackend()
        backends: list[Backend] = [
            TxtBackend(),
            HtmlBackend(),
            PdfBackend(ocr=engine),
            docx,
            ImageBackend(ocr=engine),
            DocBackend(office, docx),
            RtfBackend(office, docx),
            OdtBackend(office, docx),
        ]
        self.backends = {b.format: b for b in backends}

    def read(self, data: bytes, path: Path) -> tuple[str, RawDocument]:
        """(format, raw document) of a file's bytes; raises IngestError when it cannot be read."""
        fmt = sniff(data)
        backend = self.backends.get(fmt)
        if backend is not None:
            return fmt, backend.read(data, path)
        if fmt in NOT_YET:
            raise UnsupportedFormat(NOT_YET[fmt])
        raise NotADocument(NOT_DOCUMENTS.get(fmt, f"unknown format {fmt}"))


#: Formats that are documents this version does not read yet, and why.
NOT_YET: dict[str, str] = {}
NOT_DOCUMENTS = {
    "empty": "the file is empty",
    "binary": "the file is not a document Vanban knows (binary content)",
    "zip": "the file is a zip archive, not a document",
    "xlsx": "the file is a spreadsheet, not a document",
    "json": "the file is JSON data (a record or an annotation), not a document",
}


def detect_format(data: bytes) -> str:
    return sniff(data)


__all__ = [
    "Backend",
    "IngestError",
    "NotADocument",
    "OcrOptions",
    "OcrUnavailable",
    "RawCell",
    "RawDocument",
    "RawMark",
    "RawOcrPage",
    "RawTable",
    "ReadOptions",
    "Reader",
    "UnsupportedFormat",
    "Warning_",
    "detect_format",
]

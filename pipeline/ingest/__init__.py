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
from .children import ToolRegistry
from .doc import DocBackend, OdtBackend, RtfBackend
from .html import HtmlBackend
from .image import ImageBackend
from .limits import LimitExceeded, Limits
from .ocr import OcrOptions, OcrUnavailable, Tesseract
from .office import LibreOffice
from .pdf import PdfBackend
from .sniff import sniff
from .txt import TxtBackend
from .word import DocxBackend


@dataclass(frozen=True)
class ReadOptions:
    """What reading may use: OCR (Tesseract) and its settings, LibreOffice for old Word,
    RTF and OpenDocument files; and the limits a document must stay within."""

    ocr: OcrOptions = field(default_factory=OcrOptions)
    office: bool = True
    office_timeout: float = 180.0
    limits: Limits = field(default_factory=Limits)
    # where the process group of each converter is noted while it runs, so a batch can
    # end the converters of a worker it stopped (see :mod:`children`)
    tool_registry: Path | None = None


class Reader:
    """The backends of one run, configured once; the external programs they use are found
    when a document first needs them."""

    def __init__(self, options: ReadOptions | None = None) -> None:
        self.options = options or ReadOptions()
        options = self.options
        registry = ToolRegistry(options.tool_registry) if options.tool_registry else None
        engine = Tesseract(options.ocr) if options.ocr.enabled else None
        office = LibreOffice(options.office_timeout, registry) if options.office else None
        limits = options.limits
        docx = DocxBackend(limits)
        backends: list[Backend] = [
            TxtBackend(limits),
            HtmlBackend(limits),
            PdfBackend(ocr=engine, limits=limits),
            docx,
            ImageBackend(ocr=engine, limits=limits),
            DocBackend(office, docx, registry),
            RtfBackend(office, docx, registry),
            OdtBackend(office, docx, registry),
        ]
        self.backends = {b.format: b for b in backends}

    def read(self, data: bytes, path: Path, fmt: str | None = None) -> tuple[str, RawDocument]:
        """(format, raw document) of a file's bytes (``fmt``: their format, when already
        sniffed); raises IngestError when it cannot be read."""
        fmt = fmt or sniff(data)
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
    "LimitExceeded",
    "Limits",
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

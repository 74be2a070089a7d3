"""Stage 0, ingest: bytes in, raw text out, by a backend chosen from the content.

Formats recognised but not read by this version raise
:class:`UnsupportedFormat`, which becomes an entry of the record's
``errors`` (the batch goes on).
"""

from __future__ import annotations

from pathlib import Path

from .base import (
    Backend,
    IngestError,
    NotADocument,
    RawCell,
    RawDocument,
    RawMark,
    RawTable,
    UnsupportedFormat,
    Warning_,
)
from .html import HtmlBackend
from .pdf import PdfBackend
from .sniff import sniff
from .txt import TxtBackend
from .word import DocxBackend

BACKENDS: dict[str, Backend] = {
    b.format: b for b in (TxtBackend(), HtmlBackend(), PdfBackend(), DocxBackend())
}

#: Formats that are documents this version does not read yet, and why.
NOT_YET: dict[str, str] = {
    "doc": "Word 97-2003 .doc is recognised but not read by this version of Vanban",
    "rtf": "RTF is recognised but not read by this version of Vanban",
    "odt": "OpenDocument text is recognised but not read by this version of Vanban",
    "image": "an image needs OCR, which this version of Vanban does not run",
}
NOT_DOCUMENTS = {
    "empty": "the file is empty",
    "binary": "the file is not a document Vanban knows (binary content)",
    "zip": "the file is a zip archive, not a document",
    "xlsx": "the file is a spreadsheet, not a document",
    "json": "the file is JSON data (a record or an annotation), not a document",
}


def read(data: bytes, path: Path) -> tuple[str, RawDocument]:
    """(format, raw document) of a file's bytes; raises IngestError when it cannot be read."""
    fmt = sniff(data)
    backend = BACKENDS.get(fmt)
    if backend is not None:
        return fmt, backend.read(data, path)
    if fmt in NOT_YET:
        raise UnsupportedFormat(NOT_YET[fmt])
    raise NotADocument(NOT_DOCUMENTS.get(fmt, f"unknown format {fmt}"))


def detect_format(data: bytes) -> str:
    return sniff(data)


__all__ = [
    "BACKENDS",
    "Backend",
    "IngestError",
    "NotADocument",
    "RawCell",
    "RawDocument",
    "RawMark",
    "RawTable",
    "UnsupportedFormat",
    "Warning_",
    "detect_format",
    "read",
]

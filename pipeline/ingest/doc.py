"""Word 97-2003 (.doc), RTF and OpenDocument text: converted to DOCX by LibreOffice
and read as Word files are (:mod:`office`, :mod:`word`). A .doc that LibreOffice
cannot convert (or without LibreOffice) is read as plain text by antiword, then
catdoc, with a note in the record: tables, numbering and layout are then lost,
and legacy TCVN3/VNI text is recognised from its characters (:mod:`legacy`).
"""

from __future__ import annotations

from pathlib import Path

from .base import Backend, IngestError, RawDocument, Warning_
from .legacy import repair
from .office import ConversionFailed, LibreOffice, plain_text
from .word import DocxBackend

SUFFIX = {"doc": ".doc", "rtf": ".rtf", "odt": ".odt"}


class _OfficeBackend(Backend):
    def __init__(self, office: LibreOffice | None, docx: DocxBackend | None = None) -> None:
        self.office = office
        self.docx = docx or DocxBackend()

    def read(self, data: bytes, path: Path) -> RawDocument:
        reason = "LibreOffice is turned off"
        if self.office is not None:
            try:
                converted = self.office.to_docx(data, SUFFIX[self.format])
            except ConversionFailed as e:
                reason = str(e)
            else:
                return self.docx.read(converted, path)
        return self.fallback(data, reason)

    def fallback(self, data: bytes, reason: str) -> RawDocument:
        raise IngestError(f"the {self.format.upper()} file could not be converted: {reason}")


class DocBackend(_OfficeBackend):
    format = "doc"

    def fallback(self, data: bytes, reason: str) -> RawDocument:
        try:
            text, tool = plain_text(data)
        except ConversionFailed as e:
            raise IngestError(f"the Word 97-2003 file could not be read: {reason}; {e}") from e
        text, legacy = repair(text)
        note = Warning_(
            f"read as plain text by {tool} (no tables, numbering or layout): {reason}", "converted_as_text"
        )
        return RawDocument(text=text, encoding=legacy or "utf-8", warnings=(note,), layout=True, wrapped=True)


class RtfBackend(_OfficeBackend):
    format = "rtf"


class OdtBackend(_OfficeBackend):
    format = "odt"

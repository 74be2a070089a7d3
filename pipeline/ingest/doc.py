"""Word 97-2003 (.doc), RTF and OpenDocument text: converted to DOCX by LibreOffice
and read as Word files are (:mod:`office`, :mod:`word`). A .doc that LibreOffice
cannot convert (or without LibreOffice) is read as plain text by antiword, then
catdoc, with a note in the record: tables, numbering and layout are then lost,
and legacy TCVN3/VNI text is recognised from its characters (:mod:`legacy`).
"""

from __future__ import annotations

from pathlib import Path

from .base import Backend, IngestError, RawDocument, Warning_
from .children import ToolRegistry
from .legacy import repair
from .office import ConversionFailed, LibreOffice, plain_text
from .package import check_package
from .word import DocxBackend

SUFFIX = {"doc": ".doc", "rtf": ".rtf", "odt": ".odt"}


class _OfficeBackend(Backend):
    def __init__(
        self,
        office: LibreOffice | None,
        docx: DocxBackend | None = None,
        registry: ToolRegistry | None = None,
    ) -> None:
        self.office = office
        self.docx = docx or DocxBackend()
        self.registry = registry

    def read(self, data: bytes, path: Path) -> RawDocument:
        if self.format == "odt":  # a zip LibreOffice would inflate whole
            check_package(data, self.docx.limits, "OpenDocument")
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
            text, tool = plain_text(data, registry=self.registry)
        except ConversionFailed as e:
            raise IngestError(f"the Word 97-2003 file could not be read: {reason}; {e}") from e
        text, legacy = repair(text)
        if legacy == "tcvn3" and tool == "antiword":
            text, legacy, tool = self._tcvn3_by_catdoc(data, text, tool)
        lost = "tables, numbering or layout"
        if legacy == "tcvn3":
            lost += "; capitals typed in a .VnTimeH font read as lower case"
        note = Warning_(f"read as plain text by {tool} (no {lost}): {reason}", "converted_as_text")
        return RawDocument(text=text, encoding=legacy or "utf-8", warnings=(note,), layout=True, wrapped=True)

    def _tcvn3_by_catdoc(self, data: bytes, text: str, tool: str) -> tuple[str, str, str]:
        """TCVN3 text again by catdoc, which keeps the ư antiword drops (the soft-hyphen
        byte); antiword's text when catdoc cannot read it."""
        try:
            again, _ = plain_text(data, tools=("catdoc",), registry=self.registry)
        except ConversionFailed:
            return text, "tcvn3", tool
        fixed, legacy = repair(again)
        return (fixed, "tcvn3", "catdoc") if legacy == "tcvn3" else (text, "tcvn3", tool)


class RtfBackend(_OfficeBackend):
    format = "rtf"


class OdtBackend(_OfficeBackend):
    format = "odt"

"""The interface every input format implements (one backend class per format)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from .signatures import RawSignature


class IngestError(Exception):
    """The document could not be read; the message says why, for the record's errors[]."""

    kind: ClassVar[str] = "read_error"


class UnsupportedFormat(IngestError):
    kind = "unsupported_format"


class NotADocument(IngestError):
    kind = "not_a_document"


@dataclass(frozen=True)
class Warning_:
    """A problem met while reading that did not stop it (kept in the record's errors[])."""

    message: str
    kind: str


@dataclass(frozen=True)
class RawCell:
    """A table cell: offsets of its text in the raw text."""

    start: int
    end: int


@dataclass(frozen=True)
class RawTable:
    rows: tuple[tuple[RawCell, ...], ...]


@dataclass(frozen=True)
class RawMark:
    """Something a backend saw at a place in the raw text: a tracked change left in a Word file."""

    kind: str  # tracked_insert, tracked_delete
    start: int
    end: int


@dataclass(frozen=True)
class RawOcrPage:
    """A page whose text OCR produced, and why it was read that way."""

    page: int  # 1-based
    confidence: float  # 0 to 1
    reason: str  # "no text layer", "text layer unusable: …", "image"


@dataclass(frozen=True)
class RawDocument:
    """What a backend read: raw text (to be normalized) and facts about the source."""

    text: str
    encoding: str | None = None
    pages: int | None = None
    ocr: bool = False
    warnings: tuple[Warning_, ...] = field(default_factory=tuple)
    tables: tuple[RawTable, ...] = ()
    marks: tuple[RawMark, ...] = ()
    layout: bool = False  # spaces lay out columns (a text export): the normalizer reads the columns
    wrapped: bool = False  # lines are the page's visual lines: a paragraph may go on over several
    ocr_pages: tuple[RawOcrPage, ...] = ()
    signatures: tuple[RawSignature, ...] = ()  # a PDF's digital signatures
    second_header: str | None = None  # a scan's header band read again by another OCR engine


class Backend(ABC):
    """Reads one format. Backends are stateless: one instance serves every document."""

    format: ClassVar[str]

    @abstractmethod
    def read(self, data: bytes, path: Path) -> RawDocument:
        """Read the document's bytes; raise IngestError with a clear message if it cannot."""

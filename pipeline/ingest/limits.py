"""Limits on what one document may cost, checked before the work they bound.

An archive holds files no reader should try in full: a zip bomb named ``.docx``
(a 7.8 MB file whose ``document.xml`` inflates to gigabytes), a one-page PDF
20,000 points wide, a 150 MB text dump. Each limit is checked where the cost it
bounds is known before it is paid (the file's size before it is read, a zip
member's declared size before it is inflated, a page's pixels before it is
rendered); a document over one gets a FAILURE or PARTIAL record whose error says
which limit, by how much, and the option that raises it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .base import IngestError

MIB = 1024 * 1024


class LimitExceeded(IngestError):
    """The document is over one of its limits: not read (or not wholly)."""

    kind = "limit"


@dataclass(frozen=True)
class Limits:
    """The defaults admit every real document measured (README) and stop the
    pathological ones well inside a worker's memory cap."""

    file_bytes: int = 256 * MIB  # --max-file-size
    part_bytes: int = 128 * MIB  # --max-unzipped-size: one member of a DOCX/ODT zip, inflated
    pages: int = 1000  # --max-pages: pages of a PDF or TIFF read
    page_pixels: int = 40_000_000  # --max-page-pixels: one page at the OCR resolution (A2 at 300 dpi: 35 M)
    chars: int = 2_000_000  # --max-chars: characters of text kept in a record

    @property
    def unzipped_bytes(self) -> int:
        """Every member of a zip together, inflated: four parts' worth."""
        return 4 * self.part_bytes


def size(n: float) -> str:
    """A byte count as people read it: 7.8 MB, 2.1 GB, 512 bytes."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{int(n)} bytes"


def over(what: str, value: float, limit: float, option: str, unit: str = "") -> str:
    """One sentence: what is over which limit, by how much, and the option that raises it."""
    if unit == "bytes":
        shown, cap = size(value), size(limit)
    else:
        shown, cap = f"{value:,.0f}{unit}", f"{limit:,.0f}{unit}"
    return f"{what} is {shown}, over the limit of {cap} ({value / limit:.1f}×; {option} raises it)"

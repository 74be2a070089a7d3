"""Zip packages (DOCX, ODT) checked before anything inflates them.

python-docx and LibreOffice inflate every member of a package: a 7.8 MB DOCX
whose ``document.xml`` inflates to gigabytes took 20 GB of memory before this
check. A member's inflated size is in the zip's directory (Python's zipfile
never inflates past it: a member that lies about its size fails its CRC), so the
sizes are checked there, before any member is read. XML parts must not declare a
DOCTYPE: Word and LibreOffice never write one, and entity definitions are how an
"XML bomb" (billion laughs) grows a few kilobytes into gigabytes.
"""

from __future__ import annotations

import io
import zipfile

import regex

from .base import IngestError
from .limits import LimitExceeded, Limits, over

XML_PART = regex.compile(r"\.(?:xml|rels)$", regex.I)
# The prolog of an XML part ends where the root element starts: "<" and a name.
ROOT_ELEMENT = regex.compile(rb"<[A-Za-z_]")
DOCTYPE = regex.compile(rb"<!DOCTYPE|<!ENTITY", regex.I)
PROLOG_BYTES = 65536  # a prolog longer than this (comments, blank space) is not a Word file's


class UnsafeXml(IngestError):
    kind = "unsafe_xml"


def check_package(data: bytes, limits: Limits, what: str) -> None:
    """Raise when a member would inflate past the limits or an XML part declares a DOCTYPE."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise IngestError(f"the {what} file is not a readable zip package: {e}") from e
    with package:
        infos = package.infolist()
        for info in infos:
            if info.file_size > limits.part_bytes:
                raise LimitExceeded(
                    over(
                        f"the {what} part {info.filename}, inflated,",
                        info.file_size,
                        limits.part_bytes,
                        "--max-unzipped-size",
                        "bytes",
                    )
                )
        total = sum(i.file_size for i in infos)
        if total > limits.unzipped_bytes:
            raise LimitExceeded(
                over(
                    f"the {what} package, inflated,",
                    total,
                    limits.unzipped_bytes,
                    "--max-unzipped-size (4× it)",
                    "bytes",
                )
            )
        for info in infos:
            if XML_PART.search(info.filename):
                _check_prolog(package, info, what)


def _check_prolog(package: zipfile.ZipFile, info: zipfile.ZipInfo, what: str) -> None:
    try:
        with package.open(info) as member:
            head = member.read(PROLOG_BYTES)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise IngestError(f"the {what} part {info.filename} cannot be inflated: {e}") from e
    root = ROOT_ELEMENT.search(head)
    prolog = head[: root.start()] if root else head
    if DOCTYPE.search(prolog):
        raise UnsafeXml(
            f"the {what} part {info.filename} declares a DOCTYPE or XML entities, which Word and "
            "LibreOffice never write (an entity-expansion 'XML bomb'?): not read"
        )
    if root is None and len(head) == PROLOG_BYTES:
        raise UnsafeXml(f"the {what} part {info.filename} has no root element in its first 64 kB: not read")

"""Plain text: UTF-8 (with or without BOM), UTF-16, else the legacy encoding that reads
most like Vietnamese: Windows-1258, TCVN3 or VNI (see :mod:`legacy`). A UTF-8 text
that holds TCVN3 or VNI bytes read as Latin-1 (a copy of an old document) is put
right too. ``source.encoding`` says what was found.
"""

from __future__ import annotations

from pathlib import Path

from .base import Backend, RawDocument, Warning_
from .legacy import best_decoding, repair


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name) of a text file's bytes."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _repaired(data[3:].decode("utf-8", errors="replace"))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _repaired(data.decode("utf-16", errors="replace"), "utf-16")
    try:
        return _repaired(data.decode("utf-8"))
    except UnicodeDecodeError:
        return best_decoding(data)


def _repaired(text: str, encoding: str = "utf-8") -> tuple[str, str]:
    fixed, legacy = repair(text)
    return (fixed, f"{legacy} (in {encoding})") if legacy else (text, encoding)


class TxtBackend(Backend):
    format = "txt"

    def read(self, data: bytes, path: Path) -> RawDocument:
        text, encoding = decode(data)
        warnings = ()
        if encoding not in ("utf-8", "utf-16"):
            warnings = (Warning_(f"the text is not Unicode; it was read as {encoding}", "legacy_encoding"),)
        return RawDocument(text=text, encoding=encoding, warnings=warnings, layout=True, wrapped=True)

"""Plain text: UTF-8 (with or without BOM), UTF-16, else the legacy encoding that reads
most like Vietnamese: Windows-1258, TCVN3 or VNI (see :mod:`legacy`). A UTF-8 text
that holds TCVN3 or VNI bytes read as Latin-1 (a copy of an old document) is put
right too. ``source.encoding`` says what was found.
"""

from __future__ import annotations

from pathlib import Path

from .base import Backend, RawDocument, Warning_
from .legacy import best_decoding, repair
from .limits import Limits, size

BYTES_PER_CHAR = 4  # at most, in UTF-8: a text cut to this many bytes a character holds every kept one


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


def head(data: bytes, limits: Limits) -> tuple[bytes, tuple[Warning_, ...]]:
    """The bytes worth decoding: a text file longer than the character limit could
    hold is cut (at a line break) before it is decoded, not after, so a 150 MB dump
    costs what its first characters cost."""
    most = limits.chars * BYTES_PER_CHAR
    if len(data) <= most:
        return data, ()
    at = data.rfind(b"\n", most - most // 10, most)
    cut = data[: at if at > 0 else most]
    why = (
        f"the file is {size(len(data))}, more than the {limits.chars:,} characters a record keeps "
        f"(--max-chars) can come from: only its first {size(len(cut))} were decoded"
    )
    return cut, (Warning_(why, "limit"),)


class TxtBackend(Backend):
    format = "txt"

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()

    def read(self, data: bytes, path: Path) -> RawDocument:
        data, warnings = head(data, self.limits)
        text, encoding = decode(data)
        if encoding not in ("utf-8", "utf-16"):
            note = Warning_(f"the text is not Unicode; it was read as {encoding}", "legacy_encoding")
            warnings = (*warnings, note)
        return RawDocument(text=text, encoding=encoding, warnings=warnings, layout=True, wrapped=True)

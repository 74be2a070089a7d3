"""Plain text: UTF-8 (with or without BOM), UTF-16, else Windows-1258.

The legacy Vietnamese font encodings (TCVN3, VNI) are detected in a later
version; until then a text that is not valid UTF-8 is read as Windows-1258
and says so in ``source.encoding``.
"""

from __future__ import annotations

from pathlib import Path

from .base import Backend, IngestError, RawDocument, Warning_


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name) of a text file's bytes."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1258"), "cp1258"
    except UnicodeDecodeError as e:
        raise IngestError(f"the text is neither UTF-8 nor Windows-1258: {e}") from e


class TxtBackend(Backend):
    format = "txt"

    def read(self, data: bytes, path: Path) -> RawDocument:
        text, encoding = decode(data)
        warnings = ()
        if encoding == "cp1258":
            warnings = (Warning_("the text is not UTF-8; it was read as Windows-1258", "legacy_encoding"),)
        return RawDocument(text=text, encoding=encoding, warnings=warnings, layout=True, wrapped=True)

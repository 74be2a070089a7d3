"""Unicode Vietnamese encoded as the legacy encodings wrote it: TCVN3 (.VnTime and
.VnTimeH), VNI and Windows-1258, and legacy bytes as a copy to a Unicode editor
shows them. For the tests and the demo fixtures (``make forms``)."""

from __future__ import annotations

import unicodedata

from pipeline.ingest.legacy import TCVN3, VNI_BREVE, VNI_CIRCUMFLEX, VNI_HORN, VNI_SINGLE, VNI_TONES

TONE_MARKS = {"\u0301": "acute", "\u0300": "grave", "\u0309": "hook", "\u0303": "tilde", "\u0323": "dot"}


def _split(ch: str) -> tuple[str, str | None]:
    """A letter as (its letter without tone, its tone mark)."""
    parts = unicodedata.normalize("NFD", ch)
    tone = next((c for c in parts if c in TONE_MARKS), None)
    base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
    return base, tone


def to_tcvn3(text: str) -> bytes:
    """TCVN3 bytes; capitals with a tone only where the table has them (VN1)."""
    byte_of = {ch: b for b, ch in sorted(TCVN3.items(), reverse=True)}
    out = bytearray()
    for ch in text:
        if ord(ch) < 0x80:
            out.append(ord(ch))
        else:
            out.append(byte_of[ch])
    return bytes(out)


def to_tcvn3_h(text: str) -> bytes:
    """Capitals as a ``.VnTimeH`` font holds them: at the lower-case letter's byte."""
    return to_tcvn3(text.lower())


def to_vni(text: str) -> bytes:
    tone_byte = {
        mark: next(b for b, m in VNI_TONES.items() if m == mark)
        for mark in ("\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
    }
    circ = {m: b for b, m in VNI_CIRCUMFLEX.items()}
    breve = {m: b for b, m in VNI_BREVE.items()}
    single = {out: b for b, out in VNI_SINGLE.items()}
    horn = {unicodedata.normalize("NFC", base + "\u031b"): b for b, base in VNI_HORN.items()}
    out = []
    for ch in text:
        upper = ch.isupper()
        c = ch.lower()
        if c in single:
            seq = single[c]
        else:
            base, tone = _split(c)
            mark = tone or ""
            parts = unicodedata.normalize("NFD", base)
            if base in horn:
                seq = horn[base] + (tone_byte[tone] if tone else "")
            elif len(parts) == 2 and parts[1] == "\u0302":
                seq = parts[0] + circ[mark]
            elif len(parts) == 2 and parts[1] == "\u0306":
                seq = parts[0] + breve[mark]
            else:
                seq = base + (tone_byte[tone] if tone else "")
        out.append(seq.upper() if upper else seq)
    return "".join(out).encode("cp1252")


def to_cp1258(text: str) -> bytes:
    """Windows-1258: a letter with its vowel marks, then the tone as a combining byte."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, tone = _split(ch)
            out += base.encode("cp1258") + (tone or "").encode("cp1258")
    return bytes(out)


def as_latin1_copy(data: bytes) -> str:
    """Legacy bytes as a copy to a Unicode editor shows them: each byte its Windows-1252
    character (the five bytes 1252 leaves out as the control characters of that code)."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)

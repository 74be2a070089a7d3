"""Legacy Vietnamese encodings: TCVN3 (ABC, the ``.VnTime`` fonts) and VNI
(``VNI-Times``), as old TXT files, old Word files and Word runs hold them.

* **TCVN3** puts each lower-case letter with its marks in one byte (``µ`` is à,
  ``¸`` is á, ``­`` — the soft-hyphen byte 0xAD — is ư); capitals with tones live
  in the ``.VnTimeH`` fonts, at the lower-case letters' codes. The byte table is
  TCVN 5712:1993 (glibc's ``TCVN5712-1``), whose VN1 capitals are kept too.
* **VNI** writes a vowel, then a byte for its marks: ``aù`` á, ``aâ`` â,
  ``aá`` ấ, ``aê`` ă, ``oâ`` ô, ``ô`` ơ, ``ö`` ư, ``ñ`` đ, ``í ì æ ó ò`` the
  five i's.

In a Word file the bytes arrive as the characters Windows-1252 gives them, so a
run in a legacy font is turned back into its bytes before it is decoded. A plain
text of unknown encoding is decoded every way and the reading that looks most
like Vietnamese (see :mod:`quality`) wins.
"""

from __future__ import annotations

import unicodedata
from functools import cache

import regex

from .quality import Quality, measure

# TCVN 5712:1993 bytes 0x80-0xFF (the lower half is ASCII).
TCVN3 = {
    0x80: "À", 0x81: "Ả", 0x82: "Ã", 0x83: "Á", 0x84: "Ạ", 0x85: "Ặ", 0x86: "Ậ", 0x87: "È",
    0x88: "Ẻ", 0x89: "Ẽ", 0x8A: "É", 0x8B: "Ẹ", 0x8C: "Ệ", 0x8D: "Ì", 0x8E: "Ỉ", 0x8F: "Ĩ",
    0x90: "Í", 0x91: "Ị", 0x92: "Ò", 0x93: "Ỏ", 0x94: "Õ", 0x95: "Ó", 0x96: "Ọ", 0x97: "Ộ",
    0x98: "Ờ", 0x99: "Ở", 0x9A: "Ỡ", 0x9B: "Ớ", 0x9C: "Ợ", 0x9D: "Ù", 0x9E: "Ủ", 0x9F: "Ũ",
    0xA0: "\u00a0", 0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ", 0xAF: "Ằ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ", 0xBA: "Ẳ", 0xBB: "ằ", 0xBC: "ẳ",
    0xBD: "ẵ", 0xBE: "ắ", 0xBF: "Ẵ", 0xC0: "Ắ", 0xC1: "Ầ", 0xC2: "Ẩ", 0xC3: "Ẫ", 0xC4: "Ấ",
    0xC5: "Ề", 0xC6: "ặ", 0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ", 0xCC: "è",
    0xCD: "Ể", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ", 0xD2: "ề", 0xD3: "ể", 0xD4: "ễ",
    0xD5: "ế", 0xD6: "ệ", 0xD7: "ì", 0xD8: "ỉ", 0xD9: "Ễ", 0xDA: "Ế", 0xDB: "Ồ", 0xDC: "ĩ",
    0xDD: "í", 0xDE: "ị", 0xDF: "ò", 0xE0: "Ổ", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ", 0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ",
    0xED: "ớ", 0xEE: "ợ", 0xEF: "ù", 0xF0: "Ỗ", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự", 0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ",
    0xFD: "ý", 0xFE: "ỵ", 0xFF: "Ố",
}  # fmt: skip

# VNI: the byte after a vowel, as Windows-1252 shows it, and the marks it adds.
ACUTE, GRAVE, HOOK, TILDE, DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
CIRCUMFLEX, BREVE, HORN = "\u0302", "\u0306", "\u031b"
VNI_TONES = {"ù": ACUTE, "ø": GRAVE, "û": HOOK, "õ": TILDE, "ï": DOT}
VNI_CIRCUMFLEX = {"â": "", "á": ACUTE, "à": GRAVE, "å": HOOK, "ã": TILDE, "ä": DOT}
VNI_BREVE = {"ê": "", "é": ACUTE, "è": GRAVE, "ú": HOOK, "ü": TILDE, "ë": DOT}
VNI_SINGLE = {"í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ", "ñ": "đ"}
VNI_HORN = {"ô": "o", "ö": "u"}  # ơ and ư are one byte, which a tone byte may follow


def _compose(base: str, *marks: str) -> str:
    return unicodedata.normalize("NFC", base + "".join(marks))


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}

    def add(seq: str, out: str) -> None:
        table[seq] = out
        table[seq.upper()] = out.upper()

    for v in "aeouy":
        for byte, tone in VNI_TONES.items():
            add(v + byte, _compose(v, tone))
    for v in "aeo":
        for byte, tone in VNI_CIRCUMFLEX.items():
            add(v + byte, _compose(v, CIRCUMFLEX, tone))
    for byte, tone in VNI_BREVE.items():
        add("a" + byte, _compose("a", BREVE, tone))
    for horn, base in VNI_HORN.items():
        add(horn, _compose(base, HORN))
        for byte, tone in VNI_TONES.items():
            add(horn + byte, _compose(base, HORN, tone))
    for byte, out in VNI_SINGLE.items():
        add(byte, out)
    return table


@cache
def _vni() -> tuple[dict[str, str], regex.Pattern[str]]:
    """The VNI table and the pattern of its sequences, longest first (built on first use)."""
    table = _vni_table()
    return table, regex.compile("|".join(regex.escape(k) for k in sorted(table, key=len, reverse=True)))


def _vni_sub(latin: str) -> str:
    table, sequence = _vni()
    return sequence.sub(lambda m: table[m.group()], latin)


def byte_of(ch: str) -> int | None:
    """The legacy byte a character stands for: its Windows-1252 byte, or its own code where
    1252 has none under 0x100 (0x81, 0x8D, …); None for a character no byte gives."""
    try:
        return ch.encode("cp1252")[0]
    except UnicodeEncodeError:
        return ord(ch) if ord(ch) < 0x100 else None


def _byte_characters() -> set[str]:
    """Every character ``byte_of`` gives a byte of 0x80 or more."""
    shown = {bytes([b]).decode("cp1252", errors="ignore") for b in range(0x80, 0x100)}
    return {ch for ch in shown | {chr(o) for o in range(0x80, 0x100)} if ch and (byte_of(ch) or 0) >= 0x80}


@cache
def _tcvn3_table() -> dict[int, str]:
    """``str.translate``'s table of a TCVN3 text read as Windows-1252 (built on first use)."""
    return {ord(ch): TCVN3[b] for ch in _byte_characters() if (b := byte_of(ch)) is not None and b in TCVN3}


@cache
def _latin_table() -> dict[int, str]:
    """The characters whose byte Windows-1252 shows as another (U+0080 is byte 0x80, €) or
    as none (0x81 shows as U+FFFD): a VNI text's bytes as 1252 shows them."""
    table = {}
    for ch in _byte_characters():
        shown = bytes([byte_of(ch) or 0]).decode("cp1252", errors="replace")
        if shown != ch:
            table[ord(ch)] = shown
    return table


def from_tcvn3(text: str, capitals: bool = False) -> str:
    """Text typed in a ``.VnTime`` font (``.VnTimeH``: ``capitals``), as Unicode."""
    s = text.translate(_tcvn3_table())
    return s.upper() if capitals else s


def from_vni(text: str) -> str:
    """Text typed in a ``VNI-`` font, as Unicode."""
    return _vni_sub(text.translate(_latin_table()))


def font_encoding(font: str | None) -> str | None:
    """The legacy encoding a font name tells: ``.VnTime`` → tcvn3, ``VNI-Times`` → vni."""
    if not font:
        return None
    f = font.strip().lower()
    if f.startswith(".vn"):
        return "tcvn3"
    if f.startswith(("vni-", "vni ")):
        return "vni"
    return None


def decode_in(text: str, encoding: str, font: str | None = None) -> str:
    if encoding == "tcvn3":
        capitals = bool(font and font.strip().lower().rstrip().endswith("h"))
        return from_tcvn3(text, capitals)
    return from_vni(text)


# A letter Unicode has and legacy bytes read as Windows-1252 never give (1252 has
# eight letters beyond Latin-1: Š š Œ œ Ž ž Ÿ ƒ).
BEYOND_1252 = regex.compile(r"[\p{L}--[\x00-\xffŠšŒœŽžŸƒ]]", regex.V1)


def is_legacy_text(text: str, encoding: str, font: str | None = None) -> bool:
    """Text in a legacy-named font that really is legacy bytes: no letter
    Windows-1252 lacks, and it reads more like Vietnamese decoded than as it is."""
    if not text.strip() or BEYOND_1252.search(text):
        return False
    decoded = decode_in(text, encoding, font)
    return decoded != text and _score(decoded) > _score(text)


def _score(text: str) -> float:
    """How Vietnamese a reading looks: its well-formed syllables with diacritics, less
    its garbled words and bare syllables (the ASCII words are the same in every reading)."""
    return _quality_score(measure(text, syllables=True))


def _quality_score(q: Quality) -> float:
    return q.syllables - q.garbled - q.bare


def best_decoding(data: bytes) -> tuple[str, str]:
    """(text, encoding) of bytes that are not UTF-8: Windows-1258, TCVN3 or VNI, whichever
    reads most like Vietnamese."""
    latin = data.decode("cp1252", errors="replace")
    candidates = [
        ("cp1258", unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))),
        ("tcvn3", "".join(chr(b) if b < 0x80 else TCVN3.get(b, chr(b)) for b in data)),
        ("vni", _vni_sub(latin)),
    ]
    encoding, text = max(candidates, key=lambda c: _score(c[1]))
    return text, encoding


def repair(text: str) -> tuple[str, str | None]:
    """A text whose characters are legacy bytes read as Latin-1 (an old file read by
    antiword, a copy-paste from a ``.VnTime`` document), put right when a legacy
    reading looks clearly more Vietnamese; else the text as it is.

    Only lines with no letter beyond Windows-1252 can be legacy bytes: they are
    judged together and, when a legacy reading wins, decoded; Unicode lines stay."""
    lines = text.split("\n")
    legacy = [i for i, line in enumerate(lines) if not BEYOND_1252.search(line) and not line.isascii()]
    if not legacy:
        return text, None
    candidate = "\n".join(lines[i] for i in legacy)
    # Each reading made and measured once; a reading maps a line break to itself and no
    # sequence it decodes spans one, so the candidate's lines decoded are its decoded lines.
    readings = [(name, decoder(candidate)) for name, decoder in (("tcvn3", from_tcvn3), ("vni", from_vni))]
    scored = [(name, fixed, measure(fixed, syllables=True)) for name, fixed in readings]
    encoding, fixed, q = max(scored, key=lambda c: _quality_score(c[2]))
    if q.syllables * q.words < MIN_REPAIRED or _quality_score(q) <= _score(candidate) + REPAIR_MARGIN:
        return text, None
    for i, line in zip(legacy, fixed.split("\n"), strict=True):
        lines[i] = line
    return "\n".join(lines), encoding


REPAIR_MARGIN = 0.3  # how much more Vietnamese a legacy reading must look to be taken
MIN_REPAIRED = 3  # and how many Vietnamese words it must give at least

"""Is this a usable Vietnamese text? A measure of a page's text layer, to tell one
that can be read from one that must be read again by OCR.

Two kinds of text layer are unusable, and each shows in its words:

* a broken font map gives ``7ӌ1+ L¿O CAI &Ӝ1* HO¿`` for ``TỈNH LÀO CAI CỘNG HÒA``:
  many words are **garbled** — a symbol or digits inside letters, letters of
  another script, a ``q`` with no ``u``;
* a scan's embedded OCR of poor quality gives ``CONG HOA xA HO! CHU NGHA VIT NAM``,
  ``CQNG HOA XA HQI``: Vietnamese syllables **bare** of their diacritics, where a
  Vietnamese page marks most of its words.

Measured on every text-layer page of the shared corpus (pages of 25 words or
more): good pages have at most 4.5 % garbled words (13 % on a page of XML
samples), at most 21 % bare syllables and at least 53 % marked words; the
mojibake pages 62–69 % garbled, the bad OCR layers 25–28 % garbled or 41–47 %
bare with 0–27 % marked. English or code on a Vietnamese page (``API``,
``request_id``) is neither garbled nor bare syllables, so it passes.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

WORD = regex.compile(r"\p{L}+")
# What str.split() splits at: every Unicode white-space character (str.isspace's 29;
# the regex \s lacks \x1c-\x1f).
SPACE_CODES = (
    *range(0x09, 0x0E), *range(0x1C, 0x21), 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B),
    0x2028, 0x2029, 0x202F, 0x205F, 0x3000,
)  # fmt: skip
_SPLIT_SPACES = "".join(f"\\u{c:04x}" for c in SPACE_CODES)  # as a character class holds them
# A token of str.split() holding a letter, found in one pass (not a search per token).
LETTER_TOKEN = regex.compile(rf"[^{_SPLIT_SPACES}]*\p{{L}}[^{_SPLIT_SPACES}]*")
NO_LETTER_TOKEN = regex.compile(r"(?<!\S)[^\s\p{L}]+(?!\S)")  # a token without a letter: 12, –, 3/5
# A Vietnamese syllable: an onset, a vowel nucleus, a coda.
SYLLABLE = regex.compile(
    r"""^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?
        [aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]{1,3}
        (?:ch|ng|nh|[cmnpt])?$""",
    regex.VERBOSE | regex.IGNORECASE,
)
# A token that is not a word of any text a person typed.
GARBLED_PARTS = (
    regex.compile(r"""\p{L}[^\p{L}\d\s./\-_@,;:()'"“”‘’–]+\p{L}"""),  # a symbol inside a word: l$p, &Ӝ1*
    regex.compile(r"\p{L}\d+\p{L}"),  # digits inside a word: c6ng, H4nh
    regex.compile(r"[^\p{Latin}\p{Common}\p{Inherited}]"),  # a letter of another script: Ӌ, Ƭ
    regex.compile(r"[qQ](?![uU])"),  # q with no u: CQNG, HQI
)
GARBLED = regex.compile("|".join(p.pattern for p in GARBLED_PARTS))  # any of them, in one token
# The vowel nuclei of Vietnamese syllables, without their tone (with the glide of
# ``oa``, ``uy`` and the falling diphthongs ``ai``, ``âu``...).
NUCLEI = frozenset(
    (
        *("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"),
        *("ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi"),
        *("ôi", "ơi", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "ya", "yê"),
        *("iêu", "yêu", "oai", "oay", "oeo", "uây", "uôi", "uya", "uyê", "uyu", "ươi", "ươu"),
    )
)
ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", *"bcdđghklmnpqrstvx", "")
RHYME = regex.compile(r"([aăâeêioôơuưy]+)(ch|ng|nh|[cmnpt])?")  # a nucleus, a coda
TONES = frozenset("\u0301\u0300\u0309\u0303\u0323")  # sắc, huyền, hỏi, ngã, nặng
SAMPLE_CHARS = 800  # what a page is judged on
MIN_WORDS = 25  # fewer words than this say too little to judge
MAX_GARBLED = 0.15
MAX_BARE = 0.30  # with fewer than MIN_MARKED marked words
MIN_MARKED = 0.40


@dataclass(frozen=True)
class Quality:
    words: int
    garbled: float  # share of tokens that no one typed
    bare: float  # share of words that are Vietnamese syllables without a diacritic
    marked: float  # share of words with a diacritic
    syllables: float = 0.0  # share of words with a diacritic that are well-formed (if counted)

    @property
    def usable(self) -> bool:
        """Good enough to read, or too short to tell."""
        if self.words < MIN_WORDS:
            return True
        return self.garbled < MAX_GARBLED and not (self.bare >= MAX_BARE and self.marked < MIN_MARKED)

    def describe(self) -> str:
        return (
            f"{self.garbled:.0%} of {self.words} words garbled, {self.bare:.0%} bare syllables, "
            f"{self.marked:.0%} with diacritics"
        )


def is_syllable(word: str) -> bool:
    """A well-formed Vietnamese syllable: an onset, a nucleus Vietnamese has, a
    coda, one tone at most (``Kế`` is; ``Keá``, VNI read as Windows-1258, is not)."""
    parts = unicodedata.normalize("NFD", word.lower())
    if sum(1 for c in parts if c in TONES) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
    for onset in ONSETS:
        if bare.startswith(onset):
            m = RHYME.fullmatch(bare, len(onset))
            if m and m.group(1) in NUCLEI:
                return True
    return False


def surely_usable(text: str) -> bool:
    """A quick verdict for the common page, in a few passes of the regex engine: most of
    its words marked (bare syllables do not matter then) and fewer pieces of garbage
    than the garbled share allows, even if each were a word of its own. False says
    only that :func:`measure` must judge."""
    words = WORD.findall(text)
    if len(words) < MIN_WORDS:
        return True
    marked = sum(1 for w in words if not w.isascii())
    if marked < MIN_MARKED * len(words):
        return False
    hits = sum(len(p.findall(text)) for p in GARBLED_PARTS)  # each garbled token has one at least
    tokens = len(text.split()) - len(NO_LETTER_TOKEN.findall(text))  # tokens holding a letter
    return hits < MAX_GARBLED * tokens


def sample(text: str, size: int = SAMPLE_CHARS) -> str:
    """Some ``size`` characters from the middle of a page, from a word's start: a broken
    font map or a bad OCR layer spoils the whole page, so a sample judges it (measured:
    the same verdict as the whole page on every page of the corpus, at 800 characters)."""
    if len(text) <= size:
        return text
    middle = len(text) // 2 - size // 2
    start = text.find(" ", middle)
    start = middle if start < 0 else start + 1
    return text[start : start + size]


def measure(text: str, syllables: bool = False) -> Quality:
    """The text's quality; ``syllables`` also counts its well-formed marked syllables
    (what tells legacy readings apart; slower, and not needed to judge a page)."""
    text = unicodedata.normalize("NFC", text)
    words = WORD.findall(text)
    tokens = LETTER_TOKEN.findall(text)
    if not words or not tokens:
        return Quality(0, 0.0, 0.0, 0.0)
    garbled = sum(1 for t in tokens if GARBLED.search(t))
    bare = sum(1 for w in words if w.isascii() and SYLLABLE.match(w) and not w.isupper())
    bare_upper = sum(1 for w in words if w.isascii() and w.isupper() and len(w) > 1 and SYLLABLE.match(w))
    marked_words = [w for w in words if not w.isascii()]
    marked = len(marked_words)
    formed = sum(1 for w in marked_words if is_syllable(w)) if syllables else 0
    # an upper-case syllable is bare too when the page marks few words ("CONG HOA XA HOI")
    bare_share = (bare + (bare_upper if marked < MIN_MARKED * len(words) else 0)) / len(words)
    return Quality(len(words), garbled / len(tokens), bare_share, marked / len(words), formed / len(words))

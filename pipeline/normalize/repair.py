"""Upper-case words OCR misread in their diacritics, put right from a vocabulary.

Tesseract often loses half of a stacked mark on a capital: ``QUYÉT ĐỊNH`` for
``QUYẾT ĐỊNH``, ``GIÁM ĐÓC`` for ``GIÁM ĐỐC``, ``TĨNH`` for ``TỈNH``. The header
and the signature, which carry the record's key fields, are written in capitals
from a small vocabulary (type names, positions, agencies, provinces): a run of
capitals that differs from a vocabulary phrase only in its diacritics is that
phrase. Only whole phrases are matched, only in capitals, only in OCR text; a
word the vocabulary does not hold is left as read.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

# Each base letter and the capitals that differ from it only in diacritics.
VARIANTS = {
    "A": "AÁÀẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬ",
    "E": "EÉÈẺẼẸÊẾỀỂỄỆ",
    "I": "IÍÌỈĨỊ",
    "O": "OÓÒỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢ",
    "U": "UÚÙỦŨỤƯỨỪỬỮỰ",
    "Y": "YÝỲỶỸỴ",
    "D": "DĐ",
}
BASE = {v: base for base, vs in VARIANTS.items() for v in vs}


def fold_upper(s: str) -> str:
    return "".join(BASE.get(c, c) for c in s)


@dataclass(frozen=True)
class Repairer:
    pattern: regex.Pattern[str]
    canonical: dict[str, str]  # folded phrase (single spaces) → phrase

    def fix(self, m: regex.Match[str]) -> str:
        found = m.group()
        words = found.split()
        target = self.canonical.get(fold_upper(" ".join(words)))
        if target is None or target == " ".join(words):
            return found
        out, pos = [], 0
        for old, new in zip(words, target.split(), strict=True):
            at = found.index(old, pos)
            out.append(found[pos:at] + new)
            pos = at + len(old)
        return "".join(out) + found[pos:]


def build(phrases: list[str]) -> Repairer:
    """A repairer for these upper-case phrases (phrases folding alike are left out: no guess)."""
    by_fold: dict[str, set[str]] = {}
    for p in phrases:
        p = " ".join(unicodedata.normalize("NFC", p).upper().split())
        if p:
            by_fold.setdefault(fold_upper(p), set()).add(p)
    canonical = {f: next(iter(ps)) for f, ps in by_fold.items() if len(ps) == 1}

    def letters(word: str) -> str:
        return "".join(f"[{VARIANTS[BASE[c]]}]" if c in BASE else regex.escape(c) for c in word)

    alternatives = sorted(canonical.values(), key=len, reverse=True)
    body = "|".join(r"[ ]+".join(letters(w) for w in p.split()) for p in alternatives)
    pattern = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{body})(?![\p{{L}}\p{{M}}])")
    return Repairer(pattern, canonical)

"""Words OCR misread in their diacritics, put right from what the text must say.

Tesseract often loses or changes a mark: ``QUYÉT ĐỊNH`` for ``QUYẾT ĐỊNH``,
``GIÁM ĐÓC`` for ``GIÁM ĐỐC``, ``TĨNH`` for ``TỈNH``, ``thị đua`` for ``thi đua``,
``mục tiểu`` for ``mục tiêu``. Two repairs, only on OCR text, only where the
answer is not in doubt:

* **capitals**: the header and the signature are written in capitals from a small
  vocabulary (type names, positions, agencies, provinces); a run of capitals that
  differs from a vocabulary phrase only in its diacritics is that phrase;
* **word pairs**: two running words that are not a pair of clean administrative
  text, but differ only in diacritics from one pair that is (and is far more
  frequent than any other such pair), are that pair.

A word neither repair knows is left as read.

A third puts right the type code of a symbol where OCR doubled a letter
(``206/QĐĐ-UBQLV``): a code no table knows that one of the type table's codes
becomes once the doubled letter is read once.

A last repair needs no vocabulary: inside a number, the letters Tesseract gives
for digits (``I8`` for 18, ``I105/KH`` for 1105, ``tháng I1`` for 11, ``2O21``)
are those digits, when the token holds a real digit too; a token of letters
alone (``Số: II``) stays as read: it is no number.
"""

from __future__ import annotations

import itertools
import unicodedata
from dataclasses import dataclass, field

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

# A number OCR wrote with look-alike letters: digits and I, l, O, o only, at least one
# of each, not inside a word ("COVID-I9" and "I105/KH" qualify, "ADII08" does not).
OCR_DIGITS = regex.compile(
    r"""(?<![\p{L}\d])
        (?=[0-9IlOo]*[0-9])(?=[0-9IlOo]*[IlOo])
        [0-9IlOo]{2,}
        (?![\p{L}\d])""",
    regex.VERBOSE,
)
DIGIT_OF = str.maketrans("IlOo", "1100")
# A symbol's type code: capitals between the number's "/" and the issuer's "-" ("206/QĐĐ-UBQLV").
SYMBOL_CODE = regex.compile(r"(?<=/[ ]?)\p{Lu}{2,6}(?=[ ]?[-–])")


def fix_digits(m: regex.Match[str]) -> str:
    return m.group().translate(DIGIT_OF)


def fold_upper(s: str) -> str:
    return "".join(BASE.get(c, c) for c in s)


def fold(word: str) -> str:
    """A word without its diacritics, in lower case (đ is d)."""
    base = "".join(c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c))
    return base.replace("đ", "d")


@dataclass(frozen=True)
class Repairer:
    pattern: regex.Pattern[str]
    canonical: dict[str, str]  # folded phrase (single spaces) → phrase
    pairs: dict[tuple[str, str], int] = field(default_factory=dict)  # word pairs of clean text, counted
    pair_of: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # folded → pair
    known: frozenset[str] = frozenset()  # the words of those pairs
    codes: frozenset[str] = frozenset()  # the type codes a symbol may hold

    def fix_pairs(self, text: str) -> dict[int, str]:
        """Offset → the word to put there, for running word pairs misread in diacritics.
        A word of a vocabulary phrase stays (``BIÊN BẢN KIỂM TRA`` is not ``Ban Kiểm tra``)."""
        protected = {
            i for m in self.pattern.finditer(text) if self._is_phrase(m.group()) for i in range(*m.span())
        }
        words = [(m.start(), m.group()) for m in WORD.finditer(text)]
        folded: dict[str, str] = {}  # each word folded once (a text repeats its words)
        for _, w in words:
            if w not in folded:
                folded[w] = fold(w)
        edits: dict[int, str] = {}
        for (s1, w1), (s2, w2) in itertools.pairwise(words):
            if text[s1 + len(w1) : s2] != " ":
                continue
            target = self.pair_of.get((folded[w1], folded[w2]))
            key = (w1.lower(), w2.lower())
            if target is None or target == key:
                continue
            if self.pairs.get(key, 0) * RARE_PAIR >= self.pairs[target]:
                continue  # a pair of its own, not a misreading of the frequent one
            for start, old, new in ((s1, w1, target[0]), (s2, w2, target[1])):
                if old.lower() != new and len(new) == len(old) and start not in protected:
                    edits[start] = _same_case(old, new)
        return edits

    def fix_code(self, m: regex.Match[str]) -> str:
        """A symbol's type code with a letter OCR doubled, read once (``QĐĐ`` → ``QĐ``)."""
        code = m.group()
        if code in self.codes:
            return code
        for i in range(1, len(code)):
            if code[i] == code[i - 1] and code[:i] + code[i + 1 :] in self.codes:
                return code[:i] + code[i + 1 :]
        return code

    def _is_phrase(self, found: str) -> bool:
        """The text is a vocabulary phrase as written."""
        words = " ".join(found.split())
        return self.canonical.get(fold_upper(words)) == words

    def _is_known(self, words: list[str]) -> bool:
        """Words clean text has as they are: a word of its own, or running pairs it holds."""
        lower = [w.lower() for w in words]
        if len(lower) == 1:
            return lower[0] in self.known
        return all(pair in self.pairs for pair in itertools.pairwise(lower))

    def fix(self, m: regex.Match[str]) -> str:
        found = m.group()
        words = found.split()
        target = self.canonical.get(fold_upper(" ".join(words)))
        if target is None or target == " ".join(words) or self._is_known(words):
            return found  # "TRƯỜNG" is a word, not a misread "TRƯỞNG"
        out, pos = [], 0
        for old, new in zip(words, target.split(), strict=True):
            at = found.index(old, pos)
            out.append(found[pos:at] + new)
            pos = at + len(old)
        return "".join(out) + found[pos:]


def _same_case(old: str, new: str) -> str:
    if old.isupper():
        return new.upper()
    return new[:1].upper() + new[1:] if old[:1].isupper() else new


def build(
    phrases: list[str], pairs: list[tuple[str, str, int]] | None = None, codes: list[str] | None = None
) -> Repairer:
    """A repairer for these upper-case phrases, word pairs (with their counts) and symbol
    type codes; phrases folding alike are left out, and a pair only wins over a far rarer one."""
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
    by_pair_fold: dict[tuple[str, str], list[tuple[int, tuple[str, str]]]] = {}
    for a, b, n in pairs or []:
        by_pair_fold.setdefault((fold(a), fold(b)), []).append((n, (a, b)))
    pair_of = {}
    for key, found in by_pair_fold.items():
        found.sort(reverse=True)
        if len(found) == 1 or found[0][0] >= PAIR_DOMINANCE * found[1][0]:
            pair_of[key] = found[0][1]
    counts = {(a, b): n for a, b, n in pairs or []}
    known = frozenset(w for pair in counts for w in pair)
    return Repairer(pattern, canonical, counts, pair_of, known, frozenset(codes or ()))


PAIR_DOMINANCE = 5  # a pair is taken over another folding alike only when this many times as frequent
RARE_PAIR = 50  # a pair of clean text this many times rarer than the one folding alike is a typo there
WORD = regex.compile(r"\p{L}+")

"""A user's query read into terms: words, "quoted phrases", prefixes (``quyet*``) and document
numbers (``31-CT/TU``, ``98/2023/NĐ-CP``: phrases of their parts, which is how the tokenizer
saw them in the text). Whatever is typed — operators, unbalanced quotes, ``*``, ``NEAR``,
SQL, ten thousand characters — becomes terms, never syntax: the engine builds query objects
from them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import regex

from ..normalize import canonical_tones
from .fold import NUMBER, TOKEN, fold

MAX_TERMS = 32  # terms of a query kept (the rest are left out, and the result says so)
MAX_CHARS = 2000  # characters of a query read
QUOTED = regex.compile(r'"([^"]*)"')
WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}\-/&.]*\*?", regex.UNICODE)


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # lower case, marks kept (the exact index's tokens)
    prefix: bool = False  # "quyet*"
    number: bool = False  # a document number: its parts, a phrase


@dataclass
class Parsed:
    terms: list[Term] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def marked(self) -> bool:
        """Typed with diacritics: an exact match then ranks above a folded one."""
        return any(fold(w) != w for t in self.terms for w in t.words)

    def phrase_words(self) -> list[str] | None:
        """The plain words typed side by side, folded, as one phrase (a tier of the ranking),
        when there are two or more of them and nothing else."""
        plain = [t for t in self.terms if len(t.words) == 1 and not t.prefix]
        if len(plain) < 2 or len(plain) != len(self.terms):
            return None
        return [w for t in plain for w in fold(t.words[0]).split()]

    def words(self) -> list[str]:
        """Every word, folded: what a snippet marks."""
        return [fold(w) for t in self.terms for w in t.words]


def _tokens(s: str) -> list[str]:
    return [t.lower() for t in TOKEN.findall(s)]


def parse(query: str) -> Parsed:
    out = Parsed()
    query = canonical_tones(unicodedata.normalize("NFC", query))  # as the records' text is
    if len(query) > MAX_CHARS:
        out.notes.append(f"chỉ đọc {MAX_CHARS} ký tự đầu của câu tìm kiếm")
        query = query[:MAX_CHARS]
    pos = 0
    pieces: list[tuple[str, bool]] = []  # (text, a quoted phrase)
    for m in QUOTED.finditer(query):
        pieces.append((query[pos : m.start()], False))
        pieces.append((m.group(1), True))
        pos = m.end()
    pieces.append((query[pos:].replace('"', " "), False))  # an unbalanced quote is a space
    for text, phrase in pieces:
        if phrase:
            words = _tokens(text)
            if words:
                out.terms.append(Term(tuple(words)))
            continue
        for m in WORD.finditer(text):
            w = m.group()
            prefix = w.endswith("*")
            w = w.rstrip("*")
            if any(c in w for c in "-/&") and len(_tokens(w)) > 1:  # 31-CT/TU, KH-UBND: a phrase
                out.terms.append(Term(tuple(_tokens(w)), prefix=prefix, number=bool(NUMBER.fullmatch(w))))
                continue
            for part in _tokens(w):
                out.terms.append(Term((part,), prefix=prefix))
    if len(out.terms) > MAX_TERMS:
        out.notes.append(f"chỉ dùng {MAX_TERMS} từ đầu của câu tìm kiếm")
        out.terms = out.terms[:MAX_TERMS]
    return out

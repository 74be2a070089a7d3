"""Queries over the index: ranked hits with snippets, facet counts, filters.

A query matches the folded words (so ``đường`` also finds ``duong`` written without marks,
and ``quyet dinh`` finds ``Quyết định``); hits come in tiers — the words exactly as typed,
marks and all (when the query has marks), then the words side by side (when it has two or
more), then the rest — each tier ranked by tantivy's BM25, the title weighing 5 and the
numbers 20 against the text's 1. Filters are facet values; facet counts are over every match
(tantivy's terms aggregation over columnar values). Queries are built as query objects,
never parsed from the user's text: nothing typed is syntax.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex
import tantivy

from .fold import fold
from .index import EXACT, FACETS, SearchIndexError, connect, open_words
from .query import Parsed, Term, parse

WEIGHT = {"title": 5.0, "body": 1.0, "numbers": 20.0, "etitle": 5.0, "ebody": 1.0}
SNIPPET_CHARS = 220
REACH = 60  # characters after a matching word within which the others count for its window
FACET_VALUES = 10  # values shown per facet
FILTERABLE = frozenset(FACETS)
SPACES = regex.compile(r"\s+")
Occur = tantivy.Occur
Q = tantivy.Query


@dataclass
class Archive:
    """An open index: its SQLite file and its tantivy folder."""

    db: sqlite3.Connection
    words: tantivy.Index

    def searcher(self) -> tantivy.Searcher:
        self.words.reload()
        return self.words.searcher()

    def close(self) -> None:
        self.db.close()


def open_archive(path: str | Path) -> Archive:
    db = connect(path)
    if not (Path(str(path) + ".tantivy")).is_dir():
        db.close()
        raise SearchIndexError(
            f"{path}: its word index {Path(str(path) + '.tantivy')} is missing; run vanban index"
        )
    return Archive(db, open_words(path))


@dataclass(frozen=True)
class Hit:
    n: int
    id: str
    path: str
    number_symbol: str | None
    type: str | None
    date: str | None
    issuer: str | None
    province: str | None
    title: str | None
    score: float
    exact: int  # 2: the words as typed, marks and all; 1: side by side; 0: found folded
    snippet: list[tuple[str, bool]]  # pieces of text, and whether each is a match

    def snippet_text(self, mark: tuple[str, str] = ("[", "]")) -> str:
        return "".join(f"{mark[0]}{t}{mark[1]}" if m else t for t, m in self.snippet)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "number_symbol": self.number_symbol,
            "title": self.title,
            "date": self.date,
            "score": round(self.score, 4),
            "exact": self.exact,
            "snippet": self.snippet_text(),
        }


@dataclass
class Results:
    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


# --- the query objects ------------------------------------------------------------------------


def _field_query(schema: tantivy.Schema, f: str, words: list[str], prefix: bool) -> tantivy.Query:
    if len(words) == 1:
        q = (
            Q.regex_query(schema, f, regex.escape(words[0]) + ".*")
            if prefix
            else Q.term_query(schema, f, words[0])
        )
    else:
        q = Q.phrase_prefix_query(schema, f, words) if prefix else Q.phrase_query(schema, f, words)
    return Q.boost_query(q, WEIGHT[f])


def _term(schema: tantivy.Schema, t: Term, exact: bool) -> tantivy.Query:
    """One term in any of its fields: folded (title, text, numbers), or as written (title, text;
    a number has no written form but its parts)."""
    if exact and not t.number:
        words, fields = [w.lower() for w in t.words], EXACT
    else:
        words, fields = fold(" ".join(t.words)).split(), ("title", "body", "numbers")
    if not words:
        return Q.empty_query()
    return Q.boolean_query([(Occur.Should, _field_query(schema, f, words, t.prefix)) for f in fields])


def _all(schema: tantivy.Schema, terms: list[Term], exact: bool) -> tantivy.Query:
    return Q.boolean_query([(Occur.Must, _term(schema, t, exact)) for t in terms])


def _filters(schema: tantivy.Schema, filters: dict[str, list[str]]) -> list[tuple[Any, tantivy.Query]]:
    out = []
    for facet, values in filters.items():
        if facet not in FILTERABLE:
            raise ValueError(f"unknown facet {facet!r} (one of {', '.join(FACETS)})")
        out += [(Occur.Must, Q.term_query(schema, facet, v)) for v in values]
    return out


def _tiers(
    schema: tantivy.Schema, parsed: Parsed, filters: dict[str, list[str]]
) -> tuple[tantivy.Query, list[tuple[int, tantivy.Query]]]:
    """The whole query, and its tiers in order (each without the documents of those above it)."""
    base = (
        [(Occur.Must, _all(schema, parsed.terms, exact=False))]
        if parsed.terms
        else [(Occur.Must, Q.all_query())]
    )
    base += _filters(schema, filters)
    whole = Q.boolean_query(base)
    layers: list[tuple[int, tantivy.Query]] = []
    if parsed.marked:
        layers.append((2, _all(schema, parsed.terms, exact=True)))
    phrase = parsed.phrase_words()
    if phrase:
        layers.append(
            (
                1,
                Q.boolean_query(
                    [(Occur.Should, _field_query(schema, f, phrase, False)) for f in ("title", "body")]
                ),
            )
        )
    tiers, above = [], []
    for level, q in layers:
        tiers.append((level, Q.boolean_query([*base, (Occur.Must, q), *((Occur.MustNot, a) for a in above)])))
        above.append(q)
    tiers.append((0, Q.boolean_query([*base, *((Occur.MustNot, a) for a in above)]) if above else whole))
    return whole, tiers


# --- searching -------------------------------------------------------------------------------


def search(
    archive: Archive,
    query: str,
    filters: dict[str, list[str]] | None = None,
    *,
    limit: int = 10,
    offset: int = 0,
    facets: bool = True,
) -> Results:
    parsed = parse(query)
    res = Results(query=query, notes=list(parsed.notes))
    filters = filters or {}
    if not parsed.terms and not filters:
        res.notes.append("câu tìm kiếm trống")
        return res
    schema = archive.words.schema
    whole, tiers = _tiers(schema, parsed, filters)
    searcher = archive.searcher()
    # One pass for the total and the facets; then the tiers from the top, each searched only
    # as far as the page reaches (a page the exact tier fills never looks below it).
    if facets:
        res.facets, res.total = facet_counts(searcher, whole)
    else:
        res.total = searcher.search(whole, 1, count=True).count
    found: list[tuple[int, float, Any]] = []  # (tier, score, address)
    skip, want = offset, limit
    for k, (level, q) in enumerate(tiers):
        if want <= 0:
            break
        last = k == len(tiers) - 1
        result = searcher.search(q, skip + want, count=not last)
        for score, addr in result.hits[skip:]:
            found.append((level, float(score), addr))
        want -= max(0, len(result.hits) - skip)
        skip = max(0, skip - (len(result.hits) if last else result.count))
    numbers = [searcher.doc(addr)["n"][0] for _, _, addr in found]
    rows = _rows(archive.db, numbers)
    words = set(parsed.words())
    pattern = words_pattern(words)
    for (level, score, _), n in zip(found, numbers, strict=True):
        row = rows.get(n)
        if row is None:
            continue
        *fields, record = row
        text = json.loads(record).get("text") or ""
        res.hits.append(
            Hit(n, *fields, score=score, exact=level, snippet=snippet(text, words, pattern=pattern))
        )
    return res


def _rows(db: sqlite3.Connection, numbers: list[int]) -> dict[int, tuple[Any, ...]]:
    if not numbers:
        return {}
    marks = ",".join("?" * len(numbers))
    rows = db.execute(
        "SELECT n, id, path, number_symbol, type, date, issuer, province, title, record FROM docs "
        f"WHERE n IN ({marks})",
        numbers,
    ).fetchall()
    return {r[0]: r[1:] for r in rows}


def facet_counts(
    searcher: tantivy.Searcher, q: tantivy.Query
) -> tuple[dict[str, list[tuple[str, int]]], int]:
    """The top values of every facet among the matches, and how many matches: one pass."""
    agg: dict[str, Any] = {f: {"terms": {"field": f, "size": FACET_VALUES}} for f in FACETS}
    agg["matches"] = {"value_count": {"field": "n"}}
    out = searcher.aggregate(q, agg)
    counts = {f: [(b["key"], int(b["doc_count"])) for b in out.get(f, {}).get("buckets", [])] for f in FACETS}
    return counts, int(out.get("matches", {}).get("value") or 0)


def cited_by(archive: Archive, number_symbol: str, limit: int = 200) -> list[int]:
    """The documents (their numbers in the index) citing ``number_symbol``."""
    searcher = archive.searcher()
    q = Q.term_query(archive.words.schema, "cites", number_symbol)
    return [searcher.doc(a)["n"][0] for _, a in searcher.search(q, limit, count=False).hits]


# --- snippets --------------------------------------------------------------------------------


def _best(hits: list[tuple[int, int, str]], reach: int) -> int:
    """The start of the hit that begins the window holding the most different query words
    (the earliest such): "Nguyễn Văn An" at the signer's name, not "an" of "an ninh"."""
    best, best_n = 0, 0
    for i, (s_, _, _) in enumerate(hits):
        n = len({w for a, _, w in hits[i:] if a - s_ <= reach})
        if n > best_n:
            best, best_n = i, n
    return hits[best][0] if hits else 0


@functools.cache
def _variants() -> dict[str, str]:
    """Each ASCII letter → every letter that folds to it, either case ("d" → "dDđĐ")."""
    out: dict[str, set[str]] = {}
    for code in range(0x20, 0x2000):
        ch = chr(code)
        f = fold(ch)
        if len(f) == 1 and f.isalnum():
            out.setdefault(f, set()).update({ch, ch.upper(), ch.lower()})
    return {k: "".join(sorted(v)) for k, v in out.items()}


def words_pattern(words: set[str]) -> regex.Pattern[str] | None:
    """A pattern finding the query's words as the text writes them, marks and case
    whatever they are: one pass over the text instead of folding each of its words."""
    v = _variants()
    alts = []
    for w in sorted(words, key=len, reverse=True):
        alts.append("".join("[" + regex.escape(v.get(c, c)) + "]" for c in w))
    if not alts:
        return None
    return regex.compile(r"(?<![\p{L}\p{N}])(?:" + "|".join(alts) + r")(?![\p{L}\p{N}])")


def snippet(
    text: str, words: set[str], width: int = SNIPPET_CHARS, pattern: regex.Pattern[str] | None = None
) -> list[tuple[str, bool]]:
    """A window of the text around its best run of matching words, each matching word marked
    (compared folded, so the snippet of a folded match marks the words as written)."""
    if not text:
        return []
    pattern = pattern or words_pattern(words)
    hits = [(m.start(), m.end(), fold(m.group())) for m in pattern.finditer(text)] if pattern else []
    first = _best(hits, REACH)
    start = max(0, first - width // 3)
    end = min(len(text), start + width)
    pieces: list[tuple[str, bool]] = []
    pos = start
    for s_, e, _ in hits:
        if s_ < start or e > end:
            continue
        pieces += [(text[pos:s_], False), (text[s_:e], True)]
        pos = e
    pieces.append((text[pos:end], False))
    flat = [(SPACES.sub(" ", t) if not m else t, m) for t, m in pieces]
    prefix = [("…", False)] if start > 0 else []
    suffix = [("…", False)] if end < len(text) else []
    return [*prefix, *[(t, m) for t, m in flat if t], *suffix]

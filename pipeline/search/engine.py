"""Queries over the index: ranked hits with snippets, facet counts, filters.

A query typed with diacritics matches the folded index (so ``đường`` also finds ``duong``
written without marks) and ranks the documents that hold the words exactly as typed first; a
query without them matches the folded index alone. Ranking is FTS5's BM25, the title weighing
5 and the numbers 20 against the text's 1. Filters are facet values; facet counts are over
every match.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

import regex

from .fold import fold
from .index import FACETS
from .query import Parsed, parse

WEIGHTS = "5.0, 1.0, 20.0"  # title, body, numbers
SNIPPET_CHARS = 220
REACH = 60  # characters after a matching word within which the others count for its window
FACET_VALUES = 10  # values shown per facet
FILTERABLE = frozenset(FACETS)


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


def _filters(filters: dict[str, list[str]], column: str) -> tuple[str, list[str]]:
    """SQL keeping the documents with every facet value asked for (``column`` their number)."""
    clauses, args = [], []
    for facet, values in filters.items():
        if facet not in FILTERABLE:
            raise ValueError(f"unknown facet {facet!r} (one of {', '.join(FACETS)})")
        for v in values:
            clauses.append(f"{column} IN (SELECT n FROM facets WHERE facet = ? AND value = ?)")
            args += [facet, v]
    return (" AND " + " AND ".join(clauses)) if clauses else "", args


def _matched(db: sqlite3.Connection, parsed: Parsed, filters: dict[str, list[str]]) -> None:
    """The temporary table ``m(n, score, exact)`` of every match."""
    db.execute("DROP TABLE IF EXISTS temp.m")
    fq = parsed.fts(folded=True)
    if fq is None:  # filters alone: every document they keep, newest first
        where, args = _filters(filters, "n")
        db.execute(
            "CREATE TEMP TABLE m AS SELECT n, -COALESCE(year, 0) AS score, 0 AS exact FROM docs "
            f"WHERE 1 {where}",
            args,
        )
        return
    # Tiers above BM25: the words as typed with their marks (2), the words side by side (1).
    # Every side is materialized: the planner must not run a MATCH once per row.
    folded = f"SELECT rowid AS n, bm25(folded, {WEIGHTS}) AS score FROM folded WHERE folded MATCH ?"
    where, args = _filters(filters, "f.n")
    tiers, targs = ["0"], []
    ctes = [f"f AS MATERIALIZED ({folded})"]
    if parsed.marked:
        ctes.append("e AS MATERIALIZED (SELECT rowid AS n FROM exact WHERE exact MATCH ?)")
        tiers.append("2 * (f.n IN (SELECT n FROM e))")
        targs.append(parsed.fts(folded=False) or "")
    phrase = parsed.phrase()
    if phrase:
        ctes.append("p AS MATERIALIZED (SELECT rowid AS n FROM folded WHERE folded MATCH ?)")
        tiers.append("(f.n IN (SELECT n FROM p))")
        targs.append(phrase)
    db.execute(
        f"CREATE TEMP TABLE m AS WITH {', '.join(ctes)} "
        f"SELECT f.n AS n, f.score AS score, {' + '.join(tiers)} AS exact FROM f WHERE 1 {where}",
        [fq, *targs, *args],
    )


def search(
    db: sqlite3.Connection,
    query: str,
    filters: dict[str, list[str]] | None = None,
    *,
    limit: int = 10,
    offset: int = 0,
    facets: bool = True,
) -> Results:
    parsed = parse(query)
    res = Results(query=query, notes=list(parsed.notes))
    if not parsed.terms and not filters:
        res.notes.append("câu tìm kiếm trống")
        return res
    try:
        _matched(db, parsed, filters or {})
    except sqlite3.OperationalError as e:  # nothing the user types should reach here; said, not raised
        res.notes.append(f"không tìm được: {e}")
        return res
    res.total = db.execute("SELECT COUNT(*) FROM temp.m").fetchone()[0]
    rows = db.execute(
        "SELECT m.n, m.score, m.exact, d.id, d.path, d.number_symbol, d.type, d.date, d.issuer, d.province, "
        "d.title, d.record FROM temp.m m JOIN docs d ON d.n = m.n ORDER BY m.exact DESC, m.score, m.n "
        "LIMIT ? OFFSET ?",
        (limit, offset),
    ).fetchall()
    words = set(parsed.words())
    pattern = words_pattern(words)
    for n, score, exact, *fields, record in rows:
        text = json.loads(record).get("text") or ""
        snip = snippet(text, words, pattern=pattern)
        res.hits.append(Hit(n, *fields, score=-float(score), exact=int(exact), snippet=snip))
    if facets:
        res.facets = facet_counts(db)
    return res


def facet_counts(db: sqlite3.Connection) -> dict[str, list[tuple[str, int]]]:
    out: dict[str, list[tuple[str, int]]] = {f: [] for f in FACETS}
    rows = db.execute(
        "SELECT f.facet, f.value, COUNT(*) AS c FROM temp.m m JOIN facets f ON f.n = m.n "
        "GROUP BY f.facet, f.value ORDER BY f.facet, c DESC, f.value"
    )
    for facet, value, count in rows:
        if len(out[facet]) < FACET_VALUES:
            out[facet].append((value, count))
    return out


SPACES = regex.compile(r"\s+")


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

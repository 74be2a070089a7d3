"""The embedded search index: no server — a SQLite file for the records and a tantivy index
(a folder beside it, ``archive.db.tantivy/``) for the words.

* SQLite ``docs``: a row per record's path — its id, hash, the fields shown in a hit, and
  the record's JSON line, which the document page and snippets read;
* tantivy: per document, the title, the text and the numbers (the document's own and those it
  cites) twice — folded (:func:`.fold.fold`: no marks, ``đ`` as ``d``) and as written — and
  the facets (year, type, province, issuer, award form and level, flag rule, cited number) as
  exact terms with columnar values for counting.

Why tantivy and not SQLite FTS5 (measured by scripts/bench_search.py on 100,000 records and
200 queries): FTS5 ranks and counts facets by visiting every match, 732 ms at the 95th
percentile; tantivy, 17 ms. See the README.

Indexing is incremental: a path whose hash is unchanged is skipped (told from the JSON line
without parsing it), a changed one replaced; ``prune`` removes the paths not seen this run.
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tantivy

from ..record import own_number_symbol
from .fold import fold, number_key

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    path TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    number_symbol TEXT,
    type TEXT,
    year INTEGER,
    date TEXT,
    province TEXT,
    issuer TEXT,
    title TEXT,
    status TEXT,
    record BLOB NOT NULL          -- the record's JSON line
);
CREATE INDEX IF NOT EXISTS docs_id ON docs(id);
CREATE INDEX IF NOT EXISTS docs_number ON docs(number_symbol);
"""
INDEX_VERSION = "2"
# A record's source path and hash in its JSON line (the first "path" and "sha256" keys are the
# source's: schema_version, id, status and pipeline_version come before it).
SOURCE_PATH = re.compile(rb'"path":\s*("(?:[^"\\]|\\.)*")')
SOURCE_SHA = re.compile(rb'"sha256":\s*"([0-9a-f]{64})"')
FACETS = ("year", "type", "province", "issuer", "award", "level", "flag", "cites")
FOLDED = ("title", "body", "numbers")  # folded by .fold.fold before tantivy lower-cases them
EXACT = ("etitle", "ebody")  # as written (tantivy's default tokenizer lower-cases, keeps marks)
COMMIT_EVERY = 2000  # SQLite rows a transaction
WRITER_HEAP = 256 * 2**20  # tantivy's indexing memory, split among its threads
WRITER_THREADS = 2


def own_number(rec: dict[str, Any]) -> str | None:
    """The document's own number and symbol, from a record read as JSON."""
    d = rec["document"]
    span = (d.get("spans") or {}).get("number_symbol") or {}
    return own_number_symbol(d.get("number"), d.get("symbol"), span.get("text"))


def columns(rec: dict[str, Any]) -> tuple[str, str, str]:
    """(title, text, numbers) of a record as the exact index holds them."""
    numbers = [own_number(rec) or ""] + [r["number_symbol"] for r in rec.get("references", [])]
    return (
        rec["document"].get("title") or "",
        rec.get("text") or "",
        " ; ".join(number_key(n) for n in numbers if n),
    )


def facet_rows(rec: dict[str, Any]) -> set[tuple[str, str]]:
    d = rec["document"]
    rows = {
        ("year", (d.get("date") or "")[:4]),
        ("type", d.get("type") or ""),
        ("province", d.get("province") or ""),
        ("issuer", d.get("issuer") or ""),
    }
    for a in rec.get("awards", []):
        rows.add(("award", a.get("form") or ""))
        rows.add(("level", a.get("level") or ""))
    rows |= {("flag", f["rule"]) for f in rec.get("flags", [])}
    rows |= {("cites", r["number_symbol"]) for r in rec.get("references", [])}
    return {(k, v) for k, v in rows if v}


class SearchIndexError(RuntimeError):
    """The index file cannot be opened or is not a Vanban index (the message says why)."""


@dataclass
class IndexStats:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    pruned: int = 0
    seen: set[str] = field(default_factory=set)


def words_path(path: str | Path) -> Path:
    """The tantivy index's folder beside the SQLite file: ``archive.db.tantivy/``."""
    p = Path(path)
    return p.with_name(p.name + ".tantivy")


def schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_unsigned_field("n", stored=True, indexed=True, fast=True)
    sb.add_text_field("key", stored=False, tokenizer_name="raw")  # str(n): what a deletion names
    for f in (*FOLDED, *EXACT):
        sb.add_text_field(f, stored=False, tokenizer_name="default", index_option="position")
    for f in FACETS:
        sb.add_text_field(f, stored=False, tokenizer_name="raw", fast=True)
    return sb.build()


def connect(path: str | Path, *, write: bool = False) -> sqlite3.Connection:
    p = Path(path)
    if not write and not p.exists():
        raise SearchIndexError(f"{p} does not exist (vanban index … -o {p} builds it)")
    try:
        db = sqlite3.connect(p, check_same_thread=False)
        if write:
            # The index can always be built again from the records: its journal is kept in memory
            # (a third faster than WAL on a build), and a crash mid-build means building again.
            db.execute("PRAGMA journal_mode=MEMORY")
            db.executescript(SCHEMA)
            db.execute("INSERT OR IGNORE INTO meta VALUES ('version', ?)", (INDEX_VERSION,))
            db.commit()
        version = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    except sqlite3.DatabaseError as e:
        raise SearchIndexError(f"{p} is not a Vanban index: {e}") from None
    if version is None or version[0] != INDEX_VERSION:
        raise SearchIndexError(f"{p} is an index of another version; build it again with vanban index")
    return db


def open_words(path: str | Path) -> tantivy.Index:
    """The tantivy index of the SQLite file ``path`` (created with it)."""
    folder = words_path(path)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        return tantivy.Index(schema(), path=str(folder))
    except ValueError as e:
        raise SearchIndexError(f"{folder}: {e}; build the index again with vanban index") from None


class Indexer:
    """Records in: a row in SQLite and a document in tantivy each; ``close`` commits both."""

    def __init__(self, path: str | Path) -> None:
        self.db = connect(path, write=True)
        self.db.execute("PRAGMA synchronous=OFF")
        self.words = open_words(path)
        self.writer = self.words.writer(heap_size=WRITER_HEAP, num_threads=WRITER_THREADS)
        self.stats = IndexStats()
        self._pending = 0
        self.db.execute("BEGIN")

    def unchanged(self, raw: bytes) -> bool:
        """A records-file line whose path is indexed with the same hash, told without parsing
        the record (its first ``"path"`` and ``"sha256"`` are its source's): re-indexing an
        archive costs a look-up per unchanged record."""
        p, h = SOURCE_PATH.search(raw), SOURCE_SHA.search(raw)
        if p is None or h is None:
            return False
        try:
            path = json.loads(p.group(1))
        except ValueError:
            return False
        if self._known.get(path) != h.group(1).decode("ascii"):
            return False
        self.stats.seen.add(path)
        self.stats.unchanged += 1
        return True

    @functools.cached_property
    def _known(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT path, sha256 FROM docs").fetchall())

    def add(self, rec: dict[str, Any], raw: bytes | None = None) -> None:
        path, sha = rec["source"]["path"], rec["source"]["sha256"]
        self.stats.seen.add(path)
        old = self.db.execute("SELECT n, sha256 FROM docs WHERE path = ?", (path,)).fetchone()
        if old is not None:
            if old[1] == sha:
                self.stats.unchanged += 1
                return
            self._delete(old[0])
            self.stats.updated += 1
        else:
            self.stats.added += 1
        d = rec["document"]
        blob = raw if raw is not None else json.dumps(rec, ensure_ascii=False).encode()
        cur = self.db.execute(
            "INSERT INTO docs (id, path, sha256, number_symbol, type, year, date, province, issuer, title, "
            "status, record) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                rec["id"],
                path,
                sha,
                own_number(rec),
                d.get("type"),
                int(d["date"][:4]) if d.get("date") else None,
                d.get("date"),
                d.get("province"),
                d.get("issuer"),
                d.get("title"),
                rec.get("status"),
                blob,
            ),
        )
        n = cur.lastrowid
        assert n is not None
        title, body, numbers = columns(rec)
        doc = tantivy.Document()
        doc.add_unsigned("n", n)
        doc.add_text("key", str(n))
        for field_name, value in zip(FOLDED, (fold(title), fold(body), numbers), strict=True):
            doc.add_text(field_name, value)
        for field_name, value in zip(EXACT, (title, body), strict=True):
            doc.add_text(field_name, value)
        for facet, value in facet_rows(rec):
            doc.add_text(facet, value)
        self.writer.add_document(doc)
        self._pending += 1
        if self._pending >= COMMIT_EVERY:
            self.db.commit()
            self.db.execute("BEGIN")
            self._pending = 0

    def _delete(self, n: int) -> None:
        self.writer.delete_documents_by_term("key", str(n))
        self.db.execute("DELETE FROM docs WHERE n = ?", (n,))

    def prune(self) -> int:
        """Remove every document whose path was not seen in this run."""
        rows = self.db.execute("SELECT n, path FROM docs").fetchall()
        gone = [n for n, p in rows if p not in self.stats.seen]
        for n in gone:
            self._delete(n)
        self.stats.pruned = len(gone)
        return len(gone)

    def close(self) -> None:
        """SQLite first, then tantivy: a document is searchable only once its row is there."""
        self.db.commit()
        self.writer.commit()
        self.writer.wait_merging_threads()
        self.db.close()


def index_lines(
    path: str | Path,
    lines: Iterable[bytes],
    *,
    prune: bool = False,
    on_bad: Callable[[int, str], None] | None = None,
) -> IndexStats:
    """Index the lines of records files; ``on_bad(line number, why)`` for a line that is not a
    record (a torn last line)."""
    ix = Indexer(path)
    try:
        for k, raw in enumerate(lines, 1):
            if not raw.strip() or ix.unchanged(raw):
                continue
            try:
                rec = json.loads(raw)
                rec["source"]["path"], rec["document"]
            except (ValueError, KeyError, TypeError) as e:
                if on_bad is not None:
                    on_bad(k, f"not a record ({type(e).__name__})")
                continue
            ix.add(rec, raw)
        if prune:
            ix.prune()
    finally:
        ix.close()
    return ix.stats

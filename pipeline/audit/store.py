"""The archive's digest: what the checks across documents need of each record — its
number, issuer, date and period, and every citation it makes — kept in SQLite on disk, so
an archive of any size is checked without holding its records in memory.

Citations are matched to documents by number and symbol within a *scope*: a symbol with a
year or a central agency's code (``98/2023/NĐ-CP``, ``09-NQ/TW``) names one document in
the whole country; a province's own (``31-CT/TU``, ``45/KH-UBND``) only within that
province, which the citing document's province stands for.
"""

from __future__ import annotations

import difflib
import functools
import json
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import regex

from ..extract.dates import PartialDate
from ..extract.text import bare
from ..flags.base import misread_year
from ..record import Record, Span, own_number_symbol
from ..rules import Rules, fold
from .model import Finding

SCHEMA = """
CREATE TABLE documents (
    n INTEGER PRIMARY KEY,
    id TEXT UNIQUE NOT NULL,
    path TEXT NOT NULL,
    type TEXT,
    number_symbol TEXT,
    scope TEXT,
    issuer TEXT,
    issuer_key TEXT,
    province TEXT,
    date TEXT,
    year INTEGER,
    title_key TEXT,
    period_start TEXT,
    period_end TEXT,
    spans TEXT NOT NULL,          -- JSON: the spans of the number, date and period lines
    title TEXT,
    status TEXT NOT NULL
);
CREATE TABLE citations (
    doc INTEGER NOT NULL REFERENCES documents(n),
    number_symbol TEXT NOT NULL,
    scope TEXT NOT NULL,
    cited_as TEXT,
    issuer TEXT,
    date TEXT,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE TABLE campaigns (
    doc INTEGER NOT NULL REFERENCES documents(n),
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    key TEXT NOT NULL,            -- the name folded, letters and digits only
    launched INTEGER NOT NULL,
    start INTEGER NOT NULL,       -- its first mention
    end INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX campaigns_doc ON campaigns(doc);
CREATE TABLE findings (
    n INTEGER PRIMARY KEY,
    rule TEXT NOT NULL,
    severity TEXT NOT NULL,
    scope TEXT NOT NULL,
    json TEXT NOT NULL            -- the whole finding
);
CREATE TABLE finding_documents (finding INTEGER NOT NULL REFERENCES findings(n), id TEXT NOT NULL);
CREATE INDEX citations_key ON citations(number_symbol, scope);
CREATE INDEX citations_doc ON citations(doc);
CREATE INDEX finding_documents_id ON finding_documents(id);
CREATE INDEX documents_key ON documents(number_symbol, scope);
"""
# The year of a legal normative document's symbol: "98/2023/NĐ-CP".
SYMBOL_YEAR = regex.compile(r"/(?:19|20)\d{2}/")
SYMBOL_CODES = regex.compile(r"[-/]")
COMMIT_EVERY = 500  # records per transaction
# Two files' titles are one document's when they differ in at most this many letters (or this
# share of the longer): an OCR'd copy misreads a letter or two, another plan's title differs
# in words.
SAME_TITLE_CHARS = 4
SAME_TITLE_SHARE = 0.03


def scope_of(number_symbol: str, province: str | None, rules: Rules) -> str:
    """``""`` for a symbol that names one document nationwide, else the province's key."""
    if SYMBOL_YEAR.search(number_symbol):
        return ""
    for code in SYMBOL_CODES.split(number_symbol)[1:]:
        a = rules.agency(code)
        if a is not None and (a.scope == "central" or code == "TW"):
            return ""
    return fold(province) if province else "?"


@dataclass(frozen=True)
class Doc:
    n: int
    id: str
    path: str
    type: str | None
    number_symbol: str | None
    issuer: str | None
    province: str | None
    date: str | None
    period_start: str | None
    period_end: str | None
    spans: dict[str, Span]
    title: str | None = None
    status: str = "SUCCESS"


@dataclass(frozen=True)
class CampaignRow:
    kind: str
    name: str
    key: str  # folded, letters and digits only
    launched: bool
    span: Span  # its first mention


@dataclass(frozen=True)
class Citation:
    doc: int
    number_symbol: str
    cited_as: str | None
    issuer: str | None
    date: str | None
    span: Span


class ArchiveStore:
    """Records added one at a time; queried by the checks of :mod:`.cross`."""

    def __init__(self, rules: Rules, path: Path | None = None) -> None:
        self.rules = rules
        self._tmp = None if path else tempfile.TemporaryDirectory(prefix="vanban-audit-")
        db = path or Path(self._tmp.name) / "archive.db"  # type: ignore[union-attr]
        self.db = sqlite3.connect(db)
        self.db.executescript(SCHEMA)
        self._pending = 0
        # Read after the digest is complete, asked for again and again (a document by every
        # check that involves it, a finding across many documents by each of their pages):
        # kept per store.
        self.doc = functools.lru_cache(maxsize=4096)(self._doc)
        self.finding = functools.lru_cache(maxsize=256)(self._finding)

    def close(self) -> None:
        self.db.close()
        if self._tmp is not None:
            self._tmp.cleanup()

    def __enter__(self) -> ArchiveStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(self, r: Record) -> None:
        """The record's digest; a second record with the same id (one file under two paths)
        adds nothing."""
        d = r.document
        spans = {k: v.model_dump() for k, v in d.spans.items() if k in ("number_symbol", "date", "issuer")}
        if r.period and r.period.evidence:
            spans["period"] = r.period.evidence.model_dump()
        own_ns = _own_number_symbol(r)
        cur = self.db.execute(
            "INSERT OR IGNORE INTO documents (id, path, type, number_symbol, scope, issuer, issuer_key, "
            "province, date, year, title_key, period_start, period_end, spans, title, status) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                r.id,
                r.source.path,
                d.type,
                own_ns,
                scope_of(own_ns, d.province, self.rules) if own_ns else None,
                d.issuer,
                fold(f"{d.issuer or ''} {d.province or ''}"),
                d.province,
                d.date,
                int(d.date[:4]) if d.date else None,
                title_key(d.title),
                r.period.start if r.period else None,
                r.period.end if r.period else None,
                json.dumps(spans, ensure_ascii=False),
                d.title,
                r.status.value,
            ),
        )
        if cur.rowcount == 0:
            return
        n = cur.lastrowid
        rows = []
        for ref in r.references:
            if not ref.symbol:
                continue  # "Tờ trình số 2566": a number alone names nothing across documents
            scope = scope_of(ref.number_symbol, d.province, self.rules)
            for m in ref.mentions:
                cited_as, issuer = m.cited_as or ref.cited_as, m.issuer or ref.issuer
                date = None if m.date and _misread(r, m.date) else m.date
                rows.append((n, ref.number_symbol, scope, cited_as, issuer, date, m.start, m.end, m.text))
        self.db.executemany("INSERT INTO citations VALUES (?,?,?,?,?,?,?,?,?)", rows)
        self.db.executemany(
            "INSERT INTO campaigns VALUES (?,?,?,?,?,?,?,?)",
            [
                (n, c.kind, c.name, title_key(c.name), c.role == "launched", m.start, m.end, m.text)
                for c in r.campaigns
                for m in c.mentions[:1]
            ],
        )
        self._pending += 1
        if self._pending >= COMMIT_EVERY:
            self.db.commit()
            self._pending = 0

    def finish(self) -> None:
        self.db.commit()

    # --- queries ------------------------------------------------------------------------

    def _doc(self, n: int) -> Doc:
        row = self.db.execute(
            "SELECT n, id, path, type, number_symbol, issuer, province, date, period_start, period_end, "
            "spans, title, status FROM documents WHERE n = ?",
            (n,),
        ).fetchone()
        spans = {k: Span(**v) for k, v in json.loads(row[10]).items()}
        return Doc(*row[:10], spans=spans, title=row[11], status=row[12])

    def citation_groups(self) -> Iterator[list[Citation]]:
        """The dated citations of each cited document that more than one document cites with
        more than one date."""
        keys = self.db.execute(
            "SELECT number_symbol, scope FROM citations WHERE date IS NOT NULL GROUP BY number_symbol, scope "
            "HAVING COUNT(DISTINCT date) > 1 AND COUNT(DISTINCT doc) > 1 ORDER BY number_symbol"
        ).fetchall()
        for ns, scope in keys:
            yield self._citations("number_symbol = ? AND scope = ? AND date IS NOT NULL", (ns, scope))

    def cited_in_archive(self) -> Iterator[tuple[Citation, int]]:
        """Each citation of a document the archive holds, with that document's row."""
        q = (
            "SELECT c.doc, c.number_symbol, c.cited_as, c.issuer, c.date, c.start, c.end, c.text, d.n "
            "FROM citations c JOIN documents d ON d.number_symbol = c.number_symbol AND d.scope = c.scope "
            "WHERE d.n != c.doc ORDER BY c.doc, d.n, c.start"
        )
        for row in self.db.execute(q):
            yield _citation(row[:8]), row[8]

    def number_groups(self) -> Iterator[list[list[int]]]:
        """Documents of one issuer sharing a number and symbol in one year, in groups of the
        files of one document (:func:`same_document`); only where there are two groups."""
        keys = self.db.execute(
            "SELECT number_symbol, issuer_key, year FROM documents WHERE number_symbol IS NOT NULL "
            "AND issuer IS NOT NULL AND year IS NOT NULL GROUP BY 1, 2, 3 "
            "HAVING COUNT(DISTINCT title_key || '|' || date) > 1 ORDER BY 1"
        ).fetchall()
        for ns, key, year in keys:
            rows = self.db.execute(
                "SELECT n, title_key, date FROM documents "
                "WHERE number_symbol = ? AND issuer_key = ? AND year = ? ORDER BY n",
                (ns, key, year),
            ).fetchall()
            groups: list[list[tuple[int, str, str]]] = []
            for row in rows:
                home = next((g for g in groups if same_document(g[0], row)), None)
                (home.append(row) if home is not None else groups.append([row]))
            if len(groups) > 1:
                yield [[n for n, _, _ in g] for g in groups]

    # --- findings kept (for a report, which reads the records twice) -----------------------

    def keep(self, finding: Finding) -> None:
        cur = self.db.execute(
            "INSERT INTO findings (rule, severity, scope, json) VALUES (?,?,?,?)",
            (finding.rule, finding.severity, finding.scope, finding.model_dump_json()),
        )
        ids = {d.id for d in finding.documents}
        self.db.executemany("INSERT INTO finding_documents VALUES (?,?)", [(cur.lastrowid, i) for i in ids])

    def findings(self, doc_id: str | None = None) -> Iterator[tuple[int, Finding]]:
        """Every finding kept (with its number), or those that involve one document."""
        if doc_id is None:
            for n, raw in self.db.execute("SELECT n, json FROM findings ORDER BY n"):
                yield n, Finding.model_validate_json(raw)
            return
        rows = self.db.execute(
            "SELECT finding FROM finding_documents WHERE id = ? ORDER BY finding", (doc_id,)
        ).fetchall()
        for (n,) in rows:
            yield n, self.finding(n)

    def _finding(self, n: int) -> Finding:
        (raw,) = self.db.execute("SELECT json FROM findings WHERE n = ?", (n,)).fetchone()
        return Finding.model_validate_json(raw)

    def finding_counts(self) -> list[tuple[str, str, str, int]]:
        """(rule, severity, scope, findings) for every rule that fired."""
        return self.db.execute(
            "SELECT rule, severity, scope, COUNT(*) FROM findings GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1"
        ).fetchall()

    def counts_by(self, column: str) -> list[tuple[str, int]]:
        """Findings per value of a document column (issuer, year, type), most first; a finding
        across documents counts once for each value among its documents."""
        if column not in ("issuer", "year", "type", "province"):
            raise ValueError(column)
        return self.db.execute(
            f"SELECT COALESCE(d.{column}, '—'), COUNT(DISTINCT f.finding) FROM finding_documents f "
            f"JOIN documents d ON d.id = f.id GROUP BY 1 ORDER BY 2 DESC, 1"
        ).fetchall()

    def doc_counts(self) -> dict[str, dict[str, int]]:
        """Findings per document and severity."""
        out: dict[str, dict[str, int]] = {}
        q = (
            "SELECT d.id, f.severity, COUNT(*) FROM finding_documents d JOIN findings f ON f.n = d.finding "
            "GROUP BY 1, 2"
        )
        for i, sev, n in self.db.execute(q):
            out.setdefault(i, {})[sev] = n
        return out

    def doc_by_id(self, doc_id: str) -> Doc | None:
        row = self.db.execute("SELECT n FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return self.doc(row[0]) if row else None

    def documents(self) -> Iterator[Doc]:
        for (n,) in self.db.execute("SELECT n FROM documents ORDER BY n").fetchall():
            yield self.doc(n)

    def links(self, doc_id: str) -> dict[str, str]:
        """number_symbol → id of the archive's document, for each document ``doc_id`` cites
        that the archive holds."""
        rows = self.db.execute(
            "SELECT DISTINCT c.number_symbol, d.id FROM citations c JOIN documents s ON s.n = c.doc "
            "JOIN documents d ON d.number_symbol = c.number_symbol AND d.scope = c.scope "
            "WHERE s.id = ? AND d.n != c.doc",
            (doc_id,),
        ).fetchall()
        return dict(rows)

    def campaigns(self, n: int) -> list[CampaignRow]:
        rows = self.db.execute(
            "SELECT kind, name, key, launched, start, end, text FROM campaigns WHERE doc = ? ORDER BY start",
            (n,),
        ).fetchall()
        return [
            CampaignRow(k, nm, key, bool(la), Span(start=s, end=e, text=t))
            for k, nm, key, la, s, e, t in rows
        ]

    def cited_by(self, doc_id: str) -> list[tuple[str, str, str]]:
        """(id, path, the citation's words) of each document of the archive citing ``doc_id``."""
        return self.db.execute(
            "SELECT DISTINCT s.id, s.path, c.text FROM documents d JOIN citations c "
            "ON c.number_symbol = d.number_symbol AND c.scope = d.scope JOIN documents s ON s.n = c.doc "
            "WHERE d.id = ? AND s.n != d.n GROUP BY s.id ORDER BY s.path",
            (doc_id,),
        ).fetchall()

    def citation_edges(self) -> Iterator[tuple[str, str, str]]:
        """The archive's citation graph: (citing id, cited id, number and symbol) for each
        citation of a document the archive holds."""
        yield from self.db.execute(
            "SELECT DISTINCT s.id, d.id, c.number_symbol FROM citations c JOIN documents s ON s.n = c.doc "
            "JOIN documents d ON d.number_symbol = c.number_symbol AND d.scope = c.scope WHERE d.n != s.n "
            "ORDER BY s.n, d.n"
        )

    def _citations(self, where: str, args: tuple[object, ...]) -> list[Citation]:
        rows = self.db.execute(
            "SELECT doc, number_symbol, cited_as, issuer, date, start, end, text FROM citations "
            f"WHERE {where} ORDER BY doc, start",
            args,
        ).fetchall()
        return [_citation(r) for r in rows]


def _citation(row: tuple) -> Citation:  # type: ignore[type-arg]
    doc, ns, cited_as, issuer, date, start, end, text = row
    return Citation(doc, ns, cited_as, issuer, date, Span(start=start, end=end, text=text))


def same_document(a: tuple[int, str, str], b: tuple[int, str, str]) -> bool:
    """Two files of one document: dates that agree and titles alike but for a few letters
    (an OCR'd copy's "công ghiệp" for "công nghiệp"; marks do not count)."""
    _, ta, da = a
    _, tb, db = b
    x, y = PartialDate.from_iso(da), PartialDate.from_iso(db)
    if x.last_day() < y.first_day() or y.last_day() < x.first_day():
        return False
    x_, y_ = bare(ta), bare(tb)
    matched = sum(b.size for b in difflib.SequenceMatcher(None, x_, y_, autojunk=False).get_matching_blocks())
    differing = len(x_) + len(y_) - 2 * matched
    return differing <= max(SAME_TITLE_CHARS, SAME_TITLE_SHARE * max(len(x_), len(y_)))


def _misread(r: Record, cited: str) -> bool:
    """On an OCR'd page, a cited date over a year after the document's own is a misread
    digit (2026 read as 2096), not a citation: left out of the comparisons."""
    own = r.document.date
    return bool(r.source.ocr and own and misread_year(cited, int(own[:4])))


def title_key(title: str | None) -> str:
    """A title as one document's files share it: folded, letters and digits only (the TCVN3
    copy's straight quotes are the Unicode copy's curly ones)."""
    return "".join(ch for ch in fold(title or "") if ch.isalnum())[:200]


def _own_number_symbol(r: Record) -> str | None:
    d = r.document
    span = d.spans.get("number_symbol")
    return own_number_symbol(d.number, d.symbol, span.text if span else None)

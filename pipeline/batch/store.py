"""The records file of a run: streamed line by line, resumable, whole at the end.

While a run goes, records are appended to ``OUT.part`` (next to ``OUT``), one
whole line each, written by one system call and flushed: a run killed at any
point leaves whole lines, and at most a torn last one, which the next
``--resume`` cuts off (its document is redone). A run that finishes writes
``OUT`` afresh from the partial file: one line per input (the last one written
for a path wins: a file that changed was redone), in the order of the run's walk,
then renamed into place, so a reader never sees half a file and the same inputs
give the same file however the run was cut, resumed or spread over workers.

What the run must look up per input — is this path recorded already, with which
hash; is there a record of these same bytes under another name — is kept in a
SQLite ledger in the run's temporary folder, rebuilt from the partial file when
a run resumes: the parent's memory stays flat however many documents there are.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..inputs import Input
from .worker import Facts

SCHEMA = """
CREATE TABLE line (
    offset INTEGER PRIMARY KEY,  -- where the line starts in the partial file
    length INTEGER NOT NULL,     -- its bytes, newline included
    path   BLOB NOT NULL,        -- the input's path, its exact bytes
    sha    TEXT,
    status TEXT NOT NULL,
    format TEXT,
    kinds  TEXT NOT NULL,        -- error kinds, space-separated
    pages  INTEGER
);
CREATE INDEX line_path ON line(path);
CREATE INDEX line_sha ON line(sha);
CREATE TABLE walk (               -- this run's inputs, in the order of its walk
    ord     INTEGER PRIMARY KEY,
    path    BLOB NOT NULL UNIQUE,    -- a path given twice is one input
    skipped TEXT,                    -- why the walk does not read it (a link out…)
    kind    TEXT
);
"""
COMMIT_EVERY = 500  # ledger rows between commits (the ledger is rebuilt on resume anyway)
# Lines are written in small batches, each by one system call: at most this many lines,
# bytes or seconds wait in memory (a run killed loses them whole, and redoes their
# documents; a line is never written in part).
FLUSH_LINES = 64
FLUSH_BYTES = 1 << 20
FLUSH_SECONDS = 1.0


def _row(offset: int, length: int, key: bytes, facts: Facts) -> tuple[object, ...]:
    kinds = " ".join(facts.kinds)
    return (offset, length, key, facts.sha256, facts.status, facts.format, kinds, facts.pages)


class StoreError(RuntimeError):
    """The records file cannot be written or resumed (the message says what to do)."""


@dataclass(frozen=True)
class Recorded:
    """What the ledger knows of a path's last record."""

    sha256: str | None
    facts: Facts


@dataclass
class Opened:
    """What opening found: lines kept from an earlier run, and what was cut."""

    kept: int = 0
    torn: int = 0  # a last line cut off
    bad: int = 0  # whole lines that are not records (left out of the final file)


class Store:
    def __init__(self, output: Path, work: Path) -> None:
        self.output = output
        self.part = output.with_name(output.name + ".part")
        self.final = output.with_name(output.name + ".final")
        self.work = work
        self._db: sqlite3.Connection | None = None
        self._fd: int | None = None
        self._size = 0  # bytes of the partial file, the waiting lines included
        self._pending = 0
        self._waiting: list[bytes] = []  # whole lines not written yet
        self._rows: list[tuple[object, ...]] = []  # their ledger rows
        self._since = 0.0  # when the oldest of them came
        self._by_sha: dict[str, tuple[str, bytes]] = {}  # sha → (status, line) of the waiting lines

    @property
    def own_files(self) -> tuple[Path, ...]:
        """Files of this store that must never be read as inputs."""
        return (self.output, self.part, self.final)

    # --- opening ---------------------------------------------------------------------

    def open(self, *, resume: bool) -> Opened:
        self.output.parent.mkdir(parents=True, exist_ok=True)
        if not resume and self.part.exists() and self.part.stat().st_size:
            raise StoreError(
                f"{self.part} holds the records of a run that did not finish: add --resume to go on "
                "with it, or delete it to start over"
            )
        if resume and not self.part.exists() and self.output.exists():
            # go on from the finished run's records; the file itself stays in place (its
            # readers keep it) until the run's end replaces it whole
            shutil.copyfile(self.output, self.part)
        if not resume:
            self.part.write_bytes(b"")
        self.part.touch()
        self._db = self._ledger()
        opened = self._scan()
        self._fd = os.open(self.part, os.O_WRONLY | os.O_APPEND)
        return opened

    def _ledger(self) -> sqlite3.Connection:
        path = self.work / "ledger.sqlite"
        path.unlink(missing_ok=True)
        db = sqlite3.connect(path)
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        return db

    def _scan(self) -> Opened:
        """Index the partial file's lines; cut a torn last line off."""
        opened = Opened()
        offset = 0
        with self.part.open("rb") as fh:
            for raw in fh:
                if not raw.endswith(b"\n"):
                    opened.torn += 1
                    break
                try:
                    key, facts = Facts.of_line(raw)
                except ValueError:
                    opened.bad += 1
                else:
                    self._index(offset, len(raw), key, facts)
                    opened.kept += 1
                offset += len(raw)
        if opened.torn:
            os.truncate(self.part, offset)
        self._size = offset
        self._commit()
        return opened

    # --- during the run ----------------------------------------------------------------

    def note_walk(self, inputs: Iterable[Input]) -> int:
        """Keep the run's inputs in walk order (one walk, nothing in memory); how many."""
        assert self._db is not None
        rows = ((k, i.key, i.skipped, i.kind) for k, i in enumerate(inputs))
        self._db.executemany("INSERT OR IGNORE INTO walk VALUES (?, ?, ?, ?)", rows)
        self._commit()
        return self._db.execute("SELECT COUNT(*) FROM walk").fetchone()[0]  # type: ignore[no-any-return]

    def walked(self) -> Iterator[tuple[int, Input]]:
        """(order, input) of each input noted, in walk order."""
        assert self._db is not None
        cursor = self._db.cursor()  # its own cursor: lines are written while it is read
        for order, key, skipped, kind in cursor.execute(
            "SELECT ord, path, skipped, kind FROM walk ORDER BY ord"
        ):
            yield order, Input(os.fsdecode(key), skipped, kind)

    def recorded(self, key: bytes) -> Recorded | None:
        assert self._db is not None
        row = self._db.execute(
            "SELECT sha, status, format, pages, kinds FROM line WHERE path = ? ORDER BY offset DESC LIMIT 1",
            (key,),
        ).fetchone()
        if row is None:
            return None
        sha, status, fmt, pages, kinds = row
        return Recorded(sha, Facts(status, fmt, pages, tuple(kinds.split()), sha))

    def line_with(self, sha256: str, *, failures: bool = True) -> bytes | None:
        """A record already written of these same bytes (under any name), or None;
        ``failures=False`` passes over FAILURE records (a run that reads them again)."""
        assert self._db is not None
        waiting = self._by_sha.get(sha256)
        if waiting is not None and (failures or waiting[0] != "FAILURE"):
            return waiting[1]
        row = self._db.execute(
            "SELECT offset, length FROM line WHERE sha = ? AND (? OR status != 'FAILURE') "
            "ORDER BY offset LIMIT 1",
            (sha256, failures),
        ).fetchone()
        return self._read(*row).rstrip(b"\n") if row else None

    def append(self, key: bytes, line: bytes, facts: Facts) -> None:
        """Add one record (its JSON in UTF-8) as one whole line; lines are written a small
        batch at a time."""
        data = line + b"\n"
        if not self._waiting:
            self._since = time.monotonic()
        self._waiting.append(data)
        self._rows.append(_row(self._size, len(data), key, facts))
        if facts.sha256 is not None:
            self._by_sha.setdefault(facts.sha256, (facts.status, line))
        self._size += len(data)
        if (
            len(self._waiting) >= FLUSH_LINES
            or self._size - self._rows[0][0] >= FLUSH_BYTES  # type: ignore[operator]
            or time.monotonic() - self._since >= FLUSH_SECONDS
        ):
            self.flush()

    def flush(self) -> None:
        """Write the waiting lines in one system call, then note them in the ledger."""
        if not self._waiting:
            return
        assert self._fd is not None and self._db is not None
        data = b"".join(self._waiting)
        start = self._size - len(data)
        written = 0
        try:
            while written < len(data):
                written += os.write(self._fd, data[written:])
        except OSError as e:
            os.ftruncate(self._fd, start)  # no torn line, even on a full disk
            self._size = start
            self._waiting, self._rows = [], []
            self._by_sha.clear()
            raise StoreError(f"cannot write {self.part}: {e.strerror or e}") from e
        self._db.executemany("INSERT INTO line VALUES (?, ?, ?, ?, ?, ?, ?, ?)", self._rows)
        self._pending += len(self._rows)
        self._waiting, self._rows = [], []
        self._by_sha.clear()
        if self._pending >= COMMIT_EVERY:
            self._commit()

    def _index(self, offset: int, length: int, key: bytes, facts: Facts) -> None:
        assert self._db is not None
        self._db.execute("INSERT INTO line VALUES (?, ?, ?, ?, ?, ?, ?, ?)", _row(offset, length, key, facts))

    def _commit(self) -> None:
        assert self._db is not None
        self._db.commit()
        self._pending = 0

    def _read(self, offset: int, length: int) -> bytes:
        with self.part.open("rb") as fh:
            fh.seek(offset)
            return fh.read(length)

    # --- the end -----------------------------------------------------------------------

    def finish(self) -> int:
        """Write the output: each path's last line, in walk order (paths recorded by an
        earlier run and not walked now follow, in the order they were written); return
        how many lines."""
        assert self._db is not None and self._fd is not None
        self.flush()
        self._commit()
        n = 0
        with self.part.open("rb") as src, self.final.open("wb") as dst:
            for offset, length in self._final_order():
                src.seek(offset)
                dst.write(src.read(length))
                n += 1
            dst.flush()
            os.fsync(dst.fileno())
        os.replace(self.final, self.output)
        self.close()
        self.part.unlink(missing_ok=True)
        return n

    def _final_order(self) -> Iterator[tuple[int, int]]:
        assert self._db is not None
        yield from self._db.execute(
            """
            SELECT l.offset, l.length
            FROM line l
            JOIN (SELECT path, MAX(offset) AS last FROM line GROUP BY path) k ON l.offset = k.last
            LEFT JOIN walk w ON w.path = l.path
            ORDER BY w.ord IS NULL, w.ord, l.offset
            """
        )

    def close(self) -> None:
        """Stop writing (an interrupted run keeps its partial file: whole lines, resumable)."""
        with contextlib.suppress(StoreError):
            self.flush()
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.commit()
                self._db.close()
            self._db = None
        self.final.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            if self.part.stat().st_size == 0:
                self.part.unlink()  # nothing to go on with

"""The worker's side of a batch: one document in, one whole JSONL line out.

Every engine runs :func:`run` (local worker processes, Dask workers): it calls
``extract(path)``, the pure per-document function, and serializes its record in
the worker, so the parent only writes lines. What a worker needs (rule tables,
readers) is built once per process by :func:`init` (the local pool's
initializer) or on first use (:func:`worker_for`, a Dask worker).
"""

from __future__ import annotations

import base64
import contextlib
import functools
import gc
import json
import os
import resource
import signal
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ..api import OUT_OF_MEMORY, extract, failure_record, path_fields
from ..ingest import Reader, ReadOptions
from ..record import Record
from ..rules import Rules, RulesError, default_rules


@dataclass(frozen=True)
class WorkerConfig:
    """What every worker of a run is given (picklable: it crosses to other processes)."""

    read: ReadOptions = field(default_factory=ReadOptions)
    max_memory: int | None = None  # bytes a worker (and each tool it starts) may allocate
    temp_dir: str | None = None  # the run's own temporary folder (removed when it ends)


@dataclass(frozen=True)
class Task:
    order: int  # position in the run's walk: the final file is in this order
    path: str  # as the file system gave it (undecodable bytes as surrogate escapes)
    sha256: str | None = None  # the parent's hash of the file (None: not a regular file)
    size: int | None = None
    light: bool = False  # small and read without an external tool or OCR: may share a submission


@dataclass(frozen=True)
class Facts:
    """What the parent needs to know of a record without parsing it again."""

    status: str
    format: str | None
    pages: int | None
    kinds: tuple[str, ...]  # error kinds, in order
    sha256: str | None

    @classmethod
    def of(cls, record: Record) -> Facts:
        s = record.source
        return cls(record.status.value, s.format, s.pages, tuple(e.kind for e in record.errors), s.sha256)

    @classmethod
    def of_line(cls, line: str | bytes) -> tuple[bytes, Facts]:
        """(path key, facts) of a JSONL line written by a run; ValueError when it is not one."""
        try:
            data = json.loads(line)
            source = data["source"]
            key = _key(source["path"], source.get("path_bytes"))
            facts = cls(
                data["status"],
                source.get("format"),
                source.get("pages"),
                tuple(e["kind"] for e in data.get("errors", [])),
                source.get("sha256"),
            )
        except (KeyError, TypeError, AttributeError) as e:
            raise ValueError(f"not a record: {e}") from e
        return key, facts


def _key(shown: str, exact: str | None) -> bytes:
    """A record's path as the exact bytes of the name (the ledger's key)."""
    return base64.b64decode(exact) if exact else shown.encode("utf-8")


@dataclass(frozen=True)
class Done:
    """A record made: its line (no newline), and what the run counts of it."""

    order: int
    path: str
    line: bytes  # the record's JSON in UTF-8, made in the worker (no newline)
    facts: Facts
    seconds: float = 0.0
    peak_kib: int = 0  # the worker process's peak resident memory so far


@dataclass(frozen=True)
class Failed:
    """A document its worker could not finish: over its time limit, or the worker died."""

    task: Task
    message: str
    kind: str


class Worker:
    """The rules and readers of one worker process, built once."""

    def __init__(self, config: WorkerConfig) -> None:
        self.config = config
        self.rules: Rules | None
        self.rules_error: str | None = None
        try:
            self.rules = default_rules()
        except RulesError as e:
            self.rules, self.rules_error = None, str(e)
        self.reader = Reader(config.read)

    def run(self, task: Task) -> Done:
        started = time.perf_counter()
        if self.rules is None:
            record = failure_record(task.path, self.rules_error or "", "rules_error", stage="rules")
        else:
            try:
                record = extract(task.path, rules=self.rules, reader=self.reader)
            except MemoryError:  # outside the reader's own guard (normalizing, extracting)
                record = failure_record(
                    task.path, OUT_OF_MEMORY, "memory", stage="extract", sha256=task.sha256, size=task.size
                )
        line = record.__pydantic_serializer__.to_json(record)  # UTF-8 bytes, as model_dump_json's
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return Done(task.order, task.path, line, Facts.of(record), time.perf_counter() - started, peak)


_worker: Worker | None = None  # this process's worker, set by init() in a pool's process


def init(config: WorkerConfig) -> None:
    """A local pool's initializer: Ctrl-C is the parent's to handle, memory is capped, the
    run's temporary folder is the process's, and the worker is built."""
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if config.max_memory:
        limit_memory(config.max_memory)
    if config.temp_dir:
        os.environ["TMPDIR"] = config.temp_dir
        tempfile.tempdir = config.temp_dir
    _worker = Worker(config)
    settle_gc()


YOUNG_COLLECTION_EVERY = 20_000  # allocations between two collections of the youngest objects


def settle_gc() -> None:
    """A worker's collector set for extraction (its rules and readers built): what exists
    now is frozen out of every later collection (the compiled rule tables would be walked
    at each full one) and the youngest objects are collected every 20,000 allocations
    instead of 700 — a record allocates tens of thousands of objects and next to no
    cycles. Measured on the 26 text-layer PDFs: 1-4 % of the whole record's time."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_EVERY, middle, old)


def limit_memory(limit: int) -> None:
    """Cap the memory this process (and each tool it starts) may allocate: past it an
    allocation fails (MemoryError) instead of the machine running out. The data limit
    counts what a process writes (heap, anonymous maps), not the libraries it maps."""
    _, hard = resource.getrlimit(resource.RLIMIT_DATA)
    soft = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_DATA, (soft, hard))


def ready() -> None:
    """A task that does nothing: it starts a pool's workers."""


def run(task: Task) -> Done:
    """The task function of a local pool (the worker was built by :func:`init`)."""
    assert _worker is not None, "init() runs first in a pool's worker"
    return _worker.run(task)


def run_chunk(function: Callable[[Task], Done], tasks: list[Task]) -> list[Done]:
    """A local pool's submission: ``function`` (:func:`run`) on each task in turn."""
    return [function(t) for t in tasks]


@functools.cache
def worker_for(config: WorkerConfig) -> Worker:
    """The worker of this process for ``config`` (a Dask worker builds it on first use)."""
    return Worker(config)


def run_many(tasks: list[Task], config: WorkerConfig) -> list[Done]:
    """The task of a Dask engine: a batch of documents, one after another."""
    worker = worker_for(config)
    return [worker.run(t) for t in tasks]


def failed_record(f: Failed, fmt: str | None = None) -> Done:
    """The record of a document its worker could not finish (stage ``batch``)."""
    t = f.task
    record = failure_record(t.path, f.message, f.kind, stage="batch", sha256=t.sha256, size=t.size, fmt=fmt)
    return Done(t.order, t.path, record.model_dump_json().encode("utf-8"), Facts.of(record))


def copy_for(line: bytes, task: Task) -> Done:
    """The record of the same bytes under another name: the line with its path changed."""
    record = Record.model_validate_json(line)
    shown, exact = path_fields(task.path)
    source = record.source.model_copy(update={"path": shown, "path_bytes": exact})
    copy = record.model_copy(update={"source": source})
    return Done(task.order, task.path, copy.model_dump_json().encode("utf-8"), Facts.of(copy))

"""One command for a whole archive: walk, hash, skip what is recorded, hand the rest to
an engine, write every record as it comes, and end with the file whole.

The parent does the bookkeeping and nothing per document stays in its memory:
each input is hashed (SHA-256) as the engine asks for work; an input already
recorded with the same bytes (``--resume``) is skipped; bytes already recorded
under another name are not read again (the record is copied with its own path);
everything else is a task for the engine, whose workers run ``extract(path)``.
Ctrl-C (or SIGTERM) stops taking work, stops the workers, keeps the whole lines
written so far and says how to go on.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol, TextIO

from ..ingest import ReadOptions, detect_format
from ..ingest.children import ToolRegistry
from ..ingest.sniff import PDF_HEADER, PDF_HEADER_WITHIN, SIGNATURES
from ..inputs import Input, Walk
from .local import default_workers
from .progress import Progress
from .store import Opened, Store, StoreError
from .summary import RunSummary, plural
from .worker import Done, Facts, Failed, Task, WorkerConfig, copy_for, failed_record

GIB = 1024**3
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class Engine(Protocol):
    workers: int

    def start(self) -> None: ...

    def run(self, tasks: Iterator[Task], stop: Stop) -> Iterator[Done | Failed]: ...


class Stop:
    """Ctrl-C and SIGTERM ask the run to stop; a second Ctrl-C stops it at once."""

    def __init__(self) -> None:
        self.asked = False

    def __call__(self) -> bool:
        return self.asked

    def handler(self, signum: int, frame: object) -> None:
        if self.asked and signum == signal.SIGINT:
            raise KeyboardInterrupt
        self.asked = True

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        previous = {s: signal.signal(s, self.handler) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for s, h in previous.items():
                signal.signal(s, h)


@dataclass(frozen=True)
class BatchOptions:
    workers: int | None = None  # None: every core
    timeout: float | None = 600.0  # seconds a document may take
    max_memory: int | None = GIB  # bytes a worker may allocate
    read: ReadOptions = field(default_factory=ReadOptions)
    resume: bool = False
    retry_failed: bool = False  # with resume: read again the inputs whose record is a FAILURE
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    engine: str = "local"  # or "dask"
    scheduler: str | None = None  # a Dask scheduler's address; None: a local cluster
    batch_size: int = 200  # documents per Dask task
    progress: bool = True


@dataclass
class BatchResult:
    exit_status: int
    summary: RunSummary
    opened: Opened | None = None
    records: int = 0  # lines in the finished output
    interrupted: bool = False


def work_folder(output: Path) -> Path:
    """The run's own temporary folder, named after its output, so a run that resumes finds
    (and ends) what a killed one left: converters' process groups, temporary files."""
    key = hashlib.sha256(os.fsencode(output.resolve())).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"vanban-run-{key}"


def _clean(work: Path) -> None:
    ToolRegistry(work / "tools").sweep(all_groups=True)
    shutil.rmtree(work, ignore_errors=True)


class Run:
    def __init__(self, paths: Iterable[str | os.PathLike[str]], output: Path, options: BatchOptions) -> None:
        self.output = output
        self.options = options
        self.work = work_folder(output)
        self.store = Store(output, self.work)
        self.walk = Walk(
            paths, include=options.include, exclude=options.exclude, leave_out=self.store.own_files
        )
        self.summary = RunSummary()
        self.inflight: dict[str, list[Task]] = {}  # sha → copies waiting for its record
        self.leaders: dict[int, str] = {}  # order of a task being read → its sha
        self.inputs = 0  # distinct inputs walked (counted when the walk is noted)
        self.stop = Stop()
        self.registry = ToolRegistry(self.work / "tools")

    def config(self, workers: int) -> WorkerConfig:
        read = self.options.read
        # OCR's own parallel pages: the cores the workers leave (none, when every core has one)
        threads = max(1, (os.cpu_count() or 1) // workers)
        ocr = read.ocr if read.ocr.workers else replace(read.ocr, workers=threads)
        return WorkerConfig(
            read=replace(read, ocr=ocr, tool_registry=self.work / "tools"),
            max_memory=self.options.max_memory,
            temp_dir=str(self.work / "tmp"),
        )

    # --- tasks -------------------------------------------------------------------------

    def tasks(self, progress: Progress) -> Iterator[Task]:
        for order, item in self.store.walked():
            key = item.key
            task = self._task(order, item)
            prior = self.store.recorded(key) if self.options.resume else None
            if prior is not None and prior.sha256 == task.sha256 and not self._retry(prior.facts):
                self._count(prior.facts, "already", progress)
                continue
            if item.skipped is not None:
                done = failed_record(Failed(task, item.skipped, item.kind or "skipped"))
                self._write(key, done, "skipped", progress)
                continue
            if task.sha256 is not None:
                line = self.store.line_with(task.sha256, failures=not self.options.retry_failed)
                if line is not None:
                    self._copy(task, line, progress)
                    continue
                if task.sha256 in self.inflight:
                    self.inflight[task.sha256].append(task)
                    continue
                self.inflight[task.sha256] = []
                self.leaders[task.order] = task.sha256
            yield task

    def _retry(self, facts: Facts) -> bool:
        return self.options.retry_failed and facts.status == "FAILURE"

    @staticmethod
    def _task(order: int, item: Input) -> Task:
        if item.skipped is not None:
            return Task(order, item.path)
        try:
            with open(item.path, "rb") as fh:
                size = os.fstat(fh.fileno()).st_size
                head = fh.read(LIGHT_HEAD)
                digest = hashlib.sha256(head)
                if len(head) == LIGHT_HEAD:
                    digest = hashlib.file_digest(fh, lambda: digest)
                light = size <= LIGHT_BYTES and _light(head)
                return Task(order, item.path, digest.hexdigest(), size, light)
        except OSError:
            return Task(order, item.path)  # gone or unreadable: its worker's record says so

    # --- records -----------------------------------------------------------------------

    def _write(self, key: bytes, done: Done, how: str, progress: Progress) -> None:
        self.store.append(key, done.line, done.facts)
        self._count(done.facts, how, progress)

    def _count(self, facts: Facts, how: str, progress: Progress) -> None:
        self.summary.add(facts, how)
        progress.step(pages=facts.pages or 0, failed=facts.status == "FAILURE")

    def _copy(self, task: Task, line: bytes, progress: Progress) -> None:
        self._write(os.fsencode(task.path), copy_for(line, task), "copies", progress)

    def _record(self, outcome: Done | Failed, progress: Progress) -> None:
        if isinstance(outcome, Failed):
            task = outcome.task
            done = failed_record(outcome, _format_of(task.path))
        else:
            task, done = outcome, outcome
            self.summary.peak_worker_kib = max(self.summary.peak_worker_kib, done.peak_kib)
        self._write(os.fsencode(done.path), done, "extracted", progress)
        sha = self.leaders.pop(task.order, None)
        for waiting in self.inflight.pop(sha, []) if sha else []:
            self._copy(waiting, done.line, progress)

    # --- the run -----------------------------------------------------------------------

    def engine(self) -> Engine:
        workers = self.options.workers or default_workers()
        if self.options.engine == "dask":
            from .dask_engine import DaskEngine

            config = self.config(1)
            return DaskEngine(
                config, self.options.scheduler, self.options.batch_size, workers, self.options.max_memory
            )
        from .local import LocalEngine

        engine = LocalEngine(self.config(workers), workers=workers, timeout=self.options.timeout)
        engine.on_failure = self.registry.sweep
        return engine

    def __call__(self, err: TextIO) -> BatchResult:
        started = time.perf_counter()
        _clean(self.work)  # what a killed run left
        (self.work / "tmp").mkdir(parents=True)
        try:
            opened = self.store.open(resume=self.options.resume)
        except (StoreError, OSError) as e:
            print(f"vanban: {e}", file=err)
            _clean(self.work)
            return BatchResult(EXIT_USAGE, self.summary)
        try:
            return self._run(err, opened, started)
        finally:
            self.store.close()
            _clean(self.work)

    def _run(self, err: TextIO, opened: Opened, started: float) -> BatchResult:
        if self.options.progress and (opened.kept or opened.torn or opened.bad):
            cut = "; a torn last line cut off" if opened.torn else ""
            bad = f"; {opened.bad} lines that are not records left out" if opened.bad else ""
            print(
                f"vanban: resuming: {opened.kept:,} records already in {self.store.part}{cut}{bad}", file=err
            )
        engine = self.engine()
        try:
            engine.start()
        except (RuntimeError, ImportError, OSError, TimeoutError) as e:  # no Dask, no scheduler there
            print(f"vanban: the {self.options.engine} engine cannot start: {e}", file=err)
            return BatchResult(EXIT_USAGE, self.summary, opened)
        self.inputs = self.store.note_walk(self.walk)
        progress = Progress(self.inputs, stream=err, enabled=self.options.progress)
        try:
            with self.stop.installed():
                for outcome in engine.run(self.tasks(progress), self.stop):
                    self._record(outcome, progress)
        except KeyboardInterrupt:  # a second Ctrl-C
            self.stop.asked = True
        except StoreError as e:
            progress.close()
            print(f"vanban: {e}; the records written so far are kept: --resume goes on", file=err)
            return BatchResult(EXIT_FAILED, self.summary, opened, interrupted=True)
        finally:
            progress.close()
        seconds = time.perf_counter() - started
        workers = plural(engine.workers, "worker")
        if self.stop():
            self.store.close()
            done = plural(self.summary.inputs, "input")
            print(
                f"vanban: interrupted after {seconds:.1f} s: {done} recorded in {self.store.part}; "
                "run the same command with --resume to go on",
                file=err,
            )
            return BatchResult(EXIT_INTERRUPTED, self.summary, opened, interrupted=True)
        if self.inputs != self.summary.inputs:  # every input has its record, or the run says so
            print(f"vanban: {self.inputs - self.summary.inputs} inputs got no record: a bug", file=err)
            return BatchResult(EXIT_FAILED, self.summary, opened, interrupted=True)
        records = self.store.finish()
        if self.options.progress:
            for line in self.summary.report(str(self.output), seconds, workers, self.walk.report.describe()):
                print(line, file=err)
        status = EXIT_FAILED if self.summary.failed else EXIT_OK
        return BatchResult(status, self.summary, opened, records)


HEAVY_SIGNATURES = tuple(magic for magic, _ in SIGNATURES)  # old Word, RTF, images
LIGHT_BYTES = 256 * 1024  # a document this small, read without a tool, may share a submission
LIGHT_HEAD = 8192


def _light(head: bytes) -> bool:
    """Read without an external tool or OCR, by its first bytes: not a PDF (which may
    need OCR), an image, an old Word or RTF file (LibreOffice); text, HTML and zips
    (Word's) are light."""
    return not (PDF_HEADER.search(head, 0, PDF_HEADER_WITHIN + 8) or head.startswith(HEAVY_SIGNATURES))


def _format_of(path: str) -> str | None:
    """The format of a file its worker could not finish, for the summary by format."""
    with contextlib.suppress(OSError):
        with open(path, "rb") as fh:
            head = fh.read(1 << 20)
        return detect_format(head) if not head.startswith(b"PK") else None
    return None


def run_batch(
    paths: Iterable[str | os.PathLike[str]],
    output: str | os.PathLike[str],
    options: BatchOptions | None = None,
    *,
    err: TextIO | None = None,
) -> BatchResult:
    """Extract every input under ``paths`` into the JSONL file ``output``."""
    return Run(paths, Path(output), options or BatchOptions())(err or sys.stderr)

"""The local engine: a pool of worker processes on this machine (pebble).

pebble gives what a batch over an archive needs and ``concurrent.futures`` does
not: a time limit per task (the worker running it is stopped and replaced) and a
pool that survives a worker's death (its task fails, the others go on). Workers
are forked from a fork server (a clean process started before any thread of the
run), with the package already imported there, so a worker replaced after a
timeout starts in milliseconds.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, CancelledError, Future, wait
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from . import worker
from .worker import Done, Failed, Task, WorkerConfig

POLL = 0.25  # seconds between looks at a stop request while documents are read
SUBMISSIONS_PER_WORKER = 3  # submissions queued per worker: no worker waits for the parent
CHUNK_DOCUMENTS = 16  # small documents sent together: the pool's cost per submission shared
CHUNK_BYTES = 1 << 20


def signal_name(code: int) -> str:
    try:
        return signal.Signals(-code).name
    except ValueError:
        return f"signal {-code}"


class LocalEngine:
    """Small documents that need no external tool (``Task.light``) go to a worker in
    chunks: the pool costs 0.17 ms of the parent's time per submission (measured),
    a third of a small TXT's whole record. A chunk over its time limit, or whose
    worker died, is sent again document by document, so only the guilty document
    fails and the time limit stays one document's."""

    def __init__(
        self,
        config: WorkerConfig,
        *,
        workers: int,
        timeout: float | None,
        function: Callable[[Task], Done] = worker.run,
    ) -> None:
        self.config = config
        self.workers = workers
        self.timeout = timeout
        self.function = function  # what a worker runs on a task (a test may give its own)
        self.on_failure: Callable[[], None] = lambda: None  # after a worker was stopped or died
        self.pool: Any = None

    def start(self) -> None:
        """Start the workers (they load while the parent walks the folders)."""
        from pebble import ProcessPool

        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["pipeline.batch.worker"])
        self.pool = ProcessPool(
            max_workers=self.workers, initializer=worker.init, initargs=(self.config,), context=ctx
        )
        self.pool.schedule(worker.ready)  # the pool starts its workers on its first task

    def run(self, tasks: Iterator[Task], stop: Callable[[], bool]) -> Iterator[Done | Failed]:
        """Each task's record, or why its worker could not finish it, in the order they
        complete. Takes no more tasks once ``stop()`` says so."""
        from pebble.common import ProcessExpired

        if self.pool is None:
            self.start()
        pool = self.pool
        pending: dict[Future[list[Done]], list[Task]] = {}
        feed = _Chunks(tasks)
        try:
            while True:
                while not stop() and len(pending) < self.workers * SUBMISSIONS_PER_WORKER:
                    chunk = feed.next()
                    if not chunk:
                        break
                    future = pool.schedule(
                        worker.run_chunk, args=(self.function, chunk), timeout=self.timeout
                    )
                    pending[future] = chunk
                if not pending or stop():
                    break
                done, _ = wait(pending, timeout=POLL, return_when=FIRST_COMPLETED)
                for future in done:
                    chunk = pending.pop(future)
                    outcome = self._outcome(future, chunk, ProcessExpired)
                    if isinstance(outcome, Failed) and len(chunk) > 1:
                        feed.again(chunk)  # one by one: only the guilty document fails
                    else:
                        yield from [outcome] if isinstance(outcome, Failed) else outcome
        finally:
            if pending or stop():
                pool.stop()
            else:
                pool.close()
            pool.join()

    def _outcome(
        self, future: Future[list[Done]], chunk: list[Task], expired: type[Exception]
    ) -> list[Done] | Failed:
        try:
            return future.result()
        except FutureTimeout:
            self.on_failure()
            why = f"reading took more than {self.timeout:.0f} s (--timeout raises it); its worker was stopped"
            return Failed(chunk[0], why, "timeout")
        except expired as e:
            self.on_failure()
            code = e.exitcode  # type: ignore[attr-defined]
            how = signal_name(code) if code < 0 else f"exit status {code}"
            return Failed(
                chunk[0], f"the worker reading it died ({how}): a reader crashed on this file", "crash"
            )
        except (CancelledError, Exception) as e:  # the task could not be handed over or back
            return Failed(chunk[0], f"{type(e).__name__}: {e}", "exception")


class _Chunks:
    """Submissions from the run's tasks: light ones gathered, the others alone, the
    documents of a failed chunk again one by one before anything new."""

    def __init__(self, tasks: Iterator[Task]) -> None:
        self.tasks = tasks
        self.retry: deque[Task] = deque()
        self.carry: Task | None = None  # a heavy task met while gathering: the next submission

    def again(self, chunk: list[Task]) -> None:
        self.retry.extend(chunk)

    def _pull(self) -> Task | None:
        if self.carry is not None:
            task, self.carry = self.carry, None
            return task
        return next(self.tasks, None)

    def next(self) -> list[Task]:
        if self.retry:
            return [self.retry.popleft()]
        chunk: list[Task] = []
        size = 0
        while len(chunk) < CHUNK_DOCUMENTS and size < CHUNK_BYTES:
            task = self._pull()
            if task is None:
                break
            if not task.light:
                if chunk:
                    self.carry = task
                    break
                return [task]
            chunk.append(task)
            size += task.size or 0
        return chunk


def default_workers() -> int:
    """Every core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1

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
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, CancelledError, Future, wait
from concurrent.futures import TimeoutError as FutureTimeout

from . import worker
from .worker import Done, Failed, Task, WorkerConfig

POLL = 0.25  # seconds between looks at a stop request while documents are read
TASKS_PER_WORKER = 4  # documents queued per worker: no worker waits for the parent


def signal_name(code: int) -> str:
    try:
        return signal.Signals(-code).name
    except ValueError:
        return f"signal {-code}"


class LocalEngine:
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

    def run(self, tasks: Iterator[Task], stop: Callable[[], bool]) -> Iterator[Done | Failed]:
        """Each task's record, or why its worker could not finish it, in the order they
        complete. Takes no more tasks once ``stop()`` says so."""
        from pebble import ProcessPool
        from pebble.common import ProcessExpired

        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["pipeline.batch.worker"])
        pool = ProcessPool(
            max_workers=self.workers, initializer=worker.init, initargs=(self.config,), context=ctx
        )
        pending: dict[Future[Done], Task] = {}
        more = True
        try:
            while True:
                while more and not stop() and len(pending) < self.workers * TASKS_PER_WORKER:
                    task = next(tasks, None)
                    if task is None:
                        more = False
                        break
                    pending[pool.schedule(self.function, args=(task,), timeout=self.timeout)] = task
                if not pending or stop():
                    break
                done, _ = wait(pending, timeout=POLL, return_when=FIRST_COMPLETED)
                for future in done:
                    yield self._outcome(future, pending.pop(future), ProcessExpired)
        finally:
            if pending or stop():
                pool.stop()
            else:
                pool.close()
            pool.join()

    def _outcome(self, future: Future[Done], task: Task, expired: type[Exception]) -> Done | Failed:
        try:
            return future.result()
        except FutureTimeout:
            self.on_failure()
            why = f"reading took more than {self.timeout:.0f} s (--timeout raises it); its worker was stopped"
            return Failed(task, why, "timeout")
        except expired as e:
            self.on_failure()
            code = e.exitcode  # type: ignore[attr-defined]
            how = signal_name(code) if code < 0 else f"exit status {code}"
            return Failed(task, f"the worker reading it died ({how}): a reader crashed on this file", "crash")
        except (CancelledError, Exception) as e:  # the task could not be handed over or back
            return Failed(task, f"{type(e).__name__}: {e}", "exception")


def default_workers() -> int:
    """Every core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1

"""The Dask engine: the same per-document function on a Dask cluster, for archives
beyond one machine (``vanban extract --engine dask [--scheduler tcp://HOST:8786]``).

Documents go in batches (``--batch-size``, hundreds: Dask costs 0.6–1.6 ms a task,
as much as a small document), each run by :func:`worker.run_many` in a worker that
builds its readers once. Without a scheduler address a ``LocalCluster`` of this
machine's cores is started. The parent is the same as the local engine's: it walks,
hashes, skips what is recorded and writes every record, so output, ``--resume`` and
the summary are the same. A batch whose worker died (Dask says ``KilledWorker``) or
that raised is sent again document by document, so only the guilty document fails.

What a cluster does not give: a time limit per document (Dask cannot stop a task),
and the per-worker memory cap, which is Dask's own ``--memory-limit`` (its nanny
restarts a worker past it; the documents of its batch are then sent again one by one).
Every worker must see the archive at the same path and have vanban installed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Any

from . import worker
from .worker import Done, Failed, Task, WorkerConfig

IN_FLIGHT_PER_WORKER = 2  # batches queued per worker
POLL = 0.25  # seconds between looks at a stop request


class DaskEngine:
    def __init__(
        self,
        config: WorkerConfig,
        scheduler: str | None,
        batch_size: int,
        workers: int,
        memory_limit: int | None = None,
    ) -> None:
        # Paths of this machine (the run's temporary folder, the converters' registry)
        # mean nothing on another: a cluster's workers use their own.
        local = scheduler is None
        read = config.read if local else _portable(config.read)
        self.config = WorkerConfig(read=read, max_memory=None, temp_dir=config.temp_dir if local else None)
        self.scheduler = scheduler
        self.batch_size = batch_size
        self.workers = workers
        self.memory_limit = memory_limit
        self.client: Any = None
        self.cluster: Any = None

    def start(self) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as e:
            raise RuntimeError("the Dask engine needs dask[distributed]: pip install 'vanban[dask]'") from e
        if self.scheduler:
            self.client = Client(self.scheduler)
            self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        else:
            self.cluster = LocalCluster(
                n_workers=self.workers,
                threads_per_worker=1,
                processes=True,
                memory_limit=self.memory_limit or "auto",
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            self.client = Client(self.cluster)

    def run(self, tasks: Iterator[Task], stop: Callable[[], bool]) -> Iterator[Done | Failed]:
        from dask.distributed import wait

        if self.client is None:
            self.start()
        client = self.client
        pending: dict[Any, list[Task]] = {}
        retry: list[Task] = []
        try:
            while True:
                while not stop() and len(pending) < self.workers * IN_FLIGHT_PER_WORKER:
                    batch = [retry.pop()] if retry else _take(tasks, self.batch_size)
                    if not batch:
                        break
                    pending[client.submit(worker.run_many, batch, self.config, pure=False)] = batch
                if not pending or stop():
                    break
                try:
                    finished, _ = wait(list(pending), timeout=POLL, return_when="FIRST_COMPLETED")
                except TimeoutError:
                    continue  # none done yet: look at a stop request, wait again
                for future in finished:
                    batch = pending.pop(future)
                    try:
                        records = future.result()
                    except Exception as e:  # the batch's worker died, or a reader raised
                        if len(batch) > 1:
                            retry.extend(reversed(batch))  # again one by one: only the guilty one fails
                            continue
                        kind = "crash" if type(e).__name__ == "KilledWorker" else "exception"
                        why = f"the Dask worker reading it failed: {type(e).__name__}: {e}"
                        yield Failed(batch[0], why, kind)
                        continue
                    yield from records
        finally:
            for future in pending:
                future.cancel()
            self.close()

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None


def _take(tasks: Iterator[Task], n: int) -> list[Task]:
    batch = []
    for task in tasks:
        batch.append(task)
        if len(batch) >= n:
            break
    return batch


def _portable(read: Any) -> Any:
    from dataclasses import replace

    return replace(read, tool_registry=None)

"""Archive-scale runs: every input of a folder tree extracted on every core (or a Dask
cluster), resumable, nothing lost, each record written as it comes.

The per-document function stays ``pipeline.extract``; this package only decides
what to read, hands it to workers and writes what they return.
"""

from .runner import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, BatchOptions, BatchResult, run_batch

__all__ = [
    "EXIT_FAILED",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "BatchOptions",
    "BatchResult",
    "run_batch",
]

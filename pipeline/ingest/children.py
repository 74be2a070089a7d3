"""The processes of external tools (Tesseract, LibreOffice, antiword, catdoc) end with
the reader that started them.

A batch stops a worker that runs over its time limit, and Ctrl-C stops them all;
the tools they started must not live on. Two means, because the tools differ:

* :func:`die_with_parent` asks Linux to kill a tool when the thread that started it
  dies (``PR_SET_PDEATHSIG``). That is enough for Tesseract, a single process.
* LibreOffice's ``soffice`` starts ``soffice.bin`` as its own child, which outlives
  it (measured: the converter kept running after its parent was killed). Each
  converter therefore runs in a process group of its own, noted in a
  :class:`ToolRegistry` folder while it runs; the batch kills the groups whose
  worker is gone (:meth:`ToolRegistry.sweep`).
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

PR_SET_PDEATHSIG = 1


@functools.cache
def _prctl() -> Callable[..., int] | None:
    """libc's prctl, looked up once in the parent (never between fork and exec)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl  # type: ignore[no-any-return]
    except (OSError, AttributeError):
        return None


def die_with_parent() -> Callable[[], None] | None:
    """A ``preexec_fn`` that has the tool killed when the thread that started it dies,
    or None where the system cannot (then the tool's own time limit still holds)."""
    prctl = _prctl()
    if prctl is None:
        return None

    def setup() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)

    return setup


class ToolRegistry:
    """A folder where each running tool's process group is noted as ``<owner>-<group>``
    (the owner is the process that started it)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @contextlib.contextmanager
    def running(self, group: int) -> Iterator[None]:
        note = self.folder / f"{os.getpid()}-{group}"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            note.touch()
        except OSError:
            note = None  # type: ignore[assignment]  # unnoted, the tool's own time limit still holds
        try:
            yield
        finally:
            if note is not None:
                note.unlink(missing_ok=True)

    def sweep(self, *, all_groups: bool = False) -> int:
        """Kill the tools whose owner is gone (every one with ``all_groups``); how many."""
        killed = 0
        try:
            notes = list(self.folder.iterdir())
        except OSError:
            return 0
        for note in notes:
            try:
                owner, group = (int(x) for x in note.name.split("-"))
            except ValueError:
                continue
            if all_groups or not _alive(owner):
                with contextlib.suppress(OSError):
                    os.killpg(group, signal.SIGKILL)
                    killed += 1
                note.unlink(missing_ok=True)
        return killed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie is gone for our purpose
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][:1] != "Z"
    except OSError:
        return True

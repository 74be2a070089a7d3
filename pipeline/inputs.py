"""Which files a run reads: the walk over the paths given, with its policy.

* A file named on the command line is read, whatever its name.
* Folders are walked recursively in a stable order (the order of sorted path
  strings); hidden files and folders (a leading ``.``) are skipped and counted.
* Files whose name says they are data, not documents (``.json``, ``.tsv``,
  ``.md``, a records file…: :data:`DATA_SUFFIXES`) are skipped and counted by
  suffix, unless ``include`` globs are given, which then decide alone;
  ``exclude`` globs always apply. Globs match the path under the folder given
  or the bare name, ignoring case.
* A symlink is followed only when its target lies inside one of the folders
  given; one leading outside is an input that is *skipped*, with the reason, as
  is a broken link, a folder link that leads back into a folder being walked (a
  loop), a folder that cannot be listed and a file that is not a regular file (a
  FIFO would block a reader forever). Nothing found is dropped without a word.
* Paths to leave out (a run's own output file and its partial file) are never
  inputs, wherever they lie.

Names are kept as the file system gives them: ``str`` with undecodable bytes as
surrogate escapes (``os.fsdecode``), so any name can be opened again.
"""

from __future__ import annotations

import errno
import fnmatch
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

#: Names that say "data, not a document": skipped in folders unless ``include`` says otherwise.
DATA_SUFFIXES = frozenset(
    {
        ".json", ".jsonl", ".ndjson", ".tsv", ".csv", ".md", ".yaml", ".yml", ".toml", ".ini", ".cfg",
        ".xlsx", ".xls", ".ods", ".parquet", ".sqlite", ".db", ".log", ".part", ".tmp", ".lock",
        ".py", ".sh", ".ipynb", ".zip", ".gz", ".tar", ".7z", ".rar",
        ".exe", ".dll", ".mp3", ".mp4", ".avi", ".mov", ".wav",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Input:
    """One thing the walk found: a file to read, or one skipped with its reason."""

    path: str
    skipped: str | None = None  # why it is not read (a record says so)
    kind: str | None = None  # the record's error kind when skipped

    @property
    def key(self) -> bytes:
        """The path's exact bytes: what identifies an input across runs."""
        return os.fsencode(self.path)


@dataclass
class WalkReport:
    """What the walk passed over without a record: counted, so the summary can say so."""

    hidden: int = 0
    by_name: Counter[str] = field(default_factory=Counter)  # suffix → files skipped as data
    excluded: int = 0  # by an --exclude glob, or not matching --include
    own_output: int = 0  # the run's own output and partial files

    def describe(self) -> str:
        parts = []
        if self.by_name:
            names = ", ".join(f"{n} {s}" for s, n in self.by_name.most_common())
            parts.append(f"not documents by their name: {names} (--include reads them)")
        if self.excluded:
            parts.append(f"left out by --include/--exclude: {self.excluded}")
        if self.hidden:
            parts.append(f"hidden: {self.hidden}")
        if self.own_output:
            parts.append(f"this run's own output: {self.own_output}")
        return "; ".join(parts)


@dataclass(frozen=True)
class Policy:
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    leave_out: frozenset[str] = frozenset()  # real paths never read (the run's output)

    def takes(self, root: str, path: str, name: str, report: WalkReport) -> bool:
        """Whether the walk reads the file ``name`` at ``path`` under the folder ``root``."""
        name_l = name.lower()
        rel_l = os.path.relpath(path, root).lower() if self.include or self.exclude else name_l

        def hit(globs: tuple[str, ...]) -> bool:
            return any(fnmatch.fnmatchcase(rel_l, g) or fnmatch.fnmatchcase(name_l, g) for g in globs)

        if self.include and not hit(self.include):
            report.excluded += 1
            return False
        if hit(self.exclude):
            report.excluded += 1
            return False
        suffix = os.path.splitext(name_l)[1]
        if not self.include and suffix in DATA_SUFFIXES:
            report.by_name[suffix] += 1
            return False
        return True


def _inside(real: str, roots: Iterable[str]) -> bool:
    return any(real == r or real.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


class Walk:
    """The inputs of one run, in order; ``report`` fills as the walk goes."""

    def __init__(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        include: Iterable[str] = (),
        exclude: Iterable[str] = (),
        leave_out: Iterable[str | os.PathLike[str]] = (),
    ) -> None:
        self.paths = [os.fsdecode(p) for p in paths]
        self.policy = Policy(
            tuple(g.lower() for g in include),
            tuple(g.lower() for g in exclude),
            frozenset(os.path.realpath(p) for p in leave_out),
        )
        self.report = WalkReport()
        self.roots = [os.path.realpath(p) for p in self.paths if os.path.isdir(p)]

    def __iter__(self) -> Iterator[Input]:
        for given in self.paths:
            if os.path.isdir(given):
                yield from self._folder(given, given, os.path.realpath(given), [self._dir_id(given)])
            elif os.path.realpath(given) in self.policy.leave_out:
                self.report.own_output += 1
            else:
                yield Input(given)  # named by the user: read whatever its name (a missing one says so)

    @staticmethod
    def _dir_id(path: str) -> tuple[int, int]:
        st = os.stat(path)
        return st.st_dev, st.st_ino

    def _folder(
        self, root: str, folder: str, real_folder: str, ancestors: list[tuple[int, int]]
    ) -> Iterator[Input]:
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError as e:
            why = "permission denied" if isinstance(e, PermissionError) else (e.strerror or str(e))
            yield Input(folder, f"the folder cannot be listed: {why}", "unreadable_folder")
            return
        # sorted as path strings sort: "a.txt" before the folder "a"'s files ("." < "/")
        entries.sort(key=lambda e: e.name + ("/" if _is_dir(e) else ""))
        for entry in entries:
            yield from self._entry(root, entry, real_folder, ancestors)

    def _entry(
        self, root: str, entry: os.DirEntry[str], real_folder: str, ancestors: list[tuple[int, int]]
    ) -> Iterator[Input]:
        if entry.name.startswith("."):
            self.report.hidden += 1
            return
        path = entry.path
        link = entry.is_symlink()
        # the real path: the folder's (resolved once) and the name, unless a link leads elsewhere
        real = os.path.realpath(path) if link else os.path.join(real_folder, entry.name)
        if real in self.policy.leave_out:
            self.report.own_output += 1
            return
        if link:
            why = _bad_link(path, real, self.roots)
            if why:
                yield Input(path, *why)
                return
        if _is_dir(entry):
            ident = self._dir_id(path)
            if ident in ancestors:
                why = f"a symbolic link back to a folder it lies in ({real}): a loop, not followed"
                yield Input(path, why, "symlink_loop")
                return
            yield from self._folder(root, path, real, [*ancestors, ident])
            return
        if not self.policy.takes(root, path, entry.name, self.report):
            return
        try:
            regular = entry.is_file()  # from the folder's listing: no call of its own
        except OSError as e:
            yield Input(path, f"cannot be examined: {e.strerror or e}", "io_error")
            return
        if not regular:
            yield Input(path, "not a regular file (a device, socket or FIFO)", "not_a_file")
            return
        yield Input(path)


def _bad_link(path: str, real: str, roots: list[str]) -> tuple[str, str] | None:
    """(why, kind) when a symbolic link is not followed: broken, a loop, or leading out."""
    try:
        os.stat(path)
    except OSError as e:
        if e.errno == errno.ELOOP:
            return "a symbolic link that leads back to itself (a loop): not followed", "symlink_loop"
        return f"a broken symbolic link (to {os.readlink(path)})", "broken_link"
    if not _inside(real, roots):
        return f"a symbolic link out of the folders given (to {real}): not followed", "symlink_outside"
    return None


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """The files a run reads under ``paths`` (skipped inputs left out), as paths."""
    for item in Walk(paths):
        if item.skipped is None:
            yield Path(item.path)

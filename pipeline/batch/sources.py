"""What the commands over records take: records files (JSONL, never extracted again) and
documents or folders (extracted first, on every core, into a records file)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ..jsonl import read_records
from ..record import Record
from .runner import BatchOptions, run_batch

RECORD_HEAD = b'{"schema_version"'
SNIFF = 64


def is_records_file(path: Path) -> bool:
    """A JSONL file of records (what ``vanban extract -o`` writes)."""
    if not path.is_file():
        return False
    try:
        with path.open("rb") as fh:
            head = fh.read(SNIFF).lstrip()
    except OSError:
        return False
    return head.startswith(RECORD_HEAD)


@dataclass
class Sources:
    """The records files among ``paths`` and the documents to extract first."""

    records_files: list[Path] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    extracted: Path | None = None  # the records file the documents were extracted into
    exit_status: int = 0  # the extraction's
    temporary: Path | None = None  # the folder of a records file no one asked to keep

    @classmethod
    def of(cls, paths: list[str]) -> Sources:
        s = cls()
        for p in paths:
            (s.records_files.append(Path(p)) if is_records_file(Path(p)) else s.documents.append(p))
        return s

    def extract(self, records: Path | None, options: BatchOptions, err: TextIO) -> None:
        """Extract the documents into ``records`` (resumable), or a temporary file."""
        if not self.documents:
            return
        if records is None:
            self.temporary = Path(tempfile.mkdtemp(prefix="vanban-records-"))
            records = self.temporary / "records.jsonl"
        result = run_batch(self.documents, records, options, err=err)
        self.extracted = records
        self.exit_status = result.exit_status

    def files(self) -> list[Path]:
        return [*self.records_files, *([self.extracted] if self.extracted else [])]

    def records(self, on_bad: Callable[[Path, int, str], None]) -> Iterator[Record]:
        for f in self.files():
            yield from read_records(f, on_bad=lambda n, why, f=f: on_bad(f, n, why))

    def cleanup(self) -> None:
        """Remove the temporary records file (never one the user named with --records)."""
        if self.temporary is not None:
            shutil.rmtree(self.temporary, ignore_errors=True)
            self.temporary = None

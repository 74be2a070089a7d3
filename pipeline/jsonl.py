"""Reading a records file (JSONL, one record per line) as the commands over records do:
one record at a time (a file of any size), a line that is not a whole record (the
torn end of a run that was killed) reported and passed over, a missing file a
clear error."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from pydantic import ValidationError

from .record import Record


class RecordsFileError(OSError):
    """The records file cannot be read at all (the message says why)."""


def read_records(
    path: str | os.PathLike[str], on_bad: Callable[[int, str], None] | None = None
) -> Iterator[Record]:
    """Each record of a JSONL file; ``on_bad(line number, why)`` for a line that is not one."""
    p = Path(path)
    try:
        fh = p.open("rb")
    except FileNotFoundError:
        raise RecordsFileError(f"{p} does not exist (vanban extract … -o {p} writes it)") from None
    except IsADirectoryError:
        raise RecordsFileError(f"{p} is a folder, not a records file") from None
    except OSError as e:
        raise RecordsFileError(f"{p} cannot be read: {e.strerror or e}") from None
    with fh:
        for n, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                yield Record.model_validate_json(raw)
            except ValidationError as e:
                if on_bad is not None:
                    torn = not raw.endswith(b"\n")
                    why = "a torn last line (the run was stopped while writing it)" if torn else _first(e)
                    on_bad(n, why)


def _first(e: ValidationError) -> str:
    err = e.errors()[0]
    where = ".".join(str(x) for x in err.get("loc", ())) or "the line"
    return f"not a record ({where}: {err.get('msg', 'invalid')})"

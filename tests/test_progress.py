"""Progress on standard error: a bar on a terminal, a plain line now and then elsewhere."""

from __future__ import annotations

import io

from pipeline.batch import progress as progress_module
from pipeline.batch.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_a_bar_shows_files_pages_rate_time_left_and_failures() -> None:
    stream = Terminal()
    bar = Progress(4, stream=stream)
    for pages, failed in ((3, False), (0, True), (2, False), (1, False)):
        bar.step(pages=pages, failed=failed)
    bar.close()
    shown = stream.getvalue()
    assert "4/4" in shown and "file/s" in shown and "<" in shown  # files, rate, elapsed<left
    assert "6 pages, 1 failed" in shown


def test_elsewhere_a_plain_line_every_few_seconds(monkeypatch) -> None:
    monkeypatch.setattr(progress_module, "PLAIN_EVERY", 0.0)
    stream = io.StringIO()
    bar = Progress(3, stream=stream)
    bar.step(pages=2)
    bar.step(failed=True)
    lines = stream.getvalue().splitlines()
    assert lines[-1].startswith("vanban: 2/3 files, 2 pages,") and "1 failed" in lines[-1]
    assert "\r" not in stream.getvalue()  # no bar drawing in a log


def test_quiet_shows_nothing() -> None:
    stream = Terminal()
    bar = Progress(2, stream=stream, enabled=False)
    bar.step()
    bar.close()
    assert stream.getvalue() == ""

"""Progress on standard error: a bar on a terminal (tqdm), a plain line now and then
elsewhere (a log, a CI job): files, pages, rate, time left, failures so far."""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO

PLAIN_EVERY = 10.0  # seconds between two plain progress lines


class Progress:
    def __init__(self, total: int, *, stream: TextIO | None = None, enabled: bool = True) -> None:
        self.stream = stream or sys.stderr
        self.total = total
        self.files = self.pages = self.failed = 0
        self.started = self._last = time.monotonic()
        self.enabled = enabled
        self.bar: Any = None
        if enabled and self.stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(
                total=total,
                unit="file",
                file=self.stream,
                dynamic_ncols=True,
                smoothing=0.05,
                bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}, {rate_fmt}]{postfix}",
            )

    def step(self, *, pages: int = 0, failed: bool = False) -> None:
        self.files += 1
        self.pages += pages
        self.failed += failed
        if self.bar is not None:
            self.bar.update(1)
            if pages or failed or self.files == 1:
                self.bar.set_postfix_str(f"{self.pages:,} pages, {self.failed:,} failed", refresh=False)
        elif self.enabled and time.monotonic() - self._last >= PLAIN_EVERY:
            self._last = time.monotonic()
            self.stream.write(self.line() + "\n")
            self.stream.flush()

    def line(self) -> str:
        elapsed = time.monotonic() - self.started
        rate = self.files / elapsed if elapsed > 0 else 0.0
        left = f", about {(self.total - self.files) / rate:.0f} s left" if rate and self.total else ""
        return (
            f"vanban: {self.files:,}/{self.total:,} files, {self.pages:,} pages, {rate:.1f} files/s, "
            f"{self.failed:,} failed{left}"
        )

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()

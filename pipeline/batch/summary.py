"""What a run did, counted as it goes (a few counters: nothing per document) and told
at its end: inputs by status, by format and by error kind, what was skipped."""

from __future__ import annotations

import resource
from collections import Counter
from dataclasses import dataclass, field

from .worker import Facts

STATUSES = ("SUCCESS", "PARTIAL", "FAILURE")


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


@dataclass
class RunSummary:
    extracted: int = 0  # read by a worker in this run
    copies: int = 0  # identical bytes under another name: the record copied, not read again
    already: int = 0  # recorded by an earlier run (--resume), same bytes
    skipped: int = 0  # found by the walk and not read (a symbolic link out…): recorded as such
    pages: int = 0
    status: Counter[str] = field(default_factory=Counter)
    formats: Counter[tuple[str, str]] = field(default_factory=Counter)  # (format, status)
    kinds: Counter[str] = field(default_factory=Counter)  # error kinds of FAILURE and PARTIAL records
    peak_worker_kib: int = 0

    def add(self, facts: Facts, how: str) -> None:
        setattr(self, how, getattr(self, how) + 1)
        self.status[facts.status] += 1
        self.formats[(facts.format or "-", facts.status)] += 1
        self.kinds.update(facts.kinds)
        self.pages += facts.pages or 0

    @property
    def inputs(self) -> int:
        return sum(self.status.values())

    @property
    def failed(self) -> int:
        return self.status["FAILURE"]

    def report(self, output: str, seconds: float, workers: str, skipped: str) -> list[str]:
        rate = f", {self.extracted / seconds:.1f} documents/s" if seconds > 0 and self.extracted else ""
        lines = [
            f"vanban: {plural(self.inputs, 'input')} → {output} in {seconds:.1f} s ({workers}{rate})",
            "  "
            + ", ".join(f"{self.status[s]:,} {s}" for s in STATUSES)
            + f"; {self.extracted:,} read now, {self.copies:,} copies of identical files, "
            f"{self.skipped:,} skipped, {self.already:,} recorded before",
        ]
        by_format = []
        for fmt in sorted({f for f, _ in self.formats}):
            counts = [f"{self.formats[(fmt, s)]:,} {s}" for s in STATUSES if self.formats[(fmt, s)]]
            by_format.append(f"{fmt} {sum(self.formats[(fmt, s)] for s in STATUSES):,} ({', '.join(counts)})")
        if by_format:
            lines.append("  by format: " + "; ".join(by_format))
        if self.kinds:
            lines.append("  errors by kind: " + ", ".join(f"{k} {n:,}" for k, n in self.kinds.most_common()))
        if skipped:
            lines.append(f"  not inputs: {skipped}")
        parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        worker = f", a worker at most {self.peak_worker_kib / 1024:.0f} MB" if self.peak_worker_kib else ""
        lines.append(f"  peak memory: this process {parent:.0f} MB{worker}")
        return lines

"""Stage 5, annotate: run every check of the catalogue over the findings.

A check that fails is an error of the ``flags`` stage, named after the
check; the other checks still run.
"""

from __future__ import annotations

from ..extract import Findings, Stages
from ..record import Flag
from .checks import CHECKS


def annotate(f: Findings, stages: Stages) -> list[Flag]:
    flags: list[Flag] = []
    for check in CHECKS:
        flags.extend(stages.run(f"flags.{check.__name__}", lambda c=check: list(c(f)), []))
    return flags


__all__ = ["annotate"]

"""Stage 5, annotate: run every check of the catalogue over the findings.

A check that fails is an error of the ``flags`` stage, named after the
check; the other checks still run.
"""

from __future__ import annotations

from ..extract import Findings, Stages
from ..record import Flag
from .checks import CHECKS
from .form import FORM_CHECKS
from .timeline import TIME_CHECKS


def annotate(f: Findings, stages: Stages) -> list[Flag]:
    flags: list[Flag] = []
    for check in (*CHECKS, *FORM_CHECKS, *TIME_CHECKS):
        flags.extend(stages.run(f"flags.{check.__name__}", lambda c=check: list(c(f)), []))
    return [fl for fl in flags if _trusted(fl, f)] if f.text.ocr else flags


def _trusted(flag: Flag, f: Findings) -> bool:
    """On OCR text a flag stands only on what was read surely: a rule that says something
    is missing, or one whose evidence holds a word OCR was unsure of, says nothing."""
    rule = f.text.rules.flag_rule(flag.rule)
    if rule.on_ocr == "skip":
        return False
    if rule.on_ocr == "keep":
        return True
    return not any(s < e.end and e.start < t for e in flag.evidence for s, t in f.unsure)


__all__ = ["annotate"]

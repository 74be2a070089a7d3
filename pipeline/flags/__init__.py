"""Stage 5, annotate: run every check of the catalogue over the findings.

Each check is one rule's function (:class:`base.Check`); what it yields becomes the
rule's flags and its status for the document:

* ``fail``: it yielded flags that stand (on OCR text, only flags whose evidence was read
  surely, and none of a rule that says something is missing);
* ``not_evaluated``: the text cannot tell: the check said so (:class:`base.Unknown`), the
  text is a scan and the rule is about something missing, the only evidence was read
  unsurely, or the check itself failed (an error of the ``flags`` stage, named after it);
* ``pass``: checked, and it holds.
"""

from __future__ import annotations

from ..extract import Findings, Stages
from ..record import Flag, RuleStatus
from .base import Check, Unknown
from .checks import CHECKS
from .form import FORM_CHECKS
from .law import LAW_CHECKS
from .timeline import TIME_CHECKS

ALL_CHECKS: tuple[Check, ...] = (*CHECKS, *FORM_CHECKS, *TIME_CHECKS, *LAW_CHECKS)

OCR_MISSING = "văn bản quét: không khẳng định được một phần bị thiếu"
OCR_UNSURE = "bằng chứng nằm ở chữ nhận dạng không chắc chắn"
CHECK_FAILED = "lỗi khi kiểm tra (xem errors)"


def annotate(f: Findings, stages: Stages) -> tuple[list[Flag], list[RuleStatus]]:
    flags: list[Flag] = []
    statuses: list[RuleStatus] = []
    for check in ALL_CHECKS:
        errors_before = len(stages.errors)
        verdicts = stages.run(f"flags.{check.name}", lambda c=check: list(c.fn(f)), [])
        failed = len(stages.errors) > errors_before
        fired = [v for v in verdicts if isinstance(v, Flag)]
        unknown = [v for v in verdicts if isinstance(v, Unknown)]
        standing = [fl for fl in fired if _trusted(fl, f)] if f.text.ocr else fired
        flags.extend(standing)
        statuses.append(_status(check, f, failed=failed, standing=standing, fired=fired, unknown=unknown))
    return flags, statuses


def _status(
    check: Check,
    f: Findings,
    *,
    failed: bool,
    standing: list[Flag],
    fired: list[Flag],
    unknown: list[Unknown],
) -> RuleStatus:
    if standing:
        return RuleStatus(rule=check.rule, status="fail")
    reason = None
    if failed:
        reason = CHECK_FAILED
    elif unknown:
        reason = unknown[0].reason
    elif fired:  # every flag fell on OCR text
        reason = OCR_MISSING if f.text.rules.flag_rule(check.rule).on_ocr == "skip" else OCR_UNSURE
    if reason:
        return RuleStatus(rule=check.rule, status="not_evaluated", reason=reason)
    return RuleStatus(rule=check.rule, status="pass")


def _trusted(flag: Flag, f: Findings) -> bool:
    """On OCR text a flag stands only on what was read surely: a rule that says something
    is missing, or one whose evidence holds a word OCR was unsure of, says nothing."""
    rule = f.text.rules.flag_rule(flag.rule)
    if rule.on_ocr == "skip":
        return False
    if rule.on_ocr == "keep":
        return True
    return not any(s < e.end and e.start < t for e in flag.evidence for s, t in f.unsure)


__all__ = ["ALL_CHECKS", "annotate"]

"""Values a user types: sizes (``1G``, ``512MB``, ``300MiB``), counts (``40M``,
``2,000,000``), durations in seconds; ``0`` (or ``none``) turns a limit off."""

from __future__ import annotations

import argparse

import regex

SIZE = regex.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b?)\s*$", regex.I)
SCALE = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}
COUNT = regex.compile(r"^\s*(\d[\d,_]*(?:\.\d+)?)\s*([km]?)\s*$", regex.I)
COUNT_SCALE = {"": 1, "k": 1000, "m": 1_000_000}
OFF = ("0", "none", "off", "no")


def _scaled(text: str, pattern: regex.Pattern[str], scales: dict[str, int], what: str) -> int | None:
    """A number with a unit letter (``None`` for a limit turned off); ``what`` says how to write it."""
    if text.strip().lower() in OFF:
        return None
    m = pattern.match(text)
    if not m:
        raise argparse.ArgumentTypeError(f"not {what}: {text!r}")
    return int(float(m.group(1).replace(",", "").replace("_", "")) * scales[m.group(2).lower()])


def size(text: str) -> int | None:
    """Bytes: ``1G`` and ``1GB`` and ``1GiB`` are 1,073,741,824 (as memory is counted)."""
    return _scaled(text, SIZE, SCALE, "a size (write 300M, 1.5G, 2048K or bytes)")


def count(text: str) -> int | None:
    """A count: ``40M`` is 40,000,000, ``1,000`` is 1,000."""
    return _scaled(text, COUNT, COUNT_SCALE, "a number (write 1000, 40M or 2,000,000)")


def seconds(text: str) -> float | None:
    if text.strip().lower() in OFF:
        return None
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("a duration cannot be negative")
    return value


def workers(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of workers: {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("at least one worker")
    return n

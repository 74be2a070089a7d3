"""Vanban: Vietnamese official documents in, structured, checked records out.

>>> from pipeline import extract
>>> record = extract("corpus/seeds/004_d597ab0dcd2088e2.txt")
>>> record.document.number, [f.rule for f in record.flags][:1]
('912', ['reference-date-mismatch'])
"""

__version__ = "0.1.0"

from .api import extract, extract_many, extract_text, iter_inputs
from .record import Record

__all__ = ["Record", "__version__", "extract", "extract_many", "extract_text", "iter_inputs"]

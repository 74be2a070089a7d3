"""Records as tables for analysts: Excel, Parquet or CSV (``vanban export``).

A face over records: it reads a records file and writes tables; nothing under the
pipeline's stages imports it.
"""

from .tables import COLUMNS, TABLES, Rows, frames, from_file, gather
from .write import ExportError, kind_of, write

__all__ = ["COLUMNS", "TABLES", "ExportError", "Rows", "frames", "from_file", "gather", "kind_of", "write"]

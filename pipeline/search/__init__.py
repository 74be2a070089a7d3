"""Search over records: an embedded index (SQLite for the records, tantivy for the words) that
works with and without diacritics (``vanban index``, ``vanban search``), a web interface over
it (``vanban serve``) and feeds for an OpenSearch or Elasticsearch cluster (``vanban export
--to opensearch``)."""

from __future__ import annotations

from .engine import Archive, Hit, Results, open_archive, search
from .index import IndexStats, SearchIndexError, index_lines

__all__ = [
    "Archive",
    "Hit",
    "IndexStats",
    "Results",
    "SearchIndexError",
    "index_lines",
    "open_archive",
    "search",
]

"""Search over records: an embedded SQLite FTS5 index that works with and without diacritics
(``vanban index``, ``vanban search``), a web interface over it (``vanban serve``) and feeds
for an OpenSearch or Elasticsearch cluster (``vanban export --to opensearch``)."""

from __future__ import annotations

from .engine import Hit, Results, search
from .index import IndexStats, SearchIndexError, connect, index_lines

__all__ = ["Hit", "IndexStats", "Results", "SearchIndexError", "connect", "index_lines", "search"]

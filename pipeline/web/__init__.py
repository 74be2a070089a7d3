"""``vanban serve``: the search index in a browser — a search box with facets, result pages,
and each document shown by the review report's document view (one template)."""

from __future__ import annotations

from .server import make_server, serve

__all__ = ["make_server", "serve"]

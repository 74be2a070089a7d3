"""``vanban report``: a review site over an archive's records — an archive page (findings by
rule, issuer, year and severity, in counts, inline SVG charts and sortable, filterable
tables), a page per document (its text with every extracted value and every finding's
evidence marked, its fields beside it, links to the documents it cites that the archive
holds), and the same findings as Markdown, JSON and an Excel workbook.

Two passes over the records files: the first checks every record (:class:`pipeline.audit.Audit`)
and keeps the findings in the audit's on-disk store; the second reads the records again
and writes each document's page. Neither holds the archive in memory.
"""

from __future__ import annotations

from .site import ReportResult, write_report

__all__ = ["ReportResult", "write_report"]

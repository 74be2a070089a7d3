"""Feeds for an OpenSearch or Elasticsearch cluster: bulk NDJSON files and an index template,
and a push through the bulk API.

* ``bulk-00001.ndjson``…: the documented bulk format — an action line
  ``{"index": {"_index": …, "_id": …}}`` then the document, each on one line, the file ending
  with a newline — at most ``BULK_DOCS`` documents or ``BULK_BYTES`` bytes a file;
* ``index-template.json``: a composable template whose analyzer folds Vietnamese diacritics
  and ``đ`` (``icu_folding``, from the ICU plugin), a ``folded`` sub-field on every text field,
  keyword fields for numbers and facets; ``index-template-asciifolding.json``: the same with
  Lucene's ``asciifolding`` (which folds ``đ`` too), for a cluster without the plugin;
* :func:`push`: the official ``opensearch-py`` client (which also speaks to Elasticsearch 7):
  the template (ICU if the cluster has the plugin, else ASCII folding), then the documents in
  batches, what the cluster rejects as overloaded (429) retried with a growing pause, every
  other per-document failure reported.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .index import own_number

INDEX = "vanban"
BULK_DOCS = 5000
BULK_BYTES = 50 * 2**20  # well under a cluster's default http.max_content_length (100 MB)
TEXT_FIELDS = ("title", "text", "issuer", "signer")


def document(rec: dict[str, Any]) -> dict[str, Any]:
    """What the cluster indexes of a record: its text and the fields searched and faceted by."""
    d = rec["document"]
    signer = rec.get("signer") or {}
    return {
        "id": rec["id"],
        "path": rec["source"]["path"],
        "format": rec["source"].get("format"),
        "status": rec.get("status"),
        "type": d.get("type"),
        "number_symbol": own_number(rec),
        "date": d.get("date"),
        "year": int(d["date"][:4]) if d.get("date") else None,
        "place": d.get("place"),
        "province": d.get("province"),
        "issuer": d.get("issuer"),
        "title": d.get("title"),
        "signer": signer.get("name"),
        "cites": sorted({r["number_symbol"] for r in rec.get("references", [])}),
        "awards": [
            {"form": a.get("form"), "level": a.get("level"), "name": a.get("name")}
            for a in rec.get("awards", [])
        ],
        "flags": sorted({f["rule"] for f in rec.get("flags", [])}),
        "period_start": (rec.get("period") or {}).get("start"),
        "period_end": (rec.get("period") or {}).get("end"),
        "text": rec.get("text") or "",
    }


def _text(analyzer: str) -> dict[str, Any]:
    return {"type": "text", "fields": {"folded": {"type": "text", "analyzer": analyzer}}}


def _keyword_text(analyzer: str) -> dict[str, Any]:
    return {
        "type": "keyword",
        "fields": {"text": {"type": "text"}, "folded": {"type": "text", "analyzer": analyzer}},
    }


def template(index: str = INDEX, *, icu: bool = True) -> dict[str, Any]:
    """The index template (composable: PUT _index_template/NAME)."""
    fold_filter = "icu_folding" if icu else "asciifolding"
    analyzer = "vi_folded"
    date = {"type": "date", "format": "yyyy-MM-dd||yyyy-MM||yyyy"}
    keyword = {"type": "keyword"}
    return {
        "index_patterns": [f"{index}*"],
        "template": {
            "settings": {
                "analysis": {
                    "normalizer": {"number": {"type": "custom", "filter": ["lowercase", fold_filter]}},
                    "analyzer": {
                        analyzer: {
                            "type": "custom",
                            "tokenizer": "standard",
                            "filter": ["lowercase", fold_filter],
                        }
                    },
                }
            },
            "mappings": {
                "dynamic": "strict",
                "properties": {
                    "id": keyword,
                    "path": keyword,
                    "format": keyword,
                    "status": keyword,
                    "type": keyword,
                    "number_symbol": {"type": "keyword", "normalizer": "number"},
                    "date": date,
                    "year": {"type": "integer"},
                    "place": keyword,
                    "province": _keyword_text(analyzer),
                    "issuer": _keyword_text(analyzer),
                    "title": _text(analyzer),
                    "signer": _keyword_text(analyzer),
                    "cites": {"type": "keyword", "normalizer": "number"},
                    "awards": {"properties": {"form": keyword, "level": keyword, "name": _text(analyzer)}},
                    "flags": keyword,
                    "period_start": date,
                    "period_end": date,
                    "text": _text(analyzer),
                },
            },
        },
        "_meta": {"written_by": "vanban", "folding": fold_filter},
    }


def actions(
    records: Iterable[dict[str, Any]], index: str = INDEX
) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    for rec in records:
        yield {"index": {"_index": index, "_id": rec["id"]}}, document(rec)


@dataclass
class Written:
    files: list[Path] = field(default_factory=list)
    documents: int = 0


def write_bulk(records: Iterable[dict[str, Any]], out: Path, index: str = INDEX) -> Written:
    """The bulk files and both templates into the folder ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    result = Written()
    for name, icu in (("index-template.json", True), ("index-template-asciifolding.json", False)):
        p = out / name
        p.write_text(
            json.dumps(template(index, icu=icu), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        result.files.append(p)
    fh = None
    size = count = 0
    try:
        for action, doc in actions(records, index):
            chunk = (json.dumps(action) + "\n" + json.dumps(doc, ensure_ascii=False) + "\n").encode("utf-8")
            if fh is None or count >= BULK_DOCS or size + len(chunk) > BULK_BYTES:
                if fh is not None:
                    fh.close()
                p = out / f"bulk-{sum(f.suffix == '.ndjson' for f in result.files) + 1:05d}.ndjson"
                fh = p.open("wb")
                result.files.append(p)
                size = count = 0
            fh.write(chunk)
            size += len(chunk)
            count += 1
            result.documents += 1
    finally:
        if fh is not None:
            fh.close()
    return result


@dataclass
class Pushed:
    indexed: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (id, why)
    folding: str = ""


def push(
    records: Iterable[dict[str, Any]],
    url: str,
    index: str = INDEX,
    *,
    batch: int = 500,
    retries: int = 5,
    backoff: float = 2.0,
    client: Any = None,
) -> Pushed:
    """The template, then the documents through the bulk API; per-document failures kept."""
    from opensearchpy import OpenSearch, helpers

    os_client = client or OpenSearch(hosts=[url], timeout=60)
    result = Pushed()
    icu = _has_icu(os_client)
    result.folding = "icu_folding" if icu else "asciifolding"
    os_client.indices.put_index_template(name=index, body=template(index, icu=icu))
    stream = helpers.streaming_bulk(
        os_client,
        (
            {"_op_type": "index", "_index": index, "_id": a["index"]["_id"], "_source": d}
            for a, d in actions(records, index)
        ),
        chunk_size=batch,
        max_retries=retries,
        initial_backoff=backoff,
        raise_on_error=False,
        raise_on_exception=False,
    )
    for ok, item in stream:
        info = next(iter(item.values()))
        if ok:
            result.indexed += 1
        else:
            why = info.get("error")
            result.failed.append(
                (str(info.get("_id")), json.dumps(why, ensure_ascii=False) if why else str(info))
            )
    return result


def _has_icu(client: Any) -> bool:
    """Whether the cluster has the ICU analysis plugin (its nodes' plugins listed)."""
    from opensearchpy.exceptions import OpenSearchException

    try:
        plugins = client.cat.plugins(format="json")
    except OpenSearchException:  # a cluster that does not say: fall back to asciifolding
        return False
    return any("analysis-icu" in (p.get("component") or "") for p in plugins)

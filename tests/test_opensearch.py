"""Feeds for a search cluster (``vanban export --to opensearch DIR [--push URL]``): the bulk files
in the documented format, the index templates, and the push — against a small stand-in for the
bulk API here (a rejected document reported, an overloaded one retried), against a real cluster
only when ``VANBAN_OPENSEARCH_URL`` names one."""

from __future__ import annotations

import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from pipeline import extract_text
from pipeline.cli import main
from pipeline.search import opensearch
from pipeline.search.opensearch import document, push, template, write_bulk

from .test_check import UBND_PLAN, plan
from .test_search import DUONG

ACTIONS = {"index", "create", "update", "delete"}


def records() -> list[dict]:
    texts = {"a.txt": plan(15), "b.txt": UBND_PLAN, "c.txt": DUONG}
    return [json.loads(extract_text(t, path=p).model_dump_json()) for p, t in texts.items()]


def read_bulk(path: Path) -> list[tuple[dict, dict]]:
    raw = path.read_bytes()
    assert raw.endswith(b"\n"), "a bulk body ends with a newline"
    lines = raw.decode("utf-8").split("\n")[:-1]
    assert len(lines) % 2 == 0
    pairs = []
    for action, source in zip(lines[::2], lines[1::2], strict=True):
        a, s = json.loads(action), json.loads(source)
        assert len(a) == 1 and next(iter(a)) in ACTIONS
        meta = next(iter(a.values()))
        assert set(meta) == {"_index", "_id"}
        pairs.append((meta, s))
    return pairs


def test_bulk_files_follow_the_bulk_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(opensearch, "BULK_DOCS", 2)
    written = write_bulk(records(), tmp_path / "feed")
    bulks = sorted((tmp_path / "feed").glob("bulk-*.ndjson"))
    assert [p.name for p in bulks] == ["bulk-00001.ndjson", "bulk-00002.ndjson"] and written.documents == 3
    pairs = [pair for p in bulks for pair in read_bulk(p)]
    assert [m["_id"] for m, _ in pairs] == [r["id"] for r in records()]
    assert all(m["_index"] == "vanban" for m, _ in pairs)
    doc = next(s for _, s in pairs if s["path"] == "c.txt")
    assert doc["number_symbol"] == "77/KH-SGTVT" and "31-CT/TU" in doc["cites"] and doc["year"] == 2024
    assert doc["signer"] == "Đặng Văn Hùng" and "Sửa chữa đường" in doc["text"]


def test_the_template_folds_vietnamese_and_maps_every_field() -> None:
    for icu, folding in ((True, "icu_folding"), (False, "asciifolding")):
        t = template(icu=icu)
        settings = t["template"]["settings"]["analysis"]
        assert settings["analyzer"]["vi_folded"]["filter"] == ["lowercase", folding]
        props = t["template"]["mappings"]["properties"]
        assert set(props) == set(document(records()[0]))  # "dynamic": "strict" refuses anything else
        assert props["text"]["fields"]["folded"]["analyzer"] == "vi_folded"
        assert props["number_symbol"]["type"] == "keyword" and props["flags"]["type"] == "keyword"


class FakeCluster(BaseHTTPRequestHandler):
    """The bulk API as far as the client uses it: no ICU plugin, the template taken, one
    document rejected (a mapping error) and one refused once as overloaded (429)."""

    requests: ClassVar[list[tuple[str, str]]] = []
    overloaded_once: ClassVar[set[str]] = set()

    def log_message(self, *args: object) -> None:
        return

    def _send(self, code: int, body: object) -> None:
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        self.requests.append(("GET", self.path))
        self._send(200, [] if self.path.startswith("/_cat/plugins") else {})

    def do_PUT(self) -> None:
        self.rfile.read(int(self.headers.get("content-length", 0)))
        self.requests.append(("PUT", self.path))
        self._send(200, {"acknowledged": True})

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("content-length", 0))).decode()
        self.requests.append(("POST", self.path))
        lines = body.strip().split("\n")
        items = []
        for action, source in zip(lines[::2], lines[1::2], strict=True):
            _id = json.loads(action)["index"]["_id"]
            doc = json.loads(source)
            if doc["path"] == "b.txt":
                items.append(
                    {"index": {"_id": _id, "status": 400, "error": {"type": "mapper_parsing_exception"}}}
                )
            elif doc["path"] == "c.txt" and _id not in self.overloaded_once:
                self.overloaded_once.add(_id)
                items.append(
                    {
                        "index": {
                            "_id": _id,
                            "status": 429,
                            "error": {"type": "es_rejected_execution_exception"},
                        }
                    }
                )
            else:
                items.append({"index": {"_id": _id, "status": 201, "result": "created"}})
        self._send(
            200, {"took": 1, "errors": any(i["index"]["status"] >= 300 for i in items), "items": items}
        )


@pytest.fixture
def cluster():
    FakeCluster.requests, FakeCluster.overloaded_once = [], set()
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeCluster)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_push_retries_the_overloaded_and_reports_the_rejected(cluster: str) -> None:
    pytest.importorskip("opensearchpy")
    res = push(records(), cluster, backoff=0.01)
    assert res.folding == "asciifolding"  # no ICU plugin on this cluster
    assert res.indexed == 2
    assert [(i, "mapper_parsing_exception" in why) for i, why in res.failed] == [(records()[1]["id"], True)]
    assert ("PUT", "/_index_template/vanban") in FakeCluster.requests
    assert sum(1 for m, p in FakeCluster.requests if p.startswith("/_bulk")) == 2  # the 429 sent again


def test_the_export_command(tmp_path: Path, cluster: str, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "r.jsonl"
    f.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records()), encoding="utf-8")
    assert main(["export", str(f), "--to", "opensearch", str(tmp_path / "feed")]) == 0
    assert (tmp_path / "feed" / "index-template.json").exists()
    assert main(["export", str(f), "--to", "opensearch"]) == 2
    pytest.importorskip("opensearchpy")
    assert main(["export", str(f), "--to", "opensearch", str(tmp_path / "feed2"), "--push", cluster]) == 1
    assert "1 failed" in capsys.readouterr().err


@pytest.mark.skipif(
    not os.environ.get("VANBAN_OPENSEARCH_URL"), reason="no cluster: set VANBAN_OPENSEARCH_URL"
)
def test_push_to_a_live_cluster() -> None:
    from opensearchpy import OpenSearch

    url = os.environ["VANBAN_OPENSEARCH_URL"]
    res = push(records(), url, "vanban-test")
    assert res.indexed == 3 and not res.failed
    client = OpenSearch(hosts=[url])
    client.indices.refresh(index="vanban-test")
    hits = client.search(index="vanban-test", body={"query": {"match": {"text.folded": "sua chua duong"}}})
    assert hits["hits"]["total"]["value"] >= 1
    client.indices.delete(index="vanban-test")

"""The web interface's server: the standard library's threading HTTP server, bound to
127.0.0.1 unless told otherwise, reading the index only.

Routes: ``/`` and ``/search?q=…&year=…`` (a search, facets as links that add a filter),
``/doc/ID`` (the document view of the review report: its text with every value and flag
marked, its fields, the documents it cites and that cite it linked when in the index),
``/assets/…`` (the report's CSS and script). Every page carries a Content-Security-Policy
that allows nothing from elsewhere; every piece of text is escaped by the templates.
"""

from __future__ import annotations

import sqlite3
import sys
import threading
import traceback
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

from .. import __version__
from ..audit.model import Finding, document_finding
from ..record import Record
from ..report.site import document_context, environment
from ..search import Archive, open_archive, search
from ..search.engine import cited_by
from ..search.index import FACETS

LOCAL = "127.0.0.1"
PAGE = 10
MAX_OFFSET = 10_000
LABELS = {
    "year": "Năm",
    "type": "Loại",
    "province": "Tỉnh",
    "issuer": "Cơ quan",
    "award": "Khen thưởng",
    "level": "Cấp",
    "flag": "Phát hiện",
    "cites": "Viện dẫn",
}
CSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'"
ASSETS = {"report.css": "text/css; charset=utf-8", "report.js": "text/javascript; charset=utf-8"}


class App:
    """What every request shares: the index (one connection a thread) and the templates."""

    def __init__(self, db: Path) -> None:
        self.path = db
        open_archive(db).close()  # fails now, with its message, if it is no index
        self.env = environment()
        self.local = threading.local()

    def archive(self) -> Archive:
        """This thread's connection to the index."""
        arch = getattr(self.local, "archive", None)
        if arch is None:
            arch = self.local.archive = open_archive(self.path)
        return arch

    def db(self) -> sqlite3.Connection:
        return self.archive().db

    def common(self) -> dict[str, Any]:
        return {
            "version": __version__,
            "generated": "",
            "root": "/",
            "home": "",
            "brand": "Vanban — tìm kiếm",
        }

    # --- pages ----------------------------------------------------------------------------

    def search_page(self, params: dict[str, list[str]]) -> str:
        query = (params.get("q") or [""])[0]
        filters = {f: params[f] for f in FACETS if params.get(f)}
        try:
            offset = min(max(0, int((params.get("offset") or ["0"])[0])), MAX_OFFSET)
        except ValueError:
            offset = 0
        results = search(self.archive(), query, filters, limit=PAGE, offset=offset)

        def url(q: str, f: dict[str, list[str]], off: int = 0) -> str:
            pairs = (
                [("q", q)]
                + [(k, v) for k, vs in f.items() for v in vs]
                + ([("offset", str(off))] if off else [])
            )
            return "/search?" + urlencode(pairs)

        def with_(facet: str, value: str) -> str:
            return url(query, {**filters, facet: [*filters.get(facet, []), value]})

        def without(facet: str, value: str) -> str:
            rest = {k: [v for v in vs if (k, v) != (facet, value)] for k, vs in filters.items()}
            return url(query, {k: v for k, v in rest.items() if v})

        return self.env.get_template("search.html.j2").render(
            query=query,
            filters=filters,
            results=results,
            offset=offset,
            limit=PAGE,
            labels=LABELS,
            with_=with_,
            without=without,
            page=lambda off: url(query, filters, off),
            **self.common(),
        )

    def document_page(self, doc_id: str) -> str | None:
        row = (
            self.db().execute("SELECT record FROM docs WHERE id = ? ORDER BY n LIMIT 1", (doc_id,)).fetchone()
        )
        if row is None:
            return None
        rec = Record.model_validate_json(row[0])
        findings: list[tuple[int, Finding]] = [(k, document_finding(rec, f)) for k, f in enumerate(rec.flags)]
        links = self._links(rec)
        ctx = document_context(rec, findings, links, "/", self._cited_by(rec))
        ctx["doc_href"] = lambda i: f"/doc/{i}"
        return self.env.get_template("document.html.j2").render(**{**self.common(), **ctx})

    def _links(self, rec: Record) -> dict[str, str]:
        """number_symbol → the page of the index's document with that number, for each cited."""
        cited = sorted({ref.number_symbol for ref in rec.references})
        if not cited:
            return {}
        rows = (
            self.db()
            .execute(
                "SELECT number_symbol, MIN(id) FROM docs "
                f"WHERE number_symbol IN ({','.join('?' * len(cited))}) AND id != ? GROUP BY number_symbol",
                [*cited, rec.id],
            )
            .fetchall()
        )
        return {ns: f"/doc/{i}" for ns, i in rows}

    def _cited_by(self, rec: Record) -> list[tuple[str, str, str]]:
        row = self.db().execute("SELECT number_symbol FROM docs WHERE id = ?", (rec.id,)).fetchone()
        if row is None or not row[0]:
            return []
        numbers = cited_by(self.archive(), row[0])
        if not numbers:
            return []
        marks = ",".join("?" * len(numbers))
        rows = (
            self.db()
            .execute(
                f"SELECT id, path FROM docs WHERE n IN ({marks}) AND id != ? ORDER BY path",
                [*numbers, rec.id],
            )
            .fetchall()
        )
        return [(i, p, row[0]) for i, p in rows]


class Handler(BaseHTTPRequestHandler):
    app: App
    server_version = "vanban"

    def log_message(self, fmt: str, *args: Any) -> None:
        if getattr(self.server, "verbose", False):
            super().log_message(fmt, *args)

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        url = urlparse(self.path)
        params = parse_qs(url.query, max_num_fields=50)
        try:
            if url.path in ("/", "/search"):
                self._send(HTTPStatus.OK, self.app.search_page(params).encode("utf-8"))
            elif url.path.startswith("/doc/"):
                page = self.app.document_page(url.path[len("/doc/") :])
                if page is None:
                    self._send(HTTPStatus.NOT_FOUND, "Không có văn bản này trong chỉ mục.".encode())
                else:
                    self._send(HTTPStatus.OK, page.encode("utf-8"))
            elif url.path.startswith("/assets/") and url.path[len("/assets/") :] in ASSETS:
                name = url.path[len("/assets/") :]
                data = (resources.files("pipeline.report") / "templates" / "assets" / name).read_bytes()
                self._send(HTTPStatus.OK, data, ASSETS[name])
            else:
                self._send(HTTPStatus.NOT_FOUND, b"Not found")
        except ValueError as e:  # a filter the index does not have
            self._send(HTTPStatus.BAD_REQUEST, str(e).encode("utf-8"), "text/plain; charset=utf-8")
        except Exception:  # one page's failure is that page's: said to the browser and logged
            traceback.print_exc(file=sys.stderr)
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, "Lỗi máy chủ.".encode(), "text/plain; charset=utf-8")


def make_server(db: Path, host: str = LOCAL, port: int = 8765) -> ThreadingHTTPServer:
    app = App(db)
    handler = type("BoundHandler", (Handler,), {"app": app})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def serve(db: Path, host: str = LOCAL, port: int = 8765) -> None:
    server = make_server(db, host, port)
    h, p = server.server_address[:2]
    print(f"vanban serve: {db} on http://{h}:{p}/ (Ctrl-C stops)", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nvanban serve: stopped", file=sys.stderr)
    finally:
        server.server_close()

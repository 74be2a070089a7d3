"""``vanban index PATH... -o archive.db`` and ``vanban search "…"``: the embedded index.

``--db`` defaults to the index named in ``VANBAN_DB``, else ``./vanban.db``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from ..batch import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from ..search import SearchIndexError, index_lines, open_archive, search
from ..search.index import FACETS
from .over_records import add_inputs, open_sources

DEFAULT_DB = "vanban.db"
FILTER_OPTIONS = (  # (option, facet, help)
    ("--year", "year", "issued that year"),
    ("--type", "type", "of that type code (KH, QĐ, CV…)"),
    ("--province", "province", "of that province, as named at the time"),
    ("--issuer", "issuer", "by that issuer (Sở Nội vụ…)"),
    ("--award", "award", "offering that award form (bang_khen…)"),
    ("--level", "level", "offering an award of that level (tinh…)"),
    ("--flag", "flag", "with a flag of that rule"),
    ("--cites", "cites", "citing that number and symbol (31-CT/TU)"),
)


def default_db() -> str:
    return os.environ.get("VANBAN_DB") or DEFAULT_DB


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    i = sub.add_parser(
        "index",
        help="build or update the search index (SQLite, no server) from records or documents",
        description="Incremental: unchanged documents are skipped, changed ones replaced.",
    )
    add_inputs(i)
    i.add_argument("-o", "--output", default=None, help="the index file (default: $VANBAN_DB or ./vanban.db)")
    i.add_argument("--prune", action="store_true", help="remove documents whose path is not among the inputs")
    i.set_defaults(func=run_index)

    s = sub.add_parser("search", help="search the index, with and without diacritics")
    s.add_argument("query", nargs="?", default="", help='words, "a phrase", a number (31-CT/TU), prefix*')
    s.add_argument("--db", default=None, help="the index (default: $VANBAN_DB or ./vanban.db)")
    for option, _facet, text in FILTER_OPTIONS:
        s.add_argument(option, action="append", default=[], metavar="VALUE", help=f"only documents {text}")
    s.add_argument("-n", "--limit", type=int, default=10, help="hits to show (default 10)")
    s.add_argument("--offset", type=int, default=0, help="hits to skip (paging)")
    s.add_argument("--json", action="store_true", help="one hit a line as JSON, then the facets")
    s.set_defaults(func=run_search)

    w = sub.add_parser("serve", help="the search index in a browser (http://127.0.0.1:8765/)")
    w.add_argument("db", nargs="?", default=None, help="the index (default: $VANBAN_DB or ./vanban.db)")
    w.add_argument("--port", type=int, default=8765, help="default 8765 (0: any free port)")
    w.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to listen on (default 127.0.0.1, this machine only; another one shows the "
        "archive to the network: a warning is printed)",
    )
    w.set_defaults(func=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    from ..web import serve

    path = Path(args.db or default_db())
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(
            f"vanban: WARNING: listening on {args.host}: anyone who can reach this address can read the "
            "archive (there is no login)",
            file=sys.stderr,
        )
    try:
        serve(path, args.host, args.port)
    except SearchIndexError as e:
        print(f"vanban: {e}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as e:
        print(f"vanban: cannot listen on {args.host}:{args.port}: {e.strerror or e}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def run_index(args: argparse.Namespace) -> int:
    err = sys.stderr
    db = Path(args.output or default_db())
    sources = open_sources(args, err)
    if sources is None:
        return EXIT_USAGE
    started = time.perf_counter()
    bad: list[str] = []

    def lines() -> Iterator[bytes]:
        for f in sources.files():
            with f.open("rb") as fh:
                yield from fh

    try:
        stats = index_lines(
            db, lines(), prune=args.prune, on_bad=lambda n, why: bad.append(f"line {n}: {why}")
        )
    except SearchIndexError as e:
        print(f"vanban: {e}", file=err)
        return EXIT_USAGE
    finally:
        sources.cleanup()
    took = time.perf_counter() - started
    if not args.quiet:
        done = stats.added + stats.updated + stats.unchanged
        print(
            f"vanban index: {db}: {stats.added} added, {stats.updated} updated, {stats.unchanged} unchanged"
            + (f", {stats.pruned} pruned" if args.prune else "")
            + f" in {took:.1f} s ({done / took if took else 0:.0f} records/s)",
            file=err,
        )
        for b in bad:
            print(f"vanban: passed over {b}", file=err)
    return EXIT_FAILED if bad else EXIT_OK


def run_search(args: argparse.Namespace) -> int:
    err, out = sys.stderr, sys.stdout
    path = args.db or default_db()
    try:
        db = open_archive(path)
    except SearchIndexError as e:
        print(f"vanban: {e}", file=err)
        return EXIT_USAGE
    filters = {
        facet: getattr(args, option[2:]) for option, facet, _ in FILTER_OPTIONS if getattr(args, option[2:])
    }
    if args.limit < 1 or args.offset < 0:
        print("vanban: --limit must be at least 1 and --offset at least 0", file=err)
        return EXIT_USAGE
    res = search(db, args.query, filters, limit=args.limit, offset=args.offset)
    for note in res.notes:
        print(f"vanban: {note}", file=err)
    if args.json:
        for h in res.hits:
            out.write(json.dumps(h.as_json(), ensure_ascii=False) + "\n")
        out.write(json.dumps({"total": res.total, "facets": res.facets}, ensure_ascii=False) + "\n")
        return EXIT_OK
    print(
        f"{res.total} văn bản" + (f" (hiện {len(res.hits)} từ {args.offset + 1})" if res.hits else ""),
        file=out,
    )
    for k, h in enumerate(res.hits, args.offset + 1):
        ns = h.number_symbol or "—"
        print(f"{k:>3}. {ns}  {h.date or ''}  {h.issuer or ''}  [{h.path}]", file=out)
        print(f"     {(h.title or '')[:150]}", file=out)
        print(f"     {h.snippet_text(('«', '»'))}", file=out)
    if res.facets:
        for facet in FACETS:
            values = res.facets.get(facet) or []
            if values:
                print(f"{facet}: " + ", ".join(f"{v} ({c})" for v, c in values), file=out)
    return EXIT_OK

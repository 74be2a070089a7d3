"""The pages of the review report and the files beside them."""

from __future__ import annotations

import datetime as dt
import heapq
import json
import os
import shutil
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path, PurePath
from typing import Any, TextIO

import jinja2

from .. import __version__
from ..audit import Audit
from ..audit.model import SEVERITY_RANK, Finding
from ..jsonl import read_records
from ..record import Record, RuleStatus
from ..rules import Rules, default_rules
from . import highlight
from .charts import bar_chart

MAX_ROWS = 5000  # findings listed on the archive page and in the Markdown (all in JSON and Excel)
TOP = 20  # bars of a chart
MAX_DOCUMENTS = 50  # documents of a finding across the archive listed on a document's page
SEVERITY_CLASS = {s: f"sev-{s}" for s in SEVERITY_RANK}
OnBad = Callable[[Path, int, str], None]


@dataclass
class ReportResult:
    documents: int = 0
    findings: int = 0
    pages: int = 0
    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was left out, and why


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("pipeline.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
    )
    env.filters["basename"] = lambda p: PurePath(str(p)).name or str(p)
    return env


def doc_href(root: str) -> Callable[[str], str]:
    return lambda doc_id: f"{root}docs/{doc_id}.html"


def statuses_of(r: Record) -> dict[str, list[RuleStatus]]:
    out: dict[str, list[RuleStatus]] = defaultdict(list)
    for c in r.checks:
        out[c.status].append(c)
    return {k: out[k] for k in ("fail", "not_evaluated", "pass") if k in out}


def document_context(
    r: Record,
    findings: list[tuple[int, Finding]],
    links: dict[str, str],
    root: str,
    cited_by: list[tuple[str, str, str]] | None = None,
) -> dict[str, Any]:
    """What the document view (``document_view.html.j2``) shows; the web interface builds
    the same."""
    marks = highlight.value_marks(r) + highlight.finding_marks(r.id, findings)
    return {
        "doc": r,
        "text": highlight.render(r.text, marks),
        "findings": findings,
        "links": links,
        "cited_by": cited_by or [],
        "max_documents": MAX_DOCUMENTS,
        "statuses": statuses_of(r),
        "doc_href": doc_href(root),
        "root": root,
    }


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _records(files: list[Path], on_bad: OnBad) -> Iterator[Record]:
    for f in files:
        yield from read_records(f, on_bad=lambda n, why, f=f: on_bad(f, n, why))


def write_report(
    files: list[Path],
    out: Path,
    rules: Rules | None = None,
    *,
    on_bad: OnBad = lambda f, n, why: None,
    max_rows: int = MAX_ROWS,
    err: TextIO | None = None,
) -> ReportResult:
    """The review site of the records in ``files`` (JSONL), written to the folder ``out``."""
    rules = rules or default_rules()
    env = environment()
    result = ReportResult()
    generated = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    common = {"version": __version__, "generated": generated}
    out.mkdir(parents=True, exist_ok=True)
    with Audit(rules) as audit:
        for r in _records(files, on_bad):
            for f in audit.add(r):
                audit.store.keep(f)
        for f in audit.across():
            audit.store.keep(f)
        store = audit.store
        store.finish()
        result.documents = audit.summary.documents
        # the documents' pages
        written: set[str] = set()
        page = env.get_template("document.html.j2")
        for r in _records(files, on_bad):
            if r.id in written:
                continue  # one file under two paths: one page
            written.add(r.id)
            found = list(store.findings(r.id))
            links = {ns: f"{i}.html" for ns, i in store.links(r.id).items()}
            ctx = document_context(r, found, links, "../", store.cited_by(r.id))
            _write(out / "docs" / f"{r.id}.html", page.render(**ctx, **common))
        result.pages = len(written)
        # the archive page and the files beside it
        _assets(out)
        result.findings = sum(n for *_, n in store.finding_counts())
        excel = _excel(store, out / "flags.xlsx", result)
        _write(out / "index.html", _archive_page(env, audit, rules, max_rows, excel, common))
        _json(audit, rules, out / "report.json")
        _markdown(audit, rules, out / "report.md", max_rows)
        result.files = sorted(p for p in out.iterdir() if p.is_file())
    return result


def _assets(out: Path) -> None:
    src = resources.files("pipeline.report") / "templates" / "assets"
    dest = out / "assets"
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("report.css", "report.js"):
        with resources.as_file(src / name) as p:
            shutil.copyfile(p, dest / name)


@dataclass(frozen=True)
class RuleRow:
    id: str
    severity: str
    scope: str
    basis: str
    fail: int
    not_evaluated: int
    passed: int


def rule_rows(audit: Audit, rules: Rules) -> list[RuleRow]:
    s = audit.summary.statuses
    rows = [
        RuleRow(
            r.id,
            r.severity,
            r.scope,
            r.basis,
            s[(r.id, "fail")],
            s[(r.id, "not_evaluated")],
            s[(r.id, "pass")],
        )
        for r in rules.flags.rule
    ]
    return sorted(rows, key=lambda r: (-r.fail, -SEVERITY_RANK[r.severity], r.id))


@dataclass(frozen=True)
class FindingRow:
    finding: Finding
    issuer: str
    year: str
    rank: int


def _finding_rows(audit: Audit, max_rows: int) -> list[FindingRow]:
    store = audit.store
    rows = []
    for _, f in store.findings():
        first = store.doc_by_id(f.documents[0].id) if f.documents else None
        issuer = (first.issuer or "") if first else ""
        year = (first.date or "")[:4] if first else ""
        rows.append(FindingRow(f, issuer, year, SEVERITY_RANK[f.severity]))
        if len(rows) >= max_rows:
            break
    return sorted(rows, key=lambda r: -r.rank)


def _archive_page(
    env: jinja2.Environment, audit: Audit, rules: Rules, max_rows: int, excel: bool, common: dict[str, str]
) -> str:
    store = audit.store
    counts = store.finding_counts()
    by_rule: dict[str, int] = defaultdict(int)
    by_severity: dict[str, int] = defaultdict(int)
    for rule, sev, _, n in counts:
        by_rule[rule] += n
        by_severity[sev] += n
    severity_of = {r.id: r.severity for r in rules.flags.rule}
    issuers = store.counts_by("issuer")[:TOP]
    years = sorted(store.counts_by("year"), key=lambda x: str(x[0]))
    doc_counts = store.doc_counts()
    documents = heapq.nsmallest(  # the documents with the most serious findings first, up to max_rows
        max_rows,
        (
            {**d.__dict__, "counts": {s: doc_counts.get(d.id, {}).get(s, 0) for s in SEVERITY_RANK}}
            for d in store.documents()
        ),
        key=lambda d: (-d["counts"]["error"], -d["counts"]["warning"], -d["counts"]["info"], d["n"]),
    )
    return env.get_template("archive.html.j2").render(
        root="",
        summary=audit.summary,
        by_severity=by_severity,
        archive_findings=sum(n for _, _, scope, n in counts if scope == "archive"),
        chart_rules=bar_chart(
            "Phát hiện theo quy tắc",
            [(r, n, SEVERITY_CLASS[severity_of.get(r, "info")]) for r, n in list(by_rule.items())[:TOP]],
        ),
        chart_severity=bar_chart(
            "Theo mức độ", [(s, by_severity[s], SEVERITY_CLASS[s]) for s in ("error", "warning", "info")]
        ),
        chart_issuers=bar_chart("Theo cơ quan ban hành", [(str(i), n, "") for i, n in issuers]),
        chart_years=bar_chart("Theo năm ban hành", [(str(y), n, "") for y, n in years]),
        findings=_finding_rows(audit, max_rows),
        shown=min(max_rows, sum(by_rule.values())),
        total=sum(by_rule.values()),
        rules=sorted(by_rule),
        years=[str(y) for y, _ in years if y != "—"],
        documents=documents,
        rule_rows=rule_rows(audit, rules),
        excel=excel,
        **common,
    )


def _json(audit: Audit, rules: Rules, path: Path) -> None:
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", encoding="utf-8") as fh:
        head = {
            "documents": audit.summary.documents,
            "rules": [r.__dict__ for r in rule_rows(audit, rules)],
            "citations": [
                {"from": a, "to": b, "number_symbol": ns} for a, b, ns in audit.store.citation_edges()
            ],
        }
        fh.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "findings": [\n')
        for i, (_, f) in enumerate(audit.store.findings()):
            fh.write(("," if i else "") + f.model_dump_json() + "\n")
        fh.write("]}\n")
    os.replace(tmp, path)


def _md(s: str) -> str:
    return " ".join(s.split()).replace("|", "\\|")


def _markdown(audit: Audit, rules: Rules, path: Path, max_rows: int) -> None:
    lines = [
        "# Báo cáo kiểm tra kho văn bản",
        "",
        f"{audit.summary.documents} văn bản.",
        "",
        "| quy tắc | mức độ | phạm vi | không đạt | không đánh giá được | đạt |",
        "|---|---|---|---:|---:|---:|",
    ]
    for r in rule_rows(audit, rules):
        if r.fail or r.not_evaluated:
            lines.append(
                f"| `{r.id}` | {r.severity} | {r.scope} | {r.fail} | {r.not_evaluated} | {r.passed} |"
            )
    lines += ["", "## Phát hiện", ""]
    for i, (_, f) in enumerate(audit.store.findings()):
        if i >= max_rows:
            lines.append("… (tất cả trong report.json)")
            break
        docs = "; ".join(
            f"{_md(d.path)}" + (f" “{_md(d.evidence[0].text)[:120]}”" if d.evidence else "")
            for d in f.documents
        )
        lines.append(f"- **{f.severity}** `{f.rule}`: {_md(f.message)} — {docs}")
    _write(path, "\n".join(lines) + "\n")


EXCEL_COLUMNS = [
    "finding",
    "rule",
    "severity",
    "scope",
    "message",
    "id",
    "path",
    "evidence",
    "start",
    "end",
    "more_evidence",
]
EXCEL_WIDTHS = {"rule": 30, "message": 60, "path": 40, "evidence": 60, "id": 22}


def _excel(store: Any, path: Path, result: ReportResult) -> bool:
    """flags.xlsx: a row per finding and document, streamed to disk; needs openpyxl (the
    tables extra)."""
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        result.notes.append("flags.xlsx not written: openpyxl is needed (pip install 'vanban[tables]')")
        return False
    from ..export.write import stream_xlsx

    def rows() -> Iterator[list[Any]]:
        for n, f in store.findings():
            for d in f.documents:
                first = d.evidence[0] if d.evidence else None
                yield [
                    n,
                    f.rule,
                    f.severity,
                    f.scope,
                    f.message,
                    d.id,
                    d.path,
                    first.text if first else None,
                    first.start if first else None,
                    first.end if first else None,
                    max(0, len(d.evidence) - 1),
                ]

    tmp = path.with_name(".part-" + path.name)
    stream_xlsx(tmp, "findings", EXCEL_COLUMNS, rows(), EXCEL_WIDTHS)
    os.replace(tmp, path)
    return True

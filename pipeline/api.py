"""The public verbs: ``extract(path)``, ``extract_text(text)``, ``extract_many(paths)``.

``extract`` is a pure function of the file's bytes and the rule tables: the
same file gives the same record (and the same ``id``) wherever and whenever
it runs, which is what parallel and resumable batch runs build on. It never
raises for a bad document: whatever went wrong is in ``record.errors`` with
the stage that failed, and ``record.status`` says how far it got.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import __version__, ingest
from .extract import Stages, find_all
from .extract.header import to_document
from .extract.text import Text
from .flags import annotate
from .ingest import RawDocument, Reader, ReadOptions
from .normalize import Normalized, normalize
from .record import Document, ErrorEntry, OcrPage, Record, Source, Span, Status, Table
from .rules import Rules, default_rules


def record_id(sha256: str) -> str:
    return f"vb-{sha256[:16]}"


EMPTY_DOCUMENT = Document(
    type=None, number=None, symbol=None, place=None, date=None, issuer=None, province=None, title=None
)


def _empty_record(source: Source, errors: list[ErrorEntry], rid: str) -> Record:
    return Record(
        id=rid,
        status=Status.FAILURE,
        pipeline_version=__version__,
        source=source,
        document=EMPTY_DOCUMENT,
        sections=[],
        references=[],
        campaigns=[],
        period=None,
        deadlines=[],
        participants=[],
        targets=[],
        assignments=[],
        awards=[],
        signer=None,
        recipients=[],
        flags=[],
        text="",
        errors=errors,
    )


def _tables(norm: Normalized, raw: RawDocument) -> list[Table]:
    """The backend's tables, their cells now spans of the normalized text."""
    out = []
    for table in raw.tables:
        cells = [c for row in table.rows for c in row]
        mapped = iter(norm.spans_of([(c.start, c.end) for c in cells]))
        rows = []
        for row in table.rows:
            spans = []
            for _ in row:
                sp = next(mapped) or (0, 0)
                spans.append(Span(start=sp[0], end=sp[1], text=norm.text[sp[0] : sp[1]]))
            rows.append(spans)
        filled = [s for r in rows for s in r if s.end > s.start]
        if filled:
            out.append(Table(start=min(s.start for s in filled), end=max(s.end for s in filled), rows=rows))
    return out


def build_record(
    raw_text: str,
    source: Source,
    rules: Rules,
    errors: list[ErrorEntry] | None = None,
    rid: str | None = None,
    raw: RawDocument | None = None,
) -> Record:
    """Normalize, extract and check one document's raw text (and what its backend saw)."""
    stages = Stages(list(errors or []))
    rid = rid or record_id(hashlib.sha256(raw_text.encode("utf-8")).hexdigest())
    layout = raw.layout if raw is not None else True
    wrapped = raw.wrapped if raw is not None else True
    repair = rules.ocr_repairer if raw is not None and raw.ocr else None
    norm = stages.run(
        "normalize", lambda: normalize(raw_text, layout=layout, wrapped=wrapped, repair=repair), None
    )
    if norm is None:
        return _empty_record(source, stages.errors, rid)
    t = Text(norm.text, rules, ocr=bool(raw is not None and raw.ocr))
    f = find_all(t, stages)
    if raw is not None and raw.marks:
        spans = norm.spans_of([(m.start, m.end) for m in raw.marks])
        for m, sp in zip(raw.marks, spans, strict=True):
            if sp is not None:
                (f.unsure if m.kind == "ocr_unsure" else f.revisions).append(sp)
    tables = stages.run("tables", lambda: _tables(norm, raw) if raw is not None else [], [])
    flags = annotate(f, stages)
    recipients = [*f.header.addressees, *f.closing.recipients]
    document = stages.run("header", lambda: to_document(f.header, t), EMPTY_DOCUMENT)
    sections = stages.run("sections", lambda: [n.to_model() for n in f.nodes if n.top_kind == "roman"], [])
    status = Status.SUCCESS if not stages.errors else Status.PARTIAL
    if not norm.text:
        stages.errors.append(ErrorEntry(stage="ingest", message="the document holds no text", kind="empty"))
        status = Status.FAILURE
    return Record(
        id=rid,
        status=status,
        pipeline_version=__version__,
        source=source,
        document=document,
        sections=sections,
        references=f.references,
        campaigns=f.campaigns,
        period=f.period,
        anniversaries=f.anniversaries,
        deadlines=f.deadlines,
        participants=f.participants,
        targets=f.targets,
        assignments=f.assignments,
        awards=f.awards,
        signer=f.closing.signer,
        recipients=recipients,
        tables=tables,
        flags=flags,
        text=norm.text,
        errors=stages.errors,
    )


def extract(
    path: str | os.PathLike[str],
    *,
    rules: Rules | None = None,
    options: ReadOptions | None = None,
    reader: Reader | None = None,
) -> Record:
    """One document file in, one record out; never raises for a bad document.

    ``options`` say what reading may use (OCR and its settings); a batch passes one
    ``reader`` for all its files instead."""
    rules = rules or default_rules()
    reader = reader or Reader(options)
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        source = Source(path=str(path), format=None, sha256=None, encoding=None, pages=None, ocr=False)
        err = ErrorEntry(stage="ingest", message=f"cannot read the file: {e.strerror or e}", kind="io_error")
        return _empty_record(source, [err], record_id(hashlib.sha256(str(path).encode()).hexdigest()))
    sha = hashlib.sha256(data).hexdigest()
    fmt = ingest.detect_format(data)
    source = Source(
        path=str(path), format=fmt, sha256=sha, encoding=None, pages=None, ocr=False, bytes=len(data)
    )
    try:
        fmt, raw = reader.read(data, p)
    except ingest.IngestError as e:
        return _empty_record(
            source, [ErrorEntry(stage="ingest", message=str(e), kind=e.kind)], record_id(sha)
        )
    except Exception as e:  # a backend bug must not stop the batch
        err = ErrorEntry(stage="ingest", message=f"{type(e).__name__}: {e}", kind="exception")
        return _empty_record(source, [err], record_id(sha))
    ocr_pages = [OcrPage(page=o.page, confidence=o.confidence, reason=o.reason) for o in raw.ocr_pages]
    source = source.model_copy(
        update={"encoding": raw.encoding, "pages": raw.pages, "ocr": raw.ocr, "ocr_pages": ocr_pages}
    )
    warnings = [ErrorEntry(stage="ingest", message=w.message, kind=w.kind) for w in raw.warnings]
    return build_record(raw.text, source, rules, warnings, record_id(sha), raw)


def extract_text(text: str, *, path: str = "<text>", rules: Rules | None = None) -> Record:
    """A record for text already in memory (UTF-8 semantics, format txt)."""
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    source = Source(
        path=path,
        format="txt",
        sha256=sha,
        encoding="utf-8",
        pages=None,
        ocr=False,
        bytes=len(text.encode("utf-8")),
    )
    return build_record(text, source, rules or default_rules(), rid=record_id(sha))


def iter_inputs(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Files named, and every file under folders named (recursively, sorted, hidden ones skipped)."""
    for given in paths:
        p = Path(given)
        if p.is_dir():
            for sub in sorted(p.rglob("*")):
                rel = sub.relative_to(p)
                if sub.is_file() and not any(part.startswith(".") for part in rel.parts):
                    yield sub
        else:
            yield p  # a missing file still gets a record saying so


def extract_many(
    paths: Iterable[str | os.PathLike[str]], *, rules: Rules | None = None, options: ReadOptions | None = None
) -> Iterator[Record]:
    """One record per input file, in order; a failing file gives a FAILURE record, never an exception."""
    rules = rules or default_rules()
    reader = Reader(options)
    for p in iter_inputs(paths):
        yield extract(p, rules=rules, reader=reader)

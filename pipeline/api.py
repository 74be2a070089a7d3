"""The public verbs: ``extract(path)``, ``extract_text(text)``, ``extract_many(paths)``.

``extract`` is a pure function of the file's bytes and the rule tables: the
same file gives the same record (and the same ``id``) wherever and whenever
it runs, which is what parallel and resumable batch runs build on. It never
raises for a bad document: whatever went wrong is in ``record.errors`` with
the stage that failed, and ``record.status`` says how far it got.
"""

from __future__ import annotations

import base64
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from . import __version__, ingest
from .extract import Stages, find_all
from .extract.header import to_document
from .extract.provenance import settle
from .extract.text import Text
from .flags import annotate
from .ingest import RawDocument, Reader, ReadOptions, Warning_
from .ingest.limits import Limits, over
from .ingest.signatures import RawSignature
from .inputs import Walk, files
from .normalize import Normalized, normalize
from .record import Document, ErrorEntry, OcrPage, Record, SignatureEvidence, Source, Span, Status, Table
from .rules import Rules, RulesError, default_rules


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
    """The backend's tables, their cells now spans of the normalized text (every cell of
    every table mapped in one pass)."""
    out = []
    mapped = iter(norm.spans_of([(c.start, c.end) for t in raw.tables for row in t.rows for c in row]))
    text = norm.text
    for table in raw.tables:
        rows = []
        for row in table.rows:
            spans = []
            for _ in row:
                a, b = next(mapped) or (0, 0)
                spans.append(Span(start=a, end=b, text=text[a:b]))
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
    second = None
    if raw is not None and raw.second_header:  # a scan's header read again by the neural engine
        band = stages.run(
            "normalize",
            lambda: normalize(raw.second_header, layout=True, wrapped=True, repair=rules.ocr_repairer),
            None,
        )
        second = Text(band.text, rules, ocr=True) if band is not None else None
    f = find_all(t, stages, second)
    if raw is not None and raw.marks:
        spans = norm.spans_of([(m.start, m.end) for m in raw.marks])
        for m, sp in zip(raw.marks, spans, strict=True):
            if sp is not None:
                (f.unsure if m.kind == "ocr_unsure" else f.revisions).append(sp)
    tables = stages.run("tables", lambda: _tables(norm, raw) if raw is not None else [], [])
    f.signatures[:0] = source.signatures  # the file's own (a PDF's), before the text's stamps
    flags, checks = annotate(f, stages)
    recipients = [*f.header.addressees, *f.closing.recipients]
    document = stages.run("header", lambda: to_document(f.header, t), EMPTY_DOCUMENT)
    document = stages.run(
        "provenance",
        lambda: settle(
            document,
            ocr_pages=source.ocr_pages,
            signatures=f.signatures,
            unsure=f.unsure,
            second_read=f.header.second_read,
        ),
        document,
    )
    source = source.model_copy(update={"signatures": f.signatures})
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
        honours_received=f.honours_received,
        signer=f.closing.signer,
        recipients=recipients,
        attachments=f.attachments,
        tables=tables,
        flags=flags,
        checks=checks,
        text=norm.text,
        errors=stages.errors,
    )


OUT_OF_MEMORY = "reading the document needed more memory than a worker may use (--max-memory raises it)"


def path_fields(path: str | os.PathLike[str] | bytes) -> tuple[str, str | None]:
    """(``source.path``, ``source.path_bytes``) of a path as the file system gave it.

    A name whose bytes are not UTF-8 (an archive copied from an old system) is shown
    with each such byte as ``\\xNN`` and kept exactly, in base64, in ``path_bytes``."""
    raw = os.fsencode(path)
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        return raw.decode("utf-8", "backslashreplace"), base64.b64encode(raw).decode("ascii")


class NotRead(Exception):
    """The file's bytes could not be had (missing, unreadable, not a file, over the size limit)."""

    def __init__(self, message: str, kind: str, sha256: str | None = None, size: int | None = None) -> None:
        super().__init__(message)
        self.kind, self.sha256, self.size = kind, sha256, size


def read_file(p: Path, limits: Limits) -> bytes:
    """The bytes of a regular file within the size limit; raises NotRead saying why not."""
    try:
        info = p.stat()
        if not stat.S_ISREG(info.st_mode):
            what = "a folder" if stat.S_ISDIR(info.st_mode) else "a device, socket or FIFO"
            raise NotRead(f"the path is {what}, not a file", "not_a_file")
        if info.st_size > limits.file_bytes:
            with p.open("rb") as fh:
                sha = hashlib.file_digest(fh, "sha256").hexdigest()
            why = over("the file's size", info.st_size, limits.file_bytes, "--max-file-size", "bytes")
            raise NotRead(f"{why}: not read", "limit", sha, info.st_size)
        return p.read_bytes()
    except FileNotFoundError as e:
        raise NotRead("the file does not exist (or was deleted after it was listed)", "io_error") from e
    except PermissionError as e:
        raise NotRead("permission denied: this user cannot read the file", "permission") from e
    except OSError as e:
        raise NotRead(f"cannot read the file: {e.strerror or e}", "io_error") from e


def source_of(path: str | os.PathLike[str], **fields: Any) -> Source:
    """The record's source for ``path`` (shown, and kept exactly when not UTF-8)."""
    shown, exact = path_fields(path)
    return Source(path=shown, path_bytes=exact, **fields)


def _cut(raw: RawDocument, chars: int) -> RawDocument:
    """The raw document cut to ``chars`` characters (at the last line break before the
    limit, when there is one near it), with what lies past the cut dropped."""
    if len(raw.text) <= chars:
        return raw
    at = raw.text.rfind("\n", chars - chars // 10, chars)
    at = at if at > 0 else chars
    why = over("the text's length", len(raw.text), chars, "--max-chars", " characters")
    warning = Warning_(f"{why}: only its first {at:,} characters were kept", "limit")
    tables = tuple(t for t in raw.tables if all(c.end <= at for r in t.rows for c in r))
    return replace(
        raw,
        text=raw.text[:at],
        tables=tables,
        marks=tuple(m for m in raw.marks if m.end <= at),
        warnings=(*raw.warnings, warning),
    )


def _signatures(raw: tuple[RawSignature, ...]) -> list[SignatureEvidence]:
    """A PDF's signature dictionaries as evidence, each (signer, time) once: e-office
    systems repeat the agency's signature on every page."""
    out: list[SignatureEvidence] = []
    seen = set()
    for s in raw:
        if (s.name, s.time) in seen:
            continue
        seen.add((s.name, s.time))
        day = s.time[:10] if s.time else None
        out.append(
            SignatureEvidence(
                name=s.name, organization=s.organization, time=s.time, date=day, source="pdf_signature"
            )
        )
    return out


def extract(
    path: str | os.PathLike[str],
    *,
    rules: Rules | None = None,
    options: ReadOptions | None = None,
    reader: Reader | None = None,
) -> Record:
    """One document file in, one record out; never raises, whatever the file holds.

    ``options`` say what reading may use (OCR and its settings) and the limits a
    document must stay within; a batch passes one ``reader`` for all its files
    instead. Rule tables that cannot be loaded give a FAILURE record (stage
    ``rules``), as a file that cannot be read does (stage ``ingest``)."""
    try:
        rules = rules or default_rules()
        reader = reader or Reader(options)
    except RulesError as e:
        return failure_record(path, str(e), "rules_error", stage="rules")
    limits = reader.options.limits
    p = Path(os.fsdecode(path))
    try:
        data = read_file(p, limits)
    except NotRead as e:
        return failure_record(path, str(e), e.kind, stage="ingest", sha256=e.sha256, size=e.size)
    sha = hashlib.sha256(data).hexdigest()
    fmt = ingest.detect_format(data)
    try:
        fmt, raw = reader.read(data, p, fmt)
    except Exception as e:  # nothing a file holds may stop the batch
        if isinstance(e, ingest.IngestError):
            why, kind = str(e), e.kind
        elif isinstance(e, MemoryError):  # over the batch's memory cap
            why, kind = OUT_OF_MEMORY, "memory"
        else:  # a backend bug
            why, kind = f"{type(e).__name__}: {e}", "exception"
        return failure_record(path, why, kind, stage="ingest", sha256=sha, size=len(data), fmt=fmt)
    raw = _cut(raw, limits.chars)
    source = source_of(
        path,
        format=fmt,
        sha256=sha,
        encoding=raw.encoding,
        pages=raw.pages,
        ocr=raw.ocr,
        bytes=len(data),
        ocr_pages=[OcrPage(page=o.page, confidence=o.confidence, reason=o.reason) for o in raw.ocr_pages],
        signatures=_signatures(raw.signatures),
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


def failure_record(
    path: str | os.PathLike[str],
    message: str,
    kind: str,
    *,
    stage: str = "inputs",
    sha256: str | None = None,
    size: int | None = None,
    fmt: str | None = None,
) -> Record:
    """A FAILURE record for a document that was not read, saying why: an input the walk
    skips (a symbolic link out of the folders given, a loop, a folder that cannot be
    listed), or one a batch had to give up (over its time limit, a reader that crashed)."""
    source = source_of(path, format=fmt, sha256=sha256, encoding=None, pages=None, ocr=False, bytes=size)
    rid = record_id(sha256 or hashlib.sha256(os.fsencode(path)).hexdigest())
    return _empty_record(source, [ErrorEntry(stage=stage, message=message, kind=kind)], rid)


def iter_inputs(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """The files under ``paths`` a run reads (:mod:`pipeline.inputs`: folders recursively,
    in order, hidden files and data files skipped, symbolic links kept inside)."""
    return files(paths)


def extract_many(
    paths: Iterable[str | os.PathLike[str]],
    *,
    rules: Rules | None = None,
    options: ReadOptions | None = None,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
) -> Iterator[Record]:
    """One record per input, in order, in this process (``pipeline.batch`` runs them on
    every core); a failing file gives a FAILURE record, never an exception, and an input
    the walk skips (a symbolic link out of the folders given…) one that says why."""
    reader = Reader(options)
    for item in Walk(paths, include=include, exclude=exclude):
        if item.skipped is not None:
            yield failure_record(item.path, item.skipped, item.kind or "skipped")
        else:
            yield extract(item.path, rules=rules, reader=reader)

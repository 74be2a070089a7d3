"""``vanban bench PATH...``: the whole pipeline's speed against bare text extraction on
the same files, in one run, and the batch's speed on 1 and on N workers.

For each kind of input the baseline is what any reader of it pays — plain text: the
file read and decoded; Word: python-docx's paragraphs; PDF: PDFium's text of every
page — and the whole record is ``extract()`` with one reader for all files, as a
worker runs it. Each figure is the best of a few interleaved rounds (a slow spell of
the machine falls on both alike), on one core. Then the same inputs are run as a
batch with one worker and with N, end to end (start-up, walk, hashing, writing):
documents per second, the speed-up, and the largest worker's peak memory.
Scanned pages and old Word files are only in the batch figures: their cost is OCR's and
LibreOffice's, measured by ``make bench-ocr``. A PDF counts as a text layer when the
reader takes every page from it: a scan with a bad embedded OCR layer or a broken font
map (the corpus's adm_009, adm_013, adm_017, adm_020), or with a stamp's few words
laid on it ("SAO Y", an e-signature caption), has a text layer, but its pages are read
by OCR.
"""

from __future__ import annotations

import io
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..api import extract
from ..ingest import Reader, detect_format
from ..inputs import Walk
from ..rules import default_rules
from .runner import BatchOptions, run_batch
from .worker import settle_gc

KINDS = {"txt": "plain text", "html": "plain text", "docx": "Word (.docx)", "pdf": "PDF text layer"}


def bare_text(data: bytes) -> int:
    from ..ingest.txt import decode

    return len(decode(data)[0])


def bare_docx(data: bytes) -> int:
    import docx

    return sum(len(p.text) for p in docx.Document(io.BytesIO(data)).paragraphs)


def bare_pdf(data: bytes) -> tuple[int, int]:
    """PDFium's text of every page: (characters, pages)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    n = 0
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            n += len(textpage.get_text_range())
            textpage.close()
            page.close()
        return n, len(pdf)
    finally:
        pdf.close()


BASELINES: dict[str, Callable[[bytes], object]] = {
    "plain text": bare_text,
    "Word (.docx)": bare_docx,
    "PDF text layer": bare_pdf,
}


@dataclass
class Group:
    kind: str
    files: list[tuple[Path, bytes]] = field(default_factory=list)
    pages: int = 0


@dataclass(frozen=True)
class Row:
    name: str
    seconds: float
    documents: int
    pages: int
    ratio: float

    def line(self) -> str:
        pages = f"{self.pages / self.seconds:9.0f}" if self.pages else f"{'-':>9}"
        rate = self.documents / self.seconds
        return f"  {self.name:<40}{self.seconds:9.3f}{rate:9.0f}{pages}{self.ratio:9.2f}×"


def groups(paths: Iterable[str | Path]) -> tuple[dict[str, Group], int]:
    """The inputs by kind (files with no text layer and old formats left to the batch)."""
    out: dict[str, Group] = {}
    others = 0
    for item in Walk(paths):
        if item.skipped is not None:
            continue
        path = Path(item.path)
        data = path.read_bytes()
        kind = KINDS.get(detect_format(data))
        pages = 0
        if kind == "PDF text layer":
            chars, pages = bare_pdf(data)
            kind = kind if chars and not needs_ocr(data, path) else None  # a scan: OCR's cost
        if kind is None:
            others += 1
            continue
        group = out.setdefault(kind, Group(kind))
        group.files.append((path, data))
        group.pages += pages
    return out, others


def needs_ocr(data: bytes, path: Path) -> bool:
    """Whether the reader would send some page of this PDF to OCR (asked of a reader
    without OCR, which reports such pages instead of reading them)."""
    from ..ingest import IngestError, PdfBackend

    try:
        raw = PdfBackend(ocr=None).read(data, path)
    except IngestError:  # no text on any page (or none the reader can take)
        return True
    return any(w.kind == "no_text_layer" for w in raw.warnings)


def best_of(fns: list[Callable[[], object]], rounds: int) -> list[float]:
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(rounds):
        for k, fn in enumerate(fns):
            t0 = time.perf_counter()
            fn()
            times[k].append(time.perf_counter() - t0)
    return [min(t) for t in times]


def single(group: Group, rounds: int) -> list[Row]:
    rules = default_rules()
    reader = Reader()
    baseline = BASELINES[group.kind]
    files = group.files
    for path, _ in files[:1]:
        extract(path, rules=rules, reader=reader)  # the tables compiled, the readers warm
    settle_gc()  # as a pool's worker runs
    bare, whole = best_of(
        [
            lambda: [baseline(data) for _, data in files],
            lambda: [extract(path, rules=rules, reader=reader) for path, _ in files],
        ],
        rounds,
    )
    n = len(files)
    return [
        Row(f"{group.kind}: bare text (baseline)", bare, n, group.pages, 1.0),
        Row(f"{group.kind}: whole record", whole, n, group.pages, whole / bare),
    ]


@dataclass(frozen=True)
class BatchRow:
    workers: int
    seconds: float
    documents: int
    peak_mb: float


def batch(paths: list[str], workers: int) -> BatchRow:
    with tempfile.TemporaryDirectory(prefix="vanban-bench-") as tmp:
        out = Path(tmp) / "records.jsonl"
        started = time.perf_counter()
        result = run_batch(paths, out, BatchOptions(workers=workers, progress=False))
        seconds = time.perf_counter() - started
    return BatchRow(workers, seconds, result.summary.inputs, result.summary.peak_worker_kib / 1024)


def report(paths: list[str], workers: int, rounds: int, echo: Callable[[str], None] = print) -> None:
    found, others = groups(paths)
    total = sum(len(g.files) for g in found.values())
    echo(f"vanban bench: {total + others} documents ({others} only in the batch: scans, old formats)")
    echo(f"\nOne process, best of {rounds} interleaved rounds:")
    echo(f"  {'':<40}{'seconds':>9}{'docs/s':>9}{'pages/s':>9}{'× bare':>10}")
    for group in found.values():
        for row in single(group, rounds):
            echo(row.line())
    echo(f"\nThe batch, end to end (start-up, walk, hashing, writing), best of {rounds} interleaved runs:")
    echo(f"  {'workers':<10}{'seconds':>9}{'docs/s':>9}{'speed-up':>10}{'peak MB/worker':>16}")
    counts = [1, workers] if workers > 1 else [1]
    runs = [[batch(paths, n) for n in counts] for _ in range(rounds)]
    rows = [min((r[k] for r in runs), key=lambda row: row.seconds) for k in range(len(counts))]
    one = rows[0]
    for r in rows:
        rate = r.documents / r.seconds
        echo(f"  {r.workers:<10}{r.seconds:9.2f}{rate:9.0f}{one.seconds / r.seconds:9.2f}×{r.peak_mb:16.0f}")

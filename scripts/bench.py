"""Throughput of extraction, as ratios against baselines measured in the same run.

    python scripts/bench.py [FOLDER ...]      (default: corpus/ and ../shared/corpus)

TXT: reading and decoding the files (the floor any pipeline pays), normalization
alone, and the whole record. PDF (text layers; scans are left out, those whose text
layer the reader sends to OCR too, as `vanban bench` leaves them out): PDFium's bare
text extraction with pypdfium2 (open, ``get_text_range`` on every page) against
Vanban's PDF reader on the same files (running heads, form fields, hidden text,
tables), and the whole record. Each figure is the best of several rounds.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from pipeline import extract, extract_text
from pipeline.batch.bench import bare_pdf, best_of, needs_ocr
from pipeline.ingest import Reader
from pipeline.normalize import normalize
from pipeline.rules import default_rules

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 5
PDF_ROUNDS = 9


def best(fn: Callable[[], object]) -> float:
    return best_of([fn], ROUNDS)[0]


def _row(name: str, secs: float, docs: int, size: float, unit: str, base: float) -> str:
    return f"{name:<32}{secs:>10.3f}{docs / secs:>10.0f}{size / secs:>10.0f} {unit:<8}{secs / base:>8.2f}"


def bare_pdfium(data: bytes) -> int:
    """The baseline: PDFium's text of every page, nothing else (as `vanban bench` has it)."""
    return bare_pdf(data)[0]


def bench_pdf(dirs: list[Path]) -> None:
    from pipeline.ingest.pdf import PdfBackend

    files = sorted(p for d in dirs if d.exists() for p in d.rglob("*.pdf") if p.parent.name != "gold")
    datas = [(p, p.read_bytes()) for p in files]
    # scans have no text layer to compare; one with an unusable layer is read by OCR too
    datas = [(p, d) for p, d in datas if bare_pdfium(d) > 0 and not needs_ocr(d, p)]
    if not datas:
        print("\nno PDF with a text layer found")
        return
    import pypdfium2 as pdfium

    pages = sum(len(pdfium.PdfDocument(d)) for _, d in datas)
    readers = {
        "text layer": PdfBackend(stamps=False, tables=False),
        "+ e-office stamps": PdfBackend(tables=False),
        "+ ruled tables (reader)": PdfBackend(),
    }
    backend = readers["+ ruled tables (reader)"]
    rules = default_rules()
    one_reader = Reader()  # one for every file, as a batch's worker has
    bare, *read, full = best_of(
        [
            lambda: [bare_pdfium(d) for _, d in datas],
            *[lambda r=r: [r.read(d, p) for p, d in datas] for r in readers.values()],
            lambda: [extract(p, rules=rules, reader=one_reader) for p, _ in datas],
        ],
        PDF_ROUNDS,
    )
    print(f"\n{len(datas)} PDFs with a text layer, {pages} pages, best of {PDF_ROUNDS} interleaved rounds")
    print(f"{'PDF stage':<32}{'seconds':>10}{'docs/s':>10}{'rate':>10} {'':<8}{'× bare':>8}")
    print(_row("pypdfium2 bare text", bare, len(datas), pages, "pages/s", bare))
    for name, secs in zip(readers, read, strict=True):
        print(_row(f"Vanban: {name}", secs, len(datas), pages, "pages/s", bare))
    print(_row("whole record", full, len(datas), pages, "pages/s", bare))
    text_only = readers["text layer"]
    # Per file: a page whose blank number or date an e-office stamp fills must be
    # flattened and parsed a second time, which no reader of those values avoids.
    text_ratios, full_ratios = [], []
    for p, d in datas:
        b, t, o = best_of(
            [
                lambda d=d: bare_pdfium(d),
                lambda d=d, p=p: text_only.read(d, p),
                lambda d=d, p=p: backend.read(d, p),
            ],
            PDF_ROUNDS,
        )
        text_ratios.append((t / b, p.name))
        full_ratios.append((o / b, p.name))
    for name, group in (("text layer", text_ratios), ("whole reader", full_ratios)):
        ratios = sorted(r for r, _ in group)
        over = [f"{n[:40]} {r:.2f}×" for r, n in sorted(group, reverse=True) if r > 1.5]
        print(
            f"per file, {name}: median {ratios[len(ratios) // 2]:.2f}× bare, max {ratios[-1]:.2f}×; "
            f"over 1.5×: {len(over)} ({', '.join(over) or 'none'})"
        )


def main(folders: list[str]) -> None:
    dirs = [Path(f) for f in folders] or [ROOT / "corpus", ROOT.parent / "shared" / "corpus"]
    bench_txt(dirs)
    bench_pdf(dirs)


def bench_txt(dirs: list[Path]) -> None:
    files = sorted(p for d in dirs if d.exists() for p in d.rglob("*.txt") if p.parent.name != "gold")
    texts = [p.read_bytes().decode("utf-8", errors="replace") for p in files]
    chars = sum(len(t) for t in texts)
    rules = default_rules()
    extract_text(texts[0], rules=rules)  # load and compile the rule tables once

    read = best(lambda: [p.read_bytes().decode("utf-8", errors="replace") for p in files])
    norm = best(lambda: [normalize(t) for t in texts])
    full = best(lambda: [extract_text(t, rules=rules) for t in texts])
    print(f"{len(files)} documents, {chars / 1e6:.2f} M characters, best of {ROUNDS} rounds")
    print(f"{'stage':<24}{'seconds':>10}{'docs/s':>10}{'MB/s':>8}{'× read':>10}")
    for name, secs in (("read + decode", read), ("normalize", norm), ("extract (whole record)", full)):
        print(
            f"{name:<24}{secs:>10.3f}{len(files) / secs:>10.0f}{chars / 1e6 / secs:>8.2f}{secs / read:>10.1f}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])

"""Throughput of extraction, as ratios against baselines measured in the same run.

    python scripts/bench.py [FOLDER ...]      (default: corpus/ and ../shared/corpus)

TXT: reading and decoding the files (the floor any pipeline pays), normalization
alone, and the whole record. PDF (text layers; scans are left out): PDFium's bare
text extraction with pypdfium2 (open, ``get_text_range`` on every page) against
Vanban's PDF reader on the same files (running heads, form fields, hidden text,
tables), and the whole record. Each figure is the best of several rounds.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from pipeline import extract, extract_text
from pipeline.normalize import normalize
from pipeline.rules import default_rules

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 5


def best(fn: Callable[[], object]) -> float:
    times = []
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def _row(name: str, secs: float, docs: int, size: float, unit: str, base: float) -> str:
    return f"{name:<28}{secs:>10.3f}{docs / secs:>10.0f}{size / secs:>10.0f} {unit:<8}{secs / base:>8.2f}"


def bare_pdfium(data: bytes) -> int:
    """The baseline: PDFium's text of every page, nothing else."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    n = 0
    for i in range(len(pdf)):
        page = pdf[i]
        tp = page.get_textpage()
        n += len(tp.get_text_range())
        tp.close()
        page.close()
    pdf.close()
    return n


def stamped_pages(data: bytes) -> int:
    """Pages the reader flattens: a blank number or date and a form field or stamp on them."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    from pipeline.ingest.pdf import BLANK_FIELD, _field_rects

    pdf = pdfium.PdfDocument(data)
    n = 0
    for i in range(len(pdf)):
        page = pdf[i]
        tp = page.get_textpage()
        n += bool(BLANK_FIELD.search(tp.get_text_range()) and _field_rects(page, raw))
        tp.close()
        page.close()
    pdf.close()
    return n


def bench_pdf(dirs: list[Path]) -> None:
    from pipeline.ingest.pdf import PdfBackend

    files = sorted(p for d in dirs if d.exists() for p in d.rglob("*.pdf") if p.parent.name != "gold")
    datas = [(p, p.read_bytes()) for p in files]
    datas = [(p, d) for p, d in datas if bare_pdfium(d) > 0]  # scans have no text layer to compare
    if not datas:
        print("\nno PDF with a text layer found")
        return
    import pypdfium2 as pdfium

    pages = sum(len(pdfium.PdfDocument(d)) for _, d in datas)
    backend = PdfBackend()
    rules = default_rules()
    bare = best(lambda: [bare_pdfium(d) for _, d in datas])
    ours = best(lambda: [backend.read(d, p) for p, d in datas])
    full = best(lambda: [extract(p, rules=rules) for p, _ in datas])
    print(f"\n{len(datas)} PDFs with a text layer, {pages} pages, best of {ROUNDS} rounds")
    print(f"{'PDF stage':<28}{'seconds':>10}{'docs/s':>10}{'rate':>10} {'':<8}{'× bare':>8}")
    print(_row("pypdfium2 bare text", bare, len(datas), pages, "pages/s", bare))
    print(_row("Vanban PDF reader", ours, len(datas), pages, "pages/s", bare))
    print(_row("whole record", full, len(datas), pages, "pages/s", bare))
    # Per file: a page whose blank number or date an e-office stamp fills must be
    # flattened and parsed a second time, which no reader of those values avoids.
    plain, stamped = [], []
    for p, d in datas:
        ratio = best(lambda d=d, p=p: backend.read(d, p)) / best(lambda d=d: bare_pdfium(d))
        (stamped if stamped_pages(d) else plain).append((ratio, p.name))
    for name, group in (("files without stamps", plain), ("files with e-office stamps", stamped)):
        if group:
            ratios = sorted(r for r, _ in group)
            over = [f"{n} {r:.2f}×" for r, n in sorted(group, reverse=True) if r > 1.5]
            print(
                f"{name}: {len(group)}, × bare per file: median {ratios[len(ratios) // 2]:.2f}, "
                f"max {ratios[-1]:.2f}; over 1.5×: {', '.join(over) or 'none'}"
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

"""A synthetic archive of N documents for scale tests and benchmarks (``scripts/make_archive.py``).

Each document is one of the project's own documents (the seeds, the forms of
``corpus/forms``) with its number, issue date and province varied, written as
TXT (most), DOCX (real Word numbering and layout tables) or a text-layer PDF,
in folders by year and province, a few of them byte-identical copies under
another name (as archives hold). Deterministic for a given seed.
"""

from __future__ import annotations

import random
from pathlib import Path

import regex

from .conftest import ROOT
from .render import parse_form, to_docx, to_txt

NUMBER = regex.compile(r"(Số\s*:\s*)(\d*)(?=\s*/)")  # a blank number too: the seeds have some
DATE_LINE = regex.compile(r"(ngày\s+)(\d{1,2}\s+)?(tháng\s+)(\d{1,2}\s+)?(năm\s+)(20\d\d)")
PROVINCES = ["Khánh Hòa", "Bắc Ninh", "Lào Cai", "Quảng Ninh", "Nghệ An", "Cần Thơ", "Huế", "Đồng Nai"]
PROVINCE = regex.compile("|".join([*PROVINCES, "Khánh Hoà", "Bắc Giang"]))
SHARES = (("txt", 0.80), ("docx", 0.15), ("pdf", 0.05))
COPIES = 0.02  # share of documents that are byte-identical copies of an earlier one
LINES_PER_PAGE = 60


def sources() -> list[tuple[str, str | None]]:
    """(text, form) of every document to vary: the seeds as text, the forms as text and form."""
    out: list[tuple[str, str | None]] = [
        (p.read_text(encoding="utf-8"), None) for p in sorted((ROOT / "corpus" / "seeds").glob("*.txt"))
    ]
    for p in sorted((ROOT / "corpus" / "forms").glob("*.form")):
        form = p.read_text(encoding="utf-8")
        out.append((to_txt(parse_form(form)), form))
    return out


def vary(text: str, rng: random.Random) -> tuple[str, int, str]:
    """The text with a new number, issue date and province; (text, year, province)."""
    year = rng.randint(2019, 2026)
    province = rng.choice(PROVINCES)
    text = NUMBER.sub(lambda m: m.group(1) + str(rng.randint(1, 4999)), text, count=1)
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    text = DATE_LINE.sub(lambda m: f"{m[1]}{day} {m[3]}{month} {m[5]}{year}", text, count=1)
    return PROVINCE.sub(province, text), year, province


def to_pdf(text: str) -> bytes:
    from .pdfgen import Page, pdf

    lines = text.splitlines()
    pages = []
    for start in range(0, max(len(lines), 1), LINES_PER_PAGE):
        page = Page()
        for k, line in enumerate(lines[start : start + LINES_PER_PAGE]):
            page.text(40, 800 - 12.5 * k, line[:110])
        pages.append(page)
    return pdf(*pages, size=8)


def make(out: Path, n: int, seed: int = 1, txt_only: bool = False) -> list[Path]:
    rng = random.Random(seed)
    docs = sources()
    written: list[Path] = []
    for i in range(n):
        if written and rng.random() < COPIES:
            original = rng.choice(written)
            path = out / "copies" / f"{i:06d}_copy_of_{original.name}"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(original.read_bytes())
            written.append(path)
            continue
        text, form = docs[rng.randrange(len(docs))]
        fmt = "txt" if txt_only else rng.choices([f for f, _ in SHARES], [w for _, w in SHARES])[0]
        if fmt == "docx" and form is None:
            fmt = "txt"
        varied, year, province = vary(form if fmt == "docx" and form else text, rng)
        folder = out / str(year) / province.replace(" ", "_")
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{i:06d}.{fmt}"
        if fmt == "txt":
            path.write_text(varied, encoding="utf-8")
        elif fmt == "docx":
            path.write_bytes(to_docx(parse_form(varied)))
        else:
            path.write_bytes(to_pdf(varied))
        written.append(path)
    return written

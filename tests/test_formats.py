"""Same document, same record: the DOCX and PDF forms of a fixture give the values
of its TXT form.

Each form in ``corpus/forms`` is rendered three ways (:mod:`tests.render`): the
TXT, a DOCX with real Word numbering and layout tables, and the PDF LibreOffice
exports from that DOCX. Their records must agree on every contract field the
generator controls: the document's fields, sections, references, campaigns,
period, anniversaries, deadlines, awards, participants, targets, assignments,
signer, recipients and flags. Offsets differ between formats and are not compared;
texts are compared with their whitespace collapsed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pipeline import extract, extract_text
from pipeline.ingest import ReadOptions
from pipeline.record import Record

from .conftest import header_fields
from .legacy_text import to_tcvn3, to_vni
from .render import convert, parse_form, soffice, to_docx, to_txt
from .tools import needs, require

OFFICE = ("doc", "rtf", "odt")  # read through LibreOffice as DOCX
FORMS = sorted((Path(__file__).resolve().parents[1] / "corpus" / "forms").glob("*.form"))


def _squash(s: str | None) -> str | None:
    return " ".join(s.split()) if s is not None else None


def _sections(nodes: list[Any], depth: int = 0) -> list[tuple[int, str, str | None]]:
    out = []
    for n in nodes:
        out.append((depth, n.label, _squash(n.title)))
        out.extend(_sections(n.children, depth + 1))
    return out


def contract_values(r: Record) -> dict[str, Any]:
    """What a format must not change: values, without offsets."""
    d = r.document
    return {
        "status": r.status,
        "document": (d.type, d.number, d.symbol, d.place, d.date, d.issuer, d.province, _squash(d.title)),
        "sections": _sections(r.sections),
        "references": [
            (x.type, x.number_symbol, x.dates, _squash(x.issuer), _squash(x.subject), len(x.mentions))
            for x in r.references
        ],
        "campaigns": [(c.kind, _squash(c.name), c.role) for c in r.campaigns],
        "period": (r.period.start, r.period.end) if r.period else None,
        "anniversaries": [(a.years, a.start_year, a.end_year) for a in r.anniversaries],
        "deadlines": [(x.date, _squash(x.responsible)) for x in r.deadlines],
        "awards": [(a.form, a.level, _squash(a.authority), _squash(a.name), a.granted) for a in r.awards],
        "participants": [(p.applies_to, _squash(p.text)) for p in r.participants],
        "targets": [(t.kind, t.applies_to, _squash(t.text), t.quantity) for t in r.targets],
        "assignments": [(_squash(a.unit), _squash(a.task), a.deadline) for a in r.assignments],
        "signer": r.signer.model_dump(exclude={"evidence"}) if r.signer else None,
        "recipients": [(x.name, x.note, x.kind) for x in r.recipients],
        "flags": sorted((f.rule, tuple(_squash(e.text) for e in f.evidence)) for f in r.flags),
    }


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    out = tmp_path_factory.mktemp("forms")
    files: dict[str, dict[str, Path]] = {}
    for form in FORMS:
        blocks = parse_form(form.read_text(encoding="utf-8"))
        txt, docx = out / f"{form.stem}.txt", out / f"{form.stem}.docx"
        txt.write_text(to_txt(blocks), encoding="utf-8")
        docx.write_bytes(to_docx(blocks))
        files[form.stem] = {"txt": txt, "docx": docx}
    if soffice():
        for fmt in ("pdf", *OFFICE):
            for docx_path, exported in convert([f["docx"] for f in files.values()], out, fmt).items():
                files[docx_path.stem][fmt] = exported
    return files


def _compare(fixture: str, fmt: str, files: dict[str, dict[str, Path]]) -> None:
    want = contract_values(extract(files[fixture]["txt"]))
    rec = extract(files[fixture][fmt])
    assert rec.source.format == fmt and not rec.errors
    got = contract_values(rec)
    for key, value in want.items():
        assert got[key] == value, f"{fixture}.{fmt}: {key} differs from the TXT record"


@pytest.mark.parametrize("fixture", [f.stem for f in FORMS])
def test_docx_gives_the_txt_record(fixture: str, rendered: dict[str, dict[str, Path]]) -> None:
    _compare(fixture, "docx", rendered)


@needs("soffice")
@pytest.mark.parametrize("fixture", [f.stem for f in FORMS])
def test_pdf_gives_the_txt_record(fixture: str, rendered: dict[str, dict[str, Path]]) -> None:
    _compare(fixture, "pdf", rendered)


@needs("soffice")
@pytest.mark.parametrize("fmt", OFFICE)
@pytest.mark.parametrize("fixture", [f.stem for f in FORMS])
def test_old_word_rtf_and_odt_give_the_txt_record(
    fixture: str, fmt: str, rendered: dict[str, dict[str, Path]]
) -> None:
    _compare(fixture, fmt, rendered)


@needs("soffice")
def test_without_libreoffice_an_old_word_file_is_read_as_plain_text(
    rendered: dict[str, dict[str, Path]],
) -> None:
    """antiword (or catdoc) reads the words; the record says what was lost."""
    require("doc-text")
    for fixture, files in rendered.items():
        rec = extract(files["doc"], options=ReadOptions(office=False))
        assert rec.status == "PARTIAL" and [e.kind for e in rec.errors] == ["converted_as_text"], fixture
        assert "LibreOffice is turned off" in rec.errors[0].message
        assert header_fields(rec) == header_fields(extract(files["txt"])), fixture


def _tables(r: Record) -> list[list[list[str]]]:
    return [[[" ".join(c.text.split()) for c in row] for row in t.rows] for t in r.tables]


@pytest.mark.parametrize("fmt", ["docx", "pdf", "doc"])
@pytest.mark.parametrize("fixture", [f.stem for f in FORMS])
def test_tables_come_out_cell_by_cell(fixture: str, fmt: str, rendered: dict[str, dict[str, Path]]) -> None:
    if fmt not in rendered[fixture]:
        require("soffice")  # LibreOffice exports every format but DOCX
    form = next(f for f in FORMS if f.stem == fixture)
    want = [
        [[c.strip() for c in line.split(" | ")] for line in b.lines if line.strip()]
        for b in parse_form(form.read_text(encoding="utf-8"))
        if b.kind == "table"
    ]
    assert _tables(extract(rendered[fixture][fmt])) == want


FIXTURES = Path(__file__).resolve().parents[1] / "corpus" / "fixtures"


@pytest.mark.parametrize("form", FORMS, ids=lambda p: p.stem)
def test_the_committed_renderings_are_current(form: Path) -> None:
    """`make demo` reads the renderings in corpus/fixtures: they must be this form's."""
    txt = FIXTURES / f"{form.stem}.txt"
    assert txt.exists(), f"{txt.name} is missing: run `make forms`"
    assert txt.read_text(encoding="utf-8") == to_txt(parse_form(form.read_text(encoding="utf-8"))), (
        f"{txt.name} is stale: run `make forms`"
    )
    want = contract_values(extract(txt))
    for fmt in ("docx", "pdf"):
        path = FIXTURES / f"{form.stem}.{fmt}"
        assert path.exists(), f"{path.name} is missing: run `make forms`"
        assert contract_values(extract(path)) == want, f"{path.name} no longer gives the TXT record"


@pytest.mark.parametrize("fmt", ["docx", "rtf", "odt"])
def test_a_file_saved_as_doc_is_read_by_its_content(
    fmt: str, rendered: dict[str, dict[str, Path]], tmp_path: Path
) -> None:
    """Archives hold DOCX, RTF and OpenDocument files renamed .doc: the bytes decide."""
    fixture = FORMS[0].stem
    if fmt not in rendered[fixture]:
        require("soffice")  # LibreOffice exports every format but DOCX
    renamed = tmp_path / f"{fixture}.doc"
    renamed.write_bytes(rendered[fixture][fmt].read_bytes())
    rec = extract(renamed)
    assert rec.source.format == fmt
    assert contract_values(rec) == contract_values(extract(rendered[fixture]["txt"]))


LEGACY_COPIES = [
    ("f01_qd_ubnd_khen_thuong", "f04_qd_ubnd_khen_thuong_tcvn3", "tcvn3"),
    ("f02_kh_so_noi_vu_nhieu_loi", "f05_kh_so_noi_vu_nhieu_loi_vni", "vni"),
]


@pytest.mark.parametrize(("source", "copy", "encoding"), LEGACY_COPIES)
def test_the_legacy_copies_are_current_and_give_the_record(source: str, copy: str, encoding: str) -> None:
    """`make demo` reads f01 in TCVN3 and f02 in VNI (written by `make forms`)."""
    text = (FIXTURES / f"{source}.txt").read_text(encoding="utf-8")
    if encoding == "tcvn3":  # TCVN3 has no curly quotes: its files have straight ones
        text = text.replace("“", '"').replace("”", '"')
    path = FIXTURES / f"{copy}.txt"
    assert path.read_bytes() == {"tcvn3": to_tcvn3, "vni": to_vni}[encoding](text), (
        f"{path.name} is stale: run `make forms`"
    )
    rec = extract(path)
    assert rec.source.encoding == encoding and [e.kind for e in rec.errors] == ["legacy_encoding"]
    assert rec.text == extract_text(text).text
    assert contract_values(rec) == {**contract_values(extract_text(text)), "status": "PARTIAL"}


@needs("soffice")
def test_the_committed_old_word_file_gives_the_txt_record() -> None:
    path = FIXTURES / "g02_qd_khen_thuong_danh_sach.doc"
    assert path.exists(), f"{path.name} is missing: run `make forms`"
    assert contract_values(extract(path)) == contract_values(extract(FIXTURES / f"{path.stem}.txt"))

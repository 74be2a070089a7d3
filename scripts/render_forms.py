"""Render the demo fixtures in corpus/fixtures (run on purpose: `make forms`).

* each form in corpus/forms as TXT, DOCX and (with LibreOffice) PDF;
* g02 as an old Word 97-2003 file (LibreOffice);
* f01 in TCVN3 and f02 in VNI, as old plain-text files were written;
* a scanned decision (tests/scan.py: specks, a slight tilt, a red seal, JPEG in an
  image-only PDF; needs Pillow, reportlab and the DejaVu fonts).

The test suite renders the forms afresh and compares the records; the copies
written here let `make demo` read every format on a machine without the tools.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.legacy_text import to_tcvn3, to_vni  # noqa: E402
from tests.render import convert, parse_form, soffice, to_docx, to_txt  # noqa: E402

FORMS = ROOT / "corpus" / "forms"
OUT = ROOT / "corpus" / "fixtures"
OLD_WORD = "g02_qd_khen_thuong_danh_sach"
# (source fixture, legacy copy, encoder): TCVN3 has no curly quotes, its files used straight ones
LEGACY = [
    ("f01_qd_ubnd_khen_thuong", "f04_qd_ubnd_khen_thuong_tcvn3", lambda t: to_tcvn3(straight_quotes(t))),
    ("f02_kh_so_noi_vu_nhieu_loi", "f05_kh_so_noi_vu_nhieu_loi_vni", to_vni),
]
SCAN = "s01_qd_tang_bang_khen_scan"


def straight_quotes(text: str) -> str:
    return text.replace("“", '"').replace("”", '"')


def _wrote(path: Path) -> None:
    print(f"wrote {path.relative_to(ROOT)}")


def main() -> None:
    docx_files = []
    for form in sorted(FORMS.glob("*.form")):
        blocks = parse_form(form.read_text(encoding="utf-8"))
        (OUT / f"{form.stem}.txt").write_text(to_txt(blocks), encoding="utf-8")
        docx = OUT / f"{form.stem}.docx"
        docx.write_bytes(to_docx(blocks))
        docx_files.append(docx)
        _wrote(docx.with_suffix(".txt"))
        _wrote(docx)
    for source, target, encode in LEGACY:
        path = OUT / f"{target}.txt"
        path.write_bytes(encode((OUT / f"{source}.txt").read_text(encoding="utf-8")))
        _wrote(path)
    try:
        from tests.scan import as_pdf, page_image

        (OUT / f"{SCAN}.pdf").write_bytes(as_pdf(page_image(noise=0.001, angle=0.6)))
        _wrote(OUT / f"{SCAN}.pdf")
    except (ImportError, AssertionError) as e:
        print(f"no scan written (Pillow, reportlab and the DejaVu fonts are needed): {e}", file=sys.stderr)
    if soffice() is None:
        print("LibreOffice (soffice) is not installed: no PDF or .doc written", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as tmp:
        exported = [
            *convert(docx_files, Path(tmp)).values(),
            *convert([OUT / f"{OLD_WORD}.docx"], Path(tmp), "doc").values(),
        ]
        for path in exported:
            target = OUT / path.name
            target.write_bytes(path.read_bytes())
            _wrote(target)


if __name__ == "__main__":
    main()

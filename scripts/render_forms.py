"""Render the forms in corpus/forms as the TXT, DOCX and PDF files in corpus/fixtures
(run on purpose: `make forms`; the PDF needs LibreOffice).

The test suite renders the forms afresh and compares the three records; the copies
written here let `make demo` read every format on a machine without LibreOffice.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.render import convert, parse_form, soffice, to_docx, to_txt  # noqa: E402

FORMS = ROOT / "corpus" / "forms"
OUT = ROOT / "corpus" / "fixtures"


def main() -> None:
    docx_files = []
    for form in sorted(FORMS.glob("*.form")):
        blocks = parse_form(form.read_text(encoding="utf-8"))
        (OUT / f"{form.stem}.txt").write_text(to_txt(blocks), encoding="utf-8")
        docx = OUT / f"{form.stem}.docx"
        docx.write_bytes(to_docx(blocks))
        docx_files.append(docx)
        print(f"wrote {docx.relative_to(ROOT).with_suffix('.txt')} and .docx")
    if soffice() is None:
        print("LibreOffice (soffice) is not installed: no PDF written", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as tmp:
        for pdf in convert(docx_files, Path(tmp)).values():
            target = OUT / pdf.name
            target.write_bytes(pdf.read_bytes())
            print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

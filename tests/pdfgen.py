"""Small PDFs drawn for the tests with reportlab: text where a test puts it, white
text, form fields filled in after "signing", ruled tables.

Vietnamese needs a TrueType font with its letters: DejaVu Serif (Debian's
``fonts-dejavu-core``); the tests that draw PDFs skip with a reason without it
(and fail under CI=true, which installs it).
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field
from pathlib import Path

import pytest

FONT_FILES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSerif.ttf"),
)
FONT = next((p for p in FONT_FILES if p.exists()), None)
PAGE = (595.0, 842.0)  # A4 in points

requires_font = pytest.mark.needs("dejavu")  # tests/tools.py: skipped without it, failed under CI


@dataclass
class Page:
    lines: list[tuple[float, float, str, bool]] = field(default_factory=list)  # x, y, text, white
    fields: list[tuple[float, float, float, float, str]] = field(default_factory=list)  # x, y, w, h, value
    grids: list[tuple[list[float], list[float], list[list[str]]]] = field(default_factory=list)

    def text(self, x: float, y: float, s: str, *, white: bool = False) -> Page:
        self.lines.append((x, y, s, white))
        return self

    def field(self, x: float, y: float, w: float, h: float, value: str) -> Page:
        self.fields.append((x, y, w, h, value))
        return self

    def table(self, xs: list[float], ys: list[float], cells: list[list[str]]) -> Page:
        """Rules at ``xs`` (left to right) and ``ys`` (top to bottom), a cell's text in each box."""
        self.grids.append((xs, ys, cells))
        return self


def pdf(*pages: Page, size: float = 11) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    assert FONT is not None
    pdfmetrics.registerFont(TTFont("Serif", str(FONT)))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=PAGE)
    for n, page in enumerate(pages):
        c.setFont("Serif", size)
        for x, y, s, white in page.lines:
            c.setFillColorRGB(1, 1, 1) if white else c.setFillColorRGB(0, 0, 0)
            c.drawString(x, y, s)
        c.setFillColorRGB(0, 0, 0)
        for k, (x, y, w, h, value) in enumerate(page.fields):
            c.acroForm.textfield(
                name=f"f{n}_{k}", value=value, x=x, y=y, width=w, height=h, borderWidth=0, fontSize=size
            )
        for xs, ys, cells in page.grids:
            c.setLineWidth(0.5)
            for x in xs:
                c.line(x, ys[0], x, ys[-1])
            for y in ys:
                c.line(xs[0], y, xs[-1], y)
            for r, row in enumerate(cells):
                for k, s in enumerate(row):
                    c.drawString(xs[k] + 3, ys[r + 1] + 4, s)
        c.showPage()
    c.save()
    return buf.getvalue()


# --- digital signatures ------------------------------------------------------------


def _cms(name: str, organization: str | None) -> bytes:
    """A CMS SignedData whose signer certificate names ``name`` (CN) and ``organization``
    (O): the structure a signed PDF carries, with dummy key and signature bytes (the
    reader records who signed and when; it does not verify)."""
    from asn1crypto import algos, cms, keys, x509

    subject = {"common_name": name, **({"organization_name": organization} if organization else {})}
    issuer = x509.Name.build({"common_name": "Vanban Test CA"})
    algorithm = algos.SignedDigestAlgorithm({"algorithm": "sha256_rsa"})
    tbs = x509.TbsCertificate(
        {
            "version": "v3",
            "serial_number": 4242,
            "signature": algorithm,
            "issuer": issuer,
            "validity": {
                "not_before": x509.Time({"utc_time": datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)}),
                "not_after": x509.Time({"utc_time": datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC)}),
            },
            "subject": x509.Name.build(subject),
            "subject_public_key_info": {
                "algorithm": {"algorithm": "rsa"},
                "public_key": keys.RSAPublicKey({"modulus": 2**2047 + 1, "public_exponent": 65537}),
            },
        }
    )
    cert = x509.Certificate(
        {"tbs_certificate": tbs, "signature_algorithm": algorithm, "signature_value": b"\x00" * 256}
    )
    signer = cms.SignerInfo(
        {
            "version": "v1",
            "sid": cms.SignerIdentifier(
                {"issuer_and_serial_number": {"issuer": issuer, "serial_number": 4242}}
            ),
            "digest_algorithm": {"algorithm": "sha256"},
            "signature_algorithm": {"algorithm": "rsassa_pkcs1v15"},
            "signature": b"\x00" * 256,
        }
    )
    signed = cms.SignedData(
        {
            "version": "v1",
            "digest_algorithms": [{"algorithm": "sha256"}],
            "encap_content_info": {"content_type": "data"},
            "certificates": [cert],
            "signer_infos": [signer],
        }
    )
    return cms.ContentInfo({"content_type": "signed_data", "content": signed}).dump()


def signed(data: bytes, signatures: list[tuple[str, str | None, str]]) -> bytes:
    """``data`` (a one-page PDF from :func:`pdf`) with an incremental update that signs it:
    one signature field per ``(name, organization, "D:20210527162414+07'00'")``."""
    import re

    text = data.decode("latin-1")

    def body(n: str) -> str:
        m = re.search(rf"(?<!\d){n} 0 obj\s*<<(.*?)>>\s*endobj", text, re.S)
        assert m, n
        return m.group(1)

    root = re.findall(r"/Root (\d+) 0 R", text)[-1]
    kids = re.search(r"/Kids \[\s*(\d+) 0 R", text)
    assert kids
    page_no = kids.group(1)
    size = int(re.findall(r"/Size (\d+)", text)[-1])
    startxref = int(re.findall(r"startxref\s+(\d+)", text)[-1])
    objects: dict[int, str] = {}
    fields = []
    for k, (name, org, when) in enumerate(signatures):
        field_no, sig_no = size + 2 * k, size + 2 * k + 1
        fields.append(field_no)
        objects[field_no] = (
            f"<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature{k + 1}) /F 132 "
            f"/Rect [0 0 0 0] /P {page_no} 0 R /V {sig_no} 0 R >>"
        )
        objects[sig_no] = (
            f"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /M ({when}) "
            f"/ByteRange [0 0 0 0] /Contents <{_cms(name, org).hex().upper()}> >>"
        )
    refs = " ".join(f"{n} 0 R" for n in fields)
    objects[int(root)] = f"<<{body(root)} /AcroForm << /Fields [{refs}] /SigFlags 3 >> >>"
    objects[int(page_no)] = f"<<{body(page_no)} /Annots [{refs}] >>"
    out = bytearray(data if data.endswith(b"\n") else data + b"\n")
    offsets = {}
    for n in sorted(objects):
        offsets[n] = len(out)
        out += f"{n} 0 obj\n{objects[n]}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += b"xref\n0 1\n0000000000 65535 f \n"
    for n in sorted(objects):
        out += f"{n} 1\n{offsets[n]:010d} 00000 n \n".encode("latin-1")
    new_size = max(size, max(objects) + 1)
    out += (
        f"trailer\n<< /Size {new_size} /Root {root} 0 R /Prev {startxref} >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode("latin-1")
    return bytes(out)

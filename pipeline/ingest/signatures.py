"""The digital signatures of a PDF: who signed it and when.

A signed PDF keeps each signature in a signature dictionary: ``/M``, the signing
time (``D:20210527162414+07'00'``), and ``/Contents``, a PKCS #7 (CMS) SignedData
holding the signer's certificate, whose subject names the person or the agency
(``CN=Ủy ban Quản lý vốn nhà nước tại doanh nghiệp``). PDFium lists the
dictionaries; asn1crypto (MIT, pure Python) reads the certificate. The
signature is not verified: what is recorded is the evidence the file carries,
for the date of a document whose printed day is blank or handwritten
(Decree 30/2020/NĐ-CP: a document is issued on the day it is signed).

A dictionary that cannot be read gives a signature without that part, never an
error: the document's text does not depend on it.
"""

from __future__ import annotations

import ctypes
import datetime as dt
from dataclasses import dataclass
from typing import Any

import regex

# The PDF date string of /M: D:YYYYMMDDHHmmSS, then Z or ±HH'mm' (PDF 32000-1, 7.9.4).
PDF_DATE = regex.compile(
    r"""^D:(?P<y>\d{4})(?P<mo>\d{2})?(?P<d>\d{2})?(?P<h>\d{2})?(?P<mi>\d{2})?(?P<s>\d{2})?
        (?:(?P<z>Z)|(?P<sign>[+-])(?P<oh>\d{2})'?(?P<om>\d{2})?'?)?""",
    regex.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class RawSignature:
    """One signature dictionary: the signer's name and agency from the certificate, the
    signing time as ISO 8601 with the offset written (or None when unreadable)."""

    name: str | None
    organization: str | None
    time: str | None
    reason: str | None = None


def pdf_time(value: str) -> str | None:
    """``D:20210527162414+07'00'`` → ``2021-05-27T16:24:14+07:00``; None when not a date."""
    m = PDF_DATE.match(value.strip())
    if not m:
        return None
    try:
        tz = dt.UTC
        if m.group("sign"):
            delta = dt.timedelta(hours=int(m.group("oh")), minutes=int(m.group("om") or 0))
            tz = dt.timezone(delta if m.group("sign") == "+" else -delta)
        when = dt.datetime(
            int(m.group("y")),
            int(m.group("mo") or 1),
            int(m.group("d") or 1),
            int(m.group("h") or 0),
            int(m.group("mi") or 0),
            int(m.group("s") or 0),
            tzinfo=tz if (m.group("sign") or m.group("z")) else None,
        )
    except ValueError:
        return None
    return when.isoformat()


def _subject(contents: bytes) -> tuple[str | None, str | None]:
    """(common name, organization) of the signer's certificate in a CMS SignedData."""
    from asn1crypto import cms  # imported when a signed PDF is read

    try:
        info = cms.ContentInfo.load(contents)  # the zeros padding /Contents after it are ignored
        signed = info["content"]
        certs = [c.chosen for c in signed["certificates"] or [] if c.name == "certificate"]
        wanted = None
        for si in signed["signer_infos"]:
            sid = si["sid"]
            if sid.name == "issuer_and_serial_number":
                wanted = (sid.chosen["issuer"].dump(), sid.chosen["serial_number"].native)
        cert = next(
            (c for c in certs if wanted and (c.issuer.dump(), c.serial_number) == wanted),
            certs[0] if certs else None,
        )
        if cert is None:
            return None, None
        subject = cert.subject.native
    except Exception:  # a malformed or unusual CMS: the signature keeps its time only
        return None, None
    return _one(subject.get("common_name")), _one(subject.get("organization_name"))


def _one(v: Any) -> str | None:
    if isinstance(v, list):
        v = v[-1] if v else None
    return " ".join(str(v).split()) or None if v else None


def _string(fn: Any, obj: Any) -> bytes:
    size = fn(obj, None, 0)
    if size <= 0:
        return b""
    buf = ctypes.create_string_buffer(size)
    fn(obj, buf, size)
    return buf.raw[:size]


def read_signatures(pdf: Any, raw: Any) -> tuple[RawSignature, ...]:
    """Every signature dictionary of an open PDFium document, in the file's order."""
    out = []
    for k in range(raw.FPDF_GetSignatureCount(pdf.raw)):
        sig = raw.FPDF_GetSignatureObject(pdf.raw, k)
        if not sig:
            continue
        when = _string(raw.FPDFSignatureObj_GetTime, sig).rstrip(b"\x00").decode("latin-1")
        name, org = _subject(_string(raw.FPDFSignatureObj_GetContents, sig))
        reason_bytes = _string(raw.FPDFSignatureObj_GetReason, sig)  # UTF-16LE, NUL-terminated
        reason = reason_bytes.decode("utf-16-le", "replace").rstrip("\x00").strip() or None
        out.append(
            RawSignature(name=name, organization=org, time=pdf_time(when) if when else None, reason=reason)
        )
    return tuple(out)

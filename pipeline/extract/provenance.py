"""Where each header field was read, and the issue date a signature gives.

Every header field found gets a :class:`Provenance`: ``text`` (a text layer, a
text file) or ``ocr`` (OCR of the first page, where the header is), with that
page's confidence and whether a word of the field was one OCR was unsure of; a
number or date that a second reading of a scan's header gave (the neural engine,
where Tesseract could not read a handwritten figure) says ``engine: neural``.

A document is issued on the day it is signed (Decree 30/2020/NĐ-CP). When the
printed date lacks its day or month (written by hand after signing, left
blank, unreadable) and the file's signing day agrees with what is printed, the
date is that day, and its provenance says ``signature`` (a PDF signature
dictionary) or ``stamp`` (an e-office stamp's text). The signing day is the last
signature's: the agency's seal signature that issues the document comes after
its signer's. Nothing is filled from a signature that disagrees with the print.
"""

from __future__ import annotations

from ..record import Document, OcrPage, Provenance, SignatureEvidence, Span

# Each header field and the span it was read from.
FIELD_SPANS = {
    "type": "title",
    "number": "number_symbol",
    "symbol": "number_symbol",
    "place": "place",
    "date": "date",
    "issuer": "issuer",
    "province": "issuer",
    "title": "title",
}


def signing(signatures: list[SignatureEvidence]) -> SignatureEvidence | None:
    """The signature that dates the document: the last of the file's PDF signatures, or
    else the last stamp, that has a day."""
    for source in ("pdf_signature", "stamp"):
        dated = [s for s in signatures if s.source == source and s.date]
        if dated:
            return (
                max(dated, key=lambda s: s.time or s.date or "") if source == "pdf_signature" else dated[-1]
            )
    return None


def _overlaps(span: Span | None, unsure: list[tuple[int, int]]) -> bool:
    return span is not None and any(s < span.end and span.start < e for s, e in unsure)


def settle(
    document: Document,
    *,
    ocr_pages: list[OcrPage],
    signatures: list[SignatureEvidence],
    unsure: list[tuple[int, int]],
    second_read: frozenset[str] = frozenset(),
) -> Document:
    """The document with its provenance, and its date completed from the signature.
    ``second_read``: the fields a second OCR engine (the neural one) read."""
    first = next((p for p in ocr_pages if p.page == 1), None)
    provenance: dict[str, Provenance] = {}
    for name, span_key in FIELD_SPANS.items():
        if getattr(document, name) is None:
            continue
        span = document.spans.get(span_key)
        if name in second_read:
            provenance[name] = Provenance(source="ocr", engine="neural")
        elif first is None:
            provenance[name] = Provenance(source="text")
        else:
            provenance[name] = Provenance(
                source="ocr", confidence=round(first.confidence, 3), unsure=_overlaps(span, unsure)
            )
    date = document.date
    signed = signing(signatures)
    if date and len(date) < 10 and signed and signed.date and signed.date.startswith(date):
        date = signed.date
        provenance["date"] = Provenance(source="signature" if signed.source == "pdf_signature" else "stamp")
    return document.model_copy(update={"date": date, "provenance": provenance})

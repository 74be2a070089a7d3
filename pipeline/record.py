"""The record every document becomes (``../shared/CONTRACT.md``).

Field names, codes and rule ids here are the public interface. The JSON
Schema in ``schemas/record.schema.json`` is generated from these models
(``vanban schema``) and a test fails when the two drift apart.

Every item that comes from a place in the text carries ``start``, ``end`` and
``text`` with ``record.text[start:end] == text``: offsets are characters of
the normalized ``text``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Span(Model):
    """A stretch of ``record.text``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Status(StrEnum):
    SUCCESS = "SUCCESS"  # read and extracted with no error
    PARTIAL = "PARTIAL"  # text was read but a stage failed or the format is only partly read
    FAILURE = "FAILURE"  # no text could be read


class ErrorEntry(Model):
    stage: str = Field(description="pipeline stage that failed: ingest, normalize, header, references…")
    message: str
    kind: str = Field(description="short machine code: unsupported_format, decode_error, exception…")


class OcrPage(Model):
    """A page whose text OCR produced."""

    page: int = Field(ge=1, description="1-based page number")
    confidence: float = Field(ge=0, le=1, description="Tesseract's word confidence, mean weighted by length")
    reason: str = Field(description="why OCR read it: no text layer, text layer unusable (…), image")


class SignatureEvidence(Model):
    """Who signed the file and when: a PDF signature dictionary, or an e-office stamp's text."""

    name: str | None = Field(
        description="the signer: a person or an agency (the certificate's or the stamp's)"
    )
    organization: str | None = Field(
        default=None, description="the signer's agency, as the certificate names it"
    )
    time: str | None = Field(
        description="signing time, ISO 8601 with the offset written: 2021-05-27T16:24:14+07:00"
    )
    date: str | None = Field(description="the signing day at the signer's offset: 2021-05-27")
    source: Literal["pdf_signature", "stamp"] = Field(
        description="pdf_signature: the file's signature dictionary (/M, the certificate); "
        "stamp: an e-office stamp in the text (Ký bởi…, Thời gian ký…)"
    )
    evidence: Span | None = Field(default=None, description="where a stamp stands in the text")


class Provenance(Model):
    """Where a header field was read, so that an auditor knows what to check twice."""

    source: Literal["text", "ocr", "signature", "stamp"] = Field(
        description="text: a text layer or a text file; ocr: OCR of a page image; "
        "signature: the file's digital signature; stamp: an e-office stamp's text"
    )
    confidence: float | None = Field(
        default=None, ge=0, le=1, description="OCR's confidence on the page the field was read on"
    )
    unsure: bool = Field(default=False, description="a word of the field was read by OCR below its threshold")
    engine: str | None = Field(
        default=None,
        description="the OCR engine that read it: tesseract, or neural when a second reading of a scan's "
        "header gave what Tesseract could not read",
    )


class Source(Model):
    path: str = Field(
        description="input file as given; a byte of the name that is not UTF-8 is shown as \\xNN "
        "(the exact name is then in path_bytes)"
    )
    path_bytes: str | None = Field(
        default=None,
        description="the path's exact bytes in base64, only when they are not valid UTF-8",
    )
    format: str | None = Field(description="txt, docx, pdf, doc, html, rtf… decided by content")
    sha256: str | None
    encoding: str | None = Field(description="detected text encoding: utf-8, utf-16, cp1258, tcvn3, vni…")
    pages: int | None = Field(description="page count (PDF)")
    ocr: bool = Field(description="whether OCR produced the text")
    bytes: int | None = Field(default=None, description="size of the input in bytes")
    ocr_pages: list[OcrPage] = Field(default_factory=list, description="the pages OCR read, with confidence")
    signatures: list[SignatureEvidence] = Field(
        default_factory=list, description="the file's digital signatures and e-office stamps, in order"
    )


class Document(Model):
    type: str | None = Field(description="type code of the document (KH, QĐ, CV…), null if undecidable")
    number: str | None = Field(description="number before the slash as written; null when blank")
    symbol: str | None = Field(description="part after the number, spaces removed, dashes as '-'")
    place: str | None
    date: str | None = Field(description="ISO 8601 at the precision written: 2025-03-27, 2023-06, 2023")
    issuer: str | None = Field(description="issuing agency without province")
    province: str | None = Field(description="province of the issuer as named at the time")
    title: str | None = Field(description="tên loại + trích yếu (for công văn the V/v line)")
    spans: dict[str, Span] = Field(
        default_factory=dict,
        description="where each header field was read: number_symbol, date_line, title, issuer…",
    )
    provenance: dict[str, Provenance] = Field(
        default_factory=dict,
        description="for each header field found (type, number, symbol, place, date, issuer, province, "
        "title): where it was read and how sure OCR was",
    )


class Section(Model):
    label: str = Field(description="as numbered: 'IV', '1', '1.1', 'a', '-' for dashes")
    title: str | None = Field(description="heading text without markup or trailing colon")
    kind: Literal["roman", "arabic", "decimal", "letter", "paren", "dash", "article"]
    start: int = Field(ge=0, description="start of the item (its marker)")
    end: int = Field(ge=0, description="end of the item's whole extent")
    children: list[Section] = Field(default_factory=list)


class Mention(Model):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    date: str | None = Field(description="date written with this mention (ISO), null if none or invalid")
    section: str | None = Field(description="label path of the innermost section: 'III.1'")
    cited_as: str | None = None
    issuer: str | None = None


class Reference(Model):
    type: str | None = Field(description="code from the symbol, else from the words")
    cited_as: str | None = Field(description="the words used: Chỉ thị, Công văn, văn bản…")
    number: str
    symbol: str | None = Field(description="null when cited by number alone: 'Tờ trình số 2566 ngày …'")
    number_symbol: str = Field(description="'31-CT/TU', '14/CT-UBND': spaces removed")
    dates: list[str] = Field(description="every distinct date the document is cited with")
    issuer: str | None
    subject: str | None
    mentions: list[Mention]


class Period(Model):
    start: str | None = Field(description="ISO date at its precision; null for 'từ ngày phát động'")
    end: str | None
    evidence: Span | None = None


class Campaign(Model):
    kind: Literal["phong_trao", "chu_de", "phuong_cham", "cuoc_van_dong"]
    name: str
    role: Literal["launched", "referenced"]
    period: Period | None = None
    mentions: list[Span]


class Anniversary(Model):
    years: int
    start_year: int | None
    end_year: int | None
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Deadline(Model):
    date: str
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    responsible: str | None


AppliesTo = Literal["tap_the", "ca_nhan"]


class Participant(Model):
    applies_to: AppliesTo | None
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Target(Model):
    kind: Literal["tieu_chi", "chi_tieu"]
    applies_to: AppliesTo | None
    text: str
    quantity: str | None
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Assignment(Model):
    unit: str
    task: str
    deadline: str | None
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


AwardForm = Literal[
    "giay_khen",
    "bang_khen",
    "huan_chuong",
    "huy_chuong",
    "ky_niem_chuong",
    "co_thi_dua",
    "chien_si_thi_dua",
    "lao_dong_tien_tien",
    "tap_the_lao_dong_xuat_sac",
    "tap_the_lao_dong_tien_tien",
    "danh_hieu_vinh_du",
    "giai_thuong",
]
AwardLevel = Literal["co_so", "tinh", "bo", "chinh_phu", "nha_nuoc"]


class Award(Model):
    form: AwardForm
    level: AwardLevel | None
    authority: str | None = Field(description="the granting authority as written")
    name: str = Field(description="full name: 'Bằng khen của Chủ tịch UBND tỉnh'")
    granted: Literal["direct", "proposed", "listed", "received"] = Field(
        description="granted by the authority named, proposed to it (đề nghị, trình), listed as a form, "
        "or (in honours_received) received before: named here, not offered here"
    )
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    mentions: list[Span] = Field(default_factory=list, description="every place the same award is named")


class Attachment(Model):
    """A document or an annex the file carries after the main document's signature."""

    kind: Literal["document", "annex"] = Field(
        description="document: one with a header of its own (a draft it proposes, the letter it answers); "
        "annex: a Phụ lục, a list, the Quy định it issues"
    )
    type: str | None = Field(description="type code its title names (QĐ, TTr, QyĐ…), null if none")
    number: str | None = Field(description="its own number, from its Số: line")
    symbol: str | None
    title: str | None = Field(description="its title: type name and summary, or the annex's heading")
    heading: Span | None = Field(description="where its title stands")
    start: int = Field(ge=0, description="its whole extent, to the next attachment or the end")
    end: int = Field(ge=0)


class Signer(Model):
    name: str | None
    position: str | None
    prefix: str | None = Field(description="KT., TM., TL., TUQ., Q. or null")
    on_behalf: str | None
    evidence: Span | None = None


class Recipient(Model):
    name: str
    note: str | None = Field(description="b/c, p/hợp, (để biết)…")
    kind: Literal["addressee", "copy", "archive"]
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Table(Model):
    """A table of the document (a list of awarded collectives, a schedule): its cells' spans."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    rows: list[list[Span]] = Field(description="rows of cells; each cell's start, end and text index `text`")


class Flag(Model):
    rule: str
    severity: Literal["error", "warning", "info"]
    message: str
    evidence: list[Span]


class RuleStatus(Model):
    rule: str = Field(description="a single-document rule of the catalogue (`vanban rules`)")
    status: Literal["pass", "fail", "not_evaluated"] = Field(
        description="fail: the rule fired (its flags are in `flags`); not_evaluated: the text cannot tell "
        "(a blank, a seal, a scan's missing part, an OCR'd word read unsurely); pass: checked and held"
    )
    reason: str | None = Field(default=None, description="why a rule was not evaluated")


def own_number_symbol(number: str | None, symbol: str | None, number_line: str | None) -> str | None:
    """A document's own number and symbol as citations write it, from its record's fields: the
    Party form keeps its hyphen (``31-CT/TU``, seen on its ``Số`` line), the state form a slash
    (``912/KH-SNNMT``). Used by the faces over records (the archive's checks, the index)."""
    if not number or not symbol:
        return None
    party = number_line is not None and f"{number}-" in number_line.replace(" ", "")
    return f"{number}-{symbol}" if party else f"{number}/{symbol}"


class Record(Model):
    schema_version: Literal["1"] = SCHEMA_VERSION
    id: str = Field(description="stable id from the content hash: 'vb-' + 16 hex digits")
    status: Status
    pipeline_version: str
    source: Source
    document: Document
    sections: list[Section]
    references: list[Reference]
    campaigns: list[Campaign]
    period: Period | None
    anniversaries: list[Anniversary] = Field(default_factory=list)
    deadlines: list[Deadline]
    participants: list[Participant]
    targets: list[Target]
    assignments: list[Assignment]
    awards: list[Award]
    honours_received: list[Award] = Field(
        default_factory=list,
        description="honours the document names as received or decided before (đã được tặng…, a report's "
        "count of them): kept apart from awards, which holds what the document grants, offers or proposes",
    )
    signer: Signer | None
    recipients: list[Recipient]
    attachments: list[Attachment] = Field(
        default_factory=list, description="documents and annexes after the main document's signature"
    )
    tables: list[Table] = Field(default_factory=list)
    flags: list[Flag]
    checks: list[RuleStatus] = Field(
        default_factory=list, description="every single-document rule of the catalogue and its status"
    )
    text: str
    errors: list[ErrorEntry]

    def to_json(self, *, indent: int | None = None) -> str:
        return self.model_dump_json(indent=indent)

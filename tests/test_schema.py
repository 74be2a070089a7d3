"""schemas/record.schema.json describes exactly the record the code writes."""

from __future__ import annotations

import json

import jsonschema
import pytest

from pipeline import extract, extract_text
from pipeline.schema import record_schema

from .conftest import ROOT

SCHEMA = ROOT / "schemas" / "record.schema.json"


def test_committed_schema_matches_the_model() -> None:
    committed = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert committed == record_schema(), (
        "the record model changed: run `vanban schema -o schemas/record.schema.json`"
    )


CONTRACT_FIELDS = {
    "schema_version",
    "source",
    "document",
    "sections",
    "references",
    "campaigns",
    "period",
    "deadlines",
    "participants",
    "targets",
    "assignments",
    "awards",
    "signer",
    "recipients",
    "flags",
    "text",
    "errors",
}


def test_schema_keeps_every_contract_field() -> None:
    props = record_schema()["properties"]
    assert set(props) >= CONTRACT_FIELDS
    defs = record_schema()["$defs"]
    assert {"path", "format", "sha256", "encoding", "pages", "ocr"} <= set(defs["Source"]["properties"])
    assert {"type", "number", "symbol", "place", "date", "issuer", "province", "title"} <= set(
        defs["Document"]["properties"]
    )
    assert {
        "type",
        "cited_as",
        "number",
        "symbol",
        "number_symbol",
        "dates",
        "issuer",
        "subject",
        "mentions",
    } <= set(defs["Reference"]["properties"])
    assert {"rule", "severity", "message", "evidence"} <= set(defs["Flag"]["properties"])


@pytest.mark.parametrize("doc", sorted((ROOT / "corpus").rglob("*.txt")), ids=lambda p: p.stem)
def test_records_validate_against_the_schema(doc) -> None:
    jsonschema.validate(json.loads(extract(doc).model_dump_json()), record_schema())


def test_a_failed_record_validates_too(tmp_path) -> None:
    bad = tmp_path / "x.pdf"
    bad.write_bytes(b"%PDF-1.7 broken")
    jsonschema.validate(json.loads(extract(bad).model_dump_json()), record_schema())
    jsonschema.validate(json.loads(extract_text("").model_dump_json()), record_schema())

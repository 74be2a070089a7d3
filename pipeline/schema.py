"""The JSON Schema of the record, generated from the typed model (``schemas/record.schema.json``)."""

from __future__ import annotations

from typing import Any

from .record import SCHEMA_VERSION, Record

SCHEMA_ID = "https://vanban.invalid/schemas/record.schema.json"


def record_schema() -> dict[str, Any]:
    schema = Record.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Vanban record",
        "description": f"One Vietnamese official document as a checked record (contract {SCHEMA_VERSION}).",
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }

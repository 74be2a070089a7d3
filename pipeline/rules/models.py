"""Typed shapes of the rule tables in ``tables/*.toml``, checked when loaded."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import regex
from pydantic import AfterValidator, BaseModel, ConfigDict, field_validator, model_validator

from ..record import AwardForm as AwardFormCode
from ..record import AwardLevel as Level

TABLE_VERSION = 1


#: Names filled in from other tables when a pattern is compiled (Rules._expand).
PLACEHOLDERS = ("{ministries}", "{departments}", "{provinces}")


def check_pattern(p: str) -> str:
    probe = p
    for name in PLACEHOLDERS:
        probe = probe.replace(name, "(?:x)")
    try:
        regex.compile(probe, regex.VERBOSE)
    except regex.error as e:  # pragma: no cover - exercised by the table tests
        raise ValueError(f"bad pattern {p!r}: {e}") from e
    return p


#: A string holding a `regex` pattern, compiled once when the table loads.
Pattern = Annotated[str, AfterValidator(check_pattern)]


def no_duplicates(items: list[str], what: str) -> None:
    dup = sorted({x for x in items if items.count(x) > 1})
    if dup:
        raise ValueError(f"duplicate {what}: {dup}")


class Table(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Versioned(Table):
    version: int

    @field_validator("version")
    @classmethod
    def _version(cls, v: int) -> int:
        if v != TABLE_VERSION:
            raise ValueError(f"table version {v} is not the supported version {TABLE_VERSION}")
        return v


# --- document types -------------------------------------------------------------


class DocType(Table):
    code: str
    name: str
    words: list[str] = []
    ascii: list[str] = []
    generic: bool = False
    symbol_code: bool = True


class DocTypeTable(Versioned):
    type: list[DocType]

    @model_validator(mode="after")
    def _unique(self) -> DocTypeTable:
        no_duplicates([t.code for t in self.type], "document-type code")
        no_duplicates([n.casefold() for t in self.type for n in (t.name, *t.words)], "document-type name")
        return self


# --- agencies and provinces -----------------------------------------------------


class Agency(Table):
    code: str
    name: str
    scope: Literal["province", "central", "party", "other"]
    grants: Level
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    successor: str | None = None


class AgencyTable(Versioned):
    agency: list[Agency]
    central_heads: list[str] = []

    @model_validator(mode="after")
    def _check(self) -> AgencyTable:
        codes = [a.code for a in self.agency]
        no_duplicates(codes, "agency codes")
        for a in self.agency:
            if a.successor and a.successor not in codes:
                raise ValueError(f"agency {a.code}: unknown successor {a.successor}")
        return self


class Province(Table):
    name: str
    kind: Literal["tỉnh", "thành phố"]
    capital: str | None = None
    variants: list[str] = []
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    merged_into: str | None = None


class ProvinceTable(Versioned):
    province: list[Province]

    @model_validator(mode="after")
    def _check(self) -> ProvinceTable:
        names = [p.name for p in self.province]
        no_duplicates(names, "provinces")
        current = [p for p in self.province if p.valid_until is None]
        if len(current) != 34:
            raise ValueError(f"expected 34 provinces after 1 July 2025, found {len(current)}")
        for p in self.province:
            if p.merged_into and p.merged_into not in names:
                raise ValueError(f"{p.name}: unknown successor {p.merged_into}")
        return self


# --- awards ----------------------------------------------------------------------


class AwardForm(Table):
    code: AwardFormCode  # a code of the record contract, nothing else
    pattern: Pattern
    level: Level | None = None
    default: Level | Literal["context"] | None = None
    min_level: Level
    not_followed_by: Pattern | None = None

    @model_validator(mode="after")
    def _level(self) -> AwardForm:
        if (self.level is None) == (self.default is None):
            raise ValueError(f"award form {self.code}: give exactly one of level and default")
        return self


class LeveledPattern(Table):
    pattern: Pattern
    level: Level


class PatternOnly(Table):
    pattern: Pattern


class AwardTable(Versioned):
    levels: dict[Level, int]
    form: list[AwardForm]
    qualifier: list[LeveledPattern]
    authority: list[LeveledPattern]
    proposal: PatternOnly

    @model_validator(mode="after")
    def _check(self) -> AwardTable:
        no_duplicates([f.code for f in self.form], "award form codes")
        if set(self.levels) != set(Level.__args__):  # type: ignore[attr-defined]
            raise ValueError("levels must rank every award level")
        return self


# --- signature, campaigns, lexicon -------------------------------------------------


class Prefix(Table):
    canonical: str
    spellings: list[str]


class SignatureTable(Versioned):
    prefix: list[Prefix]
    positions: list[str]
    recorders: list[str]
    parties: list[str]
    not_signer: list[str]
    surnames: list[str]

    @field_validator("positions")
    @classmethod
    def _upper(cls, v: list[str]) -> list[str]:
        bad = [p for p in v if p != p.upper()]
        if bad:
            raise ValueError(f"positions must be upper case: {bad}")
        return v


class CampaignKind(Table):
    code: Literal["phong_trao", "chu_de", "phuong_cham", "cuoc_van_dong"]
    cue: Pattern


class CampaignTable(Versioned):
    kind: list[CampaignKind]
    gap: Pattern
    list_continuation: Pattern
    launch: Pattern


class Lexicon(Versioned):
    task_verbs: list[str]
    unit_heads: list[str]
    assign_openers: list[str]
    deadline_cues: list[str]
    not_deadline: list[str]
    assignment_headings: list[str]
    criteria_headings: list[str]
    criteria_words: list[str]
    not_criteria_headings: list[str]
    aim_words: list[str]
    result_words: list[str]
    participant_headings: list[str]
    collective_words: list[str]
    individual_words: list[str]
    collective_nouns: list[str]
    individual_nouns: list[str]
    ocr_vocabulary: list[str] = []
    not_normative_types: list[str] = []
    enterprise_heads: list[str] = []


# --- flags and artifacts ------------------------------------------------------------


class FlagRule(Table):
    id: str
    severity: Literal["error", "warning", "info"]
    message: str
    basis: str
    # On OCR text: "evidence" — raised unless its evidence holds a word OCR was unsure
    # of; "skip" — not raised (it says something is missing, which a misread page
    # cannot show); "keep" — raised as on any text (it is about the reading itself).
    on_ocr: Literal["evidence", "skip", "keep"] = "evidence"
    # "document": checked on each record (its flags are in record.flags); "archive": across
    # the records of an archive (`vanban check`).
    scope: Literal["document", "archive"] = "document"


CORE_RULES = frozenset(
    {
        "number-missing",
        "date-incomplete",
        "date-invalid",
        "reference-date-mismatch",
        "reference-after-issue",
        "reference-type-mismatch",
        "type-symbol-mismatch",
        "numbering-gap",
        "period-inverted",
        "deadline-before-issue",
        "signer-name-missing",
        "signer-position-missing",
        "recipients-missing",
        "stray-artifact",
        "award-authority-exceeded",
        "anniversary-mismatch",
        "agency-anachronism",
    }
)


class FlagTable(Versioned):
    rule: list[FlagRule]

    @model_validator(mode="after")
    def _check(self) -> FlagTable:
        ids = [r.id for r in self.rule]
        no_duplicates(ids, "flag rule ids")
        missing = CORE_RULES - set(ids)
        if missing:
            raise ValueError(f"core rules missing from the catalogue: {sorted(missing)}")
        return self


class Artifact(Table):
    what: str
    pattern: Pattern
    # a quick pattern every match holds (tried first: a text without it skips the pattern)
    hint: Pattern | None = None


class ArtifactTable(Versioned):
    artifact: list[Artifact]


# --- law: replaced documents, obsolete award names, signers, campaign plans ------------


class Replaced(Table):
    number_symbol: str
    name: str
    names: list[Pattern] = []
    replaced_on: dt.date
    by: str


class ObsoleteAward(Table):
    name: str
    pattern: Pattern
    since: dt.date
    basis: str


class Head(Table):
    kind: str
    issuer: list[str]
    heads: list[str]
    collective: list[str]


class PlanPart(Table):
    part: Literal["aims", "participants", "criteria", "time", "awards", "review"]
    name: str
    pattern: Pattern


class LawTable(Versioned):
    replaced: list[Replaced]
    obsolete_award: list[ObsoleteAward]
    head: list[Head]
    plan_title: Pattern
    plan_title_not: Pattern
    plan_part: list[PlanPart]
    after_end_days: int
    before_start_ok: Pattern
    no_header_line_types: list[str]
    gazette_heading: Pattern

    @model_validator(mode="after")
    def _check(self) -> LawTable:
        no_duplicates([r.number_symbol for r in self.replaced], "replaced documents")
        no_duplicates([h.kind for h in self.head], "issuer kinds")
        parts = [p.part for p in self.plan_part]
        no_duplicates(parts, "plan parts")
        if len(parts) != 6:
            raise ValueError("a campaign plan has six parts (Art. 17): aims … review")
        return self

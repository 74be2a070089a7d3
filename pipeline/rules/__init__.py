"""Rules as data: the versioned tables in ``tables/`` and what is derived from them.

:func:`load_rules` reads every table, checks it (``models``), compiles its
patterns and builds the look-ups the extractors use. Nothing is read at
import time; the default rule set is loaded once, on first use, and passed
explicitly to every stage.
"""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import regex

from ..normalize import canonical_tones
from ..normalize.repair import Repairer
from ..normalize.repair import build as build_repairer
from ..normalize.repair import fold as bare_fold
from .models import (
    CORE_RULES,
    Agency,
    AgencyTable,
    ArtifactTable,
    AwardTable,
    CampaignTable,
    DocType,
    DocTypeTable,
    FlagRule,
    FlagTable,
    LawTable,
    Level,
    Lexicon,
    Province,
    ProvinceTable,
    SignatureTable,
)
from .scan import Alternation

FLAGS = regex.IGNORECASE | regex.VERBOSE
PROVINCE_PREFIX = regex.compile(r"^(?:tỉnh|thành phố|tp\.?)\s*")

__all__ = ["CORE_RULES", "Rules", "default_rules", "fold", "load_rules", "words_pattern"]

T = TypeVar("T")


def fold(s: str) -> str:
    """Case-folded, tone-canonical, single-spaced: the key of every look-up."""
    return " ".join(canonical_tones(unicodedata.normalize("NFC", s)).casefold().split())


def words_pattern(words: list[str] | tuple[str, ...]) -> str:
    """An alternation of phrases, longest first, spaces matching any whitespace."""
    uniq = sorted({w for w in words if w}, key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(regex.escape(p) for p in w.split()) for w in uniq) + ")"


@dataclass(frozen=True)
class CompiledForm:
    code: str
    pattern: regex.Pattern[str]
    level: Level | None
    default: str | None
    min_level: Level
    not_followed_by: regex.Pattern[str] | None


@dataclass(frozen=True)
class Rules:
    doc_types: DocTypeTable
    agencies: AgencyTable
    provinces: ProvinceTable
    awards: AwardTable
    signature: SignatureTable
    campaigns: CampaignTable
    lexicon: Lexicon
    flags: FlagTable
    artifacts: ArtifactTable
    law: LawTable
    ocr_pairs: tuple[tuple[str, str, int], ...] = ()  # word pairs of clean text and their counts
    _cache: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    def cached(self, key: str, build: Callable[[Rules], T]) -> T:
        """A value derived from these tables (a pattern, a set of names), built once per rule set."""
        value = self._cache.get(key)
        if value is None:
            value = self._cache[key] = build(self)
        return value  # type: ignore[return-value]

    def compiled(self, key: str, build: Callable[[Rules], regex.Pattern[str]]) -> regex.Pattern[str]:
        """A pattern built from these tables, compiled once per rule set."""
        return self.cached(key, build)

    @functools.cached_property
    def not_signer_folded(self) -> tuple[str, ...]:
        """The words no signer's line begins with, folded as a line is and without their
        diacritics (OCR's "Nơi nhân" is "Nơi nhận")."""
        return tuple(bare_fold(" ".join(w.split())) for w in self.signature.not_signer)

    @functools.cached_property
    def signer_titles(self) -> tuple[str, ...]:
        """The known titles of a signer and their deputies' (``PHÓ GIÁM ĐỐC``)."""
        positions = self.signature.positions
        return tuple(dict.fromkeys([*positions, *(f"PHÓ {p}" for p in positions)]))

    @functools.cached_property
    def ocr_repairer(self) -> Repairer:
        """Capitals and type codes OCR misreads, from the vocabulary and the type,
        position, agency and province tables."""
        phrases = [
            *self.lexicon.ocr_vocabulary,
            *(w for t in self.doc_types.type for w in (t.name, *t.words)),
            *self.signer_titles,
            *(a.name for a in self.agencies.agency),
            *(p.name for p in self.provinces.province),
        ]
        codes = [t.code for t in self.doc_types.type if t.symbol_code and not t.generic]
        return build_repairer(phrases, list(self.ocr_pairs), codes)

    # --- document types ---------------------------------------------------------

    @functools.cached_property
    def _type_by_code(self) -> dict[str, DocType]:
        out: dict[str, DocType] = {}
        for t in self.doc_types.type:
            if t.generic:
                continue
            out[t.code] = t
            for a in t.ascii:
                out[a] = t
        return out

    @functools.cached_property
    def _type_by_code_folded(self) -> dict[str, DocType]:
        return {k.casefold(): v for k, v in self._type_by_code.items()}

    @functools.cached_property
    def _type_by_words(self) -> dict[str, DocType]:
        return {fold(n): t for t in self.doc_types.type for n in (t.name, *t.words)}

    def type_for_symbol_token(self, token: str) -> DocType | None:
        """The type a symbol token names (``KH``, ``QĐ``, ``QD``, ``Ttr``), if any."""
        t = self._type_by_code.get(token) or self._type_by_code_folded.get(token.casefold())
        return t if t is not None and t.symbol_code else None

    def type_for_words(self, words: str) -> DocType | None:
        """The type named by citation or title words (``Kế hoạch``, ``KẾ HOẠCH``)."""
        return self._type_by_words.get(fold(words))

    def type_code(self, code: str) -> DocType | None:
        return self._type_by_code.get(code)

    @functools.cached_property
    def type_words(self) -> str:
        """Pattern source matching every type name and word (case-insensitive use)."""
        return words_pattern([n for t in self.doc_types.type for n in (t.name, *t.words)])

    # --- agencies ------------------------------------------------------------------

    @functools.cached_property
    def _agency_by_code(self) -> dict[str, Agency]:
        return {a.code: a for a in self.agencies.agency}

    def agency(self, code: str) -> Agency | None:
        """An agency by its symbol code; a term suffix is ignored (``UBTVQH15``)."""
        a = self._agency_by_code.get(code)
        if a is None:
            stripped = code.rstrip("0123456789")
            a = self._agency_by_code.get(stripped) if stripped != code else None
        return a

    @functools.cached_property
    def _agency_by_name(self) -> dict[str, Agency]:
        return {fold(a.name): a for a in self.agencies.agency}

    def agency_by_name(self, name: str) -> Agency | None:
        return self._agency_by_name.get(fold(name))

    # --- provinces ------------------------------------------------------------------

    @functools.cached_property
    def _province_by_name(self) -> dict[str, Province]:
        out: dict[str, Province] = {}
        for p in self.provinces.province:
            for n in (p.name, *p.variants):
                out[fold(n)] = p
        return out

    @functools.cached_property
    def _province_by_capital(self) -> dict[str, list[Province]]:
        out: dict[str, list[Province]] = {}
        for p in self.provinces.province:
            if p.capital:
                out.setdefault(fold(p.capital), []).append(p)
        return out

    def province(self, name: str) -> Province | None:
        """A province by name or variant; "TP. Hồ Chí Minh" and "tỉnh Lào Cai" are found too."""
        key = fold(name)
        return self._province_by_name.get(key) or self._province_by_name.get(PROVINCE_PREFIX.sub("", key))

    def province_of_place(self, place: str, on: dt.date | None) -> Province | None:
        """The province a date-line place names or is the seat of, as it was on a date."""
        p = self.province(place)
        if p is not None and (on is None or p.valid_from is None or on >= p.valid_from):
            return p
        for cand in self._province_by_capital.get(fold(place), []):
            if on is not None and cand.valid_until and on > cand.valid_until and cand.merged_into:
                return self.province(cand.merged_into)  # Quy Nhơn after 1 July 2025: Gia Lai
            return cand
        return p

    @functools.cached_property
    def province_names(self) -> str:
        return words_pattern([n for p in self.provinces.province for n in (p.name, *p.variants)])

    # --- awards -------------------------------------------------------------------------

    @functools.cached_property
    def award_forms(self) -> tuple[CompiledForm, ...]:
        return tuple(
            CompiledForm(
                f.code,
                regex.compile(f.pattern, FLAGS),
                f.level,
                f.default,
                f.min_level,
                regex.compile(f.not_followed_by, FLAGS) if f.not_followed_by else None,
            )
            for f in self.awards.form
        )

    @functools.cached_property
    def award_form_scan(self) -> Alternation:
        """The award forms as one alternation, in table order (scanned fast: :mod:`scan`)."""
        return Alternation.of([(f.code, f.pattern) for f in self.awards.form], FLAGS)

    @functools.cached_property
    def award_qualifiers(self) -> tuple[tuple[regex.Pattern[str], Level], ...]:
        return tuple((regex.compile(q.pattern, FLAGS), q.level) for q in self.awards.qualifier)

    def _expand(self, pattern: str) -> str:
        """Fill {ministries}, {departments} and {provinces} from the agency and province tables."""
        names = {
            "{ministries}": words_pattern([a.name for a in self.agencies.agency if a.name.startswith("Bộ ")]),
            "{departments}": words_pattern(
                [a.name for a in self.agencies.agency if a.name.startswith("Sở ")]
            ),
            "{provinces}": self.province_names,
        }
        for key, value in names.items():
            pattern = pattern.replace(key, value)
        return pattern

    @functools.cached_property
    def award_authorities(self) -> tuple[tuple[regex.Pattern[str], Level], ...]:
        """Authorities, case-sensitive: capitals tell a name from running words."""
        return tuple(
            (regex.compile(self._expand(a.pattern), regex.VERBOSE), a.level) for a in self.awards.authority
        )

    @functools.cached_property
    def authority_pattern(self) -> str:
        """Pattern source matching any authority (for finding "X tặng Bằng khen"); use case-sensitively."""
        return "(?:" + "|".join(f"(?:{self._expand(a.pattern)})" for a in self.awards.authority) + ")"

    def level_rank(self, level: str) -> int:
        return self.awards.levels[level]  # type: ignore[index]

    # --- signature -----------------------------------------------------------------------

    @functools.cached_property
    def signer_prefixes(self) -> dict[str, str]:
        """Spelling (upper case, no spaces) → canonical prefix."""
        return {s.upper().replace(" ", ""): p.canonical for p in self.signature.prefix for s in p.spellings}

    @functools.cached_property
    def surnames(self) -> frozenset[str]:
        return frozenset(fold(s) for s in self.signature.surnames)

    # --- flags -----------------------------------------------------------------------------

    @functools.cached_property
    def _flag_by_id(self) -> dict[str, FlagRule]:
        return {r.id: r for r in self.flags.rule}

    def flag_rule(self, rule_id: str) -> FlagRule:
        try:
            return self._flag_by_id[rule_id]
        except KeyError:
            raise KeyError(f"flag rule {rule_id!r} is not in the catalogue") from None

    @functools.cached_property
    def artifact_patterns(self) -> tuple[tuple[str, regex.Pattern[str], regex.Pattern[str] | None], ...]:
        """(what, pattern, hint): the hint, when a table gives one, is looked for first."""
        flags = regex.VERBOSE | regex.MULTILINE
        return tuple(
            (a.what, regex.compile(a.pattern, flags), regex.compile(a.hint, flags) if a.hint else None)
            for a in self.artifacts.artifact
        )


TABLES: dict[str, type] = {
    "doc_types": DocTypeTable,
    "agencies": AgencyTable,
    "provinces": ProvinceTable,
    "awards": AwardTable,
    "signature": SignatureTable,
    "campaigns": CampaignTable,
    "lexicon": Lexicon,
    "flags": FlagTable,
    "artifacts": ArtifactTable,
    "law": LawTable,
}


class RulesError(ValueError):
    """A rule table is missing or does not pass its checks."""


def _pairs(src: Any) -> tuple[tuple[str, str, int], ...]:
    """``word word<TAB>count`` lines (``#`` comments), checked."""
    out = []
    try:
        lines = src.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as e:
        raise RulesError(f"rule table {src.name} is missing") from e
    for n, line in enumerate(lines, 1):
        if not line or line.startswith("#"):
            continue
        try:
            pair, count = line.split("\t")
            a, b = pair.split(" ")
            out.append((a, b, int(count)))
        except ValueError as e:
            raise RulesError(f"{src.name} line {n}: expected 'word word<TAB>count', got {line!r}") from e
    return tuple(out)


def load_rules(tables_dir: Path | None = None) -> Rules:
    """Read, check and compile every rule table (from ``tables_dir`` or the package)."""
    base = tables_dir if tables_dir is not None else resources.files(__package__) / "tables"
    loaded = {}
    for name, model in TABLES.items():
        src = base / f"{name}.toml"
        try:
            data = tomllib.loads(src.read_text(encoding="utf-8"))
            loaded[name] = model.model_validate(data)
        except FileNotFoundError as e:
            raise RulesError(f"rule table {name}.toml is missing from {base}") from e
        except (tomllib.TOMLDecodeError, ValueError) as e:
            raise RulesError(f"rule table {name}.toml: {e}") from e
    rules = Rules(**loaded, ocr_pairs=_pairs(base / "ocr_pairs.tsv"))
    # Compile everything now so a bad pattern fails here, not in the middle of a batch.
    _ = (
        rules.award_forms,
        rules.award_form_scan,
        rules.award_qualifiers,
        rules.award_authorities,
        rules.artifact_patterns,
        regex.compile(rules.type_words),
        regex.compile(rules.province_names),
    )
    return rules


@functools.cache
def default_rules() -> Rules:
    """The package's own tables, loaded once on first use."""
    return load_rules()

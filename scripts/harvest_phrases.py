"""Propose table-test rows from real documents (development aid; its output is reviewed by hand).

    python scripts/harvest_phrases.py citations ../shared/corpus > /tmp/citations.tsv

Reads ../shared/corpus/metadata/congbao_400.jsonl (the first 5,000 characters of
400 central legal texts) and the corpus TXT files, cuts the text into clauses,
and prints the clauses that hold a citation (or a date) with what the
extractor currently reads from them. Rows go into tests/data/ only after a
person has checked every expected value against the phrase.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import regex

from pipeline.extract.dates import find_dates
from pipeline.extract.references import find_mentions, resolve
from pipeline.extract.text import Text
from pipeline.normalize import normalize
from pipeline.rules import default_rules

CLAUSE = regex.compile(r"(?<=;)\s*|\n(?=Căn cứ|Theo|Xét)")
HAS_NUMBER_SYMBOL = regex.compile(r"\d+\s?[/-]\s?(?:\d{4}/)?\p{Lu}")


def clauses(corpus: Path) -> list[str]:
    texts = [json.loads(line)["text_head"] for line in (corpus / "metadata" / "congbao_400.jsonl").open()]
    texts += [
        p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*/*.txt")) if p.parent.name != "gold"
    ]
    out = set()
    for raw in texts:
        norm = normalize(raw).text
        for c in CLAUSE.split(norm):
            c = " ".join(c.split())
            if 30 < len(c) < 300:
                out.add(c)
    return sorted(out)


def main(kind: str, corpus: str, n: int = 200, seed: int = 7) -> None:
    rules = default_rules()
    rows = clauses(Path(corpus))
    random.Random(seed).shuffle(rows)
    shown = 0
    for c in rows:
        if shown >= n:
            break
        t = Text(c, rules)
        if kind == "citations" and HAS_NUMBER_SYMBOL.search(c):
            refs = resolve(t, find_mentions(t), [])
            cells = [f"{r.number_symbol}|{r.type}|{','.join(r.dates)}|{r.issuer or ''}" for r in refs]
            print(c, *cells, sep="\t")
            shown += 1
        elif kind == "dates" and find_dates(c):
            print(c, *[d.iso or f"!{d.invalid}" for d in find_dates(c)], sep="\t")
            shown += 1


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], *(int(x) for x in sys.argv[3:]))

"""Word auto-numbering: the label Word displays before a numbered paragraph.

``I.``, ``1.``, ``a)`` generated from ``numbering.xml`` are not in a
paragraph's text. :class:`Numbering` replays them in document order:

* a paragraph is numbered by its own ``w:numPr`` or by its style's (following
  ``w:basedOn``); ``numId`` 0 switches numbering off;
* each ``w:num`` points to a ``w:abstractNum`` whose ``w:lvl`` elements give
  ``w:start``, ``w:numFmt`` and ``w:lvlText`` (``%1.%2.``); a ``w:lvlOverride``
  may restart a level (``w:startOverride``) or replace it;
* a level's counter restarts when a higher level advances (or as
  ``w:lvlRestart`` says); lists that share an abstract definition and have no
  override continue one another, as Word shows them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def _val(el: Any, tag: str) -> str | None:
    child = el.find(W + tag) if el is not None else None
    return child.get(W + "val") if child is not None else None


def roman(n: int) -> str:
    out = ""
    for v, s in ROMAN:
        while n >= v:
            out += s
            n -= v
    return out


def letters(n: int) -> str:
    """1 → a, 26 → z, 27 → aa (Word repeats the letter)."""
    if n < 1:
        return ""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt in ("upperRoman",):
        return roman(n)
    if fmt == "lowerRoman":
        return roman(n).lower()
    if fmt == "upperLetter":
        return letters(n).upper()
    if fmt == "lowerLetter":
        return letters(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("none", "bullet"):
        return ""
    return str(n)  # decimal and the formats Vietnamese documents do not use


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # restart after this level (0-based), None: after any higher one
    legal: bool = False  # isLgl: every number shown in decimal


def _level(el: Any) -> Level:
    start = _val(el, "start")
    restart = _val(el, "lvlRestart")
    return Level(
        start=int(start) if start is not None else 1,
        fmt=_val(el, "numFmt") or "decimal",
        text=_val(el, "lvlText") if _val(el, "lvlText") is not None else "",
        restart=int(restart) - 1 if restart is not None else None,
        legal=el.find(W + "isLgl") is not None,
    )


@dataclass
class Numbering:
    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    nums: dict[str, tuple[str, dict[int, Level], dict[int, int]]] = field(default_factory=dict)
    style_num: dict[str, tuple[str, int]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def from_parts(cls, numbering: Any | None, styles: Any | None) -> Numbering:
        """From the ``numbering.xml`` and ``styles.xml`` root elements (either may be absent)."""
        out = cls()
        if numbering is not None:
            for a in numbering.iter(W + "abstractNum"):
                out.abstract[a.get(W + "abstractNumId")] = {
                    int(lvl.get(W + "ilvl")): _level(lvl) for lvl in a.iter(W + "lvl")
                }
            for n in numbering.iter(W + "num"):
                levels: dict[int, Level] = {}
                starts: dict[int, int] = {}
                for o in n.iter(W + "lvlOverride"):
                    ilvl = int(o.get(W + "ilvl"))
                    start = _val(o, "startOverride")
                    if start is not None:
                        starts[ilvl] = int(start)
                    lvl = o.find(W + "lvl")
                    if lvl is not None:
                        levels[ilvl] = _level(lvl)
                out.nums[n.get(W + "numId")] = (_val(n, "abstractNumId") or "", levels, starts)
        if styles is not None:
            out._styles(styles)
        return out

    def _styles(self, styles: Any) -> None:
        direct: dict[str, tuple[str | None, int | None]] = {}
        based: dict[str, str] = {}
        for st in styles.iter(W + "style"):
            sid = st.get(W + "styleId")
            ppr = st.find(W + "pPr")
            num = ppr.find(W + "numPr") if ppr is not None else None
            if num is not None:
                ilvl = _val(num, "ilvl")
                direct[sid] = (_val(num, "numId"), int(ilvl) if ilvl is not None else None)
            parent = _val(st, "basedOn")
            if parent:
                based[sid] = parent
        for sid in {*direct, *based}:
            seen, cur = set(), sid
            while cur and cur not in direct and cur not in seen:
                seen.add(cur)
                cur = based.get(cur)
            if cur in direct and direct[cur][0]:
                self.style_num[sid] = (direct[cur][0] or "", direct[cur][1] or 0)

    def _levels(self, num_id: str) -> tuple[str, dict[int, Level], dict[int, int]] | None:
        num = self.nums.get(num_id)
        if num is None:
            return None
        abstract_id, overrides, starts = num
        levels = {**self.abstract.get(abstract_id, {}), **overrides}
        # a list with its own restarts counts on its own; others continue their abstract list
        key = f"num:{num_id}" if starts or overrides else f"abs:{abstract_id}"
        return key, levels, starts

    def label(self, ppr: Any, style_id: str | None) -> str | None:
        """The displayed label of a paragraph (advancing the counters), or None."""
        num = ppr.find(W + "numPr") if ppr is not None else None
        num_id = _val(num, "numId") if num is not None else None
        ilvl_s = _val(num, "ilvl") if num is not None else None
        if num_id is None and style_id in self.style_num:
            num_id, style_ilvl = self.style_num[style_id]
            ilvl_s = ilvl_s or str(style_ilvl)
        if not num_id or num_id == "0":
            return None
        found = self._levels(num_id)
        if found is None:
            return None
        key, levels, starts = found
        ilvl = int(ilvl_s or 0)
        level = levels.get(ilvl, Level())
        counts = self.counters.setdefault(key, {})
        first = starts.get(ilvl, level.start)
        counts[ilvl] = counts[ilvl] + 1 if ilvl in counts else first
        for deeper in [d for d in counts if d > ilvl]:
            restart = levels.get(deeper, Level()).restart
            if restart is None or restart >= ilvl:
                del counts[deeper]
        if level.fmt == "bullet":
            return "-" if level.text.strip() else None
        text = level.text
        for d in range(9):
            if f"%{d + 1}" in text:
                lvl_d = levels.get(d, Level())
                n = counts.get(d, starts.get(d, lvl_d.start))
                fmt = "decimal" if level.legal and lvl_d.fmt != "none" else lvl_d.fmt
                text = text.replace(f"%{d + 1}", format_number(n, fmt))
        return text.strip() or None

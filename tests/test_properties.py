"""Properties over generated text: no stage fails, every span indexes the record's text."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import extract_text
from pipeline.ingest.txt import decode
from pipeline.normalize import normalize

from .conftest import ROOT

SEED_LINES = sorted(
    {
        line
        for p in (ROOT / "corpus").rglob("*.txt")
        for line in decode(p.read_bytes())[0].splitlines()  # the TCVN3 and VNI fixtures too
        if line.strip()
    }
)

# Pieces real documents are made of, and the characters that break naive parsers.
PIECES = [
    "Số: ",
    "/",
    "-",
    "KH-",
    "QĐ-UBND",
    "CT/TU",
    "ngày ",
    " tháng ",
    " năm ",
    "2023",
    "31/4/2023",
    "I. ",
    "II. ",
    "IV. ",
    "1. ",
    "1.1. ",
    "a) ",
    "- ",
    "Điều 1. ",
    "Chương I\n",
    "“",
    "”",
    '"',
    "*",
    "**",
    "#",
    "## ",
    "\n",
    "\n\n",
    "\t",
    "   ",
    "Nơi nhận:",
    "Kính gửi:",
    "KT. GIÁM ĐỐC",
    "PHÓ GIÁM ĐỐC",
    "Nguyễn Văn A",
    "V/v ",
    "Bằng khen",
    "của Giám đốc Sở",
    "tặng",
    "phong trào",
    "chủ đề",
    "Kỷ niệm 20 năm (2003-2023)",
    "trước ",
    "từ ngày ",
    " đến ",
    "giai đoạn 2021 - 2025",
    "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ;",
    "./.",
    "D:\\x\\y",
    "о",
    "Α",
    "\u0301",
    "\u0300",
    "\u00ad",
    "\ufeff",
    "\u200b",
    "\r\n",
    "\f",
    "hoà",
    "Uỷ",
    "(*)",
    "[daky]",
    "Lưu: VT.",
]
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
    st.lists(st.sampled_from(SEED_LINES), max_size=40).map("\n".join),
    st.lists(
        st.one_of(st.sampled_from(SEED_LINES), st.sampled_from(PIECES), st.text(max_size=20)), max_size=50
    ).map("".join),
)


def spans(obj: Any, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    if isinstance(obj, dict):
        s, e, t = obj.get("start"), obj.get("end"), obj.get("text")
        if isinstance(s, int) and isinstance(e, int) and isinstance(t, str):
            found.append((s, e, t))
        for k, v in obj.items():
            if k != "text":
                spans(v, found)
    elif isinstance(obj, list):
        for v in obj:
            spans(v, found)
    return found


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_no_stage_fails_and_every_span_indexes_text(raw: str) -> None:
    rec = extract_text(raw)
    assert [e for e in rec.errors if e.kind == "exception"] == []
    data = rec.model_dump(mode="json")
    for s, e, t in spans({k: v for k, v in data.items() if k != "text"}, []):
        assert 0 <= s <= e <= len(rec.text)
        assert rec.text[s:e] == t
    for sec in data["sections"]:
        assert 0 <= sec["start"] <= sec["end"] <= len(rec.text)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_offset_map_covers_every_character(raw: str) -> None:
    n = normalize(raw)
    assert len(n.mapped.origin) == len(n.text) + 1
    assert all(0 <= o <= len(raw) for o in n.mapped.origin)
    for i in range(len(n.text)):
        s, e = n.raw_span(i, i + 1)
        assert 0 <= s < e <= len(raw)


@settings(max_examples=200, deadline=None)
@given(texts)
def test_normalization_is_idempotent(raw: str) -> None:
    once = normalize(raw).text
    assert normalize(once).text == once


SPACES = [chr(o) for o in range(0x110000) if chr(o).isspace()]  # str.split()'s 29


@given(st.text(alphabet=st.sampled_from([*SPACES, *"ab1-./Đẫ\x00€ӌ\u200b\ufeff"]), max_size=40))
@settings(max_examples=500)
def test_letter_tokens_are_split_tokens_holding_a_letter(text: str) -> None:
    """The page measure's tokens, found in one pass, are str.split()'s tokens holding a letter."""
    from pipeline.ingest.quality import LETTER_TOKEN, WORD

    assert LETTER_TOKEN.findall(text) == [t for t in text.split() if WORD.search(t)]


def _sub_by_lists(origin: list[int], text: str, pattern: Any, repl: Any) -> tuple[str, list[int]]:
    """MappedText.sub as it was written with lists (the map the array version must give)."""
    pieces, out, pos = [], [], 0
    for m in pattern.finditer(text):
        s, e = m.span()
        new = repl(m)
        pieces += (text[pos:s], new)
        out.extend(origin[pos:s])
        if len(new) == e - s:
            out.extend(origin[s:e])
        elif new:
            out.extend([origin[s]] * len(new))
        pos = e
    pieces.append(text[pos:])
    out.extend(origin[pos:])
    return "".join(pieces), out


@given(
    st.text(alphabet="ab \n", max_size=60),
    st.sampled_from([r"a+", r" +", r"(?=b)", r"\n?", r"b|(?<=a)", r"ab?|$"]),
    st.integers(min_value=0, max_value=3),
)
def test_a_substitution_maps_each_new_character_as_the_list_version_did(
    text: str, pattern: str, grow: int
) -> None:
    """Drops, insertions at empty matches (next to a replaced match too), same-length edits,
    over a map already edited once (not the identity)."""
    import regex

    from pipeline.normalize.mapped import MappedText

    first = MappedText.identity(text).sub(regex.compile(r"b"), "bb")  # an edited map to start from
    compiled = regex.compile(pattern)

    def repl(m: Any) -> str:
        return "x" * ((len(m.group()) + grow) % 4)

    got = first.sub(compiled, repl)
    want_text, want_origin = _sub_by_lists([int(o) for o in first.origin], first.text, compiled, repl)
    assert got.text == want_text
    assert [int(o) for o in got.origin] == want_origin


def _unwrap_by_substitution(text: str) -> str:
    """unwrap_lines as it was written: a callback at each match of LINE_WRAP."""
    from pipeline.normalize import patterns as P
    from pipeline.normalize.mapped import MappedText
    from pipeline.normalize.steps import _Paragraph

    paragraph = _Paragraph()

    def repl(m: Any) -> str:
        text, brk = m.string, m.start()
        nl = text.find("\n", brk + 1)
        next_line = text[brk + 1 : nl if nl >= 0 else len(text)]
        if P.STARTS_LIST_ITEM.match(next_line):
            return str(m.group())
        line_start = text.rfind("\n", 0, brk) + 1
        line = text[line_start:brk]
        paragraph.add(line, continues=paragraph.joined_at == line_start - 1)
        if paragraph.goes_on(line, next_line):
            paragraph.joined_at = brk
            return " "
        return str(m.group())

    return MappedText.identity(text).sub(P.LINE_WRAP, repl).text


WRAP_PIECES = [
    "\n", "\n\n", "\n- ", "\n1. ", "\na) ", "\nII. ", " ", " ", "Kế hoạch số ", "45/KH-UBND",
    "người lao ", "động, ", "lập thành tích", " ngày ", "(các đơn vị ", "trực thuộc)", "CÔNG BÁO",
    "Điều 1.", " của", ".", ";", ":", "UBND tỉnh ", "Lào Cai", "12", "x" * 60, " năm", "số",
    "đề nghị khen thưởng cho các tập thể, cá nhân có thành tích xuất sắc trong phong trào",
]  # fmt: skip


@given(st.lists(st.sampled_from(WRAP_PIECES), max_size=40).map("".join))
def test_unwrapping_lines_joins_what_the_substitution_joined(text: str) -> None:
    from pipeline.normalize.mapped import MappedText
    from pipeline.normalize.steps import unwrap_lines

    assert unwrap_lines(MappedText.identity(text)).text == _unwrap_by_substitution(text)


def test_unwrapping_lines_joins_what_the_substitution_joined_on_the_projects_texts() -> None:
    from pipeline.normalize.mapped import MappedText
    from pipeline.normalize.steps import unwrap_lines

    texts = [decode(p.read_bytes())[0] for p in sorted((ROOT / "corpus").rglob("*.txt"))]
    assert len(texts) >= 10
    for text in texts:
        assert unwrap_lines(MappedText.identity(text)).text == _unwrap_by_substitution(text)

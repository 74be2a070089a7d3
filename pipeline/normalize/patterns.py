"""Every pattern the normalization stage uses, in one place.

Each pattern is compiled in verbose mode and says what it is for. The
character tables (look-alike letters, spaces) are Unicode facts, not domain
rules, so they live here rather than in the rule tables.
"""

from __future__ import annotations

import re

import regex

V = regex.VERBOSE | regex.MULTILINE

# --- characters -------------------------------------------------------------

LINE_BREAKS = regex.compile(r"\r\n? | [\u2028\u2029\x85]", V)
OTHER_LINE_BREAKS = "\r\u2028\u2029\x85"  # a text holding none of these needs no pass
FORM_FEED = regex.compile(r"\f", V)  # a page break in text exports
# Zero-width spaces and joiners, word joiner, BOM, soft hyphen (never visible in
# running text) and the non-characters some PDF tools emit.
INVISIBLES = regex.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad\ufffe\uffff]", V)
CONTROLS = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]", V)
SPACES = regex.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]", V)
# Any character of the three classes above: one quick look (stdlib re scans a plain
# class 8× faster than three regex scans) tells most texts need none of them.
ANY_INVISIBLE_CONTROL_OR_SPACE = re.compile(
    "[\u200b-\u200d\u2060\ufeff\u00ad\ufffe\uffff\x00-\x08\x0b\x0e-\x1f\x7f"
    "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
)

# A Unicode grapheme cluster: a base character and its combining marks.
CLUSTER = regex.compile(r"\X", regex.VERBOSE)

# --- look-alike letters -------------------------------------------------------

#: Cyrillic and Greek letters that look like Latin ones. They slip into
#: Vietnamese words from copy-paste and bad font maps ("Kế hоạch" with a
#: Cyrillic о); they are replaced only inside words that also hold Latin letters.
CONFUSABLES: dict[str, str] = {
    # Cyrillic lower case
    "а": "a",
    "е": "e",
    "о": "o",
    "р": "p",
    "с": "c",
    "у": "y",
    "х": "x",
    "і": "i",
    "ј": "j",
    "ѕ": "s",
    "һ": "h",
    "ԁ": "d",
    "ԛ": "q",
    "ԝ": "w",
    # Cyrillic upper case
    "А": "A",
    "В": "B",
    "Е": "E",
    "К": "K",
    "М": "M",
    "Н": "H",
    "О": "O",
    "Р": "P",
    "С": "C",
    "Т": "T",
    "Х": "X",
    "У": "Y",
    "І": "I",
    "Ј": "J",
    "Ѕ": "S",
    # Greek
    "Α": "A",
    "Β": "B",
    "Ε": "E",
    "Ζ": "Z",
    "Η": "H",
    "Ι": "I",
    "Κ": "K",
    "Μ": "M",
    "Ν": "N",
    "Ο": "O",
    "Ρ": "P",
    "Τ": "T",
    "Υ": "Y",
    "Χ": "X",
    "ο": "o",
    "ν": "v",
    "α": "a",
    "ι": "i",
    "κ": "k",
    "τ": "t",
    "υ": "u",
}

# The Icelandic eth looks like Vietnamese đ and is never Vietnamese: OCR and old
# font conversions write it for Đ (``QĐ-UBND`` read as ``QÐ-UBND``).
ETH = regex.compile(r"[Ðð]")
ETH_AS_D = {"Ð": "Đ", "ð": "đ"}

# A word (letters and their marks) that mixes Latin with a look-alike; tried only
# at word starts, and only in texts that hold a Cyrillic or Greek letter at all.
ANY_LOOKALIKE_SCRIPT = regex.compile(r"[\p{Cyrillic}\p{Greek}]")
MIXED_SCRIPT_WORD = regex.compile(
    r"""(?<![\p{L}\p{M}])
        (?=[\p{L}\p{M}]*\p{Latin})          # has a Latin letter ...
        (?=[\p{L}\p{M}]*[\p{Cyrillic}\p{Greek}])  # ... and a Cyrillic or Greek one
        [\p{L}\p{M}]+""",
    V,
)

# --- tone marks -----------------------------------------------------------------

# The tone of an open syllable ending in oa / oe / uy sits on the first vowel in
# the convention this project writes (hòa, khỏe, thủy). A toned second vowel at
# the end of a word is moved; "qu" is a consonant, so quà, quý stay as they are.
TONE_ON_SECOND_VOWEL = regex.compile(
    r"""(?<![qQ])
        (?P<first>[oOuU])
        (?P<second>[àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ])
        (?![\p{L}\p{M}])""",
    V,
)

# --- Markdown leftovers -----------------------------------------------------------

MD_HEADING = regex.compile(r"^[ ]*(?:\#{1,6}[ ]+)+", V)  # "## " (and a run of them), however indented
BULLET_MARKS = "*+•●▪◦∙"
MD_BULLET = regex.compile(r"^(?P<indent>[ ]*)[*+•●▪◦∙](?=[ ])", V)
# Emphasis runs of * or _: an opening run is preceded by no letter or digit and
# followed by one (or by a quote or bracket); a closing run the other way round.
# Combining marks count as part of their letter (the text may not be NFC yet).
# A footnote mark "(*)" is neither and stays.
MD_EMPHASIS = regex.compile(
    r"""(?<![\p{L}\p{M}\p{N}*_])(?:\*{1,3}|_{1,2})(?![*_])(?=[\p{L}\p{N}“"'‘(\[])   # opening
      | (?<=[\p{L}\p{M}\p{N}”"'’)\].,:;!?…])(?<![*_])(?:\*{1,3}|_{1,2})(?![\p{L}\p{M}\p{N}*_])  # closing
    """,
    V,
)

# --- page furniture ---------------------------------------------------------------

# (stdlib re: it finds these line starts 2× faster than regex, and the pattern needs nothing more)
PAGE_NUMBER_LINE = re.compile(
    r"""^[ ]*(?:-[ ]*)?(?:Trang[ ]+)?\d{1,3}(?:[ ]*-)?(?:[ ]*/[ ]*\d{1,3})?[ ]*\n""",
    re.VERBOSE | re.MULTILINE,
)
# Running header of the official gazette: "CÔNG BÁO/Số 849 + 850/Ngày 12-10-2021".
GAZETTE_HEADER_LINE = regex.compile(
    r"""^[ ]*CÔNG[ ]BÁO[ ]*/[ ]*Số[^\n]*\n""",
    V,
)
# A digital-signature box: "Người ký: …", "Ký bởi: …", "Email: …", "Cơ quan: …",
# "Thời gian ký: 12.10.2021 14:52:05 +07:00" (a run of two or more such lines): moved
# to the end of the text, out of the sentence it may cut.
SIGNATURE_BOX_LABELS = ("Người ký", "Ký bởi", "Email", "Cơ quan", "Thời gian ký", "Ngày ký")
SIGNATURE_BOX = regex.compile(
    r"""(?:^[ ]*(?:"""
    + "|".join(label.replace(" ", "[ ]") for label in SIGNATURE_BOX_LABELS)
    + r""")[ ]*:[^\n]*(?:\n|\Z)){2,}""",
    V,
)

# --- whitespace -------------------------------------------------------------------

# Spaces at a line's edges (they go) or a run inside a line (it becomes one space), in
# one pass; single spaces inside a line are not even matched.
EDGE_SPACES_OR_RUN = regex.compile(r"^[ ]+ | [ ]+$ | [ ]{2,}", V)
BLANK_LINE_RUNS = regex.compile(r"\n{3,}", V)

# --- paragraphs cut by a page break -------------------------------------------------

# A blank line between two pieces of one sentence: the piece before it does not
# end a sentence or a heading and the piece after it does not start a new item.
PARAGRAPH_BREAK = regex.compile(
    r"""(?<=[^\n])          # the end of the piece before
        \n\n                # the break (runs of blank lines are already one)
        (?=[^\n])""",
    V,
)
CLOSING_CHARS = ".;:!?…)]”\"'»/"  # a line ending in one of these ends a sentence or an item
STARTS_LIST_ITEM = regex.compile(
    r"""^(?:[-–+•]\s                 # dash or bullet
         | [IVXLC]+\.\s              # Roman numeral
         | \d+(?:\.\d+)*[.)]\s       # 1.  1.1.  1)
         | [a-zđ][)]\s               # a)
         | \(\d+\)\s                 # (1)
         | (?:Điều|Chương|Mục|Phần)\s)""",
    V,
)
STARTS_LOWER = regex.compile(r"^[\p{Ll}]", V)
# An upper-case abbreviation that may open the second half of a sentence
# ("trình Chủ tịch // UBND tỉnh tặng Bằng khen").
STARTS_ACRONYM_THEN_LOWER = regex.compile(r"^\p{Lu}{2,}[ ]+[\p{Ll}]", V)

# --- lines wrapped inside a paragraph (TXT exports, PDF text layers) -------------------

# (a break after a line ending a sentence is never a wrap: not even tried)
LINE_WRAP = regex.compile(r"(?<=[^\n" + regex.escape(CLOSING_CHARS) + r"])\n(?=[^\n])", V)
# A number cut from the word that announces it ("Kế hoạch số // 45/KH-UBND",
# "ngày 15 tháng 01 năm // 2026") or a symbol or date going on ("20/01/2026").
ENDS_NUMBER_WORD = regex.compile(r"\b(?:số|ngày|tháng|năm)$", V | regex.IGNORECASE)
ENDING_WORD_CHARS = 16  # the longest word the two patterns here look for at a line's end, and more
# A word no heading or sentence ends with: the next line goes on, whatever its case
# ("… theo hướng dẫn của // Ban Thi đua - Khen thưởng").
ENDS_FUNCTION_WORD = regex.compile(
    r"(?<!\p{L})(?:của|về|và|các|những|tại|cho|qua|theo|với|đến|từ|để|do|bởi|thuộc|gồm|như|hoặc|đối\s+với)$",
    V,
)
STARTS_NUMBER = regex.compile(r"^\d+(?:/|[ ]*$|[ ]+(?:tháng|năm)\b|[,;.]?[ ]+\p{Ll})", V)

# --- two-column layouts (text exported with spaces for layout) ------------------------

WIDE_GAP = regex.compile(r"[ ]{3,}", V)
# The header's date line: a place, then the date, its day and month perhaps blank,
# handwritten or misread by OCR ("Hà Nội, ngày} tháng Š năm 2021"), the words'
# marks too ("ngảy", "thảng", "nắm").
DATE_LINE_HINT = regex.compile(
    r"""\p{L},[ ]*ng[àaảáạã]y[^\n]{0,8}?h[áaảàạã]ng[^\n]{0,8}?n[ăaắằẳẵặâấầẩẫậ]m
      | ^[ ]*ngày[ ]*[\d.…_ ]*tháng[ ]*[\d.…_ ]*năm""",
    V | regex.IGNORECASE | regex.MULTILINE,
)
RECIPIENTS_HINT = regex.compile(r"^[ ]*N[ơo]i[ ]+nh[ậâa]n", V | regex.IGNORECASE)
PERSON_NAME = regex.compile(r"\p{Lu}\p{Ll}+(?:[ ]\p{Lu}\p{Ll}*){1,4}$", V)  # "Trương Hòa Bình"
# OCR's specks before a name in a column, a signature's stroke read as "= -" or ". ".
NAME_LEAD = regex.compile(r"^[^\p{L}\d]{1,4}[ ]", V)
SIGNER_PREFIX_HINT = regex.compile(r"(?:KT|TM|TL|TUQ|Q)[.][ ]*\p{Lu}", V)  # "KT. CHỦ TỊCH"

"""E-office signature stamps written into the text, and the signing evidence they give.

An e-office system prints a box where a document was signed, and copies of it
reach archives as text (a PDF's text layer, a portal's TXT export, OCR of the box):

    Ký bởi: Ủy ban Quản lý vốn nhà nước tại doanh nghiệp
    Ngày ký: 27-05-2021 16:24:14 +07:00

or ``Người ký: … / Cơ quan: … / Thời gian ký: 12.10.2021 14:52:05 +07:00``. Each
box becomes one :class:`SignatureEvidence` (source ``stamp``) with the box's span;
the lines of one box are at most ``BOX_LINES`` apart. A time without a signer (an
OCR'd box that lost its first line) still counts.
"""

from __future__ import annotations

import datetime as dt

import regex

from ..record import SignatureEvidence
from .text import LinePattern, Text, clean_value

V = regex.VERBOSE | regex.IGNORECASE | regex.MULTILINE

# "Ký bởi: X", "Người ký: X": who signed.
SIGNED_BY = LinePattern.of(r"[ \t]*(?:ký\s+bởi|người\s+ký)[ \t]*:[ \t]*(?P<v>[^\n]{2,120})$", V)
# "Cơ quan: Y", "Tổ chức: Y": the signer's agency, in the same box.
AGENCY = LinePattern.of(r"[ \t]*(?:cơ\s+quan|tổ\s+chức)[ \t]*:[ \t]*(?P<v>[^\n]{2,120})$", V)
# "Ngày ký: 27-05-2021 16:24:14 +07:00", "Thời gian ký: 12.10.2021 14:52:05 +07:00".
SIGNED_AT = LinePattern.of(
    r"""[ \t]*(?:ngày\s+ký|thời\s+gian\s+ký|ký\s+ngày)[ \t]*:[ \t]*
        (?P<d>\d{1,2})[-./](?P<mo>\d{1,2})[-./](?P<y>\d{4})
        (?:[ \t,]+(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?)?
        (?:[ \t]*(?P<sign>[+-])(?P<oh>\d{2}):?(?P<om>\d{2}))?""",
    V,
)
BOX_LINES = 4  # the lines of one stamp are at most this many lines apart


def _time(m: regex.Match[str]) -> tuple[str | None, str | None]:
    """(ISO time, ISO day) of a stamp's time; (None, None) when not a real date."""
    try:
        day = dt.date(int(m.group("y")), int(m.group("mo")), int(m.group("d")))
    except ValueError:
        return None, None
    if m.group("h") is None:
        return None, day.isoformat()
    tz = None
    if m.group("sign"):
        delta = dt.timedelta(hours=int(m.group("oh")), minutes=int(m.group("om")))
        tz = dt.timezone(delta if m.group("sign") == "+" else -delta)
    try:
        when = dt.datetime.combine(
            day, dt.time(int(m.group("h")), int(m.group("mi")), int(m.group("s") or 0)), tz
        )
    except ValueError:
        return None, day.isoformat()
    return when.isoformat(), day.isoformat()


def find_stamps(t: Text) -> list[SignatureEvidence]:
    """The signature stamps of the text, in order."""
    found = sorted(
        [(m.start("line"), "name", m) for m in SIGNED_BY.finditer(t.text)]
        + [(m.start("line"), "org", m) for m in AGENCY.finditer(t.text)]
        + [(m.start("line"), "time", m) for m in SIGNED_AT.finditer(t.text)],
        key=lambda x: x[0],
    )
    boxes: list[list[tuple[int, str, regex.Match[str]]]] = []
    for item in found:
        box = boxes[-1] if boxes else None
        near = box and t.line_at(item[0]).index - t.line_at(box[-1][0]).index <= BOX_LINES
        if box and near and item[1] not in {k for _, k, _ in box}:
            box.append(item)
        elif item[1] != "org":  # an agency line alone ("Cơ quan: …" of a letterhead) is no stamp
            boxes.append([item])
    out = []
    for box in boxes:
        parts = {k: m for _, k, m in box}
        if "time" not in parts and "name" not in parts:
            continue
        time, day = _time(parts["time"]) if "time" in parts else (None, None)
        if day is None and "name" not in parts:
            continue  # "Ngày ký: 31-02-2021": no day, no signer, no evidence
        start = min(m.start("line") for m in parts.values())
        end = max(m.end("line") for m in parts.values())
        out.append(
            SignatureEvidence(
                name=clean_value(parts["name"].group("v")) if "name" in parts else None,
                organization=clean_value(parts["org"].group("v")) if "org" in parts else None,
                time=time,
                date=day,
                source="stamp",
                evidence=t.span(start, end, trim=False),
            )
        )
    return out

"""Hostile inputs an archive holds, built small and fast for the tests and for
``scripts/fault_table.py``: each one must give a record with a clear message while
the batch goes on.

Every builder writes into a folder and returns the path it wrote.
"""

from __future__ import annotations

import io
import os
import pickle
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from .conftest import ROOT

T = TypeVar("T")
NOBODY = 65534

SEED = ROOT / "corpus" / "seeds" / "004_d597ab0dcd2088e2.txt"
DOCX = ROOT / "corpus" / "fixtures" / "g03_cv_de_nghi_bao_cao.docx"
PDF = ROOT / "corpus" / "fixtures" / "g03_cv_de_nghi_bao_cao.pdf"
GIB = 1024**3


def _canvas_pdf(size: tuple[float, float] = (595, 842), encrypt: str | None = None) -> bytes:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    enc = pdfencrypt.StandardEncryption(encrypt, "owner", strength=128) if encrypt is not None else None
    c = canvas.Canvas(buf, pagesize=size, encrypt=enc)
    c.drawString(72, size[1] - 72, "Ke hoach so 12/KH-UBND ngay 05/3/2025")
    c.showPage()
    c.save()
    return buf.getvalue()


def _image_only_pdf(size: tuple[float, float]) -> bytes:
    """One page of ``size`` points holding only a small image (a scan with no text layer)."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("RGB", (64, 64), "white")
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=size)
    c.drawImage(ImageReader(img), 0, 0, size[0], size[1])
    c.showPage()
    c.save()
    return buf.getvalue()


def _zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip of (name, deflated data, CRC-32, inflated size) members, written by hand so a
    member's data can be deflated once and repeated (a bomb's gigabytes never exist)."""
    out = io.BytesIO()
    central = []
    for name, data, crc, size in members:
        offset = out.tell()
        raw = name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size, len(raw), 0))
        out.write(raw + data)
        central.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0,
                crc,
                len(data),
                size,
                len(raw),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + raw
        )
    start = out.tell()
    for c in central:
        out.write(c)
    out.write(
        struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), out.tell() - start, start, 0)
    )
    return out.getvalue()


def _members_of(docx: bytes) -> list[tuple[str, bytes, int, int]]:
    z = zipfile.ZipFile(io.BytesIO(docx))
    out = []
    for info in z.infolist():
        data = z.read(info)
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        out.append((info.filename, c.compress(data) + c.flush(), zlib.crc32(data), len(data)))
    return out


def zip_bomb_docx(inflated: int = 3 * GIB) -> bytes:
    """g03's DOCX whose document.xml inflates to ``inflated`` bytes of XML (a few MB on disk)."""
    chunk = b" " * (1 << 20)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    n = inflated // len(chunk)
    head = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    crc = zlib.crc32(head)
    for _ in range(n):
        crc = zlib.crc32(chunk, crc)
    first = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = (
        first.compress(head)
        + first.flush(zlib.Z_FULL_FLUSH)
        + block * n
        + zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    )
    members = [m for m in _members_of(DOCX.read_bytes()) if m[0] != "word/document.xml"]
    return _zip([*members, ("word/document.xml", data, crc, len(head) + n * len(chunk))])


def billion_laughs_docx() -> bytes:
    """g03's DOCX whose document.xml declares nested entities (10^9 'ha's if expanded)."""
    z = zipfile.ZipFile(DOCX)
    doc = z.read("word/document.xml").decode("utf-8")
    entities = '<!ENTITY a0 "ha">' + "".join(
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    root = doc.index("<w:document")
    doc = f'<?xml version="1.0"?>\n<!DOCTYPE w:document [{entities}]>\n' + doc[root:].replace(
        "<w:t>", "<w:t>&a9;", 1
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in z.infolist():
            out.writestr(info.filename, doc if info.filename == "word/document.xml" else z.read(info))
    return buf.getvalue()


def long_pdf(pages: int = 1500) -> bytes:
    """A text-layer PDF of ``pages`` pages, each a different stretch of the seed's lines."""
    from .pdfgen import Page, pdf

    lines = [ln for ln in SEED.read_text(encoding="utf-8").splitlines() if ln.strip()]
    out = []
    for n in range(pages):
        page = Page()
        for k in range(20):
            page.text(40, 800 - 20 * k, lines[(n * 7 + k) % len(lines)][:90])
        out.append(page)
    return pdf(*out, size=9)


def big_text(size: int = 150 * 1000**2) -> bytes:
    """A text dump of ``size`` bytes: the seed repeated."""
    seed = SEED.read_bytes()
    return (seed * (size // len(seed) + 1))[:size]


BUILDERS: dict[str, Callable[[], bytes]] = {
    "empty.txt": lambda: b"",
    "truncated.pdf": lambda: PDF.read_bytes()[: len(PDF.read_bytes()) // 3],
    "encrypted_empty_password.pdf": lambda: _canvas_pdf(encrypt=""),
    "encrypted_with_password.pdf": lambda: _canvas_pdf(encrypt="secret"),
    "junk_before_header.pdf": lambda: b"\r\nX-Mailer: junk\r\n\x00\x01" + PDF.read_bytes(),
    "zip_bomb.docx": zip_bomb_docx,
    "billion_laughs.docx": billion_laughs_docx,
    "pages_1500.pdf": long_pdf,
    "enormous_page.pdf": lambda: _image_only_pdf((20000.0, 20000.0)),
    "binary_junk.txt": lambda: bytes(range(256)) * 4096,
    "text_150MB.txt": big_text,
    "script.doc": lambda: (
        b"<html><head><script>alert('x'); document.write('Quyet dinh')</script></head><body>"
        b"<p>UBND T\xe1\xbb\x88NH KH\xc3\x81NH H\xc3\x92A</p><p>S\xe1\xbb\x91: 12/Q\xc4\x90-UBND</p>"
        b"<p>QUY\xe1\xba\xbeT \xc4\x90\xe1\xbb\x8aNH</p><p>V\xe1\xbb\x81 vi\xe1\xbb\x87c khen th\xc6\xb0\xe1\xbb\x9fng</p>"
        b"<script>var x = '<p>Hidden</p>';</script></body></html>"
    ),
}


def build(folder: Path, names: list[str] | None = None) -> dict[str, Path]:
    """Write the named fault inputs (all by default) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name in names or list(BUILDERS):
        path = folder / name
        path.write_bytes(BUILDERS[name]())
        out[name] = path
    return out


def as_unprivileged(fn: Callable[..., T], *args: object) -> T:
    """``fn(*args)`` as a user who is not root: root reads every file and lists every
    folder, so as root it runs in a forked process that gave root up (user nobody),
    whose result comes back pickled. The paths it reads must be open to that user's
    path (a test folder under /tmp: tmp_path's parents are world-readable)."""
    if os.geteuid() != 0:
        return fn(*args)
    temp = Path(tempfile.gettempdir()).resolve()
    for p in Path(str(args[0])).resolve().parents:
        if temp in p.parents:  # pytest's folders under /tmp are 0700: let nobody through them
            p.chmod(p.stat().st_mode | 0o005)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: give root up, run, send the result back
        try:
            os.close(read)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            result: object = ("ok", fn(*args))
        except BaseException as e:  # the parent raises it
            result = ("error", repr(e))
        with os.fdopen(write, "wb") as out:
            pickle.dump(result, out)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as inp:
        kind, value = pickle.load(inp)
    os.waitpid(pid, 0)
    assert kind == "ok", value
    return value  # type: ignore[no-any-return]


def odd_names(folder: Path) -> list[Path]:
    """Files whose names hold a newline and bytes that are not UTF-8, with a seed's text."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for raw in (b"line\nbreak.txt", b"latin1_\xe9\xe0_name.txt"):
        path = os.fsdecode(os.path.join(os.fsencode(folder), raw))
        Path(path).write_bytes(SEED.read_bytes())
        paths.append(Path(path))
    return paths

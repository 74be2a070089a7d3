"""Decide a file's format from its content, not its name.

A ``.doc`` that is really HTML, a ``.pdf`` that is a Word file, a text file
named ``.docx``: the bytes decide. The name is only a hint between formats
that look alike (a zip is DOCX, XLSX or ODT by its members).
"""

from __future__ import annotations

import json
import zipfile
from io import BytesIO

import regex

HTML_START = regex.compile(rb"^\s*(?:<!DOCTYPE\s+html|<html|<head|<meta|<body|<table|<div|<p[\s>])", regex.I)
XML_START = regex.compile(rb"^\s*<\?xml", regex.I)
# Markup of an HTML fragment (no <html> head): tables, paragraphs, emphasis.
HTML_TAG = regex.compile(
    rb"</?(?:table|tr|td|th|tbody|p|div|span|strong|em|br|figure|col|colgroup|ul|li|h[1-6])\b", regex.I
)
MIN_HTML_TAGS = 8

# A PDF's header may follow some junk (a mail gateway's line, a few stray bytes):
# readers look for it in the first 1,024 bytes, and so does PDFium.
PDF_HEADER = regex.compile(rb"%PDF-[12]\.\d")
PDF_HEADER_WITHIN = 1024
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "doc"),  # OLE2 compound file: Word 97-2003 (or .xls)
    (b"{\\rtf", "rtf"),
    (b"\x89PNG\r\n\x1a\n", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"II*\x00", "image"),
    (b"MM\x00*", "image"),
    (b"GIF8", "image"),
)


def _zip_format(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return "binary"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "content.xml" in names:
        return "odt"
    return "zip"


def _is_json(data: bytes) -> bool:
    try:
        json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return False
    return True


# Control bytes that text never holds (tab, line feed, form feed and carriage return do).
CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def _looks_like_text(data: bytes) -> bool:
    sample = data[:65536]
    if sample.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in sample:
        return False
    controls = len(sample) - len(sample.translate(None, CONTROL_BYTES))
    return controls <= len(sample) * 0.01


def sniff(data: bytes) -> str:
    """The format of a document's bytes.

    One of pdf, docx, doc, rtf, html, txt, json, image, xlsx, odt, zip, empty, binary.
    """
    if not data.strip():
        return "empty"
    if PDF_HEADER.search(data, 0, PDF_HEADER_WITHIN + 8):
        return "pdf"
    for magic, fmt in SIGNATURES:
        if data.startswith(magic):
            return fmt
    head = data.lstrip(b"\xef\xbb\xbf")[:2048]
    if data.startswith(b"PK\x03\x04"):
        return _zip_format(data)
    if HTML_START.match(head) or (XML_START.match(head) and b"<html" in data[:4096].lower()):
        return "html"
    if head.lstrip().startswith(b"<") and len(HTML_TAG.findall(data[:8192])) >= MIN_HTML_TAGS:
        return "html"
    if head.lstrip()[:1] in (b"{", b"[") and _is_json(data):
        return "json"
    return "txt" if _looks_like_text(data) else "binary"

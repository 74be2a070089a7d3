"""HTML, including HTML saved with a .doc name by web applications."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from .base import Backend, RawDocument
from .limits import Limits
from .txt import decode, head

BLOCKS = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "title"}
CELLS = {"td", "th"}
SKIP = {"script", "style", "head"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP:
            self._skip += 1
        elif tag in BLOCKS or tag in CELLS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(" ".join(data.split("\n")))


class HtmlBackend(Backend):
    format = "html"

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()

    def read(self, data: bytes, path: Path) -> RawDocument:
        data, warnings = head(data, self.limits)
        markup, encoding = decode(data)
        parser = _Text()
        parser.feed(markup)
        parser.close()
        return RawDocument(text="".join(parser.parts), encoding=encoding, warnings=warnings)

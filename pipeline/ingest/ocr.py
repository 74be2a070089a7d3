"""OCR with Tesseract (``tesseract-ocr`` with the ``vie`` model), run as a process.

One page image in, the page's text out, laid out as on the page: Tesseract's
words (its TSV output, with boxes and confidences) are set on rows by their
position, a word's column by its left edge, so a header's two columns stay two
columns, as in a text export, and normalization reads them one after the
other. The page's confidence is the mean of its words', weighted by length.

Pages are OCRed in parallel, one Tesseract process per page and at most
``workers`` at once (each told to use one thread); Tesseract's output is cached
on disk under a key made of what produced it (the image's or the document page's
hash, the resolution, the language, Tesseract's version), so a rerun costs
nothing.
No Tesseract on the machine is an error the caller turns into a clear message.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal, NamedTuple

from .children import die_with_parent
from .fusion import ENGINES, fuse, header_band
from .marks import UNSURE_CLOSE, UNSURE_OPEN
from .neural import NeuralLines, versions
from .ocr_errors import OcrFailed, OcrUnavailable

CHAR_WIDTH_SHARE = 0.55  # a character's width, as a share of the line's height
COLUMN_GAP = 1.0  # a gap between words wider than this many line heights parts two columns
ROW_LOOKBACK = 6  # rows looked back at for a line of another column at the same height
MIN_CONFIDENCE = 0  # Tesseract's -1 marks a non-word box
PSM = "3"  # page segmentation: automatic, as a page of a document
UNSURE_BELOW = 60  # a word Tesseract is less sure of than this is marked unsure


def default_cache_dir() -> Path:
    """``$VANBAN_CACHE/ocr``, else ``$XDG_CACHE_HOME/vanban/ocr``, else ``~/.cache/vanban/ocr``."""
    if os.environ.get("VANBAN_CACHE"):
        return Path(os.environ["VANBAN_CACHE"]) / "ocr"
    base = Path(os.environ["XDG_CACHE_HOME"]) if os.environ.get("XDG_CACHE_HOME") else Path.home() / ".cache"
    return base / "vanban" / "ocr"


@dataclass(frozen=True)
class OcrOptions:
    """How pages are read by OCR; the defaults are the measured choices (README)."""

    enabled: bool = True
    engine: str = "tesseract"  # tesseract, neural, or fusion (README: the measured choice)
    fallback: bool = True  # the neural packages missing: read with Tesseract, and say so
    # a scan's header band read again by the neural engine (when installed), for the number
    # and the date Tesseract could not read (README: "A second reading of the header")
    second_reading: bool = True
    dpi: int = 300
    lang: str = "vie"
    workers: int = 0  # 0: one per core
    timeout: float = 300.0  # seconds for one page
    cache_dir: Path | None = field(default_factory=default_cache_dir)

    def pool_size(self) -> int:
        return self.workers or os.cpu_count() or 1


@dataclass(frozen=True)
class OcrPage:
    text: str  # laid out as on the page
    confidence: float  # 0 to 1, the words' mean weighted by length
    words: int


class Word(NamedTuple):  # a tuple: a page has hundreds, made fresh from the cache on every read
    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float
    line: tuple[int, int, int]  # block, paragraph, line


def parse_tsv(tsv: str) -> list[Word]:
    """The words of Tesseract's TSV output (level 5 rows with text)."""
    words = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        conf = float(cols[10])
        if conf < MIN_CONFIDENCE:
            continue
        left, top, width, height = map(int, cols[6:10])
        words.append(
            Word(cols[11], left, top, width, height, conf, (int(cols[2]), int(cols[3]), int(cols[4])))
        )
    return words


@dataclass
class _Row:
    """Words on one visual row of the page, from one or more columns."""

    top: int
    bottom: int
    words: list[Word]
    spans: list[tuple[int, int]]  # the left and right of each line in the row

    @classmethod
    def of(cls, ws: list[Word]) -> _Row:
        left, right = min(w.left for w in ws), max(w.left + w.width for w in ws)
        return cls(min(w.top for w in ws), max(w.top + w.height for w in ws), list(ws), [(left, right)])

    def takes(self, line: _Row) -> bool:
        middle = (line.top + line.bottom) / 2
        own_middle = (self.top + self.bottom) / 2
        height = max(self.bottom - self.top, line.bottom - line.top)
        side_by_side = all(line.spans[0][0] >= r or line.spans[0][1] <= left for left, r in self.spans)
        return abs(middle - own_middle) <= height / 2 and side_by_side

    def join(self, line: _Row) -> None:
        self.words.extend(line.words)
        self.spans.extend(line.spans)
        self.top, self.bottom = min(self.top, line.top), max(self.bottom, line.bottom)


def layout_text(words: Sequence[Word]) -> str:
    """The page's words on rows, each row's words at their columns, blank lines where
    the page leaves a gap of more than a line."""
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for w in words:
        lines.setdefault(w.line, []).append(w)
    # Tesseract's lines; a line of another column at the same height joins a row,
    # a line under another in the same column never does
    rows: list[_Row] = []
    for ws in sorted(lines.values(), key=lambda ws: (min(w.top for w in ws), min(w.left for w in ws))):
        line = _Row.of(ws)
        row = next((r for r in reversed(rows[-ROW_LOOKBACK:]) if r.takes(line)), None)
        if row is None:
            rows.append(line)
        else:
            row.join(line)
    rows.sort(key=lambda r: r.top)
    row_span = [(r.top, r.bottom) for r in rows]
    heights = sorted(w.height for w in words) or [20]
    char = max(1.0, heights[len(heights) // 2] * CHAR_WIDTH_SHARE)
    out: list[str] = []
    prev_bottom = None
    for (top, bottom), ws in zip(row_span, (r.words for r in rows), strict=True):
        if prev_bottom is not None and top - prev_bottom > (bottom - top) * 1.2:
            out.append("")
        line = ""
        prev: Word | None = None
        for w in sorted(ws, key=lambda w: w.left):
            text = f"{UNSURE_OPEN}{w.text}{UNSURE_CLOSE}" if w.conf < UNSURE_BELOW else w.text
            gap = w.left - (prev.left + prev.width) if prev is not None else None
            if gap is not None and prev is not None and gap <= COLUMN_GAP * max(w.height, prev.height):
                line += " " + text  # the next word of a phrase
            else:  # a new column: at its place on the page, and apart from what is before it
                col = int(w.left / char)
                line += " " * max(3 if line else 0, col - len(line)) + text
            prev = w
        out.append(line)
        prev_bottom = bottom
    return "\n".join(out)


def page_of(tsv: str) -> OcrPage:
    words = parse_tsv(tsv)
    return OcrPage(layout_text(words), _confidence(words), len(words))


def _confidence(words: Sequence[Word]) -> float:
    total = sum(len(w.text) for w in words)
    return round(sum(w.conf * len(w.text) for w in words) / total / 100, 3) if total else 0.0


@dataclass
class Tesseract:
    """Tesseract for one run: found, checked and asked its version once, when first needed."""

    options: OcrOptions = field(default_factory=OcrOptions)
    _exe: str | None = None
    _version: str | None = None
    _neural: NeuralLines | None = None
    _engine: str | None = None
    _second: Tesseract | Literal[False] | None = None  # the neural engine for second readings; False: absent
    note: str | None = None  # why another engine than the one asked for reads the pages

    def engine(self) -> str:
        """The engine that reads: the one asked for, or Tesseract when the neural packages
        are missing and ``fallback`` allows it (``note`` then says so)."""
        if self._engine is None:
            engine = self.options.engine
            if engine not in ENGINES:
                raise OcrUnavailable(f"no OCR engine '{engine}' (one of: {', '.join(ENGINES)})")
            if engine != "tesseract":
                try:
                    versions()
                except OcrUnavailable as e:
                    if not self.options.fallback:
                        raise
                    self.note = f"{e}: pages read by Tesseract instead"
                    engine = "tesseract"
            self._engine = engine
        return self._engine

    def version(self) -> str:
        """The engine's programs and versions: what produced a page's text (the cache key)."""
        engine = self.engine()
        if engine == "neural":
            return versions()
        tesseract = self._tesseract_version()
        return f"{tesseract}; {versions()}" if engine == "fusion" else tesseract

    def _tesseract_version(self) -> str:
        if self._version is None:
            exe = shutil.which("tesseract")
            if exe is None:
                raise OcrUnavailable(
                    "Tesseract is not installed (Debian: apt-get install tesseract-ocr tesseract-ocr-vie)"
                )
            try:
                out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30)
                langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
            except (OSError, subprocess.SubprocessError) as e:
                raise OcrUnavailable(f"Tesseract does not run: {e}") from e
            if self.options.lang not in langs.stdout.split():
                lang = self.options.lang
                hint = f"Debian: apt-get install tesseract-ocr-{lang}"
                raise OcrUnavailable(f"Tesseract has no '{lang}' model ({hint})")
            self._exe = exe
            self._version = (out.stdout or out.stderr).splitlines()[0].strip()
        return self._version

    def available(self) -> bool:
        """The engine is installed and runs (Tesseract with the language's model)."""
        try:
            self.version()
        except OcrUnavailable:
            return False
        return True

    def _key(self, source: str) -> str:
        o = self.options
        parts = f"{source}|{o.dpi}|{o.lang}|{self.version()}|psm{PSM}"
        if self.engine() != "tesseract":  # the engine is part of the key (Tesseract's keys stay as they were)
            parts += f"|{self.engine()}"
        return hashlib.sha256(parts.encode()).hexdigest()

    def _cached(self, key: str) -> str | None:
        if self.options.cache_dir is None:
            return None
        try:
            return (self.options.cache_dir / key[:2] / f"{key}.tsv").read_text(encoding="utf-8")
        except OSError:
            return None

    def _store(self, key: str, tsv: str) -> None:
        """Tesseract's own output is kept, so a change in how the text is laid out from it
        costs no OCR."""
        if self.options.cache_dir is None:
            return
        folder = self.options.cache_dir / key[:2]
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                "w", dir=folder, delete=False, suffix=".part", encoding="utf-8"
            ) as f:
                f.write(tsv)
            os.replace(f.name, folder / f"{key}.tsv")
        except OSError:
            pass  # a cache that cannot be written only costs time

    def recognize(self, image: bytes, dpi: int | None = None) -> str:
        """The engine's TSV for one page image (PNG, JPEG, TIFF or PNM bytes); ``dpi`` for an
        image that does not say its resolution (a rendered page)."""
        engine = self.engine()
        if engine == "tesseract":
            return self._tesseract(image, dpi)
        if engine == "neural":
            return self._neural_tsv(image)
        band, height = header_band(image)  # the neural engine reads only the header's band
        return fuse(self._tesseract(image, dpi), self._neural_tsv(band), height)

    def second_reading(self, source: str, render: Callable[[], bytes]) -> str | None:
        """The neural engine's text of a header band (``render`` makes its image; ``source``
        names it for the cache), when Tesseract reads the pages and the neural engine is
        installed; else None. A failure costs the second reading only."""
        if not self.options.second_reading or self.engine() != "tesseract":
            return None
        if self._second is None:  # asked once a run: the neural engine is installed or not
            neural = Tesseract(replace(self.options, engine="neural", fallback=False))
            self._second = neural if neural.available() else False
        if not self._second:
            return None
        (page,) = self._second.recognize_pages([source], lambda _: render())
        return page.text if isinstance(page, OcrPage) else None

    def _neural_tsv(self, image: bytes) -> str:
        if self._neural is None:
            self._neural = NeuralLines()
        try:
            return self._neural.recognize(image)
        except (OcrFailed, OcrUnavailable):
            raise
        except MemoryError as e:
            raise OcrFailed(f"the neural engine ran out of memory on a page (--max-memory): {e}") from e
        except Exception as e:  # ONNX Runtime's errors (bad_alloc under a memory cap among them)
            why = str(e).strip().splitlines()[-1][:200] if str(e).strip() else type(e).__name__
            raise OcrFailed(f"the neural engine could not read a page: {why}") from e

    def _tesseract(self, image: bytes, dpi: int | None) -> str:
        self._tesseract_version()
        assert self._exe is not None
        try:
            done = subprocess.run(
                [
                    self._exe,
                    "stdin",
                    "stdout",
                    "-l",
                    self.options.lang,
                    "--psm",
                    PSM,
                    *(["--dpi", str(dpi)] if dpi else []),
                    "tsv",
                ],
                input=image,
                capture_output=True,
                timeout=self.options.timeout,
                env={**os.environ, "OMP_THREAD_LIMIT": "1"},
                preexec_fn=die_with_parent(),  # gone with the reader that started it
            )
        except subprocess.TimeoutExpired as e:
            raise OcrFailed(f"Tesseract took more than {self.options.timeout:.0f} s on a page") from e
        except OSError as e:
            raise OcrFailed(f"Tesseract does not run: {e}") from e
        if done.returncode != 0:
            why = done.stderr.decode(errors="replace").strip().splitlines()
            raise OcrFailed(f"Tesseract could not read the image: {why[-1] if why else 'no reason given'}")
        return done.stdout.decode("utf-8", errors="replace")

    def recognize_pages(
        self, sources: Sequence[str], render: Callable[[int], bytes], dpi: int | None = None
    ) -> list[OcrPage | OcrFailed]:
        """OCR pages in parallel. ``sources[i]`` names page i's origin (the cache key);
        ``render(i)`` makes its image when it is not cached. Rendering stays in this
        thread (PDFium is not thread-safe), at most two images per worker waiting. A
        page Tesseract cannot read comes back as its error; the others are read."""
        self.version()
        out: list[str | None] = [None] * len(sources)
        keys = [self._key(s) for s in sources]
        todo = []
        failed: dict[int, OcrFailed] = {}
        for i, key in enumerate(keys):
            out[i] = self._cached(key)
            if out[i] is None:
                todo.append(i)
        if todo:
            workers = self.options.pool_size()
            room = threading.BoundedSemaphore(2 * workers)
            with ThreadPoolExecutor(max_workers=workers) as pool:
                futures = {}
                for i in todo:
                    room.acquire()
                    future = pool.submit(self.recognize, render(i), dpi)
                    future.add_done_callback(lambda _: room.release())
                    futures[i] = future
                for i, future in futures.items():
                    try:
                        out[i] = future.result()
                    except OcrFailed as e:
                        failed[i] = e
                        continue
                    self._store(keys[i], out[i])  # type: ignore[arg-type]
        return [page_of(tsv) if tsv is not None else failed[i] for i, tsv in enumerate(out)]

"""A neural OCR engine: PP-OCR's text-line detector (rapidocr, Apache-2.0) and a
Vietnamese line recognizer (asterocr, MIT), both ONNX models shipped inside their
wheels and run in this process by ONNX Runtime. Optional: ``pip install
'vanban[neural]'`` (versions and hashes pinned in ``requirements/neural.txt``).

A page image goes in; out comes what Tesseract gives, a TSV of words with their
boxes and confidences (:func:`to_tsv`), so that the layout, the cache and the
unsure marks work alike for both engines. Each detected line is recognized as a
whole; its characters are placed along the line by the CTC frames that emitted
them, so each word gets its own box and, as its confidence, the least sure of its
letters' probabilities.

Nothing here reaches the network: both packages find their models in their own
wheels (a test runs the engine with sockets refused). asterocr's wheel also holds
training, dataset and notebook helpers that fetch files; they are never imported.
"""

from __future__ import annotations

import functools
import io
import itertools
import threading
from dataclasses import dataclass
from typing import Any

import numpy as np

from .ocr_errors import OcrFailed, OcrUnavailable

PAD = 3  # pixels kept around a detected line when it is cropped
# The recognizer reads at most 256 frames, a frame per 4 pixels of a line scaled to 32
# pixels high: a line longer than this many times its height is read in pieces.
MAX_ASPECT = 30
INK = 128  # a pixel darker than this (0-255) is ink
MIN_LINE_HEIGHT = 8  # a box lower than this is a speck, not a line of text
TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


Box = tuple[int, int, int, int]  # left, top, right, bottom in pixels


@dataclass(frozen=True, slots=True)
class LineWord:
    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float  # 0 to 100, as Tesseract gives it


@functools.cache
def versions() -> str:
    """The engine's packages and versions (part of the OCR cache key; asked for every page,
    looked up once a process)."""
    try:
        from importlib.metadata import version

        return ", ".join(f"{name} {version(name)}" for name in ("rapidocr", "asterocr", "onnxruntime"))
    except Exception as e:  # a package missing
        raise OcrUnavailable(_missing(e)) from e


def _missing(e: Exception) -> str:
    return f"the neural OCR engine is not installed ({e}): pip install 'vanban[neural]'"


class NeuralLines:
    """The detector and the recognizer, loaded once per process when first used."""

    _lock = threading.Lock()

    def __init__(self) -> None:
        self._det: Any = None
        self._rec: Any = None

    def _load(self) -> None:
        with self._lock:
            if self._rec is not None:
                return
            try:
                from asterocr import AsterOCR
                from rapidocr import RapidOCR
            except ImportError as e:
                raise OcrUnavailable(_missing(e)) from e
            quiet = {"Global.log_level": "error", "Global.use_cls": False, "Global.use_rec": False}
            threads = {"EngineConfig.onnxruntime.intra_op_num_threads": 1}
            self._det = RapidOCR(params={**quiet, **threads})
            self._rec = AsterOCR(backend="onnx")

    def _boxes(self, rgb: np.ndarray) -> list[tuple[int, int, int, int]]:
        found = self._det(rgb, use_det=True, use_cls=False, use_rec=False)
        out = []
        h, w = rgb.shape[:2]
        for quad in found.boxes if found.boxes is not None else []:
            xs, ys = [p[0] for p in quad], [p[1] for p in quad]
            x0, x1 = max(int(min(xs)) - PAD, 0), min(int(max(xs)) + PAD, w)
            y0, y1 = max(int(min(ys)) - PAD, 0), min(int(max(ys)) + PAD, h)
            if y1 - y0 >= MIN_LINE_HEIGHT and x1 > x0:
                out.append((x0, y0, x1, y1))
        return out

    def _line(self, rgb: np.ndarray, box: Box) -> list[LineWord]:
        """The words of one line: a line too long for the recognizer (``MAX_ASPECT``) is read
        in pieces cut where the ink is thinnest, between words."""
        x0, y0, x1, y1 = box
        height = max(y1 - y0, 1)
        if (x1 - x0) / height <= MAX_ASPECT:
            return self._piece(rgb, box)
        ink = (rgb[y0:y1, x0:x1].mean(axis=2) < INK).sum(axis=0)  # dark pixels per column
        pieces = int(np.ceil((x1 - x0) / height / MAX_ASPECT))
        cuts = [x0]
        for k in range(1, pieces):
            aim = x0 + (x1 - x0) * k // pieces
            lo, hi = max(aim - height * 2, cuts[-1] + 1), min(aim + height * 2, x1 - 1)
            cuts.append(_widest_gap(ink[lo - x0 : hi - x0], lo) if hi > lo else aim)
        cuts.append(x1)
        spans = [(a, b) for a, b in itertools.pairwise(cuts) if b > a]
        return [w for a, b in spans for w in self._piece(rgb, (a, y0, b, y1))]

    def _piece(self, rgb: np.ndarray, box: Box) -> list[LineWord]:
        """The words of a piece of a line, each with its box along it and its confidence."""
        from PIL import Image

        rec = self._rec
        x0, y0, x1, y1 = box
        tensor = rec.preprocess_image(Image.fromarray(rgb[y0:y1, x0:x1]))
        try:
            logp = rec.session.run([rec.output_name], {rec.input_name: tensor})[0][:, 0, :]  # T × classes
        except Exception:  # the runtime refused the piece (too long, malformed): it is not read
            return []
        best = logp.argmax(axis=1)
        frames = len(best)
        chars: list[tuple[str, int, float]] = []  # character, frame, probability
        prev = -1
        for k, idx in enumerate(best):
            idx = int(idx)
            if idx != prev and idx != rec.vocab.blank_idx:
                chars.append((rec.vocab.idx2char.get(idx, ""), k, float(np.exp(logp[k, idx]))))
            prev = idx
        return _words(chars, frames, box)

    def recognize(self, image: bytes) -> str:
        """Tesseract-like TSV of a page image (PGM, PNG, JPEG…)."""
        self._load()
        from PIL import Image

        try:
            rgb = np.asarray(Image.open(io.BytesIO(image)).convert("RGB"))
        except Exception as e:  # Pillow's errors are many
            raise OcrFailed(f"the neural engine could not read the image: {e}") from e
        words = [[*self._line(rgb, b)] for b in sorted(self._boxes(rgb), key=lambda b: (b[1], b[0]))]
        return to_tsv(words)


def _widest_gap(ink: np.ndarray, offset: int) -> int:
    """The middle of the widest run of blank columns (a space between words), else the
    thinnest column."""
    best, run_start, best_len = None, None, 0
    for k, v in enumerate([*ink.tolist(), 1]):
        if v == 0 and run_start is None:
            run_start = k
        elif v != 0 and run_start is not None:
            if k - run_start > best_len:
                best, best_len = (run_start + k) // 2, k - run_start
            run_start = None
    return offset + (best if best is not None else int(ink.argmin()))


def _words(
    chars: list[tuple[str, int, float]], frames: int, box: tuple[int, int, int, int]
) -> list[LineWord]:
    """Characters grouped into words at spaces, each word's box from its first and last
    frames (the line's width spread over the frames)."""
    x0, y0, x1, y1 = box
    scale = (x1 - x0) / max(frames, 1)
    out: list[LineWord] = []
    run: list[tuple[str, int, float]] = []
    for ch in [*chars, (" ", frames, 1.0)]:
        if ch[0].isspace():
            if run:
                left = x0 + int(run[0][1] * scale)
                right = x0 + int((run[-1][1] + 1) * scale)
                text = "".join(c for c, _, _ in run)
                conf = round(100 * min(p for _, _, p in run), 1)
                out.append(LineWord(text, left, y0, max(right - left, 1), y1 - y0, conf))
            run = []
        else:
            run.append(ch)
    return out


def to_tsv(lines: list[list[LineWord]]) -> str:
    """Lines of words as Tesseract's TSV (level 5 rows; one block, a line number each)."""
    rows = [TSV_HEADER]
    for n, line in enumerate(lines, 1):
        for k, w in enumerate(line, 1):
            text = w.text.replace("\t", " ")
            rows.append(f"5\t1\t1\t1\t{n}\t{k}\t{w.left}\t{w.top}\t{w.width}\t{w.height}\t{w.conf}\t{text}")
    return "\n".join(rows) + "\n"

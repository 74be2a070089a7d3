"""PDFium's functions that the PDF reader calls once per drawing object or per character,
as ctypes prototypes on plain addresses.

pypdfium2's bindings type every handle as a pointer to its own struct: a call that
returns one builds a pointer object, a call that takes one checks its class. On a page
of ruled tables (emu_029: 600 drawing objects and 2,600 characters a page, three calls
an object) that is a quarter of the walk: 30 → 22 ms for its 42 pages, measured. The
prototypes here are the same library functions, taken from pypdfium2's own (their
addresses), typed on ``c_void_p``: handles go in and come out as integers. Out-parameters
are typed as pointers, so a ``c_float`` or ``c_double`` made once is passed as it is.

Built on first use (:func:`calls`), not at import.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from functools import cache
from typing import Any

_P = ctypes.c_void_p
_FLOAT = ctypes.POINTER(ctypes.c_float)
_DOUBLE = ctypes.POINTER(ctypes.c_double)
_UINT = ctypes.POINTER(ctypes.c_uint)
_INT = ctypes.POINTER(ctypes.c_int)


def _typed(fn: Any, restype: Any, *argtypes: Any) -> Any:
    """``fn`` (a pypdfium2 binding) called through a prototype of the given types."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(fn, ctypes.c_void_p).value)


def address(handle: Any) -> int:
    """The address a pypdfium2 handle (a page, a text page) points at."""
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


@dataclass(frozen=True)
class Calls:
    """The prototypes; each takes what the PDFium function of the same name takes."""

    count_objects: Any  # FPDFPage_CountObjects(page) -> int
    get_object: Any  # FPDFPage_GetObject(page, i) -> object
    object_type: Any  # FPDFPageObj_GetType(object) -> int
    bounds: Any  # FPDFPageObj_GetBounds(object, &left, &bottom, &right, &top) -> bool
    matrix: Any  # FPDFPageObj_GetMatrix(object, &FS_MATRIX) -> bool
    count_segments: Any  # FPDFPath_CountSegments(path) -> int
    draw_mode: Any  # FPDFPath_GetDrawMode(path, &fill, &stroke) -> bool
    segment: Any  # FPDFPath_GetPathSegment(path, k) -> segment
    segment_point: Any  # FPDFPathSegment_GetPoint(segment, &x, &y) -> bool
    segment_type: Any  # FPDFPathSegment_GetType(segment) -> int
    segment_close: Any  # FPDFPathSegment_GetClose(segment) -> bool
    bounded_text: Any  # FPDFText_GetBoundedText(textpage, l, t, r, b, buffer, size) -> int
    char_box: Any  # FPDFText_GetCharBox(textpage, k, &left, &right, &bottom, &top) -> bool
    loose_char_box: Any  # FPDFText_GetLooseCharBox(textpage, k, &FS_RECTF) -> bool
    fill_color: Any  # FPDFText_GetFillColor(textpage, k, &r, &g, &b, &a) -> bool


@cache
def calls() -> Calls:
    import pypdfium2.raw as raw

    i, d = ctypes.c_int, ctypes.c_double
    return Calls(
        count_objects=_typed(raw.FPDFPage_CountObjects, i, _P),
        get_object=_typed(raw.FPDFPage_GetObject, _P, _P, i),
        object_type=_typed(raw.FPDFPageObj_GetType, i, _P),
        bounds=_typed(raw.FPDFPageObj_GetBounds, i, _P, _FLOAT, _FLOAT, _FLOAT, _FLOAT),
        matrix=_typed(raw.FPDFPageObj_GetMatrix, i, _P, ctypes.POINTER(raw.FS_MATRIX)),
        count_segments=_typed(raw.FPDFPath_CountSegments, i, _P),
        draw_mode=_typed(raw.FPDFPath_GetDrawMode, i, _P, _INT, _INT),
        segment=_typed(raw.FPDFPath_GetPathSegment, _P, _P, i),
        segment_point=_typed(raw.FPDFPathSegment_GetPoint, i, _P, _FLOAT, _FLOAT),
        segment_type=_typed(raw.FPDFPathSegment_GetType, i, _P),
        segment_close=_typed(raw.FPDFPathSegment_GetClose, i, _P),
        bounded_text=_typed(raw.FPDFText_GetBoundedText, i, _P, d, d, d, d, _P, i),
        char_box=_typed(raw.FPDFText_GetCharBox, i, _P, i, _DOUBLE, _DOUBLE, _DOUBLE, _DOUBLE),
        loose_char_box=_typed(raw.FPDFText_GetLooseCharBox, i, _P, i, ctypes.POINTER(raw.FS_RECTF)),
        fill_color=_typed(raw.FPDFText_GetFillColor, i, _P, i, _UINT, _UINT, _UINT, _UINT),
    )

"""Page images prepared for OCR: grey, with the red of a seal taken out.

A pixel whose red stands well above its green and blue, and is bright (the seal
stamped over a signer's title), turns white, so the black print under it is what
OCR reads; blue or black ink (a handwritten number) stays, at its luminance.
Measured on the corpus scans (README): with the seal taken out, the signer's
position under it comes out ("PHÓ CHỦ TỊCH", "GIÁM ĐỐC").
"""

from __future__ import annotations

from typing import Any

RED_OVER_OTHERS = 40  # a pixel this much redder than green and blue, and bright, is the seal's
RED_AT_LEAST = 110


def grey_without_red(pixels: Any) -> Any:
    """An 8-bit grey image (numpy, height × width) from an RGB(A) or grey one."""
    import numpy as np

    if pixels.ndim == 2:
        return pixels.astype(np.uint8)
    r, g, b = pixels[..., 0], pixels[..., 1], pixels[..., 2]  # views: no copy of the page
    grey = ((r * np.uint32(299) + g * np.uint32(587) + b * np.uint32(114)) // 1000).astype(np.uint8)
    red = (r > RED_AT_LEAST) & (r.astype(np.int16) - np.maximum(g, b) > RED_OVER_OTHERS)
    grey[red] = 255
    return grey


def pgm(grey: Any) -> bytes:
    """A binary PGM file of a grey image, which Tesseract reads as is."""
    height, width = grey.shape[:2]
    return f"P5\n{width} {height}\n255\n".encode() + grey.tobytes()


def frame_sizes(img: Any) -> list[tuple[int, int]]:
    """Width and height of each frame (a multi-page TIFF has several), read from the
    file's headers: nothing is decoded."""
    sizes = []
    for i in range(getattr(img, "n_frames", 1)):
        img.seek(i)
        sizes.append(img.size)
    return sizes


def frame_pgm(img: Any, i: int) -> bytes:
    """Frame ``i`` of an open image, decoded and prepared for OCR (PGM)."""
    import numpy as np

    img.seek(i)
    return pgm(grey_without_red(np.asarray(img.convert("RGB"))))


def image_dpi(img: Any) -> int | None:
    dpi = img.info.get("dpi")
    return int(dpi[0]) if dpi and dpi[0] > 1 else None

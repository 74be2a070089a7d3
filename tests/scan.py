"""A document page drawn as a scan would give it: text set with a Vietnamese font,
then a seal, specks, a slight rotation and JPEG compression (Pillow).

Used by the OCR tests; they skip, saying why, without the DejaVu fonts or
Tesseract with its Vietnamese model (and fail under CI=true: ``tests/tools.py``).
"""

from __future__ import annotations

import io
import random

from .pdfgen import FONT
from .tools import needs

DPI = 300
WIDTH, HEIGHT = 2480, 3508  # A4 at 300 dpi
SIZE = 45  # text height in pixels (an 11-point font at 300 dpi)
MARGIN = 225


requires_ocr = needs("tesseract", "dejavu")  # Pillow is a dependency of the package


# (x, y, text) in page pixels; a line at x < 0 is centred.
PAGE = [
    (MARGIN, 195, "ỦY BAN NHÂN DÂN"),
    (MARGIN + 30, 262, "TỈNH LÀO CAI"),
    (MARGIN, 375, "Số: 1208/QĐ-UBND"),
    (1290, 195, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    (1395, 262, "Độc lập - Tự do - Hạnh phúc"),
    (1320, 375, "Lào Cai, ngày 05 tháng 6 năm 2026"),
    (-1, 570, "QUYẾT ĐỊNH"),
    (-1, 637, "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"),
    (MARGIN, 810, "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;"),
    (MARGIN, 900, "Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 02 tập thể"),
    (MARGIN, 967, "và 03 cá nhân có thành tích xuất sắc trong phong trào thi đua năm 2025."),
    (MARGIN, 1057, "Điều 2. Các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành."),
    (MARGIN, 1230, "Nơi nhận:"),
    (MARGIN, 1297, "- Như Điều 2;"),
    (MARGIN, 1365, "- Lưu: VT, NC."),
    (1500, 1230, "KT. CHỦ TỊCH"),
    (1470, 1297, "PHÓ CHỦ TỊCH"),
    (1425, 1620, "Hoàng Quốc Khánh"),
]
SEAL_AT = (1605, 1320)  # the red seal over the signer's title, as on a signed paper


def page_image(*, seal: bool = True, noise: float = 0.004, angle: float = 0.6, seed: int = 7) -> object:
    """The page as a Pillow image, degraded as a scan."""
    from PIL import Image, ImageDraw, ImageFont

    assert FONT is not None
    font = ImageFont.truetype(str(FONT), SIZE)
    img = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(img)
    for x, y, text in PAGE:
        if x < 0:
            x = (WIDTH - draw.textlength(text, font=font)) / 2
        draw.text((x, y), text, font=font, fill=(20, 20, 20))
    if seal:  # red ink over the print: where both are, the print stays dark (multiply)
        from PIL import ImageChops

        stamp = Image.new("RGB", (WIDTH, HEIGHT), "white")
        ink = ImageDraw.Draw(stamp)
        cx, cy = SEAL_AT
        for r in (225, 210, 142):
            ink.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(215, 40, 40), width=9)
        ink.text((cx - 165, cy - 30), "ỦY BAN NHÂN DÂN", font=font, fill=(215, 40, 40))
        img = ImageChops.multiply(img, stamp)
        draw = ImageDraw.Draw(img)
    rnd = random.Random(seed)
    pixels = img.load()
    for _ in range(int(WIDTH * HEIGHT * noise)):
        pixels[rnd.randrange(WIDTH), rnd.randrange(HEIGHT)] = (0, 0, 0)
    return img.rotate(angle, resample=Image.BICUBIC, fillcolor="white")


def as_jpeg(img: object, quality: int = 60) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)  # type: ignore[attr-defined]
    return buf.getvalue()


def as_pdf(img: object, dpi: int = DPI, overlay: tuple[str, ...] = ()) -> bytes:
    """An image-only PDF, as a scanner writes it: the JPEG itself on an A4 page; with
    ``overlay``, lines of real text laid over it at the top right, as a copy stamp ("SAO Y")
    or an e-signature caption is laid on a scan."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    width, height = WIDTH * 72 / dpi, HEIGHT * 72 / dpi
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(width, height))
    c.drawImage(ImageReader(io.BytesIO(as_jpeg(img))), 0, 0, width, height)
    if overlay:
        pdfmetrics.registerFont(TTFont("Serif", str(FONT)))
        c.setFont("Serif", 8)
        c.setFillColorRGB(0.8, 0.1, 0.1)
        for k, line in enumerate(overlay):
            c.drawString(width - 200, height - 20 - 10 * k, line)
    c.showPage()
    c.save()
    return buf.getvalue()

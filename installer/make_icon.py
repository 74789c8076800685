"""Draws the application icon: installer/icon.png (256 px) and installer/icon.ico (16-256 px).

Run from the repository root with any Python that has Pillow (matplotlib depends on it)::

    .venv/bin/python installer/make_icon.py

The outputs are committed; rerun only when the design changes. The glyph “决” comes from the
bundled Noto Sans SC, so no system font is needed and the result is the same on every machine.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONT = HERE.parent / "resources" / "fonts" / "NotoSansSC-Regular.otf"
RED = (183, 28, 28, 255)
DARK_RED = (127, 0, 0, 255)
WHITE = (255, 255, 255, 255)
PAPER = (250, 247, 240, 255)
GREY = (176, 176, 176, 255)
GOLD = (245, 176, 65, 255)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
S = 1024  # drawing size; every output is a downscale of a 1024 px drawing


def _glyph(
    draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], fill: tuple[int, ...]
) -> None:
    """Draw “决” centred in box, as large as fits."""
    left, top, right, bottom = box
    size = bottom - top
    font = ImageFont.truetype(str(FONT), size)
    x0, y0, x1, y1 = draw.textbbox((0, 0), "决", font=font)
    scale = min((right - left) / (x1 - x0), (bottom - top) / (y1 - y0))
    font = ImageFont.truetype(str(FONT), int(size * scale))
    x0, y0, x1, y1 = draw.textbbox((0, 0), "决", font=font)
    x = left + ((right - left) - (x1 - x0)) / 2 - x0
    y = top + ((bottom - top) - (y1 - y0)) / 2 - y0
    # A stroke thickens the Regular weight so the glyph survives downscaling.
    draw.text((x, y), "决", font=font, fill=fill, stroke_width=S // 90, stroke_fill=fill)


def detailed() -> Image.Image:
    """Red tile with a sheet of paper: “决” and a small bar chart (48 px and larger)."""
    img = Image.new("RGBA", (S, S), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((32, 32, S - 32, S - 32), radius=180, fill=RED)
    d.rounded_rectangle((32, S // 2, S - 32, S - 32), radius=180, fill=DARK_RED)
    d.rectangle((32, S // 2, S - 32, S // 2 + 200), fill=DARK_RED)
    d.rounded_rectangle((32, 32, S - 32, S // 2 + 60), radius=180, fill=RED)
    # the sheet, with a folded corner
    left, top, right, bottom, fold = 210, 150, 814, 900, 150
    d.polygon(
        [(left, top), (right - fold, top), (right, top + fold), (right, bottom), (left, bottom)],
        fill=PAPER,
    )
    d.polygon([(right - fold, top), (right - fold, top + fold), (right, top + fold)], fill=GREY)
    _glyph(d, (left + 70, top + 70, right - 70, top + 430), RED)
    # bar chart on the lower part of the sheet
    base = bottom - 70
    for i, height in enumerate((110, 190, 150, 250)):
        x = left + 95 + i * 110
        d.rectangle((x, base - height, x + 70, base), fill=GOLD if i == 3 else RED)
    d.rectangle((left + 70, base, right - 70, base + 12), fill=GREY)
    return img


def simple() -> Image.Image:
    """Red tile with a white “决” (16-32 px, where the sheet would be a smudge)."""
    img = Image.new("RGBA", (S, S), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((0, 0, S - 1, S - 1), radius=160, fill=RED)
    _glyph(d, (110, 110, S - 110, S - 110), WHITE)
    return img


def main() -> None:
    big, small = detailed(), simple()
    frames = [
        (small if px <= 32 else big).resize((px, px), Image.Resampling.LANCZOS) for px in ICO_SIZES
    ]
    frames[-1].save(HERE / "icon.png", optimize=True)
    frames[-1].save(HERE / "icon.ico", sizes=[(px, px) for px in ICO_SIZES], append_images=frames)


if __name__ == "__main__":
    main()

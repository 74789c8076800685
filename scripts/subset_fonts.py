"""Subset the bundled Noto CJK fonts to the characters a 决算公开 document needs.

Usage::

    python scripts/subset_fonts.py SRC_DIR OUT_DIR

SRC_DIR holds the full ``NotoSansSC-Regular.otf`` and ``NotoSerifSC-Regular.otf``
(Noto CJK "SubsetOTF/SC" builds, SIL OFL 1.1; the wheel of the PyPI package
``pylopdf-fonts-zh-cn==0.1.1`` ships them unchanged). The script writes fonts of
the same file names to OUT_DIR (normally ``resources/fonts``) that keep:

* ASCII, Latin-1 Supplement, General Punctuation (U+2000–206F), Number Forms,
  Arrows, the math signs used in finance text (≠ ≈ ≤ ≥ × ÷ − ±), the bullets
  ● ○ ■ □ ▲ △ ◆ ◇ ★ ☆ ※, ①–⑳, CJK Symbols and Punctuation (U+3000–303F) and
  Halfwidth and Fullwidth Forms (U+FF00–FFEF);
* every character that the ``gbk`` codec can encode (all of GB2312 and GBK,
  found by decoding every two-byte GBK code);
* every OpenType layout feature (``vert``, ``locl``, ``fwid`` …) and the
  glyphs they reach, every name record (the family names "Noto Sans SC" and
  "Noto Serif SC" are unchanged, so fontconfig and matplotlib find the fonts
  by those names) and the original ``head`` timestamp, so that running the
  script again on the same input gives byte-identical files.

Requires fontTools (``pip install fonttools``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fontTools import subset

FONT_FILES = ("NotoSansSC-Regular.otf", "NotoSerifSC-Regular.otf")

# Inclusive code point ranges kept in full.
RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),  # ASCII (printable)
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x2000, 0x206F),  # General Punctuation
    (0x2150, 0x218F),  # Number Forms
    (0x2190, 0x21FF),  # Arrows
    (0x2460, 0x2473),  # Enclosed Alphanumerics ①–⑳
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
)

# Single characters kept in addition: math signs and bullet shapes.
EXTRA_CHARS = "≠≈≤≥×÷−±" + "●○■□▲△◆◇★☆※"


def gbk_code_points() -> set[int]:
    """Return every code point that has a two-byte GBK encoding.

    Decodes each lead byte 0x81–0xFE with each trail byte 0x40–0xFE (except
    0x7F); byte pairs the codec rejects (unassigned or user-defined areas) are
    skipped.
    """
    points: set[int] = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            if trail == 0x7F:
                continue
            try:
                text = bytes((lead, trail)).decode("gbk")
            except UnicodeDecodeError:
                continue
            points.update(ord(ch) for ch in text)
    return points


def wanted_code_points() -> set[int]:
    """Return the full set of code points to keep."""
    points = gbk_code_points()
    for first, last in RANGES:
        points.update(range(first, last + 1))
    points.update(ord(ch) for ch in EXTRA_CHARS)
    return points


def subset_options() -> subset.Options:
    """Return the fontTools subsetter options used for both fonts."""
    options = subset.Options()
    options.layout_features = ["*"]  # keep vert, vrt2, locl, fwid, hwid, …
    options.layout_scripts = ["*"]
    options.name_IDs = ["*"]  # keep copyright, licence, designer … records
    options.name_languages = ["*"]  # keep the zh-CN (2052) family names too
    options.name_legacy = True
    options.notdef_outline = True  # a missing glyph shows as a box, not blank
    options.recalc_timestamp = False  # reproducible output
    return options


def subset_font(src: Path, dst: Path, code_points: set[int]) -> None:
    """Subset the font *src* to *code_points* and write it to *dst*."""
    options = subset_options()
    font = subset.load_font(str(src), options, lazy=False)
    try:
        subsetter = subset.Subsetter(options=options)
        subsetter.populate(unicodes=sorted(code_points))
        subsetter.subset(font)
        dst.parent.mkdir(parents=True, exist_ok=True)
        subset.save_font(font, str(dst), options)
    finally:
        font.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src_dir", type=Path, help="folder with the full Noto SC fonts")
    parser.add_argument("out_dir", type=Path, help="folder for the subset fonts")
    args = parser.parse_args(argv)

    code_points = wanted_code_points()
    print(f"keeping {len(code_points)} code points")
    for name in FONT_FILES:
        src = args.src_dir / name
        if not src.is_file():
            print(f"missing {src}", file=sys.stderr)
            return 1
        dst = args.out_dir / name
        subset_font(src, dst, code_points)
        print(f"{dst}: {src.stat().st_size} -> {dst.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())

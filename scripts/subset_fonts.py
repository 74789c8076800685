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

``--faces SRC_DIR`` subsets the 公文-style faces of the PDF path instead (see
``resources/fonts/README.md`` for where each comes from): Zhuque Fangsong (仿宋), LXGW WenKai
Regular and Bold (楷体), the Bold SC face of Noto Serif CJK (renamed into the "Noto Serif SC"
family, so that a bold 宋体 or the title finds a real bold face). They keep the same ranges and
signs as above, all of GB2312 instead of GBK, and every character of ``forms/``,
``resources/samples`` and ``resources/codetables``. Liberation Serif is copied unchanged.
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


def gb2312_code_points() -> set[int]:
    """Every code point of GB2312 (rows 0xA1–0xF7, cells 0xA1–0xFE)."""
    points: set[int] = set()
    for lead in range(0xA1, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                points.update(ord(ch) for ch in bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return points


def repository_code_points(root: Path) -> set[int]:
    """Every character in the profiles, samples and code tables (so no profile text is missing)."""
    points: set[int] = set()
    for folder in ("forms", "resources/samples", "resources/codetables"):
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in (".toml", ".json", ".csv", ".txt", ".md"):
                points.update(ord(ch) for ch in path.read_text(encoding="utf-8"))
    return {p for p in points if p >= 0x20}


# "LXGW" and "霞鹜" are Reserved Font Names of LXGW WenKai: under the OFL a subset (a Modified
# Version) must not carry them, so its subset is renamed; Noto and Zhuque reserve no name.
KAI_FAMILY = "Juesuan Kai"

# (output file, source file, face index in a collection, new family name or "", style).
FACES: tuple[tuple[str, str, int, str, str], ...] = (
    ("ZhuqueFangsong-Regular.ttf", "ZhuqueFangsong-Regular.ttf", 0, "", "Regular"),
    ("JuesuanKai-Regular.ttf", "LXGWWenKai-Regular.ttf", 0, KAI_FAMILY, "Regular"),
    ("JuesuanKai-Bold.ttf", "LXGWWenKai-Bold.ttf", 0, KAI_FAMILY, "Bold"),
    ("NotoSerifSC-Bold.otf", "NotoSerifCJK-Bold.ttc", 2, "Noto Serif SC", "Bold"),
)
COPIED = ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf")


def rename_family(font: object, family: str, style: str) -> None:
    """Give a face the family name `family` in every name record that names the font.

    Name IDs 1/16 (family), 2/17 (style), 3 (unique id), 4 (full name), 6 (PostScript name),
    in all languages; copyright, licence and designer records are kept as they are.
    """
    name = font["name"]  # type: ignore[index]  # fontTools has no type hints
    full = f"{family} {style}"
    post = family.replace(" ", "") + f"-{style}"
    for record in name.names:
        if record.nameID in (1, 16):
            record.string = family
        elif record.nameID in (2, 17):
            record.string = style
        elif record.nameID in (3, 4):
            record.string = full
        elif record.nameID == 6:
            record.string = post
    if "CFF " in font:  # type: ignore[operator]  # fontTools has no type hints
        cff = font["CFF "].cff  # type: ignore[index]  # fontTools has no type hints
        cff.fontNames = [post]
        top = cff.topDictIndex[0]
        top.FamilyName, top.FullName = family, full
        # A CID font's sub-fonts carry the old name too, and PDF writers embed it from there.
        for fd in getattr(top, "FDArray", ()):
            suffix = fd.FontName.split("-", 2)[-1] if fd.FontName.count("-") >= 2 else ""
            fd.FontName = f"{post}-{suffix}" if suffix else post


def subset_faces(src_dir: Path, out_dir: Path) -> int:
    import shutil

    from fontTools.ttLib import TTFont

    root = Path(__file__).resolve().parents[1]
    points = gb2312_code_points() | repository_code_points(root)
    for first, last in RANGES:
        points.update(range(first, last + 1))
    points.update(ord(ch) for ch in EXTRA_CHARS)
    print(f"keeping {len(points)} code points")
    options = subset_options()
    for out_name, src_name, index, family, style in FACES:
        src = src_dir / src_name
        if not src.is_file():
            print(f"missing {src}", file=sys.stderr)
            return 1
        font = TTFont(str(src), fontNumber=index, lazy=False, recalcTimestamp=False)
        subsetter = subset.Subsetter(options=options)
        subsetter.populate(unicodes=sorted(points))
        subsetter.subset(font)
        if family:
            rename_family(font, family, style)
        dst = out_dir / out_name
        subset.save_font(font, str(dst), options)
        font.close()
        print(f"{dst}: {src.stat().st_size} -> {dst.stat().st_size} bytes")
    for name in COPIED:
        shutil.copyfile(src_dir / name, out_dir / name)
    return 0


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
    parser.add_argument("--faces", action="store_true", help="subset the PDF-path faces")
    args = parser.parse_args(argv)
    if args.faces:
        return subset_faces(args.src_dir, args.out_dir)

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

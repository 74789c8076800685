"""How a table's text fits its cells: widths of text, header words, column widths, page height.

Pure geometry in cm, shared by the table layouts (column widths from content, whether a table
fits one page) and the Word writer (header cells broken between words). Widths are estimates
from the character classes: a CJK character is one em, a digit or Latin letter half an em.
"""

from __future__ import annotations

import functools
import math
import re
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from desktop.export.table_layout import LayoutCell

PT_CM = 2.54 / 72
BODY_PT = 10.5  # 五号: the templates' table text
COMPACT_PT = 9.0  # 小五: a table that only fits one page at this size
PADDING_CM = 0.12  # left and right cell padding each (1.2 mm)
PADDING_TOP_CM = 0.03  # top and bottom each (0.3 mm)
SLACK_CM = 0.06  # a column's room beyond its text: the faces' metrics differ a little
#: Line height of table text as a multiple of its size (single spacing of the CJK faces).
LINE_FACTOR = 1.45
#: The 版心 height of a portrait page (A4, GB/T 9704: 225 mm), and what a table's heading,
#: 表号, unit line and notes take of it at most.
PAGE_HEIGHT_CM = 22.5
TITLE_ROOM_CM = 4.0
LANDSCAPE_HEIGHT_CM = 21.0 - 2.5 - 2.3

_JOINERS = frozenset("及和与或、")
_TOKEN = re.compile(r"（[^）]*）|\([^)]*\)|[\x00-\u2e7f]+|.", re.S)


_WIDE = re.compile("[^\x00-\u2e7f]")


@functools.lru_cache(maxsize=16384)
def em(text: str) -> float:
    """Width of `text` in ems: CJK (and full-width) characters 1, others ½."""
    if text.isascii():
        return len(text) / 2
    return (len(text) + len(_WIDE.findall(text))) / 2


def text_cm(text: str, pt: float = BODY_PT) -> float:
    return em(text) * pt * PT_CM


@functools.lru_cache(maxsize=4096)
def header_words(text: str) -> tuple[str, ...]:
    """A header split into words, to break its lines between them.

    CJK in pairs (a character left over joins the pair before), Latin and digit runs and
    bracketed groups whole, 及/和/与 joined to the word after it.

    “本年收入合计” → 本年|收入|合计, “年初预算数” → 年初|预算数, “执行率（%）” → 执行率|（%）.
    """
    words: list[str] = []
    run: list[str] = []
    joiner = ""

    def flush() -> None:
        nonlocal joiner
        pairs = ["".join(run[i : i + 2]) for i in range(0, len(run), 2)]
        if len(pairs) > 1 and len(pairs[-1]) == 1:
            pairs[-2:] = [pairs[-2] + pairs[-1]]
        if pairs and joiner:
            pairs[0] = joiner + pairs[0]
            joiner = ""
        words.extend(pairs)
        run.clear()

    for token in _TOKEN.findall(text):
        if len(token) == 1 and ord(token) >= 0x2E80 and token not in _JOINERS:
            run.append(token)
            continue
        flush()
        if token in _JOINERS:
            joiner += token
        elif not token.isspace():
            words.append(token)
    flush()
    if joiner:
        words.append(joiner)
    return tuple(words)


def break_lines(text: str, width_cm: float, pt: float = BODY_PT) -> list[str]:
    """`text` packed into lines of `width_cm` (the cell's text width), broken between words.

    A text that fits stays one line; explicit line breaks are kept.
    """
    out: list[str] = []
    width_cm += 0.02  # a text exactly as wide as the cell fits
    for para in text.split("\n"):
        if text_cm(para, pt) <= width_cm:
            out.append(para)
            continue
        line = ""
        for word in header_words(para):
            if line and text_cm(line + word, pt) > width_cm:
                out.append(line)
                line = word
            else:
                line += word
        out.append(line)
    return out


@functools.lru_cache(maxsize=4096)
def two_line_cm(text: str, pt: float = BODY_PT) -> float:
    """The narrowest text width that holds `text` on at most two lines, broken between words."""
    words = header_words(text)
    if len(words) < 2:
        return text_cm(text, pt)
    return min(
        max(text_cm("".join(words[:i]), pt), text_cm("".join(words[i:]), pt))
        for i in range(1, len(words))
    )


@functools.lru_cache(maxsize=4096)
def longest_word_cm(text: str, pt: float = BODY_PT) -> float:
    return max((text_cm(w, pt) for w in header_words(text)), default=0.0)


def cell_lines(cell: LayoutCell, width_cm: float, pt: float) -> int:
    """How many lines a cell's text takes in a column of `width_cm` (padding included)."""
    room = max(width_cm - 2 * PADDING_CM, pt * PT_CM)
    if cell.header:
        return len(break_lines(cell.text, room, pt))
    return sum(max(1, math.ceil(text_cm(line, pt) / room - 1e-9)) for line in cell.text.split("\n"))


def table_height_cm(
    rows: Sequence[Sequence[LayoutCell | None]], widths: Sequence[Decimal], pt: float
) -> float:
    """Estimated height of the table's rows (a tall cell spanning rows counts in its first)."""
    line = pt * LINE_FACTOR * PT_CM
    total = 0.0
    cols = [float(w) for w in widths]
    for row in rows:
        lines = 1
        for col, cell in enumerate(row):
            if cell is not None:
                span = sum(cols[col : col + cell.colspan])
                lines = max(lines, math.ceil(cell_lines(cell, span, pt) / cell.rowspan))
        total += lines * line + 2 * PADDING_TOP_CM
    return total


def fits_page(
    rows: Sequence[Sequence[LayoutCell | None]],
    widths: Sequence[Decimal],
    pt: float,
    orientation: str = "portrait",
) -> bool:
    """Whether the table with its heading, 表号, unit line and notes fits one page."""
    room = (PAGE_HEIGHT_CM if orientation == "portrait" else LANDSCAPE_HEIGHT_CM) - TITLE_ROOM_CM
    if len(rows) * (pt * LINE_FACTOR * PT_CM + 2 * PADDING_TOP_CM) > room:
        return False  # too many rows even if each took one line
    return table_height_cm(rows, widths, pt) <= room


def quantized(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))

"""Writes the filled 公开表 as an Excel workbook beside the Word document.

The only importer of openpyxl. One worksheet per 公开表 of the profile's part “tables”, drawn from
the same `TableLayout` as the Word table: title, 编制单位 and 单位 line, header rows merged as in
Word, the body with amounts as real numbers, then the notes. Each sheet prints on A4, one page
wide, with the header rows repeated on every page. The file is written through
`write_atomically`, so a failed export never leaves a half-written workbook.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

from desktop.export.context import clean
from desktop.export.docx import ExportError, write_atomically
from desktop.export.layouts import disclosure_tables

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from openpyxl.worksheet.worksheet import Worksheet

    from desktop.core.calc import Figures
    from desktop.export.table_layout import LayoutCell, TableLayout

#: Excel's limit on a sheet name, the characters it refuses in one, and a name it reserves.
SHEET_NAME_LIMIT = 31
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_RESERVED = frozenset({"history"})

#: The texts `table_layout` makes from numbers: `format_wan` (万元, two decimals) and counts.
_AMOUNT = re.compile(r"-?\d+\.\d{2}", re.ASCII)
_COUNT = re.compile(r"-?\d+", re.ASCII)
AMOUNT_FORMAT = "#,##0.00"
COUNT_FORMAT = "0"

#: Column widths: Excel measures in widths of the digit “0” of the default font, about 4.4 per cm.
UNITS_PER_CM = Decimal("4.4")
TITLE_ROW = 1
UNIT_ROW = 2
FIRST_TABLE_ROW = 3
DRAFT_HEADER = "草稿（未经审核，不得公开）"

TITLE_FONT = Font(name="黑体", size=14, bold=True, charset=134)  # 134: GB2312, a CJK font
BODY_SIZE = 10
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _font(*, bold: bool = False) -> Font:
    return Font(name="宋体", size=BODY_SIZE, bold=bold, charset=134)


def export_xlsx(figures: Figures, target: Path, *, draft: bool = False) -> None:
    """Write the 公开表 of `figures`' case into `target` (.xlsx), one worksheet per table."""
    layouts = disclosure_tables(figures)
    if not layouts:
        raise ExportError(f"模板“{figures.profile.name}”没有公开表，无法导出 Excel。")
    book = Workbook()
    book.remove(book.active)
    book.properties.creator = "决算公开助手"
    for name, layout in zip(sheet_names(layouts), layouts, strict=True):
        _write_sheet(book.create_sheet(name), layout, draft=draft)
    write_atomically(target, book.save)


def sheet_names(layouts: Sequence[TableLayout]) -> list[str]:
    """The 表号 (or the title), without the characters Excel forbids, cut to 31 and unique."""
    used = set(_RESERVED)
    names = []
    for layout in layouts:
        base = _FORBIDDEN.sub("", clean(layout.number or layout.title)).replace("\n", " ")
        base = base.strip().strip("'").strip() or "公开表"
        name = base[:SHEET_NAME_LIMIT]
        n = 2
        while name.casefold() in used:  # Excel compares sheet names ignoring case
            suffix = f"({n})"
            name = base[: SHEET_NAME_LIMIT - len(suffix)] + suffix
            n += 1
        used.add(name.casefold())
        names.append(name)
    return names


def _number(cell: LayoutCell) -> tuple[Decimal | int, str] | None:
    """The number a numeric cell's text stands for, with its Excel format; None for other texts.

    An amount is written as its exact 万元 value (元 / 10000, at most 6 decimals) shown with two
    decimals, so the workbook reads back to the 分 and its 合计 agree with the items exactly.
    The `Decimal` goes to openpyxl as is: this is the one place money leaves our hands. openpyxl
    writes it as the double every Excel number is (shortest repr); a unit's figures have far
    fewer than 15 significant digits, so the value reads back unchanged.
    """
    text = cell.text.strip()
    if _AMOUNT.fullmatch(text):
        return (Decimal(text) if cell.value is None else cell.value), AMOUNT_FORMAT
    if _COUNT.fullmatch(text):
        return int(text), COUNT_FORMAT
    return None


def _put_text(sheet: Worksheet, row: int, column: int, text: str) -> None:
    """A text cell; a text that starts with “=” stays text, never becomes a formula."""
    cell = sheet.cell(row=row, column=column)
    text = clean(text)
    cell.value = text or None
    if text:
        cell.data_type = "s"


def _text_width(text: str, size: int) -> float:
    """Rough width of `text` in Excel column units: a CJK character is about two digits wide."""
    units = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return units * 0.95 * size / BODY_SIZE  # a layout estimate, not money


def _height(text: str, width: float, size: int) -> float | None:
    """Row height in points for `text` wrapped in `width` column units; None for one line."""
    usable = max(width - 0.3, 1)  # the cell's own padding
    lines = sum(max(1, math.ceil(_text_width(line, size) / usable)) for line in text.split("\n"))
    return lines * size * 1.4 + 4 if lines > 1 else None


def _span_width(widths: Sequence[float], start: int, span: int) -> float:
    return sum(widths[start : start + span])


def _fit(sheet: Worksheet, row: int, heights: Sequence[float | None], size: int) -> None:
    """Give `row` the height its tallest wrapped text needs (and a title row its font's)."""
    needed = [h for h in heights if h is not None]
    if needed:
        sheet.row_dimensions[row].height = max(needed)
    elif size > BODY_SIZE:
        sheet.row_dimensions[row].height = size * 1.4 + 6


def _merge_across(sheet: Worksheet, row: int, first: int, last: int) -> None:
    if last > first:
        sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def _write_sheet(sheet: Worksheet, layout: TableLayout, *, draft: bool) -> None:
    n_cols = len(layout.widths)
    # Lengths for Excel, not money.
    widths = [float(w * UNITS_PER_CM) for w in layout.widths]
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = round(width, 2)
    total = sum(widths)
    _write_title(sheet, layout, n_cols, total)
    _write_unit_line(sheet, layout, widths)
    last = _write_table(sheet, layout, widths)
    for n, note in enumerate(layout.notes, start=last + 1):
        _put_text(sheet, n, 1, note)
        cell = sheet.cell(row=n, column=1)
        cell.font = _font()
        cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
        _merge_across(sheet, n, 1, n_cols)
        _fit(sheet, n, [_height(clean(note), total, BODY_SIZE)], BODY_SIZE)
    _page_setup(sheet, layout, draft=draft)


def _write_title(sheet: Worksheet, layout: TableLayout, n_cols: int, total: float) -> None:
    title = "\n".join(t for t in (layout.title, layout.subtitle) if t)
    _put_text(sheet, TITLE_ROW, 1, title)
    cell = sheet.cell(row=TITLE_ROW, column=1)
    cell.font = TITLE_FONT
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    _merge_across(sheet, TITLE_ROW, 1, n_cols)
    size = int(TITLE_FONT.size)
    _fit(sheet, TITLE_ROW, [_height(clean(title), total, size)], size)


def _write_unit_line(sheet: Worksheet, layout: TableLayout, widths: Sequence[float]) -> None:
    """编制单位 on the left; 表号 and 单位 on the right, over as many columns as they need."""
    n_cols = len(widths)
    left = clean(layout.unit_name)
    right = clean("\u3000".join(t for t in (layout.number, layout.unit_label) if t))
    split = n_cols  # first column of the right part (1-based); n_cols + 1 when there is none
    if right:
        need = _text_width(right, BODY_SIZE) + 1
        while split > 2 and _span_width(widths, split - 1, n_cols - split + 1) < need:
            split -= 1
    if n_cols == 1 or (
        right and _span_width(widths, 0, split - 1) < _text_width(left, BODY_SIZE) + 1
    ):
        # a narrow table: one line across the table rather than a 编制单位 wrapped in one column
        left, right = "\u3000\u3000".join(t for t in (left, right) if t), ""
    if not right:
        split = n_cols + 1
    heights = []
    if left:
        _put_text(sheet, UNIT_ROW, 1, left)
        cell = sheet.cell(row=UNIT_ROW, column=1)
        cell.font = _font()
        cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
        _merge_across(sheet, UNIT_ROW, 1, split - 1)
        heights.append(_height(left, _span_width(widths, 0, split - 1), BODY_SIZE))
    if right:
        _put_text(sheet, UNIT_ROW, split, right)
        cell = sheet.cell(row=UNIT_ROW, column=split)
        cell.font = _font()
        cell.alignment = Alignment(horizontal="right", vertical="center", wrap_text=True)
        _merge_across(sheet, UNIT_ROW, split, n_cols)
        heights.append(
            _height(right, _span_width(widths, split - 1, n_cols - split + 1), BODY_SIZE)
        )
    _fit(sheet, UNIT_ROW, heights, BODY_SIZE)


def _write_table(sheet: Worksheet, layout: TableLayout, widths: Sequence[float]) -> int:
    """Header and body rows from `FIRST_TABLE_ROW`, merged and boxed; returns the last row."""
    n_cols = len(widths)
    merges = []
    for r, cells in enumerate(layout.rows):
        row = FIRST_TABLE_ROW + r
        heights = []
        for c, cell in enumerate(cells):
            if cell is None:
                continue
            _write_cell(sheet, row, c + 1, cell)
            if cell.colspan > 1 or cell.rowspan > 1:
                merges.append((row, c + 1, row + cell.rowspan - 1, c + cell.colspan))
            if cell.rowspan == 1:
                width = _span_width(widths, c, cell.colspan)
                heights.append(_height(clean(cell.text), width, BODY_SIZE))
        _fit(sheet, row, heights, BODY_SIZE)
    for top, left, bottom, right in merges:
        sheet.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)
    last = FIRST_TABLE_ROW + len(layout.rows) - 1
    for line in sheet.iter_rows(min_row=FIRST_TABLE_ROW, max_row=last, max_col=n_cols):
        for cell in line:
            cell.border = BOX
    return last


def _write_cell(sheet: Worksheet, row: int, column: int, cell: LayoutCell) -> None:
    target = sheet.cell(row=row, column=column)
    number = _number(cell) if cell.number and not cell.header else None
    if number is not None:
        target.value, target.number_format = number
    else:
        _put_text(sheet, row, column, cell.text)
    target.font = _font(bold=cell.bold or cell.header)
    if cell.header:
        horizontal = "center"
    elif cell.number:
        horizontal = "right"
    else:
        horizontal = "left"
    target.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)


def _page_setup(sheet: Worksheet, layout: TableLayout, *, draft: bool) -> None:
    """A4, the layout's orientation, one page wide, header rows on every page, centred."""
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = "landscape" if layout.orientation == "landscape" else "portrait"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.print_options.horizontalCentered = True
    sheet.page_margins = PageMargins(left=0.6, right=0.6, top=0.8, bottom=0.8)
    if layout.header_rows:
        first = FIRST_TABLE_ROW
        sheet.print_title_rows = f"{first}:{first + layout.header_rows - 1}"
        sheet.freeze_panes = sheet.cell(row=first + layout.header_rows, column=1)
    if draft:
        sheet.oddHeader.center.text = DRAFT_HEADER

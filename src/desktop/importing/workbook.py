"""Sheets of a workbook as grids of cell values, read with python-calamine (.xlsx and .xls).

Numbers in a workbook are binary floats; they become `Decimal` here, once, through their
shortest decimal representation (what Excel shows), and are checked for precision by the
caller. Text cells are returned as text (numbers stored as text are parsed by the caller).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

MAX_BYTES = 50 * 1024 * 1024

Cell = str | Decimal | None


class WorkbookError(Exception):
    """The file cannot be read as a workbook; nothing was imported."""


@dataclass(frozen=True, slots=True)
class Sheet:
    """One worksheet: its name and its rows of cells (merged cells are empty but the first)."""

    name: str
    rows: tuple[tuple[Cell, ...], ...]

    def cell(self, row: int, col: int) -> Cell:
        if 0 <= row < len(self.rows) and 0 <= col < len(self.rows[row]):
            return self.rows[row][col]
        return None


def _cell(value: object) -> Cell:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))  # the shortest decimal that reads back as this float
    if isinstance(value, datetime.date | datetime.time | datetime.timedelta):
        return str(value)
    text = str(value).strip()
    return text or None


def column_name(col: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    name = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        name = chr(65 + rest) + name
    return name


def read_workbook(path: Path) -> list[Sheet]:
    """Every sheet of a .xlsx/.xls/.xlsm file; `WorkbookError` with a Chinese message otherwise."""
    from python_calamine import CalamineWorkbook

    if not path.is_file():
        raise WorkbookError(f"找不到文件“{path}”。")
    if path.stat().st_size > MAX_BYTES:
        raise WorkbookError(
            f"“{path.name}”超过 {MAX_BYTES // 1024 // 1024} MB，不像是决算公开表，未导入。"
        )
    try:
        book = CalamineWorkbook.from_path(str(path))
        sheets = []
        for name in book.sheet_names:
            rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            sheets.append(Sheet(name, tuple(tuple(_cell(v) for v in row) for row in rows)))
    except Exception as exc:  # calamine raises several exception types for damaged files
        text = str(exc)
        if "password" in text.lower() or "encrypt" in text.lower():
            raise WorkbookError(
                f"“{path.name}”设有密码保护，请在 Excel/WPS 中取消密码后另存再导入。"
            ) from exc
        raise WorkbookError(
            f"“{path.name}”无法作为 Excel 工作簿读取（{text}）。请确认文件完好，或在 Excel/WPS 中另存为 .xlsx 后再导入。"
        ) from exc
    return sheets

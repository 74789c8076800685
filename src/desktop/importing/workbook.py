"""Sheets of a workbook as grids of cell values, read with python-calamine (.xlsx and .xls).

Numbers in a workbook are binary floats; they become `Decimal` here, once, through their
shortest decimal representation (what Excel shows), and are checked for precision by the
caller. Text cells are returned as text (numbers stored as text are parsed by the caller).

Before anything is parsed, a workbook is measured: a file over 50 MB, an .xlsx whose parts
unpack to more than 200 MB, or whose worksheets hold more than 5 million cells is refused with
the reason (a small crafted file can otherwise unpack to gigabytes of XML and exhaust an
office PC's memory). Reading and recognising stop after `TIME_LIMIT` seconds.
"""

from __future__ import annotations

import datetime
import time
import zipfile
import zlib
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

MAX_BYTES = 50 * 1024 * 1024
MAX_UNPACKED = 200 * 1024 * 1024
MAX_CELLS = 5_000_000
TIME_LIMIT = 120.0
_CHUNK = 1024 * 1024

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
        raise WorkbookError(f"找不到文件“{path}”。请检查文件名和所在文件夹。")
    if path.stat().st_size == 0:
        raise WorkbookError(f"“{path.name}”是空文件，不是 Excel 工作簿。{_WHAT_TO_CHOOSE}")
    if path.stat().st_size > MAX_BYTES:
        raise WorkbookError(
            f"“{path.name}”超过 {MAX_BYTES // 1024 // 1024} MB，不像是决算公开表，未导入。"
        )
    check_size(path)
    started = time.monotonic()
    try:
        book = CalamineWorkbook.from_path(str(path))
        sheets = []
        for name in book.sheet_names:
            check_time(started, path.name)
            rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            sheets.append(Sheet(name, tuple(tuple(_cell(v) for v in row) for row in rows)))
    except WorkbookError:
        raise
    except Exception as exc:  # calamine raises several exception types for damaged files
        text = str(exc)
        if "password" in text.lower() or "encrypt" in text.lower():
            raise WorkbookError(
                f"“{path.name}”设有密码保护，请在 Excel/WPS 中取消密码后另存再导入。"
            ) from exc
        raise WorkbookError(f"“{path.name}”{_what_it_is(path)}{_WHAT_TO_CHOOSE}") from exc
    return sheets


_WHAT_TO_CHOOSE = (
    "请选择从财政平台导出的 .xlsx 或 .xls 文件；文件打不开时在 Excel/WPS 中另存为 .xlsx 再导入。"
)


def _what_it_is(path: Path) -> str:
    """What a file that calamine cannot read is, in words (never the library's English)."""
    import zipfile

    with path.open("rb") as file:
        head = file.read(512)
    if head.startswith(b"%PDF"):
        return "是 PDF 文件，不是 Excel 工作簿。"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"[")):
        return "是 JSON 文本（例如交换文件），不是 Excel 工作簿；交换文件请用 juesuan load 载入。"
    damaged = "无法作为 Excel 工作簿读取：文件已损坏，或不是 Excel 文件。"
    if head.startswith(b"PK\x03\x04"):  # a zip: .xlsx, .docx, or neither
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                if any(n.startswith("word/") for n in archive.namelist()):
                    return "是 Word 文档，不是 Excel 工作簿。"
        return damaged
    if head.startswith(b"\xd0\xcf\x11\xe0") or b"\x00" in head:  # .xls/.doc, or binary
        return damaged
    return "是文本文件（例如 CSV），不是 Excel 工作簿。"


def check_time(started: float, name: str) -> None:
    """Stop a read or a recognition that has run longer than `TIME_LIMIT` seconds."""
    limit = TIME_LIMIT
    if time.monotonic() - started > limit:
        raise WorkbookError(
            f"“{name}”读取和识别超过了 {limit:.0f} 秒，已停止，未导入。"
            "表格可能过大，请只保留需要导入的公开表后再试。"
        )


def check_size(path: Path) -> None:
    """Refuse an .xlsx that unpacks too large or has too many cells, before parsing it."""
    if not zipfile.is_zipfile(path):
        return  # .xls: not compressed, the file size limit applies
    too_big = (
        f"“{path.name}”解压后超过 {MAX_UNPACKED // 1024 // 1024} MB，不像是决算公开表，未导入。"
    )
    try:
        with zipfile.ZipFile(path) as zf:
            members = zf.infolist()
            if sum(m.file_size for m in members) > MAX_UNPACKED:
                raise WorkbookError(too_big)
            cells = unpacked = 0
            for member in members:
                if not member.filename.startswith("xl/worksheets/"):
                    continue
                with zf.open(member) as fh:  # streamed: the declared sizes may lie
                    tail = b""
                    while chunk := fh.read(_CHUNK):
                        unpacked += len(chunk)
                        if unpacked > MAX_UNPACKED:
                            raise WorkbookError(too_big)
                        block = tail + chunk  # a tag split between two chunks counts once
                        cells += block.count(b"<c ") + block.count(b"<c>")
                        tail = chunk[-2:]
                        if cells > MAX_CELLS:
                            raise WorkbookError(
                                f"“{path.name}”有超过 {MAX_CELLS // 10000} 万个单元格，"
                                "不像是决算公开表，未导入。请只保留需要导入的公开表后再试。"
                            )
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
        raise WorkbookError(f"“{path.name}”已损坏，无法作为 Excel 工作簿读取（{exc}）。") from exc

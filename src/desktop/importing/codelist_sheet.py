"""Finding a 科目代码 list on a sheet (.xlsx/.xls/.csv) and reading its rows; no checks across rows.

The list is found by its header texts within the first rows (never by fixed cells): one code
column (科目编码/编码/代码/科目代码) beside a 科目名称 column, or codes split into 类/款/项
columns as in the 公开表 (款/项 as 2 digits after the 类/款 of the row or of the rows above, or
full codes in each column). Codes may be numbers or text. Problems name their row and cell.
`desktop.importing.codelist` checks the rows as a list.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from desktop.core.codetables import is_code
from desktop.importing.recognise import norm
from desktop.importing.workbook import (
    MAX_BYTES,
    Cell,
    Sheet,
    WorkbookError,
    column_name,
    read_workbook,
)

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

HEADER_ROWS = 15

_CODE_HEADERS = {"科目编码", "功能分类科目编码", "经济分类科目编码", "编码", "代码", "科目代码",
                 "code"}  # fmt: skip
_NAME_HEADERS = {"科目名称", "功能分类科目名称", "经济分类科目名称", "名称", "name"}
_SPLIT = ("类", "款", "项")
_NOT_ITEMS = ("合计", "总计", "小计", "栏次")
_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2})\s*年")
_YEAR_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_CODE_AND_NAME = re.compile(r"^[\[【]?(\d{3}|\d{5}|\d{7})[\]】]?\s*(\D.*)$")


class CodeListError(Exception):
    """The file cannot be read as a code list; the message is Chinese and says what to do."""


@dataclass(frozen=True, slots=True)
class CodeProblem:
    """Something wrong in the list: `row` is the 1-based row of the sheet (0: the whole file)."""

    row: int
    cell: str
    message: str
    blocking: bool

    def text(self) -> str:
        if not self.row:
            return self.message
        where = f"第 {self.row} 行" + (f"（{self.cell}）" if self.cell else "")
        return f"{where}：{self.message}"


# -- reading the file ------------------------------------------------------------------------


def read_sheets(path: Path) -> list[Sheet]:
    """The sheets of a .xlsx/.xls/.xlsm workbook or a .csv file; `CodeListError` otherwise."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return [_read_csv(path)]
    if suffix in {".xlsx", ".xls", ".xlsm"}:
        try:
            return read_workbook(path)
        except WorkbookError as exc:
            raise CodeListError(str(exc)) from exc
    raise CodeListError(
        f"“{path.name}”不是 Excel 或 CSV 文件。请导入 .xlsx、.xls 或 .csv 格式的科目代码清单。"
    )


def _read_csv(path: Path) -> Sheet:
    """A CSV as one sheet: UTF-8 (with or without BOM) or GBK/GB18030, as the platforms export."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise CodeListError(f"“{path.name}”超过 {MAX_BYTES // 1024 // 1024} MB，未导入。")
        data = path.read_bytes()
    except FileNotFoundError:
        raise CodeListError(f"找不到文件“{path}”。") from None
    except OSError as exc:
        raise CodeListError(f"无法读取“{path}”：{exc.strerror or exc}。") from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise CodeListError(
            f"“{path.name}”既不是 UTF-8 也不是 GBK 编码的文本。"
            "请在 Excel/WPS 中打开后另存为 .xlsx 或“CSV UTF-8”再导入。"
        )
    try:
        dialect: type[csv.Dialect] = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as exc:
        raise CodeListError(
            f"“{path.name}”不是有效的 CSV 文件（{exc}）。请在 Excel/WPS 中另存为 .xlsx 再导入。"
        ) from exc
    return Sheet(path.stem, tuple(tuple((v.strip() or None) for v in row) for row in rows))


# -- finding the header ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CodeLayout:
    """Where a code list sits on a sheet: its last header row and its columns (0-based)."""

    header: int  # the last header row (0-based); items follow it
    name: int
    code: int | None  # one code column, or
    split: tuple[int, int, int] | None  # 类, 款, 项 columns


def _texts(sheet: Sheet, r: int) -> dict[int, str]:
    if not 0 <= r < len(sheet.rows):
        return {}
    return {c: norm(v) for c, v in enumerate(sheet.rows[r]) if isinstance(v, str)}


def _is_code_header(text: str) -> bool:
    return text.lower() in _CODE_HEADERS or (
        text.endswith(("编码", "代码")) and ("科目" in text or "分类" in text)
    )


def _is_name_header(text: str) -> bool:
    return text.lower() in _NAME_HEADERS or (
        text.endswith("名称") and ("科目" in text or "分类" in text)
    )


def _first(texts: dict[int, str], test: Callable[[str], bool]) -> int | None:
    return next((c for c, t in sorted(texts.items()) if test(t)), None)


def _split_columns(texts: dict[int, str]) -> tuple[int, int, int] | None:
    cols = [next((c for c, t in sorted(texts.items()) if t == part), None) for part in _SPLIT]
    if cols[0] is None or cols[1] is None or cols[2] is None:
        return None
    return cols[0], cols[1], cols[2]


def find_layout(sheet: Sheet) -> CodeLayout | None:
    """The header of a code list within the first `HEADER_ROWS` rows, if the sheet has one."""
    for r in range(min(HEADER_ROWS, len(sheet.rows))):
        texts = _texts(sheet, r)
        split = _split_columns(texts)
        if split is not None:
            name = _first(texts, _is_name_header)
            if name is None:  # 科目名称 merged over two header rows: its text is in the row above
                name = _first(_texts(sheet, r - 1), _is_name_header)
            if name is not None:
                return CodeLayout(r, name, None, split)
            continue
        code, name = _first(texts, _is_code_header), _first(texts, _is_name_header)
        if code is not None and name is not None:
            if _split_columns(_texts(sheet, r + 1)) is not None:
                continue  # 科目编码 over 类/款/项 on the next row
            return CodeLayout(r, name, code, None)
    return None


def find_year(sheet: Sheet, layout: CodeLayout, file_name: str) -> str:
    """The year in a title above the header (“2024年政府收支分类科目”), else in the file name."""
    for r in range(layout.header + 1):
        for text in _texts(sheet, r).values():
            if m := _YEAR_IN_TITLE.search(text):
                return m.group(1)
    m = _YEAR_IN_TITLE.search(file_name) or _YEAR_IN_NAME.search(file_name)
    return m.group(1) if m else ""


# -- reading the rows ------------------------------------------------------------------------


def _code_text(cell: Cell) -> str:
    """A code cell as text: numbers without decimals, NFKC, no spaces or leading apostrophe."""
    if cell is None:
        return ""
    if isinstance(cell, Decimal):
        if cell == cell.to_integral_value() and cell >= 0:
            return str(int(cell))
        return format(cell, "f")
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", cell)).lstrip("'")
    return text.split(".")[0] if re.fullmatch(r"\d+\.0+", text) else text  # “2010101.0” in a CSV


def _bad_code(code: str) -> str:
    hint = "（看起来是科学计数法：请把编码列设为“文本”后重新导出）" if "E+" in code.upper() else ""
    return f"科目编码“{code}”应为 3、5 或 7 位数字（类 3 位、款 5 位、项 7 位）{hint}"


def _is_item_name(name: str) -> bool:
    """A name that should have had a code (not 合计/栏次, not a note under the table)."""
    return (
        bool(name)
        and not any(w in name for w in _NOT_ITEMS)
        and not name.startswith(("注", "说明"))
    )


@dataclass(frozen=True, slots=True)
class CodeRow:
    """A code and its name as read from one row; `cell` is where the code was (e.g. ``A5``)."""

    row: int  # 1-based
    cell: str
    code: str
    name: str


class RowReader:
    """Turns the rows below the header into (code, name) rows and problems."""

    def __init__(self, sheet: Sheet, layout: CodeLayout) -> None:
        self.sheet = sheet
        self.layout = layout
        self.rows: list[CodeRow] = []
        self.problems: list[CodeProblem] = []
        self.cls = ""  # the 类 and 款 of the rows above, for 款/项 given as 2 digits
        self.kuan = ""

    def read(self) -> None:
        for r in range(self.layout.header + 1, len(self.sheet.rows)):
            name_cell = self.sheet.cell(r, self.layout.name)
            name = "" if name_cell is None else str(name_cell).strip()
            if self.layout.split is None:
                found = self._single_code(r, name)
            else:
                found = self._split_code(r, self.layout.split)
            if found is None:
                continue
            code, ref, name_in_code = found
            if code:
                self.rows.append(CodeRow(r + 1, ref, code, name_in_code or name))
            elif _is_item_name(name):
                self._problem(r, self.layout.name, f"“{name}”没有科目编码，未导入。", False)

    def _problem(self, r: int, col: int, message: str, blocking: bool = True) -> None:
        self.problems.append(CodeProblem(r + 1, f"{column_name(col)}{r + 1}", message, blocking))

    def _single_code(self, r: int, name: str) -> tuple[str, str, str] | None:
        """(code, cell, name written in the code cell); code "" if none; None to skip the row."""
        col = self.layout.code
        assert col is not None
        cell = self.sheet.cell(r, col)
        code = _code_text(cell)
        ref = f"{column_name(col)}{r + 1}"
        if not code:
            return "", ref, ""
        if not any(ch.isdigit() for ch in code):
            return None  # 合计, 栏次, a repeated header
        if not name and isinstance(cell, str):  # “2010101 行政运行” in one cell
            m = _CODE_AND_NAME.match(unicodedata.normalize("NFKC", cell).strip())
            if m:
                return m.group(1), ref, m.group(2).strip()
        if not is_code(code):
            self._problem(r, col, _bad_code(code))
            return None
        return code, ref, ""

    def _split_code(self, r: int, cols: tuple[int, int, int]) -> tuple[str, str, str] | None:
        """The code of a row with 类/款/项 columns, from its cells and the 类/款 above it."""
        cls_text, kuan_text, xiang_text = (_code_text(self.sheet.cell(r, c)) for c in cols)
        last = max(
            (c for c, t in zip(cols, (cls_text, kuan_text, xiang_text), strict=True) if t),
            default=-1,
        )
        if last < 0:
            return "", "", ""
        if not any(ch.isdigit() for ch in cls_text + kuan_text + xiang_text):
            return None
        cls = kuan = code = ""
        if cls_text:
            if not (cls_text.isdigit() and len(cls_text) == 3):
                self._problem(r, cols[0], f"类列的“{cls_text}”不是有效的类编码：应为 3 位数字")
                return None
            cls = code = cls_text
        if kuan_text:
            kuan = code = self._part((r, cols[1]), kuan_text, cls, cls or self.cls, level="款")
            if not kuan:
                return None
        if xiang_text:
            carried = self.kuan if not cls or self.kuan.startswith(cls) else ""
            code = self._part((r, cols[2]), xiang_text, kuan or cls, kuan or carried, level="项")
            if not code:
                return None
        self.cls = code[:3]
        self.kuan = code[:5] if len(code) > 3 else ""
        return code, f"{column_name(last)}{r + 1}", ""

    def _part(self, at: tuple[int, int], text: str, given: str, above: str, *, level: str) -> str:
        """A 款/项 cell as a full code: a full 5/7-digit code, or 2 digits after `above`.

        `at` is the cell (row, column); `given` is the 类/款 written on the same row, which a
        full code must start with.
        """
        r, col = at
        size, upper = (5, "类") if level == "款" else (7, "款")
        if text.isdigit() and len(text) == size:
            if not text.startswith(given):
                self._problem(r, col, f"{level}编码“{text}”与同一行的上级编码“{given}”不一致")
                return ""
            return text
        if text.isdigit() and len(text) <= 2:
            if len(above) != size - 2:
                self._problem(
                    r, col, f"{level}编码“{text}”前面没有{upper}编码，无法确定完整的科目编码"
                )
                return ""
            return above + text.zfill(2)
        self._problem(
            r, col, f"{level}列的“{text}”不是有效的{level}编码：应为 2 位（或完整的 {size} 位编码）"
        )
        return ""

"""Finding the 公开表 in a workbook and turning its cells into edits of a case.

A table is found by its title or 表号 (never by sheet order or fixed cells); its columns by
their header texts (several header rows and merged cells allowed); its rows by 科目编码 (one
7-digit column or split into 类/款/项 columns) or by row label. Amounts are read in the unit the
sheet states (单位：元 / 单位：万元). 合计 and 类/款 subtotal rows are checked against the sum of
their items and never imported. Everything not understood is reported with its sheet and cell.
"""

from __future__ import annotations

import hashlib
import re
import time
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from desktop.core.codetables import is_code
from desktop.core.edits import Batch, Edit, SetCell
from desktop.core.limits import LimitError, check_amount
from desktop.core.money import (
    CENT,
    AmountError,
    format_wan,
    in_yuan,
    is_rounding_tail,
    parse_amount,
)
from desktop.importing.workbook import Cell, Sheet, check_time, column_name

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from desktop.core.codetables import CodeTable
    from desktop.core.model import Case
    from desktop.core.sheet_layout import SheetLayout
    from desktop.core.spec import ColumnSpec, Profile, RowSpec, SideSpec, TableSpec

HEADER_SCAN = 12
_NUMBERING = re.compile(r"^[一二三四五六七八九十]+、|^\d+[.、]|^（[一二三四五六七八九十\d]+）")


def plain(text: object) -> str:
    """Text for matching with its numbering kept (“一、…”): NFKC, no spaces."""
    value = unicodedata.normalize("NFKC", str(text or "")).replace("\u3000", "")
    return re.sub(r"\s+", "", value)


def norm(text: object) -> str:
    """Text for matching: NFKC, no spaces or brackets' width differences, no leading numbering."""
    return _NUMBERING.sub("", plain(text))


@dataclass(frozen=True, slots=True)
class Problem:
    """Something in the workbook that was not imported, or does not add up."""

    sheet: str
    cell: str
    message: str
    blocking: bool = False

    def text(self) -> str:
        where = f"“{self.sheet}”{self.cell}" if self.cell else f"“{self.sheet}”"
        return f"{where}：{self.message}"


@dataclass(frozen=True, slots=True)
class SheetInfo:
    """How one sheet was read, with what the officer could still tell us about it."""

    sheet: str
    signature: str
    table_id: str = ""
    missing: tuple[tuple[str, str], ...] = ()  # (column id, label) not found
    spare: tuple[str, ...] = ()  # header texts no column claimed


@dataclass(frozen=True, slots=True)
class Found:
    """A table recognised on a sheet."""

    table_id: str
    title: str
    sheet: str
    unit: str
    cells: int


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import would do: tables found, cells set, overwrites, problems."""

    found: tuple[Found, ...]
    edits: tuple[Edit, ...]
    overwrites: tuple[str, ...]
    problems: tuple[Problem, ...]
    missing: tuple[str, ...] = ()
    sheets: tuple[SheetInfo, ...] = ()

    @property
    def edit(self) -> Batch:
        return Batch(self.edits, "导入 Excel")

    @property
    def blocking(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.blocking)

    def refusal(self, *, partial: bool = False, how: str = "请选择“只导入已识别的表”") -> str:
        """Why this import must not be applied ('' when it may), in words for the officer.

        `how` says how to import only the tables found (the window's box, or ``--partial``).
        """
        if self.blocking:
            return f"有 {len(self.blocking)} 处无法导入的内容，请在工作簿中改正后重新导入；案卷未作任何修改。"
        if not self.edits:
            return "工作簿中没有识别出任何可导入的数，案卷未作任何修改。"
        if self.missing and not partial:
            return (
                f"工作簿中缺少 {len(self.missing)} 张表；如只需导入已识别的表，"
                f"{how}。案卷未作任何修改。"
            )
        return ""

    def text(self) -> str:
        lines = [f"识别出 {len(self.found)} 张表，共 {len(self.edits)} 个数："]
        lines += [
            f"  《{f.title}》：工作表“{f.sheet}”，单位{f.unit}，{f.cells} 个数" for f in self.found
        ]
        if self.missing:
            lines.append("未找到的表：" + "、".join(f"《{t}》" for t in self.missing))
        if self.overwrites:
            lines.append(f"将覆盖已填写的 {len(self.overwrites)} 个数：")
            lines += [f"  {o}" for o in self.overwrites]
        blocking = self.blocking
        if blocking:
            lines.append(f"无法导入的 {len(blocking)} 处（须先改正）：")
            lines += [f"  {p.text()}" for p in blocking]
        notes = [p for p in self.problems if not p.blocking]
        if notes:
            lines.append(f"需要注意的 {len(notes)} 处：")
            lines += [f"  {p.text()}" for p in notes]
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class _Reading:
    """One sheet being read as one table."""

    sheet: Sheet
    spec: TableSpec
    first: int
    unit: str
    problems: list[Problem]
    names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # 科目名称 → its codes


@dataclass
class _Columns:
    """Sheet columns of one side: the label/code columns and each spec column's sheet column."""

    label: int | None = None
    code: int | None = None
    split: tuple[int, int, int] | None = None
    values: dict[str, int] = field(default_factory=dict)


def _find_title(sheet: Sheet, tables: Sequence[TableSpec]) -> tuple[TableSpec, int] | None:
    best: tuple[int, TableSpec, int] | None = None
    for r in range(min(HEADER_SCAN, len(sheet.rows))):
        for value in sheet.rows[r]:
            text = norm(value)
            if not text:
                continue
            for spec in tables:
                title = norm(spec.title)
                if title in text or (spec.number and norm(spec.number) == text):
                    score = len(title) if title in text else 1
                    if best is None or score > best[0]:
                        best = (score, spec, r)
    return (best[1], best[2]) if best else None


def _unit(sheet: Sheet, upto: int) -> str:
    for r in range(min(upto, len(sheet.rows))):
        for value in sheet.rows[r]:
            text = norm(value)
            if "单位" in text and "元" in text:
                return "万元" if "万元" in text else "元"
    return "万元"


def _is_header_text(text: str) -> bool:
    return bool(text) and not text.replace(".", "").isdigit() and text != "栏次"


def _headers(sheet: Sheet, start: int, end: int) -> list[str]:
    """Each column's header text: its header cells joined top to bottom.

    A merged group header (e.g. 本年支出 over 小计/基本支出/项目支出) has its text only in its first
    cell; an empty cell takes the text on its left when a row below names a sub-column there.
    """
    width = max((len(r) for r in sheet.rows[start:end]), default=0)
    texts = [""] * width
    for r in range(start, end):
        last = ""
        for c in range(width):
            value = norm(sheet.cell(r, c))
            if value and not value.isdigit() and value != "栏次":
                last = value
                texts[c] += "|" + value
            elif value:
                last = ""
            elif last and any(_is_header_text(norm(sheet.cell(b, c))) for b in range(r + 1, end)):
                texts[c] += "|" + last
    return texts


def column_key(side: int, column_id: str) -> str:
    """How a remembered column is named: side number and column id (``0.fiscal``)."""
    return f"{side}.{column_id}"


def _missing(spec: TableSpec, sides: list[_Columns]) -> list[tuple[str, str]]:
    return [
        (column_key(n, c.id), c.label)
        for n, side in enumerate(spec.sides)
        for c in side.columns
        if c.enterable and c.printed and c.id not in sides[n].values
    ]


def signature(sheet: Sheet) -> str:
    """A workbook layout's fingerprint: the text of its top rows without digits (years, 表号)."""
    texts = [
        re.sub(r"\d", "", norm(v))
        for row in sheet.rows[:HEADER_SCAN]
        for v in row
        if isinstance(v, str)
    ]
    return hashlib.sha256("|".join(t for t in texts if t).encode()).hexdigest()[:16]


def _match_columns(
    headers: list[str], spec: TableSpec, hinted: Mapping[str, str]
) -> list[_Columns]:
    """Which column of the sheet holds each column of each side of the table.

    In order: columns the officer pointed out before (remembered layouts), then the code and
    name columns, then a 类/款/项 split code, then every amount column by its header.
    """
    sides = [_Columns() for _ in spec.sides]
    used: set[int] = set()
    for n, side in enumerate(spec.sides):
        cols = sides[n]
        remembered = {
            c.id: hinted[column_key(n, c.id)] for c in side.columns if column_key(n, c.id) in hinted
        }
        _take_hinted(cols, used, headers, remembered)
        _take_code_and_label(cols, used, headers, side)
        if cols.code is None:
            _take_split_code(cols, used, headers)
        _take_values(cols, used, headers, side)
    return sides


def _take_hinted(
    cols: _Columns, used: set[int], headers: list[str], remembered: Mapping[str, str]
) -> None:
    """Columns at the header a remembered layout names (column id → header)."""
    for column_id, header in remembered.items():
        if header in headers:
            c = headers.index(header)
            if c not in used:
                cols.values[column_id] = c
                used.add(c)


def _take_code_and_label(
    cols: _Columns, used: set[int], headers: list[str], side: SideSpec
) -> None:
    for c, header in enumerate(headers):
        if c in used:
            continue
        last = header.rsplit("|", 1)[-1]
        if cols.code is None and cols.split is None and "编码" in last:
            cols.code = c
            used.add(c)
        elif cols.label is None and (
            last.endswith("名称")
            or last == "项目"
            or (side.item_header and last == norm(side.item_header))
        ):
            cols.label = c
            used.add(c)


def _take_split_code(cols: _Columns, used: set[int], headers: list[str]) -> None:
    """A code given in three columns 类 | 款 | 项 (as the 部门决算软件 prints it)."""
    classes = [c for c, h in enumerate(headers) if h.rsplit("|", 1)[-1] == "类"]
    if not classes:
        return
    c = classes[0]
    following = headers[c + 1 : c + 3]
    if following and all(h.endswith(x) for h, x in zip(following, "款项", strict=False)):
        cols.split = (c, c + 1, c + 2)
        used.update(cols.split)


def _take_values(cols: _Columns, used: set[int], headers: list[str], side: SideSpec) -> None:
    for column in side.columns:
        if column.type == "rownum" or column.id in cols.values:
            continue
        for c, header in enumerate(headers):
            if c not in used and _header_matches(header, column):
                cols.values[column.id] = c
                used.add(c)
                break


def _header_matches(header: str, column: ColumnSpec) -> bool:
    parts = [p for p in header.split("|") if p]
    if not parts:
        return False
    label = norm(column.label)
    groups = [norm(g) for g in column.group.split("|") if g]
    if parts[-1] != label and not (
        label in ("决算数", "金额") and parts[-1] in ("决算数", "金额", "金额/数量")
    ):
        return False
    return all(g in parts for g in groups) if groups and len(parts) > 1 else True


def _code_of(sheet: Sheet, r: int, cols: _Columns) -> str:
    if cols.split is not None:
        pieces: list[str] = []
        for c, size in zip(cols.split, (3, 2, 2), strict=True):
            value = sheet.cell(r, c)
            if value is None:
                break
            digits = str(int(value)) if isinstance(value, Decimal) else norm(value)
            if not digits.isdigit():
                return ""
            pieces.append(digits[-size:].zfill(size) if pieces else digits)
        return "".join(pieces)
    if cols.code is None:
        return ""
    value = sheet.cell(r, cols.code)
    if isinstance(value, Decimal):
        return str(int(value)) if value == value.to_integral_value() else ""
    text = norm(value)
    return text if is_code(text) else ""


def _amount(
    value: Cell, unit: str, sheet: str, cell: str, problems: list[Problem]
) -> Decimal | None:
    if value is None:
        return None
    try:
        if isinstance(value, Decimal):
            yuan = in_yuan(value, unit)
            try:
                return check_amount(yuan).quantize(CENT)  # same limits as the window
            except LimitError as exc:
                raise AmountError(exc.message) from exc
        text = norm(value)
        if text in ("-", "—", "－", "——"):
            return Decimal("0.00")
        return parse_amount(text, default_unit=unit)
    except AmountError as exc:
        problems.append(Problem(sheet, cell, exc.message, blocking=True))
        return None


def _is_total(text: str) -> bool:
    return text in ("合计", "总计", "小计", "本年收入合计", "本年支出合计") or text.endswith("合计")


def _row_values(ctx: _Reading, cols: _Columns, r: int, unit: str) -> dict[str, Decimal]:
    """The amounts of one sheet row by column id; unreadable cells are reported, not guessed."""
    values: dict[str, Decimal] = {}
    for column_id, c in cols.values.items():
        cell = f"{column_name(c)}{r + 1}"
        amount = _amount(ctx.sheet.cell(r, c), unit, ctx.sheet.name, cell, ctx.problems)
        if amount is not None:
            values[column_id] = amount
    return values


@dataclass(frozen=True, slots=True)
class _Total:
    """A 合计/小计 row of a coded table: where it is, what it sums (code prefixes), its values."""

    where: str
    what: str
    prefixes: tuple[str, ...]
    values: dict[str, Decimal]


def _check_total(
    ctx: _Reading, side: SideSpec, total: _Total, leaves: dict[str, dict[str, Decimal]]
) -> None:
    """Report a total that is not the sum of its items; a rounding tail is said to be one."""
    for column_id, value in total.values.items():
        items = [
            v.get(column_id, Decimal(0))
            for c, v in leaves.items()
            if any(c.startswith(p) for p in total.prefixes)
        ]
        column = next(c for c in side.columns if c.id == column_id)
        summed = sum(items, Decimal(0))
        if summed == value:
            continue
        diff = abs(value - summed)
        # the items and the total, shown in 万元 with two decimals, are the rounded terms
        terms = sum(1 for v in items if v) + 1
        tail = ctx.unit == "万元" and is_rounding_tail(diff, terms)
        cause = "这是四舍五入形成的尾差" if tail else "请核对工作簿"
        ctx.problems.append(
            Problem(ctx.sheet.name, total.where, f"{total.what}“{column.label}”为 {format_wan(value)} 万元，"
                    f"而各项之和为 {format_wan(summed)} 万元，相差 {format_wan(diff)} 万元，{cause}；"
                    "小计和合计不导入，由程序按各项计算。")
        )  # fmt: skip


def _read_coded(
    ctx: _Reading, side: SideSpec, cols: _Columns
) -> dict[str, tuple[str, dict[str, Decimal]]]:
    sheet, first, problems = ctx.sheet, ctx.first, ctx.problems
    rows: dict[str, dict[str, Decimal]] = {}
    labels: dict[str, str] = {}
    totals: list[_Total] = []
    footers = {norm(f.label): f.sum_of for f in ctx.spec.footers}
    for r in range(first, len(sheet.rows)):
        line = _line(ctx, cols, r)
        code, label, values = line.code, line.label, line.values
        if not code:
            found = _uncoded(ctx, cols, line, footers)
            if isinstance(found, _Total):
                totals.append(found)
            elif found is not None:
                problems.append(found)
            continue
        if code in rows:
            problems.append(
                Problem(
                    sheet.name,
                    f"第 {r + 1} 行",
                    f"科目编码 {code} 重复出现，请合并为一行。",
                    blocking=True,
                )
            )
            continue
        rows[code] = values
        labels[code] = label
    leaves = {c: v for c, v in rows.items() if not any(o != c and o.startswith(c) for o in rows)}
    for code, values in rows.items():
        if code not in leaves:
            totals.append(_Total(f"科目 {code}", f"{code} 的小计", (code,), values))
    for total in totals:
        _check_total(ctx, side, total, leaves)
    return {code: (labels.get(code, ""), values) for code, values in leaves.items()}


@dataclass(frozen=True, slots=True)
class _Line:
    """A sheet row of a coded table as read: its code (maybe from the name), name and figures."""

    r: int
    code: str
    label: str
    named: tuple[str, ...]
    first_text: str
    values: dict[str, Decimal]


def _line(ctx: _Reading, cols: _Columns, r: int) -> _Line:
    sheet = ctx.sheet
    code = _code_of(sheet, r, cols)
    label = norm(sheet.cell(r, cols.label)) if cols.label is not None else ""
    named = tuple(ctx.names.get(label, ()))
    if not code and len(named) == 1:
        code = named[0]  # a row with its 科目名称 only: the one code of that name
    first_text = next((norm(v) for v in sheet.rows[r] if v is not None), "")
    return _Line(r, code, label, named, first_text, _row_values(ctx, cols, r, ctx.unit))


def _uncoded(
    ctx: _Reading, cols: _Columns, line: _Line, footers: Mapping[str, tuple[str, ...]]
) -> _Total | Problem | None:
    """A row without a code: a note or blank (skipped), a total to check, or a problem."""
    sheet, r, first_text, values = ctx.sheet, line.r, line.first_text, line.values
    if first_text.startswith(("注", "说明")) or not any(v is not None for v in sheet.rows[r]):
        return None
    if first_text in footers:
        return _Total(f"第 {r + 1} 行", first_text, footers[first_text], values)
    if (
        _is_total(line.label)
        or _is_total(first_text)
        or _is_total(norm(sheet.cell(r, cols.code or 0)))
    ):
        return _Total(f"第 {r + 1} 行", "合计", ("",), values)
    if not values:
        return None
    named = line.named
    which = (
        f"，这个名称对应 {len(named)} 个科目（{'、'.join(named[:4])}"
        f"{'……' if len(named) > 4 else ''}）"
        if len(named) > 1
        else ""
    )
    return Problem(
        sheet.name,
        f"第 {r + 1} 行",
        f"“{first_text}”没有可识别的科目编码{which}，请在工作簿中补上科目编码。",
        blocking=True,
    )


def _spec_row(cell: Cell, wanted: list[RowSpec], taken: Mapping[str, object]) -> RowSpec | None:
    """The first row not yet read whose label is this cell's, numbering included if possible.

    “一、一般公共预算财政拨款” and an indented “一般公共预算财政拨款” under 年初结转和结余 are
    different rows of the same side; rows are taken in order, so each is read once.
    """
    if cell is None:
        return None
    free = [r for r in wanted if r.id not in taken]
    full = plain(cell)
    row = next((r for r in free if plain(r.label) == full), None)
    if row is None:
        row = next((r for r in free if norm(r.label) == norm(full)), None)
    return row


def _read_labelled(ctx: _Reading, side: SideSpec, cols: _Columns) -> dict[str, dict[str, Decimal]]:
    sheet, first, unit = ctx.sheet, ctx.first, ctx.unit
    wanted = [r for r in side.rows if r.label and not r.blank]
    unlabelled = [r for r in side.rows if not r.label and not r.blank and not r.computed]
    out: dict[str, dict[str, Decimal]] = {}
    label_col = cols.label if cols.label is not None else 0
    for r in range(first, len(sheet.rows)):
        row = _spec_row(sheet.cell(r, label_col), wanted, out)
        if row is None and not wanted and len(unlabelled) == 1 and not out:
            row = unlabelled[0]  # a one-row table (e.g. “三公”经费): its first data row
        if row is None:
            continue
        values = _row_values(ctx, cols, r, row.unit if row.unit not in ("", "万元") else unit)
        out[row.id] = values
    return out


def _read_list(ctx: _Reading, cols: _Columns) -> list[tuple[str, dict[str, Decimal]]]:
    sheet, first, unit = ctx.sheet, ctx.first, ctx.unit
    out: list[tuple[str, dict[str, Decimal]]] = []
    label_col = cols.label if cols.label is not None else 0
    for r in range(first, len(sheet.rows)):
        label_cell = sheet.cell(r, label_col)
        label = str(label_cell).strip() if label_cell is not None else ""
        if not label or _is_total(norm(label)) or norm(label).startswith(("注", "说明", "栏次")):
            continue
        out.append((label, _row_values(ctx, cols, r, unit)))
    return out


_UNIT_LINE = re.compile(r"^(编制单位|单位[:：]|公开\d+表|表号)")


def _header_start(sheet: Sheet, title_row: int) -> int:
    """The first header row: after the title and the 编制单位 / 表号 / 单位 lines under it."""
    r = title_row + 1
    while r < len(sheet.rows) and any(
        _UNIT_LINE.match(norm(v)) for v in sheet.rows[r] if isinstance(v, str)
    ):
        r += 1
    return r


def _is_numbering(row: tuple[Cell, ...]) -> bool:
    """A 栏次 row: 1, 2, 3 … (as numbers or text), nothing else."""
    values = [norm(v) for v in row if v is not None]
    return len(values) > 1 and values == [str(n) for n in range(1, len(values) + 1)]


def _first_data_row(sheet: Sheet, header_start: int) -> int:
    for r in range(header_start, len(sheet.rows)):
        first = next((norm(v) for v in sheet.rows[r] if v is not None), "")
        if first == "栏次":
            return r + 1
    for r in range(header_start, len(sheet.rows)):
        row = sheet.rows[r]
        if _is_numbering(row):
            continue
        first = next((norm(v) for v in row if v is not None), "")
        numbers = [v for v in row if isinstance(v, Decimal)]
        texts = [norm(v) for v in row if isinstance(v, str)]
        if is_code(first) and len(texts) + len(numbers) > 1:
            return r
        if numbers and (any(t for t in texts if not t.isdigit()) or len(numbers) > 1):
            return r
    return len(sheet.rows)


def _edits_for(ctx: _Reading, sides: list[_Columns]) -> list[SetCell]:
    spec, sheet, problems = ctx.spec, ctx.sheet, ctx.problems
    edits: list[SetCell] = []
    for n, side in enumerate(spec.sides):
        cols = sides[n]
        inputs = {c.id for c in side.columns if c.enterable}
        missing = [label for key, label in _missing(spec, sides) if key.startswith(f"{n}.")]
        if missing:
            # no column at all: the headers are not this table's; some columns: import the rest
            none_found = not cols.values
            problems.append(
                Problem(
                    sheet.name,
                    "",
                    f"《{spec.title}》找不到这些列：{'、'.join(missing)}。"
                    + (
                        "请核对表头，或在导入预览中指定对应的列。"
                        if none_found
                        else "这些列不导入，案卷中原有的数不变；如工作簿中有，请在导入预览中指定。"
                    ),
                    blocking=none_found,
                )
            )
        if spec.coded:
            for code, (label, values) in _read_coded(ctx, side, cols).items():
                edits += [
                    SetCell(spec.id, code, column_id, value, label or None)
                    for column_id, value in values.items()
                    if column_id in inputs
                ]
        elif spec.rows == "list":
            for n_row, (label, values) in enumerate(_read_list(ctx, cols), start=1):
                edits += [
                    SetCell(spec.id, str(n_row), column_id, value, label)
                    for column_id, value in values.items()
                    if column_id in inputs
                ]
        else:
            computed = {r.id for r in side.rows if r.computed}
            for row_id, values in _read_labelled(ctx, side, cols).items():
                if row_id not in computed:
                    edits += [
                        SetCell(spec.id, row_id, column_id, value)
                        for column_id, value in values.items()
                        if column_id in inputs
                    ]
    return edits


def _table_of(
    sheet: Sheet, tables: Sequence[TableSpec], layout: SheetLayout | None
) -> tuple[TableSpec, int] | None:
    hit = _find_title(sheet, tables)
    if hit is None and layout is not None:
        spec = next((s for s in tables if s.id == layout.table), None)
        if spec is not None:
            return spec, _before_headers(sheet)
    return hit


def _before_headers(sheet: Sheet) -> int:
    """Without a recognised title: the row above the first row of three or more cells."""
    for r in range(min(HEADER_SCAN, len(sheet.rows))):
        if sum(v is not None for v in sheet.rows[r]) > 2:
            return r - 1
    return -1


def _overwrite(tables: Sequence[TableSpec], edit: SetCell, old: Decimal, new: Decimal) -> str:
    spec = next(t for t in tables if t.id == edit.table)
    column = next(
        (c.label for side in spec.sides for c in side.columns if c.id == edit.column),
        edit.column,
    )
    row = next(
        (r.label for side in spec.sides for r in side.rows if r.id == edit.key),
        f"{edit.key} {edit.label or ''}".strip(),
    )
    return f"《{spec.title}》{row}“{column}”：{format_wan(old)} → {format_wan(new)} 万元"


def _names(table: CodeTable | None) -> dict[str, tuple[str, ...]]:
    names: dict[str, tuple[str, ...]] = {}
    for entry in table.entries if table is not None else ():
        key = norm(entry.name)
        names[key] = (*names.get(key, ()), entry.code)
    return names


def recognise(
    sheets: list[Sheet],
    profile: Profile,
    case: Case,
    layouts: Mapping[str, SheetLayout] | None = None,
    codes: Mapping[str, CodeTable] | None = None,
) -> ImportReport:
    """What importing these sheets into `case` would do (nothing is changed here).

    `layouts` is the help remembered for workbook layouts (by `signature`): which table an
    unrecognised sheet holds, and which header text holds a column that was not found.
    With `codes` (the catalog's code tables) a row that gives only its 科目名称 is matched to
    the code of that name when exactly one code has it.
    """
    layouts = layouts or {}
    tables = profile.disclosure_tables()
    found: list[Found] = []
    infos: list[SheetInfo] = []
    edits: list[SetCell] = []
    overwrites: list[str] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    started = time.monotonic()
    for sheet in sheets:
        check_time(started, sheet.name)
        sig = signature(sheet)
        layout = layouts.get(sig)
        hit = _table_of(sheet, tables, layout)
        if hit is None:
            if any(any(v is not None for v in row) for row in sheet.rows):
                problems.append(
                    Problem(sheet.name, "", "没有找到可识别的公开表标题，整张工作表未导入。")
                )
                infos.append(SheetInfo(sheet.name, sig))
            continue
        spec, title_row = hit
        if spec.id in seen:
            problems.append(
                Problem(sheet.name, "", f"《{spec.title}》已在另一张工作表中导入，本表未导入。")
            )
            continue
        seen.add(spec.id)
        unit = _unit(sheet, title_row + 4)
        header_start = _header_start(sheet, title_row)
        first = _first_data_row(sheet, header_start)
        headers = _headers(sheet, header_start, first)
        hinted = layout.columns if layout is not None and layout.table == spec.id else {}
        sides = _match_columns(headers, spec, hinted)
        table = (codes or {}).get(spec.code_table)
        ctx = _Reading(sheet, spec, first, unit, problems, _names(table))
        sheet_edits = _edits_for(ctx, sides)
        edits += sheet_edits
        found.append(Found(spec.id, spec.title, sheet.name, unit, len(sheet_edits)))
        claimed = {c for cols in sides for c in (cols.label, cols.code, *cols.values.values())}
        claimed |= {c for cols in sides if cols.split for c in cols.split}
        spare = tuple(h for c, h in enumerate(headers) if h and c not in claimed)
        infos.append(SheetInfo(sheet.name, sig, spec.id, tuple(_missing(spec, sides)), spare))
    for edit in edits:
        row = case.table(edit.table).row(edit.key)
        old = row.cells.get(edit.column) if row else None
        new = edit.value
        if isinstance(old, Decimal) and isinstance(new, Decimal) and old != new:
            overwrites.append(_overwrite(tables, edit, old, new))
    missing_tables = tuple(t.title for t in tables if t.id not in seen)
    return ImportReport(
        tuple(found),
        tuple(edits),
        tuple(overwrites),
        tuple(problems),
        missing_tables,
        tuple(infos),
    )

"""A profile table as a Qt model: entered cells editable, computed rows and columns read-only.

The rows are the computed grid (合计, 类, 款, 项 or the fixed rows), so the officer sees at once
the totals their figures make. Amounts are shown and typed in 万元. A cell whose typed text
cannot be read keeps that text, red, with the reason in its tooltip.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.core.edits import SetCell, SetLabel, apply_edit
from desktop.core.issues import Location
from desktop.core.money import AmountError, evaluate_amount, format_wan
from desktop.ui.department_session import DepartmentSession
from desktop.ui.session import InvalidMark, cell_key

if TYPE_CHECKING:
    from desktop.core.calc import GridRow
    from desktop.core.edits import Edit
    from desktop.core.refs import CellRef
    from desktop.core.spec import ColumnSpec, TableSpec
    from desktop.ui.session import CaseSession, MarkKey

Index = QModelIndex | QPersistentModelIndex
COMPUTED = QBrush(QColor("#eef1f5"))
INVALID = QBrush(QColor("#fde2e1"))
AMOUNT_UNITS = ("", "万元")
HEADER_ONE_LINE = 6  # column titles longer than this go on two lines
InvalidEntry = tuple["Edit", tuple["MarkKey", InvalidMark]]


@dataclass(frozen=True, slots=True)
class Column:
    """A model column: the row's code, its name/label, its 行次, or a spec column."""

    kind: str
    title: str
    spec: ColumnSpec | None = None


def header_lines(title: str) -> str:
    """A long column title on two lines, so the column can be as narrow as its figures.

    "功能分类科目编码" → "功能分类" / "科目编码"; titles of up to 6 characters, and titles that
    already have a line break, stay as they are.
    """
    if len(title) <= HEADER_ONE_LINE or "\n" in title:
        return title
    half = (len(title) + 1) // 2
    at = title.find("·")  # "本年支出·小计" → "本年支出·" / "小计"
    if 0 < at < len(title) - 1:
        return f"{title[: at + 1]}\n{title[at + 1 :]}"
    for cut in ("（", "("):  # keep a bracketed unit on the second line
        at = title.find(cut)
        if 0 < at < len(title) - 1:
            half = at
            break
    return f"{title[:half]}\n{title[half:]}"


class TableModel(QAbstractTableModel):
    """One side of a table of the open case."""

    def __init__(self, session: CaseSession, spec: TableSpec, side: int = 0) -> None:
        super().__init__()
        self.session = session
        self.spec = spec
        self.side = side
        side_spec = spec.sides[side]
        columns: list[Column] = []
        if spec.coded:
            columns += [Column("code", spec.code_header), Column("label", spec.name_header)]
        elif spec.rows == "list":
            if side_spec.item_header:  # e.g. 项目名称; 单位情况表 has only its own columns
                columns.append(Column("label", side_spec.item_header))
        elif side_spec.item_header or any(r.label for r in side_spec.rows):
            columns.append(Column("label", side_spec.item_header or "项目"))
        if spec.rows == "fixed" and any(r.line for r in side_spec.rows):
            columns.append(Column("line", "行次"))
        for c in side_spec.columns:
            if c.type != "rownum":
                group = c.group.replace("|", "·")
                title = f"{group}·{c.label}" if group else c.label
                columns.append(Column("value", title if c.printed else f"{title}（不公开）", c))
        self.columns = columns
        self.rows: list[GridRow] = []
        self.list_keys: dict[int, str] = {}
        self.parents: set[str] = set()
        self.refresh()

    # -- data ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Take the case's current figures without losing the view's current cell.

        Changed rows get `dataChanged`; the model is reset only when rows appear or go.
        """
        grid = self.session.figures.grid(self.spec.id)
        rows = [r for r in grid.sides[self.side].rows if r.level != "blank"]
        entered = [r.key for r in self.session.case.table(self.spec.id).rows]
        items = [r for r in rows if r.level == "item"]
        list_keys = {id(r): k for r, k in zip(items, entered, strict=False)}
        keys = [list_keys.get(id(r), r.key) for r in rows]
        old_rows = self.rows
        if keys != [self.list_keys.get(id(r), r.key) for r in old_rows] or not old_rows:
            self.beginResetModel()
            self._take(rows, list_keys)
            self.endResetModel()
            return
        was_input = [self.is_input_row(r) for r in old_rows]
        self._take(rows, list_keys)
        changed = [
            n
            for n, (old, new) in enumerate(zip(old_rows, rows, strict=True))
            if old != new or was_input[n] != self.is_input_row(new)
        ]
        last = len(self.columns) - 1
        for first, end in _runs(changed):
            self.dataChanged.emit(self.index(first, 0), self.index(end, last))

    def _take(self, rows: list[GridRow], list_keys: dict[int, str]) -> None:
        self.rows = rows
        self.list_keys = list_keys
        coded = [r.key for r in rows if r.level not in ("total", "footer")]
        self.parents = {k for k in coded if any(o != k and o.startswith(k) for o in coded)}

    def rowCount(self, parent: Index | None = None) -> int:  # noqa: N802 - Qt override
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index | None = None) -> int:  # noqa: N802 - Qt override
        return 0 if parent is not None and parent.isValid() else len(self.columns)

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return header_lines(self.columns[section].title)
        return None

    def is_input_row(self, row: GridRow) -> bool:
        if self.spec.coded:
            # Every 项 (or 款) with no code under it takes figures, listed zero rows included;
            # 类/款 subtotals and the 合计 are worked out.
            return row.level not in ("total", "footer") and row.key not in self.parents
        if self.spec.rows == "list":
            return row.level == "item"
        spec_row = next((r for r in self.spec.sides[self.side].rows if r.id == row.key), None)
        return spec_row is not None and spec_row.enterable

    def is_editable(self, index: Index) -> bool:
        if self.session.consolidated:  # a 部门's figures are its members' (see cell tooltips)
            return False
        row, column = self.rows[index.row()], self.columns[index.column()]
        if not self.is_input_row(row):
            return False
        if column.kind == "label":
            return self.spec.rows == "list"
        if column.kind != "value" or column.spec is None:
            return False
        return column.spec.enterable_in(row.code)

    def key_at(self, index: Index) -> str:
        """The key of the entered row behind a model row."""
        row = self.rows[index.row()]
        return self.list_keys.get(id(row), row.key) if self.spec.rows == "list" else row.key

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if self.is_editable(index) else base

    def mark_at(self, index: Index) -> InvalidMark | None:
        """The unreadable entry typed into a cell, if any."""
        column = self.columns[index.column()]
        if column.spec is None:
            return None
        return self.session.mark_of(cell_key(self.spec.id, self.key_at(index), column.spec.id))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            mark = self.mark_at(index)
            return mark.text if mark else self._text(row, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            if self.mark_at(index):
                return INVALID
            return (
                None
                if self.is_editable(index)
                or (column.kind in ("code", "label", "line") and self.is_input_row(row))
                else COMPUTED
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            mark = self.mark_at(index)
            if mark:
                return f"{mark.problem} 该格按未填处理，改正后才能正式导出。"
            if isinstance(self.session, DepartmentSession) and column.kind == "value":
                return self.department_source(index)
            if not self.is_editable(index) and column.kind == "value":
                return self.source_of(index)
        if role == Qt.ItemDataRole.FontRole and row.level in ("total", "类", "footer"):
            font = QFont()
            font.setBold(True)
            return font
        if (
            role == Qt.ItemDataRole.TextAlignmentRole
            and column.kind == "value"
            and column.spec
            and column.spec.type != "text"
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def department_source(self, index: Index) -> str:
        """A 部门 cell: which members its figure comes from, and what the eliminations take off."""
        assert isinstance(self.session, DepartmentSession)
        row, column = self.rows[index.row()], self.columns[index.column()]
        assert column.spec is not None
        money = column.spec.type == "money" and row.unit in AMOUNT_UNITS
        return self.session.cell_tooltip(
            self.spec.id, self.side, self.key_at(index), column.spec.id, money=money
        )

    def source_of(self, index: Index) -> str:
        """Where a computed cell's figure comes from: “自动计算：来自《…》”."""
        row, column = self.rows[index.row()], self.columns[index.column()]
        if column.kind in ("code", "label", "line"):
            if self.spec.coded:
                return "科目编码和名称来自科目代码表：用“新增一行”选择科目。"
            return "行名称由模板规定，不能修改。"
        spec_row = next((r for r in self.spec.sides[self.side].rows if r.id == row.key), None)
        if spec_row is not None and spec_row.ref is not None:
            return f"自动计算：来自{self._source_name(spec_row.ref)}，请在那里填写。"
        if spec_row is not None and spec_row.sum_of:
            names = {r.id: r.label.strip() for r in self.spec.sides[self.side].rows}
            parts = "、".join(f"“{names.get(k.lstrip('-'), k)}”" for k in spec_row.sum_of[:4])
            more = "等" if len(spec_row.sum_of) > 4 else ""
            return f"自动计算：来自本表{parts}{more}行，请在那些行填写。"
        if row.level in ("total", "footer") or row.key in self.parents:
            return "自动计算：来自本表下级科目各行之和，请在下级科目行填写。"
        assert column.spec is not None
        if column.spec.ref is not None and not column.spec.enterable_in(row.code):
            return f"自动计算：来自{self._source_name(column.spec.ref)}，请在那里填写。"
        if column.spec.sum_of:
            titles = {c.spec.id: c.title for c in self.columns if c.spec is not None}
            parts = "、".join(f"“{titles.get(k.lstrip('-'), k)}”" for k in column.spec.sum_of[:4])
            more = "等" if len(column.spec.sum_of) > 4 else ""
            return f"自动计算：来自本行{parts}{more}列，请在那些列填写。"
        return "自动计算，不能直接修改。"

    def _source_name(self, ref: CellRef) -> str:
        if ref.is_field:
            try:
                section = self.session.profile.section(ref.section)
            except KeyError:
                return "其他步骤"
            label = next((f.label for f in section.fields if f.id == ref.field), "")
            return f"“{section.title}”步骤的“{label}”" if label else f"“{section.title}”步骤"
        try:
            return f"《{self.session.profile.table(ref.table).title}》"
        except KeyError:
            return "其他表"

    def _text(self, row: GridRow, column: Column) -> str:
        if column.kind == "code":
            return row.code if row.level not in ("total", "footer") else row.label
        if column.kind == "label":
            if row.level in ("total", "footer") and self.spec.coded:
                return ""
            return "\u3000" * row.indent + row.label
        if column.kind == "line":
            return row.line
        assert column.spec is not None
        value = row.cells.get(column.spec.id)
        if column.spec.type == "text":
            return value if isinstance(value, str) else ""
        if isinstance(value, Decimal):
            if column.spec.type == "count" or row.unit not in AMOUNT_UNITS:
                return str(int(value))
            return format_wan(value)
        return value or ""

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 - Qt override
        if role != Qt.ItemDataRole.EditRole or not self.is_editable(index):
            return False
        text = str(value)
        edit, problem = self.edit_for(index, text)
        if problem:
            edit, mark = self.invalid_entry(index, text, problem)
            self.session.apply(edit, "修改表格", mark=mark)
            return True
        if edit is not None and (self.mark_at(index) or self._changes(edit)):
            self.session.apply(edit, "修改表格")
        return True

    def _changes(self, edit: Edit) -> bool:
        return apply_edit(self.session.case, edit) != self.session.case

    def invalid_entry(self, index: Index, text: str, problem: str) -> InvalidEntry:
        """The edit (the cell emptied) and the mark of an unreadable entry."""
        row, column = self.rows[index.row()], self.columns[index.column()]
        assert column.spec is not None
        key = self.key_at(index)
        name = row.label.strip() or row.code or key
        mark = InvalidMark(
            text.strip(),
            problem,
            f"{self.spec.title}·{name}·{column.title}",
            Location(
                self.session.figures.table_section(self.spec.id),
                table=self.spec.id,
                row=key,
                column=column.spec.id,
            ),
        )
        edit = SetCell(self.spec.id, key, column.spec.id, None)
        return edit, (cell_key(self.spec.id, key, column.spec.id), mark)

    def edit_for(self, index: Index, text: str) -> tuple[Edit | None, str]:
        """The edit typing `text` into a cell means, or the reason it cannot be read."""
        row, column = self.rows[index.row()], self.columns[index.column()]
        key = self.key_at(index)
        if column.kind == "label":
            return SetLabel(self.spec.id, key, text.strip()), ""
        assert column.spec is not None
        text = text.strip()
        if column.spec.type == "text":
            return SetCell(self.spec.id, key, column.spec.id, text or None, row.label or None), ""
        if not text:
            return SetCell(self.spec.id, key, column.spec.id, None), ""
        try:
            if column.spec.type == "count" or row.unit not in AMOUNT_UNITS:
                amount = Decimal(int(evaluate_amount(text, default_unit="元")))
            else:
                amount = evaluate_amount(text)
        except (AmountError, ValueError) as exc:
            return None, exc.message if isinstance(exc, AmountError) else str(exc)
        return SetCell(
            self.spec.id,
            key,
            column.spec.id,
            amount,
            row.label if self.spec.rows != "fixed" else None,
        ), ""

    def index_of(self, row_key: str, column_id: str) -> QModelIndex:
        keys = [self.list_keys.get(id(row), row.key) for row in self.rows]
        r = next((n for n, key in enumerate(keys) if key == row_key), 0)
        c = next(
            (
                n
                for n, col in enumerate(self.columns)
                if col.spec is not None and col.spec.id == column_id
            ),
            0,
        )
        return self.index(r, c)


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    """Consecutive runs of sorted row numbers, as (first, last) pairs."""
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and runs[-1][1] == n - 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs

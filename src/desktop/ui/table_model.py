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

from desktop.core.edits import SetCell, SetLabel
from desktop.core.money import AmountError, evaluate_amount, format_wan

if TYPE_CHECKING:
    from desktop.core.calc import GridRow
    from desktop.core.edits import Edit
    from desktop.core.spec import ColumnSpec, TableSpec
    from desktop.ui.session import CaseSession

Index = QModelIndex | QPersistentModelIndex
COMPUTED = QBrush(QColor("#eef1f5"))
INVALID = QBrush(QColor("#fde2e1"))
AMOUNT_UNITS = ("", "万元")


@dataclass(frozen=True, slots=True)
class Column:
    """A model column: the row's code, its name/label, its 行次, or a spec column."""

    kind: str
    title: str
    spec: ColumnSpec | None = None


class TableModel(QAbstractTableModel):
    """One side of a table of the open case."""

    def __init__(self, session: CaseSession, spec: TableSpec, side: int = 0) -> None:
        super().__init__()
        self.session = session
        self.spec = spec
        self.side = side
        self.invalid: dict[tuple[str, str], tuple[str, str]] = {}
        side_spec = spec.sides[side]
        columns: list[Column] = []
        if spec.rows in ("functional", "economic"):
            columns += [Column("code", spec.code_header), Column("label", spec.name_header)]
        elif spec.rows == "list":
            columns.append(Column("label", side_spec.item_header or "名称"))
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
        self.refresh()

    # -- data ------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.beginResetModel()
        grid = self.session.figures.grid(self.spec.id)
        self.rows = [r for r in grid.sides[self.side].rows if r.level != "blank"]
        entered = [r.key for r in self.session.case.table(self.spec.id).rows]
        self.entered = set(entered) - set(grid.entered_subtotals)
        items = [r for r in self.rows if r.level == "item"]
        self.list_keys = {id(r): k for r, k in zip(items, entered, strict=False)}
        self.endResetModel()

    def rowCount(self, parent: Index | None = None) -> int:  # noqa: N802 - Qt override
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index | None = None) -> int:  # noqa: N802 - Qt override
        return 0 if parent is not None and parent.isValid() else len(self.columns)

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        return None

    def is_input_row(self, row: GridRow) -> bool:
        if self.spec.rows in ("functional", "economic"):
            return row.key in self.entered
        if self.spec.rows == "list":
            return row.level == "item"
        spec_row = next((r for r in self.spec.sides[self.side].rows if r.id == row.key), None)
        return spec_row is not None and not spec_row.computed and not spec_row.blank

    def is_editable(self, index: Index) -> bool:
        row, column = self.rows[index.row()], self.columns[index.column()]
        if not self.is_input_row(row):
            return False
        if column.kind == "label":
            return self.spec.rows == "list"
        if column.kind != "value" or column.spec is None:
            return False
        return not column.spec.computed or ("{code}" in column.spec.ref and not row.code)

    def key_at(self, index: Index) -> str:
        """The key of the entered row behind a model row."""
        row = self.rows[index.row()]
        return self.list_keys.get(id(row), row.key) if self.spec.rows == "list" else row.key

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if self.is_editable(index) else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row, column = self.rows[index.row()], self.columns[index.column()]
        key = (row.key, column.spec.id if column.spec else column.kind)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if key in self.invalid:
                return self.invalid[key][0]
            return self._text(row, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            if key in self.invalid:
                return INVALID
            return (
                None
                if self.is_editable(index)
                or (column.kind in ("code", "label", "line") and self.is_input_row(row))
                else COMPUTED
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            if key in self.invalid:
                return self.invalid[key][1]
            if not self.is_editable(index) and column.kind == "value":
                return "自动计算，不能直接修改"
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

    def _text(self, row: GridRow, column: Column) -> str:
        if column.kind == "code":
            return row.code if row.level not in ("total", "footer") else row.label
        if column.kind == "label":
            if row.level in ("total", "footer") and self.spec.rows in ("functional", "economic"):
                return ""
            return "\u3000" * row.indent + row.label
        if column.kind == "line":
            return row.line
        assert column.spec is not None
        value = row.cells.get(column.spec.id)
        if isinstance(value, Decimal):
            if column.spec.type == "count" or row.unit not in AMOUNT_UNITS:
                return str(int(value))
            return format_wan(value)
        return value or ""

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 - Qt override
        if role != Qt.ItemDataRole.EditRole or not self.is_editable(index):
            return False
        edit, problem = self.edit_for(index, str(value))
        spec = self.columns[index.column()].spec
        key = (self.rows[index.row()].key, spec.id if spec is not None else "label")
        if problem:
            self.invalid[key] = (str(value), problem)
            self.dataChanged.emit(index, index)
            return False
        self.invalid.pop(key, None)
        if edit is not None:
            self.session.apply(edit, "修改表格")
        return True

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

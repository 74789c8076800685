"""A one-row wide table (the 三公 table: 12 columns, one row) laid out as a form.

Instead of scrolling sideways across a single row, each cell gets a labelled box; columns that
share a group (预算数 | 决算数) become the form's columns. The boxes write through the same
`TableModel` as the grid, so checks, invalid marks and undo behave exactly as in a table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from desktop.ui.fields import INVALID_STYLE

if TYPE_CHECKING:
    from desktop.ui.table_model import TableModel

COMPUTED_STYLE = "background: #eef1f5;"
AMOUNT_SAMPLE = "99,999,999.99"
WIDE = 6


def is_one_row_wide(model: TableModel) -> bool:
    """True for a fixed table with a single row and many columns."""
    values = [c for c in model.columns if c.kind == "value"]
    return model.spec.rows == "fixed" and model.rowCount() == 1 and len(values) >= WIDE


class RowFormView(QWidget):
    """The cells of a one-row table as labelled boxes."""

    problem = Signal(str)

    def __init__(self, model: TableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table_model = model
        self.edits: dict[int, QLineEdit] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        groups: dict[str, list[tuple[str, int]]] = {}
        for n, column in enumerate(model.columns):
            if column.kind != "value" or column.spec is None:
                continue
            head, _, rest = column.spec.group.partition("|")
            label = column.spec.label
            if rest:  # a sub-column: 小计 takes its group's name, the others are indented
                label = rest.replace("|", "·") if label == "小计" else f"\u3000其中：{label}"
            groups.setdefault(head, []).append((label, n))
        labels = [label for label, _ in next(iter(groups.values()), [])]
        same = all([label for label, _ in cells] == labels for cells in groups.values())
        if not same:  # no common shape: one column of boxes
            groups = {
                "": [(model.columns[n].title, n) for cells in groups.values() for _, n in cells]
            }
            labels = [label for label, _ in groups[""]]
        for c, head in enumerate(groups, start=1):
            if head:
                title = QLabel(f"<b>{head}</b>")
                grid.addWidget(title, 0, c)
        for r, label in enumerate(labels, start=1):
            grid.addWidget(QLabel(label), r, 0)
        width = self.fontMetrics().horizontalAdvance(AMOUNT_SAMPLE) + 24
        for c, cells in enumerate(groups.values(), start=1):
            for r, (_, n) in enumerate(cells, start=1):
                edit = QLineEdit()
                edit.setObjectName(f"cell:{model.columns[n].spec.id}")  # type: ignore[union-attr]  # value columns always have a spec
                edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                edit.setMinimumWidth(width)
                edit.editingFinished.connect(lambda n=n: self._commit(n))
                self.edits[n] = edit
                grid.addWidget(edit, r, c)
        grid.setColumnStretch(len(groups) + 1, 1)
        model.dataChanged.connect(self.refresh)
        model.modelReset.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        model = self.table_model
        for n, edit in self.edits.items():
            index = model.index(0, n)
            editable = model.is_editable(index)
            mark = model.mark_at(index)
            edit.setReadOnly(not editable)
            if not edit.hasFocus():
                edit.setText(str(model.data(index) or ""))
            if mark is not None:
                edit.setStyleSheet(INVALID_STYLE)
                edit.setToolTip(f"{mark.problem} 该格按未填处理，改正后才能正式导出。")
            else:
                edit.setStyleSheet("" if editable else COMPUTED_STYLE)
                edit.setToolTip("" if editable else model.source_of(index))

    def _commit(self, n: int) -> None:
        model = self.table_model
        index = model.index(0, n)
        edit = self.edits[n]
        if not model.is_editable(index):
            return
        if edit.text() != str(model.data(index) or ""):
            model.setData(index, edit.text())
        self.refresh()

    def focus_cell(self, index: QModelIndex | QPersistentModelIndex) -> None:
        edit = self.edits.get(index.column())
        if edit is not None:
            edit.setFocus()
            edit.selectAll()

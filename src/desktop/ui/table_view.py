"""The table editor: Excel-like keys, paste of a block copied from Excel or WPS, add/remove rows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop.core.edits import Batch, DeleteRow, Edit, SetCell

if TYPE_CHECKING:
    from desktop.ui.table_model import TableModel


def parse_block(text: str) -> list[list[str]]:
    """Rows and cells of a block copied from Excel/WPS (tab-separated, CRLF, trailing break)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    return [line.split("\t") for line in text.split("\n")] if text else []


class TableEditView(QTableView):
    """A QTableView over a `TableModel` that writes through the session."""

    problem = Signal(str)

    def __init__(self, model: TableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.table_model = model
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setAlternatingRowColors(False)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.resizeColumnsToContents()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste(QGuiApplication.clipboard().text())
            return
        stack = self.table_model.session.undo_stack
        if event.matches(QKeySequence.StandardKey.Undo):
            stack.undo()
            return
        if event.matches(QKeySequence.StandardKey.Redo):
            stack.redo()
            return
        if (
            event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self.state() != QAbstractItemView.State.EditingState
        ):
            self.clear_selection_cells()
            return
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.state() != QAbstractItemView.State.EditingState
        ):
            current = self.currentIndex()
            self.setCurrentIndex(
                current.siblingAtRow(min(current.row() + 1, self.table_model.rowCount() - 1))
            )
            return
        super().keyPressEvent(event)

    def paste(self, text: str) -> bool:
        """Paste a block at the current cell as one undo step; nothing is pasted if any cell fails."""
        block = parse_block(text)
        start = self.currentIndex()
        if not block or not start.isValid():
            return False
        model = self.table_model
        edits: list[Edit] = []
        for r, cells in enumerate(block):
            row = start.row() + r
            if row >= model.rowCount():
                self.problem.emit(f"粘贴的内容有 {len(block)} 行，超出了表格，已取消粘贴。")
                return False
            for c, text_cell in enumerate(cells):
                index = model.index(row, start.column() + c)
                if not index.isValid() or not model.is_editable(index):
                    continue
                edit, problem = model.edit_for(index, text_cell)
                if problem:
                    name = model.columns[index.column()].title
                    self.problem.emit(
                        f"第 {r + 1} 行“{name}”的“{text_cell}”无法识别：{problem} 已取消粘贴。"
                    )
                    return False
                if edit is not None:
                    edits.append(edit)
        if edits:
            model.session.apply(Batch(tuple(edits), "粘贴"), "粘贴")
        return bool(edits)

    def clear_selection_cells(self) -> None:
        model = self.table_model
        edits: list[Edit] = []
        for index in self.selectedIndexes():
            column = model.columns[index.column()]
            if model.is_editable(index) and column.spec is not None:
                edits.append(SetCell(model.spec.id, model.key_at(index), column.spec.id, None))
        if edits:
            model.session.apply(Batch(tuple(edits), "清除"), "清除")

    def selected_input_keys(self) -> list[str]:
        model = self.table_model
        rows = sorted(
            {i.row() for i in self.selectedIndexes()}
            | ({self.currentIndex().row()} if self.currentIndex().isValid() else set())
        )
        return [model.key_at(model.index(r, 0)) for r in rows if model.is_input_row(model.rows[r])]

    def remove_selected_rows(self) -> None:
        keys = self.selected_input_keys()
        if keys:
            self.table_model.session.apply(
                Batch(tuple(DeleteRow(self.table_model.spec.id, k) for k in keys), "删除行"),
                "删除行",
            )

    def focus_cell(self, index: QModelIndex) -> None:
        self.setCurrentIndex(index)
        self.scrollTo(index)
        self.setFocus()

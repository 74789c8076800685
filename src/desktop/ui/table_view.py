"""The table editor, with Excel's keys: type over a cell, F2, Tab/Shift+Tab, Enter/Shift+Enter.

Tab and Enter commit the cell and move to the next *input* cell (right, wrapping to the next
row; down), skipping what is computed; arrows move everywhere; Delete clears. The current cell
survives every commit, undo and redo (the model sends `dataChanged`, and when rows come or go
the cell is found again by its row key). Typing into a computed cell says where its figure
comes from instead of doing nothing. Paste goes through `paste.plan_paste`: all or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

from desktop.core.edits import Batch, DeleteRow, Edit, SetCell
from desktop.ui.paste import parse_block, plan_paste

if TYPE_CHECKING:
    from desktop.ui.table_model import TableModel

__all__ = ["TableEditView", "parse_block"]

ARROWS = {
    Qt.Key.Key_Up: (-1, 0),
    Qt.Key.Key_Down: (1, 0),
    Qt.Key.Key_Left: (0, -1),
    Qt.Key.Key_Right: (0, 1),
}
ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
AMOUNT_SAMPLE = "99,999,999.99"
#: Tables up to this many rows are shown whole, without a scroll bar of their own.
AMOUNT_PADDING = 14  # the cell's margins around "99,999,999.99"
NAME_WIDTH = 170  # 科目名称 wider than this wraps
MAX_FIT_ROWS = 15


@dataclass(frozen=True, slots=True)
class Move:
    """A step of the cursor: rows and columns, to input cells only or to any cell."""

    rows: int
    columns: int
    inputs_only: bool


class CellDelegate(QStyledItemDelegate):
    """Commits and moves on Tab, Enter and (after typing over a cell) the arrow keys."""

    def __init__(self, view: TableEditView) -> None:
        super().__init__(view)
        self.view = view

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            move = self.view.move_for(event, editing=True)
            if move is not None and isinstance(editor, QWidget):
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                self.view.step(move)
                return True
        return super().eventFilter(editor, event)


class TableEditView(QTableView):
    """A QTableView over a `TableModel` that writes through the session."""

    problem = Signal(str)

    def __init__(self, model: TableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.table_model = model
        self.setItemDelegate(CellDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setAlternatingRowColors(False)
        self.setWordWrap(True)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.fit_columns()
        self.fit_rows()
        model.modelReset.connect(self.fit_rows)
        self.typed_over = False
        self._kept: tuple[str, int] | None = None
        model.modelAboutToBeReset.connect(self._keep_current)
        model.modelReset.connect(self._restore_current)

    # -- size ----------------------------------------------------------------------------------
    def fit_columns(self) -> None:
        """Amount columns show "99,999,999.99" whole; names get room but not the whole width."""
        self.resizeColumnsToContents()
        metrics = self.fontMetrics()
        amount = metrics.horizontalAdvance(AMOUNT_SAMPLE) + AMOUNT_PADDING
        for n, column in enumerate(self.table_model.columns):
            width = self.columnWidth(n)
            if column.kind == "value" and column.spec is not None and column.spec.type == "text":
                self.setColumnWidth(n, min(max(width, 200), 360))
            elif column.kind == "value":
                self.setColumnWidth(n, max(width, amount))
            elif column.kind == "label":
                # A long 科目名称 wraps onto a second line rather than pushing the figures
                # off to the right.
                self.setColumnWidth(n, min(max(width, 120), NAME_WIDTH))

    def fit_rows(self) -> None:
        """Show every row of a small table (the page scrolls, not the table); cap big ones."""
        rows = self.table_model.rowCount()
        shown = max(1, min(rows, MAX_FIT_ROWS))
        self.resizeRowsToContents()  # a wrapped 科目名称 makes its row taller
        body = sum(self.rowHeight(r) for r in range(min(rows, shown)))
        height = (
            self.horizontalHeader().sizeHint().height()
            + max(body, self.verticalHeader().defaultSectionSize())
            + self.horizontalScrollBar().sizeHint().height()
            + 2 * self.frameWidth()
        )
        self.setFixedHeight(height)
        self.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff
            if rows <= MAX_FIT_ROWS
            else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        )

    # -- keeping the current cell --------------------------------------------------------------
    def _keep_current(self) -> None:
        current = self.currentIndex()
        self._kept = (
            (self.table_model.key_at(current), current.column()) if current.isValid() else None
        )
        self._kept_row = current.row()

    def _restore_current(self) -> None:
        if self._kept is None:
            return
        key, column = self._kept
        model = self.table_model
        rows = [n for n in range(model.rowCount()) if model.key_at(model.index(n, 0)) == key]
        row = rows[0] if rows else min(self._kept_row, model.rowCount() - 1)
        if row >= 0:
            self.setCurrentIndex(model.index(row, column))

    # -- moving --------------------------------------------------------------------------------
    def move_for(self, event: QKeyEvent, *, editing: bool) -> Move | None:
        """Where a key moves, or None.

        Tab: ±1 input cell; Enter: ±1 input row; arrows after typing over a cell: ±1 cell.
        """
        key = Qt.Key(event.key())
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key == Qt.Key.Key_Tab:
            return Move(0, -1 if shift else 1, inputs_only=True)
        if key == Qt.Key.Key_Backtab:
            return Move(0, -1, inputs_only=True)
        if key in ENTER:
            return Move(-1 if shift else 1, 0, inputs_only=True)
        if key in ARROWS and editing and self.typed_over:
            return Move(*ARROWS[key], inputs_only=False)
        return None

    def step(self, move: Move) -> None:
        """Go to the next input cell that way (Tab wraps to the next row), or one cell."""
        current = self.currentIndex()
        if not current.isValid():
            return
        model = self.table_model
        target: QModelIndex | None = None
        if move.inputs_only and move.columns:
            target = self._next_input_in_reading_order(current, move.columns)
        elif move.inputs_only:
            r = current.row() + move.rows
            while 0 <= r < model.rowCount():
                if model.is_editable(model.index(r, current.column())):
                    target = model.index(r, current.column())
                    break
                r += move.rows
        else:
            r = min(max(current.row() + move.rows, 0), model.rowCount() - 1)
            c = min(max(current.column() + move.columns, 0), model.columnCount() - 1)
            target = model.index(r, c)
        if target is not None and target.isValid():
            self.setCurrentIndex(target)
            self.scrollTo(target)
        self.setFocus()

    def _next_input_in_reading_order(
        self, current: QModelIndex | QPersistentModelIndex, direction: int
    ) -> QModelIndex | None:
        model = self.table_model
        width = model.columnCount()
        n = current.row() * width + current.column() + direction
        while 0 <= n < model.rowCount() * width:
            index = model.index(n // width, n % width)
            if model.is_editable(index):
                return index
            n += direction
        return None

    def moveCursor(  # noqa: N802 - Qt override
        self, cursor_action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        action = QAbstractItemView.CursorAction
        if cursor_action in (action.MoveNext, action.MovePrevious):
            direction = 1 if cursor_action == action.MoveNext else -1
            found = self._next_input_in_reading_order(self.currentIndex(), direction)
            return found if found is not None else self.currentIndex()
        return super().moveCursor(cursor_action, modifiers)

    def edit(  # type: ignore[override]  # PySide6 overloads edit(); this is the 3-argument one
        self,
        index: QModelIndex | QPersistentModelIndex,
        trigger: QAbstractItemView.EditTrigger = QAbstractItemView.EditTrigger.AllEditTriggers,
        event: QEvent | None = None,
    ) -> bool:
        if (
            trigger
            in (
                QAbstractItemView.EditTrigger.AnyKeyPressed,
                QAbstractItemView.EditTrigger.EditKeyPressed,
            )
            and index.isValid()
            and not self.table_model.is_editable(index)
        ):
            self.problem.emit(self.table_model.source_of(index))
            return False
        started = super().edit(index, trigger, event)  # type: ignore[arg-type]  # Qt accepts a null event
        if started:
            self.typed_over = trigger == QAbstractItemView.EditTrigger.AnyKeyPressed
        return started

    def keyboardSearch(self, search: str) -> None:  # noqa: N802 - Qt override
        """Typed letters never jump to another row (Excel does not either)."""

    def currentChanged(  # noqa: N802 - Qt override
        self,
        current: QModelIndex | QPersistentModelIndex,
        previous: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().currentChanged(current, previous)
        self.problem.emit("")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste(QGuiApplication.clipboard().text())
            return
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return
        stack = self.table_model.session.undo_stack
        if event.matches(QKeySequence.StandardKey.Undo):
            stack.undo()
            return
        if event.matches(QKeySequence.StandardKey.Redo) or (
            event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier
        ):
            stack.redo()
            return
        editing = self.state() == QAbstractItemView.State.EditingState
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not editing:
            self.clear_selection_cells()
            return
        move = self.move_for(event, editing=False)
        if move is not None and not editing:
            self.step(move)
            return
        super().keyPressEvent(event)

    # -- editing -------------------------------------------------------------------------------
    def paste(self, text: str) -> bool:
        """Paste a block at the current cell as one undo step; nothing is pasted if any cell fails."""
        block = parse_block(text)
        start = self.currentIndex()
        if not block or not start.isValid():
            return False
        plan = plan_paste(self.table_model, start, block)
        if plan.refused:
            self.problem.emit(plan.message())
            return False
        if plan.edits:
            self.table_model.session.apply(Batch(tuple(plan.edits), "粘贴"), "粘贴")
        return bool(plan.edits)

    def copy_selection(self) -> None:
        """Copy the selected cells as a tab-separated block (Excel reads it back)."""
        indexes = sorted(self.selectedIndexes(), key=lambda i: (i.row(), i.column()))
        if not indexes:
            return
        rows: dict[int, dict[int, str]] = {}
        for index in indexes:
            rows.setdefault(index.row(), {})[index.column()] = str(index.data() or "").strip()
        columns = sorted({i.column() for i in indexes})
        lines = ["\t".join(cells.get(c, "") for c in columns) for _, cells in sorted(rows.items())]
        QGuiApplication.clipboard().setText("\n".join(lines))

    def clear_selection_cells(self) -> None:
        model = self.table_model
        edits: list[Edit] = []
        for index in self.selectedIndexes() or [self.currentIndex()]:
            column = model.columns[index.column()]
            if index.isValid() and model.is_editable(index) and column.spec is not None:
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

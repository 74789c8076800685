"""Excel's keys in the real window: type over, Tab, Enter, F2, Delete; computed cells skipped."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.test_wizard import page, table_view

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from desktop.ui.main_window import MainWindow
    from desktop.ui.table_view import TableEditView


def at(view: TableEditView) -> tuple[str, str]:
    """(row key, column id) of the current cell."""
    current = view.currentIndex()
    assert current.isValid()
    column = view.table_model.columns[current.column()]
    return view.table_model.key_at(current), column.spec.id if column.spec else column.kind


def keys(view: TableEditView, text: str) -> None:
    """Type into whatever has the keyboard focus now (the view, or the editor it opened)."""
    for char in text:
        target = QApplication.focusWidget() or view
        QTest.keyClicks(target, char)
    QApplication.processEvents()


def press(
    view: TableEditView, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    target = QApplication.focusWidget() or view
    QTest.keyClick(target, key, modifier)
    QApplication.processEvents()


def start_at(view: TableEditView, row: str, column: str) -> None:
    view.window().activateWindow()
    view.setFocus()
    view.setCurrentIndex(view.table_model.index_of(row, column))
    QApplication.processEvents()


def amount(window: MainWindow, table: str, row: str, column: str) -> object:
    stored = window.session.case.table(table).row(row)
    return stored.cells.get(column) if stored else None


def test_type_tab_type_enter_like_excel(window: MainWindow, qtbot: QtBot) -> None:
    """The issue's “done when”: 收入决算表, type, Tab, type, Enter."""
    view = table_view(window, "table_t2", "t2")
    resets: list[int] = []
    view.table_model.modelReset.connect(lambda: resets.append(1))
    start_at(view, "2081601", "fiscal")
    keys(view, "1234.56")
    press(view, Qt.Key.Key_Tab)
    assert at(view) == ("2081601", "upper")
    keys(view, "7.5")
    press(view, Qt.Key.Key_Return)
    assert amount(window, "t2", "2081601", "fiscal") == Decimal("12345600")
    assert amount(window, "t2", "2081601", "upper") == Decimal("75000")
    below = view.table_model.rows[view.table_model.index_of("2081601", "upper").row() + 1]
    assert at(view) == (below.key, "upper")
    assert view.hasFocus()
    # Undo and redo leave the cursor where it is.
    window.session.undo_stack.undo()
    assert at(view) == (below.key, "upper")
    assert amount(window, "t2", "2081601", "upper") != Decimal("75000")
    window.session.undo_stack.redo()
    assert at(view) == (below.key, "upper")
    assert resets == []  # rows were updated in place, never reset


def test_enter_and_tab_skip_computed_cells_and_wrap(window: MainWindow) -> None:
    view = table_view(window, "table_t2", "t2")
    # Enter goes down the column past the 款 and 类 rows, Shift+Enter comes back.
    start_at(view, "2081699", "fiscal")
    press(view, Qt.Key.Key_Return)
    assert at(view) == ("2089999", "fiscal")
    press(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert at(view) == ("2081699", "fiscal")
    # Tab from the last column wraps to the first input cell of the next input row (合计 column
    # and 款 rows skipped); Shift+Tab wraps back.
    start_at(view, "2081699", "other")
    press(view, Qt.Key.Key_Tab)
    assert at(view) == ("2089999", "fiscal")
    press(view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert at(view) == ("2081699", "other")


def test_f2_edits_in_place_and_delete_clears(window: MainWindow) -> None:
    view = table_view(window, "table_t2", "t2")
    start_at(view, "2080501", "fiscal")
    press(view, Qt.Key.Key_F2)
    press(view, Qt.Key.Key_End)
    keys(view, "1")  # 6.86 → 6.861 (万元), typed at the end of the old figure
    press(view, Qt.Key.Key_Return)
    assert amount(window, "t2", "2080501", "fiscal") == Decimal("68610")
    assert at(view) == ("2080505", "fiscal")
    press(view, Qt.Key.Key_Up)
    press(view, Qt.Key.Key_Delete)
    assert amount(window, "t2", "2080501", "fiscal") is None
    assert at(view) == ("2080501", "fiscal")


def test_typing_into_a_computed_cell_says_where_it_comes_from(window: MainWindow) -> None:
    t2 = page(window, "table_t2")
    view = table_view(window, "table_t2", "t2")
    before = window.session.case
    start_at(view, "20816", "fiscal")  # a 款 subtotal
    keys(view, "5")
    assert window.session.case is before
    assert at(view) == ("20816", "fiscal")
    assert t2.problem_labels["t2"].text().startswith("自动计算：来自本表下级科目")
    start_at(view, "2081601", "total")  # 本年收入合计 = the sum of the row
    keys(view, "5")
    assert "自动计算：来自本行" in t2.problem_labels["t2"].text()
    t1 = page(window, "table_t1")
    view = table_view(window, "table_t1", "t1")
    start_at(view, "inc_upper", "amount")
    keys(view, "5")
    assert t1.problem_labels["t1"].text().startswith("自动计算：来自《收入决算表》")


def test_the_cursor_survives_a_new_row(window: MainWindow, qtbot: QtBot) -> None:
    """Adding a row resets the rows; the current cell is found again by its code."""
    from desktop.core.edits import SetCell

    view = table_view(window, "table_t2", "t2")
    start_at(view, "2101101", "fiscal")
    window.session.apply(SetCell("t2", "2010101", "fiscal", Decimal(1), "行政运行"))
    assert at(view) == ("2101101", "fiscal")


def test_unit_list_new_row_is_shown_and_typed_into(window: MainWindow) -> None:
    """单位情况表: only its own columns, an empty 单位性质, and the new row ready to type."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QPushButton

    structure = page(window, "structure")
    view = table_view(window, "structure", "unit_list")
    model = view.table_model
    assert [c.title for c in model.columns] == ["单位名称", "单位性质"]
    rows = model.rowCount()
    button = structure.findChild(QPushButton, "add:unit_list")
    assert button is not None
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert model.rowCount() == rows + 1
    assert [model.data(model.index(rows, c)) for c in range(2)] == ["", ""]
    assert view.currentIndex().row() == rows
    assert view.hasFocus()
    QTest.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not None
    event = QInputMethodEvent()
    event.setCommitString("某某中心")
    QApplication.sendEvent(editor, event)
    press(view, Qt.Key.Key_Tab)
    key = model.key_at(model.index(rows, 0))
    stored = window.session.case.table("unit_list").row(key)
    assert stored is not None
    assert stored.cells["name"] == "某某中心"
    assert at(view) == (key, "kind")


def test_the_one_row_three_public_table_is_a_form(window: MainWindow) -> None:
    from PySide6.QtWidgets import QLineEdit

    from desktop.ui.row_form import RowFormView

    form = page(window, "table_t10").views["t10"][0]
    assert isinstance(form, RowFormView)
    box = form.findChild(QLineEdit, "cell:actual_reception")
    total = form.findChild(QLineEdit, "cell:actual_total")
    assert box is not None
    assert total is not None
    assert total.isReadOnly()
    assert "自动计算：来自本行" in total.toolTip()
    box.setFocus()
    box.selectAll()
    QTest.keyClicks(box, "0.5")
    QTest.keyClick(box, Qt.Key.Key_Tab)
    assert amount(window, "t10", "amounts", "actual_reception") == Decimal("5000")
    assert box.text() == "0.50"
    box.setText("x1")
    box.editingFinished.emit()
    assert box.text() == "x1"
    assert any("x1" in e.text() for e in window.export_page.entries())

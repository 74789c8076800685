"""Paste from Excel/WPS: by 科目编码 or into consecutive input rows; all or nothing, one undo step."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.test_wizard import page, table_view

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow
    from desktop.ui.table_view import TableEditView

WAN = Decimal(10000)


def paste_at(view: TableEditView, row: str, column: str, text: str) -> None:
    """Select the cell and press Ctrl+V with `text` on the clipboard, as the officer does."""
    view.setFocus()
    view.setCurrentIndex(view.table_model.index_of(row, column))
    QGuiApplication.clipboard().setText(text)
    QTest.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()


def amount(window: MainWindow, row: str) -> Decimal:
    return window.session.figures.grid("t6").amount(row, "amount")


def test_consecutive_rows_skip_the_subtotal_row(window: MainWindow) -> None:
    view = table_view(window, "table_t6", "t6")
    paste_at(view, "30113", "amount", "500\r\n300\r\n")
    assert amount(window, "30113") == 500 * WAN
    assert amount(window, "30201") == 300 * WAN  # the 302 subtotal row in between is skipped
    assert window.session.undo_stack.count() == 1


def test_rows_matched_by_code_in_one_undo_step(window: MainWindow) -> None:
    session = window.session
    view = table_view(window, "table_t6", "t6")
    before = session.case
    # Codes and figures only: the figures go to the current column; 30202 印刷费 is added.
    paste_at(view, "30101", "amount", "30239\t6\n30201\t5\n30202\t7\n")
    assert (amount(window, "30239"), amount(window, "30201")) == (6 * WAN, 5 * WAN)
    assert amount(window, "30202") == 7 * WAN
    row = session.case.table("t6").row("30202")
    assert row is not None
    assert row.label == "印刷费"
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert session.case.table("t6") == before.table("t6")


def test_a_whole_copied_block_with_its_subtotal_rows(window: MainWindow) -> None:
    """Rows copied from the platform with code, name and the 类 subtotal that agrees."""
    view = table_view(window, "table_t6", "t6")
    paste_at(view, "30101", "code", "303\t对个人和家庭的补助\t7.00\n30302\t退休费\t7.00\n")
    assert amount(window, "30302") == 7 * WAN


def test_refused_paste_names_the_cells_and_changes_nothing(window: MainWindow) -> None:
    session = window.session
    t6 = page(window, "table_t6")
    view = table_view(window, "table_t6", "t6")
    before = session.case
    # Past the last input row.
    paste_at(view, "30302", "amount", "1\n2\n")
    assert session.case is before
    message = t6.problem_labels["t6"].text()
    assert "第 2 行第 1 个数“2”超出了表格可填的范围" in message
    # A 类 subtotal that does not agree with its 款 rows.
    paste_at(view, "30101", "code", "302\t商品和服务支出\t99\n30201\t办公费\t1\n")
    assert session.case is before
    message = t6.problem_labels["t6"].text()
    assert "“99”落在自动计算的“商品和服务支出·决算数”" in message
    # An unreadable figure.
    paste_at(view, "30101", "amount", "1\nabc\n")
    assert session.case is before
    assert "“abc”无法识别" in t6.problem_labels["t6"].text()
    # A code neither in the table nor in the code table.
    paste_at(view, "30101", "amount", "30188\t1\n30101\t2\n")
    assert session.case is before
    assert "30188" in t6.problem_labels["t6"].text()
    assert session.undo_stack.count() == 0

"""The window on small screens: wide tables reachable without sideways scrolling, small tables
shown whole, amount columns wide enough for "99,999,999.99"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.ui.section_page import SectionPage
from desktop.ui.table_view import AMOUNT_SAMPLE, TableEditView
from tests.ui.test_wizard import page, table_view

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


def resize(window: MainWindow, width: int, height: int) -> None:
    window.resize(width, height)
    QApplication.processEvents()


def test_income_table_fits_at_1024x700_with_the_step_list_hidden(window: MainWindow) -> None:
    resize(window, 1024, 700)
    # The 检查结果 list goes under the page, so the page gets the window's width.
    assert window.dockWidgetArea(window.dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    view = table_view(window, "table_t2", "t2")
    assert view.horizontalScrollBar().maximum() > 0  # with the step list it does not fit yet
    QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert not window.steps.isVisible()
    assert view.horizontalScrollBar().maximum() == 0  # every amount column in sight
    sample = view.fontMetrics().horizontalAdvance(AMOUNT_SAMPLE)
    model = view.table_model
    amounts = [n for n, c in enumerate(model.columns) if c.kind == "value"]
    assert len(amounts) == 7
    assert all(view.columnWidth(n) > sample for n in amounts)
    # A long 科目名称 wraps in its row instead of widening the column.
    [row] = [n for n, r in enumerate(model.rows) if r.key == "2080505"]  # 机关事业单位基本养老…
    [short] = [n for n, r in enumerate(model.rows) if r.key == "2081601"]  # 行政运行
    assert view.rowHeight(row) > view.rowHeight(short)
    QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert window.steps.isVisible()
    # Widened again, the list goes back to the right.
    resize(window, 1366, 768)
    assert window.dockWidgetArea(window.dock) == Qt.DockWidgetArea.RightDockWidgetArea


def test_ctrl_page_down_goes_through_the_steps_with_the_list_hidden(window: MainWindow) -> None:
    window.show_step("table_t1")
    window.narrow.steps_action.setChecked(False)
    QTest.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.pages["table_t2"]
    QTest.keyClick(window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is not window.pages["table_t1"]
    assert window.stack.currentWidget() is not window.pages["table_t2"]


def test_small_tables_show_every_row_without_their_own_scroll_bar(window: MainWindow) -> None:
    resize(window, 1024, 700)
    checked = 0
    for step in window.step_ids:
        if not step or not isinstance(window.pages[step], SectionPage):
            continue
        for views in page(window, step).views.values():
            for view in views:
                if not isinstance(view, TableEditView) or view.table_model.rowCount() > 15:
                    continue
                QApplication.processEvents()
                assert view.verticalScrollBar().maximum() == 0, step
                checked += 1
    assert checked >= 5

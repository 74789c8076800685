"""The 科目 picker: empty and ready to type, buttons always visible, import offered in place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from desktop.ui.code_picker import CodePickerDialog

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

CHOICES = [("2010101", "行政运行"), ("2010601", "行政运行"), ("2012604", "档案馆")]


def test_opens_empty_with_the_cursor_in_the_search_box(qtbot: QtBot) -> None:
    dialog = CodePickerDialog(CHOICES)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.search.text() == ""
    assert dialog.focusWidget() is dialog.search
    assert dialog.list.count() == 3
    QTest.keyClicks(dialog.search, "20106")
    assert dialog.list.count() == 1
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isVisible()
    assert ok.isEnabled()
    QTest.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.result() == 1
    assert dialog.chosen() == "2010601"


def test_nothing_found_offers_the_code_table_import(qtbot: QtBot) -> None:
    dialog = CodePickerDialog(CHOICES[:2])
    qtbot.addWidget(dialog)
    dialog.show()
    asked: list[bool] = []
    dialog.import_requested.connect(lambda: asked.append(True))
    assert not dialog.import_button.isVisible()
    QTest.keyClicks(dialog.search, "99")
    assert dialog.list.count() == 0
    assert dialog.import_button.isVisible()
    assert "没有找到“99”" in dialog.none.text()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    QTest.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert asked == [True]

"""The 科目 picker: empty and ready to type, buttons always visible, import offered in place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton

from desktop.ui.code_picker import CodePickerDialog
from tests.ui.test_wizard import page

if TYPE_CHECKING:
    import pytest
    from pytestqt.qtbot import QtBot

    from desktop.ui.main_window import MainWindow

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


def test_in_the_window_an_unlisted_name_offers_the_import_and_the_note_names_the_year(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sample's 2022 list has no 档案事务 codes (no public source lists them): typing 档案
    finds nothing and offers 导入科目代码表… in place; the note says which year is offered."""
    seen: dict[str, object] = {}

    def search(dialog: CodePickerDialog) -> int:
        event = QInputMethodEvent()  # Chinese is typed through the input method
        event.setCommitString("档案")
        QApplication.sendEvent(dialog.search, event)
        assert dialog.search.text() == "档案"
        seen["count"] = dialog.list.count()
        seen["import"] = dialog.import_button.isVisibleTo(dialog)
        seen["note"] = dialog.note.text()
        dialog.search.setText("行政运行")
        seen["found"] = dialog.list.count()
        return 0

    monkeypatch.setattr(CodePickerDialog, "exec", search)
    p = page(window, "table_t2")
    button = p.findChild(QPushButton, "add:t2")
    assert button is not None
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert seen["count"] == 0
    assert seen["import"] is True
    assert seen["note"] == "可选科目来自 2022 年的科目代码表。"
    assert isinstance(seen["found"], int)
    assert seen["found"] > 0

"""The keys the user guide promises, and the words the officer sees instead of developer terms."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from tests.ui.test_wizard import page

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from desktop.ui.main_window import MainWindow

GUIDE = "docs/用户指南.md"


def test_undo_redo_keys_match_the_guide(window: MainWindow) -> None:
    from pathlib import Path

    guide = (Path(__file__).parents[2] / GUIDE).read_text(encoding="utf-8")
    assert "**撤销** Ctrl+Z，**重做** Ctrl+Y" in guide
    assert window.undo_action.shortcut() == QKeySequence("Ctrl+Z")
    assert window.redo_action.shortcut() == QKeySequence("Ctrl+Y")  # the one the menu shows
    assert QKeySequence("Ctrl+Shift+Z") in window.redo_action.shortcuts()


def test_ctrl_q_quits(window: MainWindow, qtbot: QtBot) -> None:
    window.activateWindow()
    window.setFocus()
    QTest.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert not window.isVisible()


def test_overall_says_where_this_years_totals_come_from(window: MainWindow) -> None:
    note = page(window, "overall").findChild(QLabel, "sources")
    assert note is not None
    assert "《收入支出决算总表》" in note.text()
    assert "上年数" in note.text()


def test_no_developer_words_in_the_issues(controller: object, qtbot: QtBot) -> None:
    main = controller.new_case("测试局", 2022, "nmg-2022-unit")  # type: ignore[attr-defined]  # the controller fixture is typed loosely here
    qtbot.addWidget(main)
    assert all("empty_note" not in i.message for i in main.session.issues)

"""The limits of load and the Excel import hold in the window too.

Text set on any field (pytest-qt cannot type Chinese, so the text is set on the widget as a
paste would) loses its control characters and lone surrogates at once, with a message; amounts
of 10^13 元 or more are refused with a message; weights and scores above the profile's 满分 are
refused, and the 满分 is the profile's ``score_max``.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QTableWidgetItem

from desktop.core.edits import SetField
from desktop.core.limits import cleaned
from desktop.storage.cases import load_case
from desktop.ui.entry_guard import NOTE, clean_entry
from desktop.ui.fields import AmountEdit, ParagraphsEdit, TextEdit
from desktop.ui.new_case_dialog import NewCaseDialog
from desktop.ui.session import INVALID_RULE
from tests.ui.test_performance_editor import editor_of
from tests.ui.test_wizard import issue_texts, page, table_view, type_into_cell

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from desktop.app import Controller
    from desktop.ui.main_window import MainWindow

#: NUL, ESC, backspace (a lone surrogate never reaches a Qt widget: Qt drops it on the way in;
#: the session's own cleaning, tested below, removes it from everything else).
DIRTY = "甲\x00乙\x1b丙\x08丁"
CLEAN = "甲乙丙丁"


def _stored(window: MainWindow, section: str, field: str) -> object:
    return load_case(window.session.db, window.session.case_id).value(section, field)


def test_clean_entry_says_what_it_removed() -> None:
    assert clean_entry("普通的文字\t与\n换行") == ("普通的文字\t与\n换行", "")
    kept, note = clean_entry("甲\x00乙\ud800丙\x1b丁")
    assert kept == CLEAN
    assert "已去掉 3 个无法保存的字符" in note
    assert clean_entry("甲\r\n乙") == ("甲\n乙", "")  # a Windows line end is not a problem


def test_a_line_field_is_cleaned_at_entry_and_saved_clean(window: MainWindow) -> None:
    editor = page(window, "unit").editors["approval_date"]
    assert isinstance(editor, TextEdit)
    editor.setText(DIRTY)
    assert editor.text() == CLEAN
    assert "已去掉 3 个" in str(editor.property(NOTE))
    assert "已去掉 3 个" in window.statusBar().currentMessage()
    editor.editingFinished.emit()
    assert _stored(window, "unit", "approval_date") == CLEAN


def test_a_paragraph_field_is_cleaned_at_entry(window: MainWindow, qtbot: QtBot) -> None:
    editor = page(window, "functions").editors["functions"]
    assert isinstance(editor, ParagraphsEdit)
    editor.setPlainText("第一段\x07\n第二段\x0c")
    assert editor.toPlainText() == "第一段\n第二段"
    assert "已去掉 2 个" in str(editor.property(NOTE))
    qtbot.waitUntil(lambda: _stored(window, "functions", "functions") == ("第一段", "第二段"))


def test_a_table_cell_editor_is_cleaned_at_entry(window: MainWindow, qtbot: QtBot) -> None:
    view = table_view(window, "table_t2", "t2")
    view.setFocus()
    view.setCurrentIndex(view.table_model.index_of("2081601", "fiscal"))
    QTest.keyClick(view, Qt.Key.Key_F2)
    editor = next(e for e in view.findChildren(QLineEdit) if e.isVisible())
    editor.setText("12\x003")
    assert editor.text() == "123"
    assert "已去掉 1 个" in str(editor.property(NOTE))


def test_a_dialog_field_is_cleaned_at_entry(controller: Controller, qtbot: QtBot) -> None:
    assert controller.catalog is not None
    dialog = NewCaseDialog(controller.catalog)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    unit = next(e for e in dialog.findChildren(QLineEdit) if e.isVisible())
    unit.setText(DIRTY)
    assert unit.text() == CLEAN
    assert "已去掉 3 个" in str(unit.property(NOTE))


def test_the_session_cleans_what_no_field_did(window: MainWindow) -> None:
    """A table item of the 绩效 editor, a paste, an import: the saved edit is cleaned too."""
    notes: list[str] = []
    window.session.notice.connect(notes.append)
    window.session.apply(SetField("unit", "publish_date", "甲\x00乙\ud800丙\x1b丁"))
    assert _stored(window, "unit", "publish_date") == CLEAN
    assert "已去掉" in notes[0]
    editor = editor_of(window)
    editor.projects.setCurrentRow(0)
    editor.indicators.setItem(0, 2, QTableWidgetItem("指标\x01名称"))
    QApplication.processEvents()
    stored = load_case(window.session.db, window.session.case_id)
    assert stored.performance.projects[0].indicators[0].name == "指标名称"
    assert len(notes) == 2


def test_cleaned_keeps_what_needs_no_cleaning() -> None:
    edit = SetField("unit", "publish_date", "2023-09-01")
    assert cleaned(edit) is edit
    assert cleaned(("a", ["b\x00"], {"k": "c\ud800"})) == ("a", ["b"], {"k": "c"})


def test_amounts_of_ten_trillion_yuan_are_refused(window: MainWindow, qtbot: QtBot) -> None:
    editor = page(window, "overall").editors["prior_total"]
    assert isinstance(editor, AmountEdit)
    editor.setText("1000000000")  # 万元: 10^13 元
    editor.editingFinished.emit()
    assert "超出了可填写的范围" in editor.toolTip()
    assert any("超出了可填写的范围" in t for t in issue_texts(window))
    editor.setText("999999999.9999")  # just below
    editor.editingFinished.emit()
    assert _stored(window, "overall", "prior_total") == Decimal("9999999999999.00")
    view = table_view(window, "table_t2", "t2")
    type_into_cell(qtbot, view, "2081601", "fiscal", "1e9")
    type_into_cell(qtbot, view, "2081601", "fiscal", "1000000000")
    assert any("超出了可填写的范围" in t for t in issue_texts(window))


def test_a_project_amount_of_ten_trillion_is_refused(window: MainWindow) -> None:
    editor = editor_of(window)
    editor.projects.setCurrentRow(0)
    editor.funds.setItem(0, 0, QTableWidgetItem("1000000000"))
    assert "超出了可填写的范围" in editor.problem.text()
    item = editor.funds.item(0, 0)
    assert item is not None
    assert item.text() == "1000000000"  # kept, in red; counted as 0 and a 错误 until corrected
    assert window.session.case.performance.projects[0].fiscal.initial == 0
    assert any("超出了可填写的范围" in t for t in issue_texts(window))


def test_weights_and_scores_above_the_profiles_maximum_are_refused(window: MainWindow) -> None:
    session = window.session
    editor = editor_of(window)
    editor.projects.setCurrentRow(0)
    project = session.case.performance.projects[0]
    editor.weight.setText("100.5")
    editor.weight.editingFinished.emit()
    assert "超过了满分 100" in editor.problem.text()
    # Not kept at the old figure: counted as 0 and a 错误 at the field until corrected.
    assert project.funds_weight != 0
    assert session.case.performance.projects[0].funds_weight == 0
    assert any(i.rule == INVALID_RULE and "资金分值" in i.message for i in session.issues)
    editor.indicators.setItem(0, 9, QTableWidgetItem("101"))
    assert any(
        i.rule == INVALID_RULE
        and "第 1 个指标的得分" in i.message
        and "超过了满分 100" in i.message
        for i in session.issues
    )
    session.profile = dataclasses.replace(session.profile, score_max=Decimal(200))
    editor.indicators.setItem(0, 9, QTableWidgetItem("0"))
    editor.weight.setText("150")
    editor.weight.editingFinished.emit()
    assert session.case.performance.projects[0].funds_weight == Decimal(150)
    stored = load_case(session.db, session.case_id).performance.projects[0]
    assert stored.funds_weight == Decimal(150)

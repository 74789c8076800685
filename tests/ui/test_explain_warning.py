"""Explaining a 警告 in the 检查结果 dock: 说明… opens a dialog, the explanation is stored with the
case and the 警告 stays listed as 已说明; a 错误 cannot be explained, only corrected."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from desktop.core.edits import SetCell, SetField
from desktop.core.issues import Severity
from desktop.storage.cases import load_case
from desktop.ui.issues_dock import ExplainDialog

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTreeWidgetItem
    from pytestqt.qtbot import QtBot

    from desktop.ui.main_window import MainWindow

REASON = "上年决算经审计调整，年末结余调减 1 万元。"


def _item(window: MainWindow, rule: str) -> QTreeWidgetItem:
    tree = window.dock.tree
    for n in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(n)
        assert item is not None
        issue = item.data(1, Qt.ItemDataRole.UserRole)
        if issue.rule == rule:
            return item
    raise AssertionError(f"{rule} not listed")


def test_a_warning_is_explained_and_listed_as_explained(window: MainWindow, qtbot: QtBot) -> None:
    session = window.session
    session.apply(SetField("overall", "prior_closing", Decimal("10000.00")))
    dock = window.dock
    window.dock.tree.setCurrentItem(_item(window, "X12"))
    assert dock.explain_button.isEnabled()
    assert not dock.withdraw_button.isEnabled()
    QTest.mouseClick(dock.explain_button, Qt.MouseButton.LeftButton)
    dialog = dock.findChild(ExplainDialog)
    assert dialog is not None
    assert dialog.isVisible()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    QTest.mouseClick(ok, Qt.MouseButton.LeftButton)  # empty: refused, the dialog stays
    assert dialog.isVisible()
    assert "请写明" in dialog.problem.text()
    dialog.text.setPlainText(REASON)  # pytest-qt cannot type Chinese (ENVIRONMENT.md)
    QTest.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    item = _item(window, "X12")
    assert item.text(0) == "警告\n已说明"
    assert item.text(1).endswith(f"已说明：{REASON}")
    assert "已说明 1" in dock.summary.text()
    [issue] = [i for i in session.issues if i.rule == "X12"]
    assert issue.severity is Severity.WARNING
    assert issue.accepted == REASON
    # stored with the case in the database
    stored = load_case(session.db, session.case_id)
    assert [a.explanation for a in stored.accepted] == [REASON]
    # withdrawn: listed as a plain 警告 again, and gone from the database
    window.dock.tree.setCurrentItem(_item(window, "X12"))
    assert dock.withdraw_button.isEnabled()
    QTest.mouseClick(dock.withdraw_button, Qt.MouseButton.LeftButton)
    assert _item(window, "X12").text(0) == "警告"
    assert load_case(session.db, session.case_id).accepted == ()


def test_an_error_cannot_be_explained(window: MainWindow) -> None:
    window.session.apply(SetCell("t1", "closing", "amount", Decimal("100000.00")))
    dock = window.dock
    dock.tree.setCurrentItem(_item(window, "T1-d"))
    assert not dock.explain_button.isEnabled()
    QTest.mouseClick(dock.explain_button, Qt.MouseButton.LeftButton)
    assert dock.findChild(ExplainDialog) is None


def test_an_explained_warning_leaves_the_step_done(window: MainWindow) -> None:
    """A step whose only 警告 is explained is 已完成; optional fields only the checks read (预留,
    批复数) do not turn a computed step into one to fill in."""
    from desktop.core.issues import Issue, Location
    from desktop.ui.step_status import step_status

    session = window.session
    section = session.profile.section("running")
    where = Location(section="running", field="prior_running")
    open_one = Issue(Severity.WARNING, "W-unknown", "…", where)
    explained = Issue(Severity.WARNING, "W-unknown", "…", where, accepted="上年未单独统计。")
    assert step_status(session.figures, section, [open_one]).label == "有警告"
    assert step_status(session.figures, section, [explained]).label == "已完成"
    assert window.status_of("procurement") == "自动计算"

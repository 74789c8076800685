"""The 绩效 editor: projects and indicators added, removed and reordered show at once."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QTableWidget

from desktop.core.issues import Severity
from desktop.ui.performance_editor import PerformanceEditor
from desktop.ui.session import INVALID_RULE
from tests.ui.test_wizard import page

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


def editor_of(window: MainWindow) -> PerformanceEditor:
    return next(
        w for w in page(window, "performance").data_editors if isinstance(w, PerformanceEditor)
    )


def click(editor: PerformanceEditor, name: str) -> None:
    button = editor.findChild(QPushButton, f"perf:{name}")
    assert button is not None
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()


def listed(editor: PerformanceEditor) -> list[str]:
    return [editor.projects.item(n).text() for n in range(editor.projects.count())]


def test_add_rename_move_delete_projects_show_at_once(window: MainWindow) -> None:
    session = window.session
    editor = editor_of(window)
    names = [p.name for p in session.case.performance.projects]
    assert listed(editor) == names
    click(editor, "add")
    assert listed(editor) == [*names, "新项目"]
    assert editor.projects.currentRow() == len(names)
    assert editor.name.text() == "新项目"
    assert editor.name.hasFocus()
    # Rename it by typing (focus stays in the editor), then add a second one: both are listed.
    QTest.keyClicks(editor.name, "X1")
    QTest.keyClick(editor.name, Qt.Key.Key_Return)
    assert session.case.performance.projects[-1].name == "X1"
    assert listed(editor)[-1] == "X1"
    click(editor, "add")
    assert listed(editor) == [*names, "X1", "新项目"]
    click(editor, "up")
    assert listed(editor) == [*names, "新项目", "X1"]
    assert [p.name for p in session.case.performance.projects][-2:] == ["新项目", "X1"]
    assert editor.projects.currentRow() == len(names)
    click(editor, "remove")
    assert listed(editor) == [*names, "X1"]
    assert editor.name.text() == "X1"  # the row now selected is shown, not the deleted one
    QTest.keyClicks(editor.department, "dept")
    QTest.keyClick(editor.department, Qt.Key.Key_Return)
    assert session.case.performance.projects[-1].department == "dept"


def test_indicators_add_move_delete(window: MainWindow) -> None:
    session = window.session
    editor = editor_of(window)
    editor.projects.setCurrentRow(0)
    before = session.case.performance.projects[0].indicators
    click(editor, "add_indicator")
    after = session.case.performance.projects[0].indicators
    assert len(after) == len(before) + 1
    assert editor.indicators.rowCount() == len(after)
    editor.indicators.setCurrentCell(len(after) - 1, 2)
    click(editor, "indicator_up")
    moved = session.case.performance.projects[0].indicators
    assert moved[-2] == after[-1]
    assert moved[-1] == after[-2]
    assert editor.indicators.currentRow() == len(after) - 2
    editor.indicators.selectRow(len(after) - 2)
    click(editor, "remove_indicator")
    assert session.case.performance.projects[0].indicators == before


def test_typing_a_text_is_one_undo_step(window: MainWindow) -> None:
    session = window.session
    editor = editor_of(window)
    editor.projects.setCurrentRow(0)
    before = session.case.performance.projects[0].problems
    text = editor.texts["problems"]
    text.setFocus()
    text.moveCursor(text.textCursor().MoveOperation.End)
    count = session.undo_stack.count()
    QTest.keyClicks(text, "abc")
    assert session.case.performance.projects[0].problems == before + "abc"
    assert session.undo_stack.count() == count + 1
    QTest.keyClicks(editor.texts["measures"], "d")
    assert session.undo_stack.count() == count + 2
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert session.case.performance.projects[0].problems == before
    assert editor.texts["problems"].toPlainText() == before


def fund_text(editor: PerformanceEditor, row: int, column: int) -> str:
    item = editor.funds.item(row, column)
    return item.text() if item is not None else ""


def type_into(table: QTableWidget, row: int, column: int, text: str) -> None:
    """Select a cell, F2 to edit it as a user does, type, Enter."""
    table.setFocus()
    table.setCurrentCell(row, column)
    QTest.keyClick(table, Qt.Key.Key_F2)
    [line] = [e for e in table.findChildren(QLineEdit) if e.isVisible()]
    line.selectAll()
    QTest.keyClicks(line, text)
    QTest.keyClick(line, Qt.Key.Key_Return)
    QApplication.processEvents()


def type_into_fund(editor: PerformanceEditor, row: int, column: int, text: str) -> None:
    type_into(editor.funds, row, column, text)


def test_unreadable_fund_is_an_error_that_blocks_the_formal_export(window: MainWindow) -> None:
    session = window.session
    window.show_step("performance")
    editor = editor_of(window)
    editor.projects.setCurrentRow(0)
    name = session.case.performance.projects[0].name
    old = session.case.performance.projects[0].fiscal.full
    assert old != 0
    window.show_step("__export__")
    assert window.export_page.export_button.isEnabled()
    window.show_step("performance")
    type_into_fund(editor, 0, 1, "12..5")  # 财政拨款 全年预算数
    # The old figure is gone (nothing stale is exported); the typed text stays, in red.
    assert session.case.performance.projects[0].fiscal.full == 0
    assert fund_text(editor, 0, 1) == "12..5"
    cell = editor.funds.item(0, 1)
    assert cell is not None
    assert cell.background().color().name() == "#fde2e1"
    [issue] = [i for i in session.issues if i.rule == INVALID_RULE]
    assert issue.severity is Severity.ERROR
    assert "12..5" in issue.message
    assert name in issue.message
    assert "财政拨款全年预算数" in issue.message
    assert window.status_of("performance") == "有错误"
    window.show_step("__export__")
    assert not window.export_page.export_button.isEnabled()
    [entry] = [e for e in window.export_page.entries() if "12..5" in e.text()]
    # Clicking the error in the export step's list takes the officer to the cell.
    issues = window.export_page.issues
    rect = issues.visualItemRect(entry)
    QTest.mouseClick(issues.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QApplication.processEvents()
    assert window.stack.currentWidget() is window.pages["performance"]
    assert editor.projects.currentRow() == 0
    assert (editor.funds.currentRow(), editor.funds.currentColumn()) == (0, 1)
    # Correcting it clears the error.
    type_into_fund(editor, 0, 1, "88")
    assert session.case.performance.projects[0].fiscal.full == Decimal("880000")
    assert [i for i in session.issues if i.rule == INVALID_RULE] == []
    cell = editor.funds.item(0, 1)
    assert cell is not None
    assert cell.background().color().name() != "#fde2e1"
    assert cell.toolTip() == ""


def test_fund_error_follows_its_project_and_undo_restores(window: MainWindow) -> None:
    session = window.session
    window.show_step("performance")
    editor = editor_of(window)
    editor.projects.setCurrentRow(0)
    old = session.case.performance.projects[0].other.executed
    click(editor, "add")  # a second project, so the first one can move
    editor.projects.setCurrentRow(0)
    QApplication.processEvents()
    type_into_fund(editor, 2, 2, "abc")
    [issue] = [i for i in session.issues if i.rule == INVALID_RULE]
    assert issue.location.table == "perf_project:0"
    click(editor, "down")  # the project moves to place 1: its error goes with it
    [issue] = [i for i in session.issues if i.rule == INVALID_RULE]
    assert issue.location.table == "perf_project:1"
    assert editor.projects.currentRow() == 1
    assert fund_text(editor, 2, 2) == "abc"
    editor.projects.setCurrentRow(0)  # the other project shows no error
    assert fund_text(editor, 2, 2) != "abc"
    session.undo_stack.undo()  # the move
    session.undo_stack.undo()  # the entry: the old figure and no error
    assert session.case.performance.projects[0].other.executed == old
    assert [i for i in session.issues if i.rule == INVALID_RULE] == []
    editor.projects.setCurrentRow(1)
    click(editor, "remove")
    editor.projects.setCurrentRow(0)
    type_into_fund(editor, 0, 0, "x")
    assert len([i for i in session.issues if i.rule == INVALID_RULE]) == 1
    if editor.projects.count() > 1:
        editor.projects.setCurrentRow(0)
    click(editor, "remove")  # deleting the project deletes its error
    assert [i for i in session.issues if i.rule == INVALID_RULE] == []


def test_a_new_indicator_and_a_bad_score_use_the_named_columns(window: MainWindow) -> None:
    from decimal import Decimal

    from desktop.ui.performance_editor import INDICATOR_COLUMN, INVALID

    session = window.session
    editor = editor_of(window)
    editor.projects.setCurrentRow(0)
    click(editor, "add_indicator")
    new = session.case.performance.projects[0].indicators[-1]
    assert (new.level1, new.level2, new.nature, new.direction) == (
        "产出指标",
        "数量指标",
        "正向",
        "大于等于",
    )
    assert (new.weight, new.score) == (Decimal(0), Decimal(0))
    last = editor.indicators.rowCount() - 1
    assert editor.indicators.currentColumn() == INDICATOR_COLUMN["name"]
    score = editor.indicators.item(last, INDICATOR_COLUMN["score"])
    weight = editor.indicators.item(last, INDICATOR_COLUMN["weight"])
    assert score is not None
    assert weight is not None
    score.setText("很好")
    QApplication.processEvents()
    score = editor.indicators.item(last, INDICATOR_COLUMN["score"])  # shown again after saving
    weight = editor.indicators.item(last, INDICATOR_COLUMN["weight"])
    assert score is not None
    assert weight is not None
    assert score.text() == "很好"
    assert score.background() == INVALID  # the 得分 cell, not the 分值 next to it
    assert weight.background() != INVALID
    assert "得分：“很好”不是分值：应为 0 到 100 的数" in editor.problem.text()  # the 满分
    assert session.case.performance.projects[0].indicators[-1].score == Decimal(0)  # not stale


def type_into_indicator(editor: PerformanceEditor, row: int, column: int, text: str) -> None:
    type_into(editor.indicators, row, column, text)


def test_an_unreadable_score_is_an_error_not_the_old_score(window: MainWindow) -> None:
    from desktop.ui.performance_editor import INDICATOR_COLUMN, INVALID

    session = window.session
    window.show_step("performance")
    editor = editor_of(window)
    editor.projects.setCurrentRow(0)
    old = session.case.performance.projects[0].indicators[0].score
    assert old != 0
    column = INDICATOR_COLUMN["score"]
    type_into_indicator(editor, 0, column, "9.x")
    # The case no longer holds the old score; the typed text stays on screen, in red.
    assert session.case.performance.projects[0].indicators[0].score == 0
    cell = editor.indicators.item(0, column)
    assert cell is not None
    assert cell.text() == "9.x"
    assert cell.background() == INVALID
    [issue] = [i for i in session.issues if i.rule == INVALID_RULE]
    assert issue.severity is Severity.ERROR
    assert "9.x" in issue.message
    assert "第 1 个指标的得分" in issue.message
    window.show_step("__export__")
    assert not window.export_page.export_button.isEnabled()
    window.jump_to(issue.location)  # what clicking the error does
    QApplication.processEvents()
    assert window.stack.currentWidget() is window.pages["performance"]
    assert (editor.indicators.currentRow(), editor.indicators.currentColumn()) == (0, column)
    type_into_indicator(editor, 0, column, str(old))
    assert session.case.performance.projects[0].indicators[0].score == old
    assert not [i for i in session.issues if i.rule == INVALID_RULE]
    window.show_step("__export__")
    assert window.export_page.export_button.isEnabled()


def test_an_unreadable_funds_weight_is_an_error(window: MainWindow) -> None:
    session = window.session
    window.show_step("performance")
    editor = editor_of(window)
    editor.projects.setCurrentRow(0)
    assert session.case.performance.projects[0].funds_weight != 0
    editor.weight.setFocus()
    editor.weight.selectAll()
    QTest.keyClicks(editor.weight, "1o")
    QTest.keyClick(editor.weight, Qt.Key.Key_Return)
    editor.commit()
    QApplication.processEvents()
    assert session.case.performance.projects[0].funds_weight == 0
    [issue] = [i for i in session.issues if i.rule == INVALID_RULE]
    assert "资金分值" in issue.message
    assert "1o" in issue.message
    assert editor.weight.text() == "1o"


def _type_into(field: QLineEdit, text: str) -> None:
    field.setFocus()
    field.selectAll()
    QTest.keyClick(field, Qt.Key.Key_Delete)
    if text:
        QTest.keyClicks(field, text)
    QTest.keyClick(field, Qt.Key.Key_Return)
    QApplication.processEvents()


def test_empty_summary_fields_show_what_is_computed_from_the_tables(window: MainWindow) -> None:
    """The sample publishes 5 of its 12 自评表: nothing is computed until the count is cleared,
    then the average and the counts by 自评结果 of the 5 tables show in the empty fields."""
    from desktop.core.performance import rating_counts, summarize

    editors = page(window, "performance").editors
    average, excellent, count = (
        editors[f] for f in ("average_score", "rated_excellent", "gpb_count")
    )
    assert isinstance(average, QLineEdit)
    assert isinstance(excellent, QLineEdit)
    assert isinstance(count, QLineEdit)
    assert not average.placeholderText()
    assert excellent.placeholderText() == "整数"
    _type_into(count, "")
    projects = window.session.case.performance.projects
    mean = summarize(projects).mean_score
    best = rating_counts(projects, window.session.profile.ratings)["优"]
    assert average.text() == ""
    assert average.placeholderText() == f"按自评表计算：{mean}"
    assert excellent.placeholderText() == f"按自评表计算：{best}"
    assert count.placeholderText() == "整数"  # the text needs the typed count: not computed
    _type_into(count, "12")
    assert not average.placeholderText()
    assert excellent.placeholderText() == "整数"

"""An entry that cannot be read is an error at its place, never a stale figure."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from desktop.core.issues import Severity
from desktop.ui.fields import AmountEdit
from desktop.ui.session import INVALID_RULE
from tests.ui.test_wizard import page, table_view, type_into_cell

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from desktop.ui.main_window import MainWindow


def invalid_issues(window: MainWindow) -> list[str]:
    return [i.message for i in window.session.issues if i.rule == INVALID_RULE]


def test_unreadable_cell_is_an_error_and_no_value(window: MainWindow, qtbot: QtBot) -> None:
    session = window.session
    view = table_view(window, "table_t6", "t6")
    type_into_cell(qtbot, view, "30101", "amount", "12.3.4")
    index = view.table_model.index_of("30101", "amount")
    assert view.table_model.data(index) == "12.3.4"  # the typed text stays on screen
    assert "多个小数点" in str(view.table_model.data(index, Qt.ItemDataRole.ToolTipRole))
    row = session.case.table("t6").row("30101")
    assert row is not None
    assert "amount" not in row.cells  # the old 54.85 is gone: nothing stale is exported
    assert session.figures.grid("t6").amount("30101", "amount") == 0
    [message] = invalid_issues(window)
    assert "12.3.4" in message
    assert "基本工资" in message
    issue = next(i for i in session.issues if i.rule == INVALID_RULE)
    assert issue.severity is Severity.ERROR
    assert (issue.location.table, issue.location.row, issue.location.column) == (
        "t6",
        "30101",
        "amount",
    )
    assert window.status_of("table_t6") == "有错误"
    window.show_step("__export__")
    assert not window.export_page.export_button.isEnabled()
    assert any("12.3.4" in e.text() for e in window.export_page.entries())
    # Undo brings the old figure back and the error goes; redo brings both back.
    session.undo_stack.undo()
    assert session.figures.grid("t6").amount("30101", "amount") == Decimal("548450")
    assert invalid_issues(window) == []
    session.undo_stack.redo()
    assert len(invalid_issues(window)) == 1
    # Correcting it clears the error.
    type_into_cell(qtbot, table_view(window, "table_t6", "t6"), "30101", "amount", "54.845")
    assert invalid_issues(window) == []
    assert view.table_model.data(index) == "54.85"


def test_unreadable_field_is_an_error_and_no_value(window: MainWindow) -> None:
    overall = page(window, "overall")
    editor = overall.editors["prior_total"]
    assert isinstance(editor, AmountEdit)
    assert window.session.case.value("overall", "prior_total") is not None
    editor.setText("abc")
    editor.editingFinished.emit()
    assert window.session.case.value("overall", "prior_total") is None
    assert editor.text() == "abc"
    [message] = invalid_issues(window)
    assert "上年决算收、支总计" in message
    assert "abc" in message
    window.show_step("__export__")
    assert not window.export_page.export_button.isEnabled()
    window.session.undo_stack.undo()
    assert window.session.case.value("overall", "prior_total") is not None
    page(window, "overall")
    assert editor.text() != "abc"
    assert invalid_issues(window) == []

"""Importing a workbook from the window: preview, help with an untitled sheet, one undo step."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox, QPlainTextEdit

from desktop.core.edits import SetCell
from desktop.export.xlsx import export_xlsx
from desktop.storage.layouts import load_layouts

if TYPE_CHECKING:
    from pathlib import Path

    import pytest
    from pytestqt.qtbot import QtBot

    from desktop.ui.import_dialog import ImportDialog
    from desktop.ui.main_window import MainWindow


def preview(window: MainWindow, qtbot: QtBot, book: Path) -> ImportDialog:
    window.import_workbook(book)
    qtbot.waitUntil(lambda: getattr(window, "import_dialog", None) is not None, timeout=10_000)
    dialog = window.import_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def fiscal(window: MainWindow, code: str) -> object:
    row = window.session.case.table("t2").row(code)
    return row.cells.get("fiscal") if row else None


def test_preview_lists_overwrites_and_import_is_one_undo_step(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    book = tmp_path / "sample.xlsx"
    export_xlsx(window.session.figures, book)
    before = fiscal(window, "2081601")
    window.session.apply(SetCell("t2", "2081601", "fiscal", Decimal("1000000.00")))
    steps = window.session.undo_stack.count()
    dialog = preview(window, qtbot, book)
    summary = dialog.findChild(QLabel, "import:summary")
    assert summary is not None
    assert "识别出 12 张表" in summary.text()
    assert "将覆盖已填写的 1 个数" in summary.text()
    details = dialog.findChild(QPlainTextEdit, "import:details")
    assert details is not None
    assert "《收入决算表》2081601 行政运行“财政拨款收入”：100.00 → 206.69 万元" in (
        details.toPlainText()
    )
    assert fiscal(window, "2081601") == Decimal("1000000.00")  # nothing changes before 导入
    QTest.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert fiscal(window, "2081601") == before
    assert window.session.undo_stack.count() == steps + 1
    window.session.undo_stack.undo()
    assert fiscal(window, "2081601") == Decimal("1000000.00")


def test_an_untitled_sheet_is_named_once_and_remembered(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    book = tmp_path / "platform.xlsx"
    export_xlsx(window.session.figures, book)
    edited = load_workbook(book)
    edited["公开02表"]["A1"] = None
    edited["公开02表"].title = "Sheet2"
    edited.save(book)
    dialog = preview(window, qtbot, book)
    assert not dialog.import_button.isEnabled()
    assert "缺少 1 张表" in dialog.refusal.text()
    choice = next(b for b in dialog.help_box.findChildren(QComboBox) if b.findData("t2") >= 0)
    choice.setCurrentIndex(choice.findData("t2"))
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=5_000)
    assert any(f.sheet == "Sheet2" and f.table_id == "t2" for f in dialog.report.found)
    QTest.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    remembered = load_layouts(window.session.db, window.session.profile.id)
    assert [layout.table for layout in remembered.values()] == ["t2"]
    again = preview(window, qtbot, book)
    assert again is not dialog
    assert any(f.sheet == "Sheet2" and f.table_id == "t2" for f in again.report.found)
    assert again.import_button.isEnabled()
    again.reject()


def test_an_unreadable_file_says_why_and_changes_nothing(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = tmp_path / "broken.xlsx"
    book.write_bytes(b"PK\x03\x04 not a workbook")
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: said.append(text))
    case = window.session.case
    window.import_workbook(book)
    qtbot.waitUntil(lambda: bool(said), timeout=10_000)
    assert "无法作为 Excel 工作簿读取" in said[0]
    assert "案卷未作任何修改" in said[0]
    assert window.session.case is case

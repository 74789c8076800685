"""The export page's 同时导出公开表 Excel box: the workbook lands beside the Word file."""

from __future__ import annotations

from typing import TYPE_CHECKING

import openpyxl
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from desktop.ui.main_window import MainWindow


def test_export_writes_the_workbook_beside_the_document(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    window.show_step("__export__")
    page = window.export_page
    box = page.findChild(QCheckBox, "export:xlsx")
    assert box is not None
    assert box.text() == "同时导出公开表 Excel"
    assert not box.isChecked()
    QTest.mouseClick(
        box, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(8, box.height() // 2)
    )
    assert box.isChecked()
    target = tmp_path / "out" / "决算公开.docx"
    target.parent.mkdir()
    page.path.setText(str(target))
    QTest.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已导出" in page.result.text(), timeout=60_000)
    workbook = target.with_suffix(".xlsx")
    assert sorted(p.name for p in target.parent.iterdir()) == ["决算公开.docx", "决算公开.xlsx"]
    assert str(target) in page.result.text()
    assert str(workbook) in page.result.text()
    assert len(openpyxl.load_workbook(workbook).sheetnames) == 12


def test_without_the_box_only_the_document(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    window.show_step("__export__")
    page = window.export_page
    target = tmp_path / "a.docx"
    page.path.setText(str(target))
    QTest.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已导出" in page.result.text(), timeout=60_000)
    assert target.is_file()
    assert not target.with_suffix(".xlsx").exists()
    assert "Excel" not in page.result.text()

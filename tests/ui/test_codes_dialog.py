"""导入科目代码表 from the start screen: the check, the year, the import, the reloaded tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop import paths
from tests.importing.codelist_fixtures import functional_xlsx

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from desktop.app import Controller


def test_a_code_list_is_checked_then_imported_and_used(
    controller: Controller, qtbot: QtBot, tmp_path: Path
) -> None:
    assert controller.start is not None
    assert controller.catalog is not None
    assert controller.catalog.codes["functional_classification"].name_of("2010650") == ""
    book = functional_xlsx(tmp_path / "2024年科目.xlsx")
    dialog = controller.start.import_codes(book, "functional_classification")
    qtbot.waitExposed(dialog)
    assert "新增（3 个）：\n  2010101 行政运行" in dialog.report.toPlainText()
    assert dialog.import_button.isEnabled()
    stored = paths.user_codetables_dir() / "functional_classification.csv"
    assert not stored.exists()  # nothing written by the check
    with qtbot.waitSignal(dialog.imported, timeout=5_000):
        QTest.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert stored.exists()
    assert dialog.verdict.text() == "已导入。"
    assert controller.catalog is not None
    assert controller.catalog.codes["functional_classification"].name_of("2010650") == "事业运行"


def test_a_list_without_a_year_asks_for_it(
    controller: Controller, qtbot: QtBot, tmp_path: Path
) -> None:
    assert controller.start is not None
    book = tmp_path / "科目.xlsx"
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["科目编码", "科目名称"])
    ws.append(["201", "一般公共服务支出"])
    ws.append(["20101", "人大事务"])
    wb.save(book)
    dialog = controller.start.import_codes(book, "functional_classification")
    assert not dialog.import_button.isEnabled()
    assert dialog.verdict.text() == "请在上面选择科目的年度。"
    dialog.year.setValue(2024)
    assert dialog.import_button.isEnabled()
    assert "2024 年" in dialog.report.toPlainText()
    dialog.reject()
    assert not (paths.user_codetables_dir() / "functional_classification.csv").exists()

"""历史版本 in the window: every export is recorded, and an old version re-exports as it was."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import docx
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.core.edits import SetCell
from desktop.storage.versions import file_sha256, list_versions

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from desktop.ui.main_window import MainWindow

GOODS = "政府采购货物支出{}万元"


def export(window: MainWindow, qtbot: QtBot, target: Path) -> None:
    page = window.export_page
    page.path.setText(str(target))
    page.result.setText("")
    QTest.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已记录为历史版本" in page.result.text(), timeout=60_000)


def text_of(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_exports_are_listed_and_an_old_one_reexports_as_it_was(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    window.show_step("__export__")
    box = window.export_page.versions
    assert not box.isVisibleTo(window)  # nothing exported yet
    first = tmp_path / "第一次.docx"
    export(window, qtbot, first)
    assert GOODS.format("1.08") in text_of(first)
    window.session.apply(SetCell("t12", "proc_goods", "amount", Decimal("20800.00")))
    second = tmp_path / "第二次.docx"
    export(window, qtbot, second)
    assert GOODS.format("2.08") in text_of(second)

    versions = list_versions(window.session.db, window.session.case_id)
    assert [(v.file_name, v.sha256) for v in versions] == [
        ("第一次.docx", file_sha256(first)),
        ("第二次.docx", file_sha256(second)),
    ]
    assert box.isVisibleTo(window)
    assert box.table.rowCount() == 2
    assert box.table.item(0, 2).text() == "第二次.docx"  # type: ignore[union-attr]  # newest first
    assert box.table.item(1, 3).text() == "正式"  # type: ignore[union-attr]  # item() is None only for an empty cell

    box.table.selectRow(1)
    assert box.selected_version() == versions[0].id
    assert box.button.isEnabled()
    again = tmp_path / "按版本一重新导出.docx"
    box.reexport(versions[0].id, again)
    qtbot.waitUntil(lambda: "已按版本" in box.result.text(), timeout=60_000)
    assert text_of(again) == text_of(first)
    assert GOODS.format("2.08") not in text_of(again)

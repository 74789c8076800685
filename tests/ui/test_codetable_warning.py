"""The start screen with imported code tables: used when readable, a warning when damaged."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QMessageBox

from desktop import paths
from desktop.app import Controller

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot


def start(tmp_path: Path, qtbot: QtBot) -> Controller:
    ctl = Controller(tmp_path / "cases.sqlite3")
    window = ctl.show_start(load=False)
    qtbot.addWidget(window)
    ctl.load()
    return ctl


def test_imported_code_table_is_used(tmp_path: Path, qtbot: QtBot) -> None:
    folder = paths.user_codetables_dir()
    folder.mkdir(parents=True)
    (folder / "functional_classification.csv").write_text(
        "code,name,level,year,group,source\r\n2010650,事业运行,项,2024,,导入：测试\r\n",
        encoding="utf-8",
    )
    ctl = start(tmp_path, qtbot)
    assert ctl.catalog is not None
    codes = ctl.catalog.codes["functional_classification"]
    assert codes.name_of("2010650") == "事业运行"
    assert codes.name_of("2080501") == "行政单位离退休"
    assert ctl.start is not None
    assert not ctl.start.findChildren(QMessageBox)


def test_damaged_code_table_warns_and_the_start_screen_works(tmp_path: Path, qtbot: QtBot) -> None:
    folder = paths.user_codetables_dir()
    folder.mkdir(parents=True)
    damaged = folder / "functional_classification.csv"
    damaged.write_bytes(b"\x00\xff not a table")
    ctl = start(tmp_path, qtbot)
    assert ctl.start is not None
    boxes = ctl.start.findChildren(QMessageBox)
    assert len(boxes) == 1
    assert str(damaged) in boxes[0].text()
    assert boxes[0].isVisible()  # shown without blocking (open(), not exec())
    assert ctl.db is not None  # the program went on: database open, cases listed
    assert not ctl.start.status.text().startswith("无法启动")
    assert ctl.catalog is not None
    assert ctl.catalog.codes["functional_classification"].name_of("2080501") == "行政单位离退休"
    boxes[0].close()

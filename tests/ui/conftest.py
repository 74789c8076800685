"""Fixtures of the window tests: settings kept out of the officer's own, a controller, the sample."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSettings

from desktop.app import Controller

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from desktop.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings")
    )


@pytest.fixture
def controller(tmp_path: Path, qtbot: QtBot) -> Controller:
    ctl = Controller(tmp_path / "cases.sqlite3")
    start = ctl.show_start(load=False)
    qtbot.addWidget(start)
    ctl.load()
    return ctl


@pytest.fixture
def window(controller: Controller, qtbot: QtBot) -> MainWindow:
    main = controller.open_sample()
    qtbot.addWidget(main)
    qtbot.waitExposed(main)
    return main

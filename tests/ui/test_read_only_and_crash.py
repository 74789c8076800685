"""A read-only target is replaced only after asking; an unexpected error is a Chinese dialog."""

from __future__ import annotations

import stat
import sys
from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.files import is_read_only
from desktop.ui import messages

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from desktop.ui.main_window import MainWindow

OLD = b"old read-only file"


def _answer(monkeypatch: pytest.MonkeyPatch, yes: bool) -> list[tuple[str, str]]:
    asked: list[tuple[str, str]] = []

    def question(_parent: object, title: str, text: str, *_a: object) -> object:
        asked.append((title, text))
        return QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def _read_only_file(path: Path) -> Path:
    path.write_bytes(OLD)
    path.chmod(0o444)
    return path


@pytest.mark.parametrize("yes", [True, False])
def test_export_asks_before_replacing_a_read_only_file(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, yes: bool
) -> None:
    export = window.export_page
    export.pdf.setChecked(False)
    export.xlsx.setChecked(False)
    target = _read_only_file(tmp_path / "报告（草稿）.docx")
    export.path.setText(str(tmp_path / "报告.docx"))
    asked = _answer(monkeypatch, yes)
    export.start(draft=True)
    assert len(asked) == 1
    title, text = asked[0]
    assert title == "目标文件是只读的"
    assert "目标文件是只读的" in text
    assert "是否替换" in text
    assert str(target) in text
    if yes:
        qtbot.waitUntil(lambda: export.task is None, timeout=60_000)
        assert target.read_bytes()[:2] == b"PK"
        assert not is_read_only(target)
        assert "已导出" in export.result.text()
    else:
        assert export.task is None
        assert target.read_bytes() == OLD
        assert is_read_only(target)
        assert "没有导出" in export.result.text()


@pytest.mark.parametrize("yes", [True, False])
def test_save_as_asks_before_replacing_a_read_only_file(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, yes: bool
) -> None:
    target = _read_only_file(tmp_path / "填报.json")
    asked = _answer(monkeypatch, yes)
    assert window.save_as(target) is yes
    assert "目标文件是只读的" in asked[0][1]
    if yes:
        assert target.read_text(encoding="utf-8").startswith("{")
        assert target.stat().st_mode & stat.S_IWUSR
    else:
        assert target.read_bytes() == OLD


def test_an_unexpected_error_is_a_chinese_dialog_and_a_log_entry(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _p, _t, text: shown.append(text))
    try:
        raise KeyError("internal_name")
    except KeyError as exc:
        messages.unexpected_error(KeyError, exc, exc.__traceback__)
    assert len(shown) == 1
    assert shown[0].startswith("程序遇到了意外的问题。")  # no English detail for the officer
    assert "internal_name" not in shown[0]
    assert "Traceback" not in shown[0]
    assert str(messages.log_path()) in shown[0]
    logged = messages.log_path().read_text(encoding="utf-8")
    assert "Traceback" in logged
    assert "internal_name" in logged
    disk = OSError(28, "No space left on device", "/x/报告.docx")
    messages.unexpected_error(OSError, disk, None)
    assert "磁盘已满" in shown[1]
    assert "No space" not in shown[1]


def test_install_excepthook_sets_the_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    messages.install_excepthook()
    assert sys.excepthook is messages.unexpected_error

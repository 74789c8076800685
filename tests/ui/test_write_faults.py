"""Every OS error at every write of the window is a Chinese dialog, and nothing is lost.

Write paths: saving an edit (the database), the daily backup (opening the database), exporting
Word / Excel / PDF, 另存为交换文件, the Excel import (its edit is saved like any other) and
opening an interchange file (the case is stored). Each fails with each kind of tests/faults.py;
the dialog helper `desktop.ui.messages.show_error` / `ask_retry` is replaced to read the text.
"""

from __future__ import annotations

import hashlib
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.app import Controller
from desktop.storage.backups import list_backups
from desktop.storage.case_list import case_statuses
from desktop.storage.cases import load_case
from desktop.storage.db import close_db
from desktop.ui import messages
from desktop.ui.fields import AmountEdit
from tests.faults import KINDS, SAYS, fail_at, is_temp, leftovers, probe_as, sqlite_error
from tests.ui.test_wizard import page

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from desktop.ui.main_window import MainWindow

#: What the dialog says when SQLite reports `kind` (it gives its own codes, not the errno).
DB_SAYS = {
    "ENOSPC": "磁盘已满", "EROFS": "只读", "EACCES": "权限", "EPERM": "权限",
    "EISDIR": "读写磁盘时出错", "ENOENT": "读写磁盘时出错", "locked": "锁定",
}  # fmt: skip
OLD = "旧文件的内容"
SAMPLE = Path(__file__).parents[2] / "resources" / "samples" / "nmg-2022-unit.json"


def _file_says(kind: str, text: str) -> bool:
    return SAYS[kind] in text or (kind in ("EACCES", "EPERM") and "Word 或 WPS" in text)


def _chinese_only(text: str) -> None:
    assert "Traceback" not in text
    assert "Errno" not in text
    assert "No space" not in text


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every error dialog shown: (title, text)."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(messages, "show_error", lambda _p, title, text: shown.append((title, text)))
    monkeypatch.setattr(
        QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes
    )  # 文件已存在：覆盖
    return shown


def _fail_saving(monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    import desktop.ui.session

    def broken(*_args: object, **_kwargs: object) -> None:
        raise sqlite_error(kind)

    monkeypatch.setattr(desktop.ui.session, "persist_edit", broken)
    probe_as(monkeypatch, kind)


def _answer_retry(monkeypatch: pytest.MonkeyPatch, answer: bool, asked: list[str]) -> None:
    """The retry question: note its text, take the fault away (the disk was freed), answer."""

    def ask(_parent: object, _title: str, text: str) -> bool:
        asked.append(text)
        monkeypatch.undo()  # the fault is gone…
        monkeypatch.setattr(messages, "ask_retry", lambda *_a: False)
        return answer

    monkeypatch.setattr(messages, "ask_retry", ask)


def _stored_prior_total(window: MainWindow) -> object:
    return load_case(window.session.db, window.session.case_id).value("overall", "prior_total")


@pytest.mark.parametrize("kind", KINDS)
def test_saving_an_edit(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    editor = page(window, "overall").editors["prior_total"]
    assert isinstance(editor, AmountEdit)
    before = _stored_prior_total(window)
    asked: list[str] = []
    _fail_saving(monkeypatch, kind)
    _answer_retry(monkeypatch, True, asked)
    editor.setText("12.34")
    editor.editingFinished.emit()
    assert window.windowTitle().endswith("— 保存失败")
    assert _stored_prior_total(window) == before  # nothing half-written
    qtbot.waitUntil(lambda: bool(asked))
    assert "没有保存" in asked[0]
    assert DB_SAYS[kind] in asked[0], asked[0]
    _chinese_only(asked[0])
    assert _stored_prior_total(window) == Decimal("123400.00")  # saved on 重试
    assert window.windowTitle().endswith("— 已保存")


def test_an_edit_given_up_changes_nothing(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = page(window, "overall").editors["prior_total"]
    assert isinstance(editor, AmountEdit)
    before = _stored_prior_total(window)
    asked: list[str] = []
    _fail_saving(monkeypatch, "ENOSPC")
    _answer_retry(monkeypatch, False, asked)
    editor.setText("12.34")
    editor.editingFinished.emit()
    qtbot.waitUntil(lambda: bool(asked))
    assert "磁盘已满" in asked[0]
    assert _stored_prior_total(window) == before
    assert window.session.case.value("overall", "prior_total") == before
    assert not window.session.undo_stack.canRedo()


@pytest.mark.parametrize("kind", KINDS)
def test_the_daily_backup(
    controller: Controller, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    controller.open_sample()
    path = controller.db_path
    assert controller.db is not None
    close_db(controller.db)
    for backup in list_backups(path):
        backup.path.unlink()  # the daily backup is due
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    fail_at(monkeypatch, "create", kind, lambda p: p.parent.name == "backups" and is_temp(p))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    again = Controller(path)
    qtbot.addWidget(again.show_start(load=False))
    again.load()
    assert len(shown) == 1
    assert "自动备份没能写入" in shown[0]
    assert SAYS[kind] in shown[0], shown[0]
    assert "已损坏" not in shown[0]
    monkeypatch.undo()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    again.load()  # the disk was freed: the cases are all there
    assert again.db is not None
    assert [c.summary.unit_name for c in case_statuses(again.db, {}, {})] != []


@pytest.fixture
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stand-in for LibreOffice that writes a PDF (the real one is slow and optional)."""
    import desktop.export.pdf

    script = tmp_path / "soffice"
    script.write_text(
        f"#!{sys.executable}\n"
        "import sys, pathlib\n"
        "out = pathlib.Path(sys.argv[sys.argv.index('--outdir') + 1])\n"
        "(out / (pathlib.Path(sys.argv[-1]).stem + '.pdf')).write_bytes(b'%PDF-1.4 fake')\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    monkeypatch.setattr(desktop.export.pdf, "find_soffice", lambda: str(script))


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".pdf"])
@pytest.mark.parametrize("kind", KINDS)
def test_exporting(
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    dialogs: list[tuple[str, str]],
    fake_soffice: None,
    suffix: str,
    kind: str,
) -> None:
    export = window.export_page
    folder = tmp_path / "out"
    folder.mkdir()
    export.path.setText(str(folder / "报告.docx"))
    export.pdf.setEnabled(True)
    export.pdf.setChecked(True)
    export.xlsx.setChecked(True)
    targets = export.targets(draft=True)
    failing = next(t for t in targets if t.suffix == suffix)
    for target in targets:
        target.write_text(OLD, encoding="utf-8")
    fail_at(monkeypatch, "replace", kind, lambda p: p.name.startswith(f".{failing.name}."))
    export.start(draft=True)
    qtbot.waitUntil(lambda: export.task is None and bool(dialogs), timeout=60_000)
    title, text = dialogs[0]
    assert _file_says(kind, text), text
    _chinese_only(text)
    assert failing.read_text(encoding="utf-8") == OLD  # the old file is kept whole
    assert leftovers(folder) == []
    if suffix == ".docx":
        assert title == "导出失败"
    else:  # the Word document was written before the file that failed
        assert failing.name in text
        assert targets[0].read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("kind", KINDS)
def test_save_as(
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    dialogs: list[tuple[str, str]],
    kind: str,
) -> None:
    target = tmp_path / "填报.json"
    target.write_text(OLD, encoding="utf-8")
    fail_at(monkeypatch, "replace", kind)
    assert not window.save_as(target)
    monkeypatch.undo()
    assert len(dialogs) == 1
    assert dialogs[0][0] == "另存失败"
    assert _file_says(kind, dialogs[0][1]), dialogs[0][1]
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path) == []
    assert window.save_as(target)  # the disk was freed
    assert json.loads(target.read_text(encoding="utf-8"))["unit"]["name"] == (
        window.session.case.unit.name
    )


@pytest.mark.parametrize("kind", KINDS)
def test_the_excel_import(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    from desktop.core.edits import SetCell
    from desktop.export.xlsx import export_xlsx
    from tests.ui.test_import_xlsx import fiscal, preview

    book = tmp_path / "sample.xlsx"
    export_xlsx(window.session.figures, book)
    original = fiscal(window, "2081601")
    window.session.apply(SetCell("t2", "2081601", "fiscal", Decimal("1000000.00")))
    dialog = preview(window, qtbot, book)
    asked: list[str] = []
    _fail_saving(monkeypatch, kind)
    _answer_retry(monkeypatch, True, asked)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: bool(asked))
    assert "没有保存" in asked[0]
    assert DB_SAYS[kind] in asked[0], asked[0]
    stored = load_case(window.session.db, window.session.case_id)
    row = stored.table("t2").row("2081601")
    assert row is not None
    assert row.cells.get("fiscal") == fiscal(window, "2081601") == original  # imported on 重试


@pytest.mark.parametrize("kind", KINDS)
def test_opening_an_interchange_file(
    controller: Controller,
    monkeypatch: pytest.MonkeyPatch,
    dialogs: list[tuple[str, str]],
    kind: str,
) -> None:
    from sqlite_utils import Database

    assert controller.db is not None
    before = [c.summary.id for c in case_statuses(controller.db, {}, {})]
    real = Database.execute

    def execute(self: Database, sql: str, *args: Any, **kwargs: Any) -> object:
        if sql.lstrip().upper().startswith("INSERT") and "table_cells" in sql:
            raise sqlite_error(kind)
        return real(self, sql, *args, **kwargs)

    monkeypatch.setattr(Database, "execute", execute)
    probe_as(monkeypatch, kind)
    controller.open_file(SAMPLE)
    monkeypatch.undo()
    assert len(dialogs) == 1
    title, text = dialogs[0]
    assert title == "无法载入"
    assert DB_SAYS[kind] in text, text
    _chinese_only(text)
    assert controller.main is None
    assert [c.summary.id for c in case_statuses(controller.db, {}, {})] == before

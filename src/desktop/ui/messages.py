"""The window's error dialogs: every failure in Chinese, never a traceback.

`failure_text` turns what a write raised (an OS error, an SQLite error, the program's own
Chinese errors) into a sentence that says what is wrong and what to do; `show_error` and
`ask_retry` are the one place dialogs about failures are shown (tests replace them);
`install_excepthook` makes an unexpected error a Chinese dialog and a line in the log file
instead of a traceback on the console.
"""

from __future__ import annotations

import datetime as dt
import errno
import sqlite3
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop import paths
from desktop.files import describe_os_error, reason_of

if TYPE_CHECKING:
    from types import TracebackType

LOG_NAME = "juesuan-errors.log"


def _database_reason(exc: sqlite3.Error, db_path: Path | None) -> str:
    from desktop.storage.backups import sqlite_os_error

    os_exc = sqlite_os_error(exc, db_path or Path.cwd() / "?")
    if os_exc.errno == errno.EBUSY:
        return "数据库正被另一个程序占用（锁定）。请稍后重试，或关闭另一个打开它的决算公开助手。"
    reason, advice = reason_of(os_exc)
    return f"{reason}。{advice}。"


def failure_text(exc: BaseException, path: Path | None = None) -> str:
    """What went wrong, in Chinese, for an error raised while writing `path` (or the database)."""
    if isinstance(exc, sqlite3.Error):
        return _database_reason(exc, path)
    if isinstance(exc, OSError):
        where = Path(exc.filename) if isinstance(exc.filename, str) else path
        if where is not None:
            return describe_os_error(exc, where)
        reason, advice = reason_of(exc)
        return f"{reason}。{advice}。"
    return str(exc) or "程序遇到了意外的问题。"


def database_path(db: object) -> Path | None:
    """The file of an open sqlite_utils database (None for one in memory or a closed one)."""
    try:
        rows = db.execute("PRAGMA database_list").fetchall()  # type: ignore[attr-defined]
    except Exception:  # a broken connection: the message goes without the folder's cause
        return None
    name = next((str(r[2]) for r in rows if r[1] == "main"), "")
    return Path(name) if name else None


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    """A warning dialog with `text`; the one way the window reports a failure."""
    QMessageBox.warning(parent, title, text)


def ask_replace_read_only(parent: QWidget | None, files: list[Path]) -> bool:
    """Ask before replacing read-only files; True when the officer chose 替换."""
    names = "\n".join(str(f) for f in files)
    answer = QMessageBox.question(
        parent,
        "目标文件是只读的",
        f"目标文件是只读的：\n{names}\n\n是否替换？替换后它不再是只读文件。",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_retry(parent: QWidget | None, title: str, text: str) -> bool:
    """A warning with 重试 and 放弃; True when the officer chose 重试."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    retry = box.addButton("重试", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("放弃", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is retry


def log_path() -> Path:
    return paths.user_data_dir() / LOG_NAME


def _log(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> Path | None:
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')}\n")  # noqa: DTZ005
            fh.writelines(traceback.format_exception(kind, value, tb))
    except OSError:
        return None
    return path


def unexpected_error(
    kind: type[BaseException], value: BaseException, tb: TracebackType | None
) -> None:
    """`sys.excepthook` of the window: log the details, show the officer a Chinese dialog."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    logged = _log(kind, value, tb)
    where = f"详细情况已记录在“{logged}”，请把这个文件发给技术支持。" if logged else ""
    said = failure_text(value)
    text = (
        f"程序遇到了意外的问题{f'：{said}' if _chinese(said) else '。'}\n\n"
        f"已保存的填报不受影响（每次修改都已立即保存）。{where}"
    )
    if QApplication.instance() is None:
        sys.stderr.write(f"错误：{text}\n")
        return
    show_error(QApplication.activeWindow(), "程序遇到了意外的问题", text)


def install_excepthook() -> None:
    """Make unexpected errors in the window a dialog (and a log entry), not a traceback."""
    sys.excepthook = unexpected_error

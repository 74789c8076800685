"""Fault injection for tests: make ``os.open``, ``open``, ``os.replace`` or SQLite fail.

Each kind is one way a write fails on an office PC: the disk is full, the folder or disk is
read-only, permission is missing, a folder where a file was expected, a missing folder, or a file
held open by Word/WPS (Windows reports a sharing violation, winerror 32). `SAYS` is what the
Chinese message must contain for each.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    import pytest

KINDS = ("ENOSPC", "EROFS", "EACCES", "EPERM", "EISDIR", "ENOENT", "locked")
SAYS = {
    "ENOSPC": "磁盘已满",
    "EROFS": "只读",
    "EACCES": "权限",
    "EPERM": "权限",
    "EISDIR": "文件夹",
    "ENOENT": "不存在",
    "locked": "Word 或 WPS",
}
#: Where a file write can fail: creating the temporary file, writing it, putting it in place.
STAGES = ("create", "write", "replace")


def os_error(kind: str, filename: str | None = None) -> OSError:
    """The OSError the system raises for `kind`."""
    if kind == "locked":
        exc = PermissionError(errno.EACCES, "文件正由另一进程使用", filename)
        exc.winerror = 32  # type: ignore[attr-defined]  # what Windows sets; absent on POSIX
        return exc
    code = getattr(errno, kind)
    return OSError(code, os.strerror(code), filename)


def sqlite_error(kind: str) -> sqlite3.OperationalError:
    """The error SQLite raises for `kind` (it reports its own codes, not errno)."""
    text, name = {
        "ENOSPC": ("database or disk is full", "SQLITE_FULL"),
        "EROFS": ("attempt to write a readonly database", "SQLITE_READONLY"),
        "EACCES": ("attempt to write a readonly database", "SQLITE_READONLY"),
        "EPERM": ("attempt to write a readonly database", "SQLITE_READONLY"),
        "EISDIR": ("unable to open database file", "SQLITE_CANTOPEN"),
        "ENOENT": ("unable to open database file", "SQLITE_CANTOPEN"),
        "locked": ("database is locked", "SQLITE_BUSY"),
    }[kind]
    exc = sqlite3.OperationalError(text)
    exc.sqlite_errorname = name
    return exc


def probe_as(monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    """Make `desktop.files.probe_folder` report the cause of `kind` (SQLite does not say it)."""
    import desktop.files
    import desktop.storage.backups

    code = {"EACCES": errno.EACCES, "EPERM": errno.EACCES, "EROFS": errno.EROFS}.get(kind)
    if kind == "ENOSPC":
        code = errno.ENOSPC
    for module in (desktop.files, desktop.storage.backups):
        monkeypatch.setattr(module, "probe_folder", lambda _folder: code)


def _matches(path: object, only: Callable[[Path], bool]) -> bool:
    try:
        return only(Path(os.fsdecode(path)))  # type: ignore[arg-type]  # os functions take str | bytes | PathLike; fsdecode accepts them all
    except TypeError:
        return False  # a file descriptor


def is_temp(path: Path) -> bool:
    """Our own temporary files: ``.<name>.<random>.tmp``."""
    return path.name.startswith(".") and path.name.endswith(".tmp")


def fail_at(
    monkeypatch: pytest.MonkeyPatch,
    stage: str,
    kind: str,
    only: Callable[[Path], bool] = is_temp,
) -> None:
    """Make the file write fail at `stage` with `kind`, for paths `only` accepts.

    create: ``os.open`` of the temporary file; write: ``open`` of it (the content cannot be
    written); replace: ``os.replace`` of it onto the target.
    """
    import builtins
    import io

    def failing(real: Callable[..., Any], named: int = 0) -> Callable[..., Any]:
        def fake(*args: Any, **kwargs: Any) -> Any:
            if _matches(args[0], only):
                raise os_error(kind, os.fsdecode(args[named]))
            return real(*args, **kwargs)

        return fake

    if stage == "create":
        monkeypatch.setattr(os, "open", failing(os.open))
    elif stage == "write":
        fake_open = failing(builtins.open)
        monkeypatch.setattr(builtins, "open", fake_open)
        monkeypatch.setattr(io, "open", fake_open)
    elif stage == "replace":
        monkeypatch.setattr(os, "replace", failing(os.replace, named=1))
    else:
        raise ValueError(stage)


def leftovers(folder: Path) -> list[str]:
    """Temporary files of ours left in `folder` (there must be none after a failure)."""
    return sorted(p.name for p in folder.iterdir() if is_temp(p))

"""Restoring a backup: check it, back up the current file, then put the backup in its place.

The current database is first copied into the backups folder (reason 恢复前), so a restore can
itself be undone. The stale WAL files of the replaced database are removed: applied to the
restored file they would damage it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from desktop.storage.backups import backup_dir, take_backup
from desktop.storage.db import DatabaseDamagedError, inspect_file
from desktop.storage.lock import WriterLock


class RestoreError(Exception):
    """The backup cannot be restored; nothing was changed."""


def find_backup(db_path: Path, name: str) -> Path:
    candidate = Path(name)
    for path in (candidate, backup_dir(db_path) / candidate.name):
        if path.is_file():
            return path
    raise RestoreError(f"找不到备份“{name}”。请用“juesuan backups”查看已有的备份。")


def restore_backup(db_path: Path, name: str) -> Path:
    """Restore backup `name` over `db_path`; returns the backup made of the replaced file."""
    backup = find_backup(db_path, name)
    try:
        inspect_file(backup)
    except DatabaseDamagedError as exc:
        raise RestoreError(f"备份“{backup.name}”本身不能使用：{exc}") from exc
    lock = WriterLock(db_path)
    lock.acquire()
    try:
        saved = take_backup(db_path, "restore").path if db_path.exists() else backup
        fd, tmp = tempfile.mkstemp(prefix=".restore-", suffix=".tmp", dir=db_path.parent)
        os.close(fd)
        try:
            shutil.copyfile(backup, tmp)
            for suffix in ("-wal", "-shm"):
                Path(f"{db_path}{suffix}").unlink(missing_ok=True)
            os.replace(tmp, db_path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    finally:
        lock.release()
    return saved

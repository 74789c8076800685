"""Restoring a backup: check it, keep the current file, then put the backup in its place.

A database that passes SQLite's ``integrity_check`` is not replaced unless the caller forces it
(`HealthyDatabaseError`): the usual reason for "cannot open" is a full or read-only disk, and
restoring then would lose every case entered since the backup. The current file is always kept
first: a healthy one as a backup (reason 恢复前, so a restore can itself be undone), a damaged
one byte for byte as ``backups/damaged-<time>-<name>`` (not listed as a backup). The WAL of a
healthy database is checkpointed into it first; the stale WAL files of the replaced database are
removed, because applied to the restored file they would damage it.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime
from functools import partial
from pathlib import Path

from desktop.files import FileWriteError, write_atomically
from desktop.storage.backups import backup_dir, sqlite_os_error, take_backup
from desktop.storage.db import DatabaseDamagedError, DatabaseUnavailableError, inspect_file
from desktop.storage.lock import WriterLock


class RestoreError(Exception):
    """The backup cannot be restored; nothing was changed."""


class HealthyDatabaseError(RestoreError):
    """The current database is sound; it is replaced only when the officer insists (force)."""


def find_backup(db_path: Path, name: str) -> Path:
    candidate = Path(name)
    for path in (candidate, backup_dir(db_path) / candidate.name):
        if path.is_file():
            return path
    raise RestoreError(f"找不到备份“{name}”。请用“juesuan backups”查看已有的备份。")


def is_healthy(db_path: Path) -> bool:
    """The file exists and passes ``PRAGMA integrity_check`` (read only, no -shm needed)."""
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return False
    try:
        con = sqlite3.connect(db_path.resolve().as_uri() + "?immutable=1", uri=True)
        try:
            row = con.execute("PRAGMA integrity_check").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return False
    return row is not None and row[0] == "ok"


def _keep_damaged(db_path: Path) -> Path:
    """Copy a damaged current file (and its WAL) byte for byte beside the backups."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")  # noqa: DTZ005 - officer's local time
    kept = backup_dir(db_path) / f"damaged-{stamp}-{db_path.name}"
    kept.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal"):
        source = Path(f"{db_path}{suffix}")
        if source.is_file():
            write_atomically(Path(f"{kept}{suffix}"), partial(_copy, source))
    return kept


def _copy(source: Path, tmp: Path) -> None:
    shutil.copyfile(source, tmp)


def _checkpoint(db_path: Path) -> None:
    """Move the WAL's commits into the database file, so removing the WAL loses nothing."""
    con = sqlite3.connect(db_path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()


def restore_backup(db_path: Path, name: str, *, force: bool = False) -> Path:
    """Restore backup `name` over `db_path`; returns where the replaced file was kept.

    Raises `HealthyDatabaseError` when the current database is sound and `force` is not set,
    `RestoreError` when the backup is unusable or the files cannot be written.
    """
    backup = _usable_backup(db_path, name)
    healthy = is_healthy(db_path)
    if healthy and not force:
        raise HealthyDatabaseError(
            f"当前数据库“{db_path}”完好（完整性检查通过），没有用备份替换它：替换会丢失备份之后录入的数据。"
            "如果打不开，通常是磁盘已满或文件夹只读，请先解决该问题。"
        )
    lock = WriterLock(db_path)
    try:
        lock.acquire()
    except OSError as exc:
        raise RestoreError(str(DatabaseUnavailableError(db_path, exc, doing="无法恢复"))) from exc
    try:
        return _replace(db_path, backup, healthy=healthy)
    except FileWriteError as exc:
        raise RestoreError(f"没有恢复：{exc}当前数据库没有被替换。") from exc
    except (OSError, sqlite3.Error) as exc:
        error = exc if isinstance(exc, OSError) else sqlite_os_error(exc, db_path)
        raise RestoreError(str(DatabaseUnavailableError(db_path, error, doing="无法恢复"))) from exc
    finally:
        lock.release()


def _usable_backup(db_path: Path, name: str) -> Path:
    """The backup `name` of `db_path`, checked to be a sound database."""
    backup = find_backup(db_path, name)
    try:
        inspect_file(backup)
    except DatabaseDamagedError as exc:
        raise RestoreError(f"备份“{backup.name}”本身不能使用：{exc}") from exc
    except DatabaseUnavailableError as exc:
        raise RestoreError(f"现在无法恢复：{exc}") from exc
    return backup


def _replace(db_path: Path, backup: Path, *, healthy: bool) -> Path:
    """With the lock held: keep the current file, then put the backup in its place."""
    if healthy:
        _checkpoint(db_path)
        saved = take_backup(db_path, "restore").path
    elif db_path.exists():
        saved = _keep_damaged(db_path)
    else:
        saved = backup

    def write(tmp: Path) -> None:
        _copy(backup, tmp)
        for suffix in ("-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)

    write_atomically(db_path, write, replace_read_only=True)
    return saved

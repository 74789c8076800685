"""Automatic backups of the database in a ``backups/`` folder beside it.

A copy is taken (with SQLite's online backup, so it is consistent even in WAL mode) when the
database is opened, at most once a day, and before every schema migration. The newest copies
are kept (10 unless ``JUESUAN_KEEP_BACKUPS`` says otherwise); restoring one first backs up
the current file.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.files import (
    FileWriteError,
    clean_stale_temps,
    describe_os_error,
    probe_folder,
    write_atomically,
)

DEFAULT_KEEP = 10
PREFIX = "juesuan-"
SUFFIX = ".sqlite3"
REASONS = {"daily": "每日", "migration": "升级前", "restore": "恢复前"}


@dataclass(frozen=True, slots=True)
class Backup:
    """One backup file."""

    path: Path
    taken: datetime
    reason: str


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def keep_count() -> int:
    try:
        return max(1, int(os.environ.get("JUESUAN_KEEP_BACKUPS", DEFAULT_KEEP)))
    except ValueError:
        return DEFAULT_KEEP


def list_backups(db_path: Path) -> list[Backup]:
    """Backups of a database, newest first."""
    folder = backup_dir(db_path)
    out = []
    for path in folder.glob(f"{PREFIX}*{SUFFIX}") if folder.is_dir() else []:
        stamp, _, reason = path.name.removeprefix(PREFIX).removesuffix(SUFFIX).partition("-")
        stamp2, _, reason = reason.partition("-")
        try:
            taken = datetime.strptime(f"{stamp}-{stamp2}", "%Y%m%d-%H%M%S%f")  # noqa: DTZ007 - local time
        except ValueError:
            continue
        out.append(Backup(path, taken, reason))
    return sorted(out, key=lambda b: b.taken, reverse=True)


def sqlite_os_error(exc: sqlite3.Error, path: Path) -> OSError:
    """The OS reason behind an SQLite error about `path` (SQLite reports only its own codes)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    if name.startswith("SQLITE_FULL") or "is full" in text:
        return OSError(errno.ENOSPC, text)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "is locked" in text:
        return OSError(errno.EBUSY, text)
    found = probe_folder(path.parent)
    if found is None:
        readonly = name.startswith(("SQLITE_READONLY", "SQLITE_PERM")) or "readonly" in text
        found = errno.EACCES if readonly else errno.EIO
    return OSError(found, text)


def take_backup(db_path: Path, reason: str) -> Backup:
    """Copy the database into the backups folder and drop the oldest beyond the limit.

    Raises `FileWriteError` (a Chinese message) when the copy cannot be written.
    """
    folder = backup_dir(db_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FileWriteError(describe_os_error(exc, folder), folder, exc.errno) from exc
    for stale in folder.glob(f".{PREFIX}*{SUFFIX}.*.tmp"):  # left by a killed backup
        clean_stale_temps(folder / stale.name[1:].rsplit(".", 2)[0])
    now = datetime.now()  # noqa: DTZ005 - file names use the officer's local time
    name = f"{PREFIX}{now:%Y%m%d-%H%M%S%f}-{reason}{SUFFIX}"

    def write(tmp: Path) -> None:
        try:
            source = sqlite3.connect(Path(db_path).resolve().as_uri() + "?mode=ro", uri=True)
            try:
                target = sqlite3.connect(tmp)
                try:
                    source.backup(target)
                finally:
                    target.close()
            finally:
                source.close()
        except sqlite3.OperationalError as exc:
            raise sqlite_os_error(exc, tmp) from exc

    write_atomically(folder / name, write)
    for old in list_backups(db_path)[keep_count() :]:
        old.path.unlink(missing_ok=True)
    return Backup(folder / name, now, reason)


def backed_up_today(db_path: Path) -> bool:
    today = datetime.now().date()  # noqa: DTZ005 - local day
    return any(b.taken.date() == today for b in list_backups(db_path))

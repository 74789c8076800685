"""Automatic backups of the database in a ``backups/`` folder beside it.

A copy is taken (with SQLite's online backup, so it is consistent even in WAL mode) when the
database is opened, at most once a day, and before every schema migration. The newest copies
are kept (10 unless ``JUESUAN_KEEP_BACKUPS`` says otherwise); restoring one first backs up
the current file.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

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


def take_backup(db_path: Path, reason: str) -> Backup:
    """Copy the database into the backups folder and drop the oldest beyond the limit."""
    folder = backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    now = datetime.now()  # noqa: DTZ005 - file names use the officer's local time
    name = f"{PREFIX}{now:%Y%m%d-%H%M%S%f}-{reason}{SUFFIX}"
    fd, tmp = tempfile.mkstemp(prefix=".backup-", suffix=".tmp", dir=folder)
    os.close(fd)
    try:
        source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        target = sqlite3.connect(tmp)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        os.replace(tmp, folder / name)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    for old in list_backups(db_path)[keep_count() :]:
        old.path.unlink(missing_ok=True)
    return Backup(folder / name, now, reason)


def backed_up_today(db_path: Path) -> bool:
    today = datetime.now().date()  # noqa: DTZ005 - local day
    return any(b.taken.date() == today for b in list_backups(db_path))

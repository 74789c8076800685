"""One writer per database: an exclusive OS lock on ``<database>.lock``, held while it is open.

The lock is released by the operating system when the process ends, even when it is killed,
so a crash never leaves the database locked.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


class DatabaseLockedError(Exception):
    """Another running copy of the program has the database open."""


class WriterLock:
    """An exclusive, non-blocking lock on a file beside the database."""

    def __init__(self, db_path: Path) -> None:
        self.path = db_path.with_name(db_path.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            raise DatabaseLockedError(
                f"数据库“{self.path.with_suffix('')}”正由另一个决算公开助手使用（可能是另一个窗口或命令）。"
                "为避免数据冲突，本次没有打开它。请先关闭另一个窗口，或等它完成后再试。"
            ) from None
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

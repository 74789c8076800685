"""Writing a file so that a failure never leaves half a file, and OS errors in Chinese.

`write_atomically` is the one way the program writes a file the officer keeps (exported .docx,
.xlsx and .pdf, interchange dumps, database backups and restores): the content goes to a
temporary file ``.<name>.<random>.tmp`` beside the target, is flushed to disk (fsync), renamed
over the target (``os.replace``) and the folder entry is flushed too, on POSIX. The new file
gets the normal permissions of a new file (``0666 & ~umask``), also when it replaces one.
Temporary files of this pattern left by a killed run are removed at the next write of the same
target. A target marked read-only is not replaced unless the caller says so.

`describe_os_error` turns any `OSError` into a sentence that says what is wrong and what to do
(disk full, read-only folder or disk, no permission, a folder given as a file, a missing folder,
a file locked by Word or WPS). Nothing here knows about cases, documents or Qt.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import re
import secrets
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

#: Windows error numbers of a file opened by another program (sharing / lock violation).
_WINDOWS_LOCKED = (32, 33)
#: Free space below which a failed write is put down to a full disk.
_NEARLY_FULL = 1024 * 1024

#: Short reason and what to do, by errno.
_REASONS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("磁盘已满（磁盘空间不足）", "请清理磁盘或换一个位置后重试"),
    errno.EROFS: ("文件夹只读（所在的磁盘或分区不能写入）", "请换一个可以写入的位置"),
    errno.EACCES: ("没有权限", "请检查文件和文件夹的权限，或换一个位置"),
    errno.EPERM: ("没有权限", "请检查文件和文件夹的权限，或换一个位置"),
    errno.EISDIR: ("这是一个文件夹，不是文件", "请指定一个文件名"),
    errno.ENOENT: ("文件或所在的文件夹不存在", "请检查路径，或先创建文件夹"),
    errno.ENOTDIR: ("路径中有一部分不是文件夹", "请检查路径"),
    errno.ENAMETOOLONG: ("文件名或路径太长", "请用短一些的文件名或文件夹"),
    errno.EBUSY: ("文件正在被 Word 或 WPS 打开（或被其他程序锁定）", "请关闭该文件后重试"),
    errno.EIO: (
        "读写磁盘时出错（可能是 U 盘被拔出、网络盘断开或磁盘故障）",
        "请检查磁盘或网络连接后重试",
    ),
}
if hasattr(errno, "EDQUOT"):
    _REASONS[errno.EDQUOT] = ("磁盘配额已用完（磁盘已满）", "请清理磁盘或换一个位置后重试")
_LOCKED = _REASONS[errno.EBUSY]


class FileWriteError(Exception):
    """A file could not be written or replaced; the message is Chinese and says what to do."""

    def __init__(self, message: str, path: Path, code: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.errno = code


class ReadOnlyTargetError(FileWriteError):
    """The target exists and is marked read-only; it was not replaced (ask the officer first)."""


def reason_of(exc: OSError) -> tuple[str, str]:
    """(what is wrong, what to do) for an OS error, both short Chinese phrases."""
    if getattr(exc, "winerror", None) in _WINDOWS_LOCKED:
        return _LOCKED
    if exc.errno in _REASONS:
        return _REASONS[exc.errno]
    detail = exc.strerror or str(exc) or type(exc).__name__
    return f"系统报告错误（{detail}）", "请检查磁盘空间和文件夹权限后重试"


def describe_os_error(exc: OSError, path: Path, *, replacing: bool = False) -> str:
    """A full sentence for `exc` raised while writing `path`.

    Args:
        exc: the error.
        path: the file that was being written.
        replacing: the error came from putting the finished file in place of an existing one;
            "no permission" there usually means Word or WPS has the file open (Windows).
    """
    if getattr(exc, "winerror", None) in _WINDOWS_LOCKED:
        reason, advice = _LOCKED
        return f"无法写入“{path}”：{reason}。{advice}。"
    if replacing and exc.errno in (errno.EACCES, errno.EPERM):
        return (
            f"无法写入“{path}”：文件可能正在被 Word 或 WPS 打开，或没有写入权限。"
            "请关闭该文件后重试。"
        )
    if exc.errno in (errno.EACCES, errno.EPERM) and not replacing:
        return f"没有权限在“{path.parent}”中写文件（文件夹只读或没有权限）。请换一个文件夹。"
    reason, advice = reason_of(exc)
    return f"无法写入“{path}”：{reason}。{advice}。"


def probe_folder(folder: Path) -> int | None:
    """Why writing in `folder` may fail, as an errno, found without writing anything.

    Used when SQLite reports only "disk I/O error" or "unable to open": a read-only mount, a
    folder without write permission, or a nearly full disk. None when nothing explains it.
    """
    try:
        vfs = os.statvfs(folder) if hasattr(os, "statvfs") else None
    except OSError:
        vfs = None
    if vfs is not None and vfs.f_flag & getattr(os, "ST_RDONLY", 1):
        return errno.EROFS
    if folder.is_dir() and not os.access(folder, os.W_OK):
        return errno.EACCES
    if vfs is not None and vfs.f_bavail * vfs.f_frsize < _NEARLY_FULL:
        return errno.ENOSPC
    return None


def new_file_mode() -> int:
    """``0666 & ~umask``: the permissions a newly created file gets (0644 under umask 022)."""
    if sys.platform == "win32":
        return 0o666
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def is_read_only(path: Path) -> bool:
    """The file exists and its owner-write permission (Windows: the read-only flag) is off."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return stat.S_ISREG(mode) and not mode & stat.S_IWUSR


def allow_replacing(path: Path) -> None:
    """Give an existing read-only file its owner-write permission back, so it may be replaced."""
    if is_read_only(path):
        os.chmod(path, path.stat().st_mode | stat.S_IWUSR)


def _temp_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"\.{re.escape(name)}\.[0-9a-f]{{16}}\.tmp")


def clean_stale_temps(target: Path) -> list[Path]:
    """Remove ``.<name>.<random>.tmp`` files of our own pattern beside `target` (a killed run's)."""
    pattern = _temp_pattern(target.name)
    removed = []
    try:
        candidates = list(target.parent.glob(f".{target.name}.*.tmp"))
    except OSError:
        return []
    for path in candidates:
        if pattern.fullmatch(path.name) and path.is_file():
            try:
                path.unlink()
            except OSError:
                continue  # not ours to fight over; the export itself goes on
            removed.append(path)
    return removed


def _fsync_folder(folder: Path) -> None:
    """Flush the folder entry of a renamed file to disk (POSIX; Windows has no such call)."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def _drop_quietly(exc: BaseException) -> None:
    """Free a failed writer's frames now, without printing the errors of their open files.

    The traceback holds the writer's open file (python-docx's ZipFile on a full disk), whose
    close fails again when it is freed: Python would print that as a traceback for the officer.
    """
    hook = sys.unraisablehook
    sys.unraisablehook = lambda _unraisable: None
    try:
        exc.__traceback__ = None
        gc.collect()
    finally:
        sys.unraisablehook = hook


def write_atomically(
    target: Path, write: Callable[[Path], object], *, replace_read_only: bool = False
) -> Path:
    """Call ``write(tmp)`` for a temporary file beside `target`, then put it in place.

    Returns the absolute target. Raises `FileWriteError` (a Chinese message) for any OS error,
    `ReadOnlyTargetError` for a read-only target unless `replace_read_only`. On failure the
    target is untouched and the temporary file is gone.
    """
    target = Path(os.path.abspath(target))
    folder = target.parent
    if target.is_dir():
        raise FileWriteError(
            f"“{target}”是一个文件夹，不是文件。请指定要保存的文件名。", target, errno.EISDIR
        )
    if not folder.is_dir():
        raise FileWriteError(
            f"保存位置“{folder}”不存在，请选择已有的文件夹。", target, errno.ENOENT
        )
    if is_read_only(target) and not replace_read_only:
        raise ReadOnlyTargetError(
            f"“{target}”是只读文件，没有替换它。如确实要替换，请先取消它的只读属性，"
            "或换一个文件名（命令行可加 --overwrite-read-only）。",
            target,
            errno.EACCES,
        )
    clean_stale_temps(target)
    mode = new_file_mode()
    tmp = folder / f".{target.name}.{secrets.token_hex(8)}.tmp"
    try:
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode))
    except OSError as exc:
        raise FileWriteError(describe_os_error(exc, target), target, exc.errno) from exc
    replacing = False
    try:
        write(tmp)
        with tmp.open("r+b") as fh:
            os.fsync(fh.fileno())
        if sys.platform != "win32":
            os.chmod(tmp, mode)
        if replace_read_only and is_read_only(target):
            os.chmod(target, stat.S_IWRITE | stat.S_IREAD)  # Windows refuses to replace it
        replacing = True
        os.replace(tmp, target)
        replacing = False
        _fsync_folder(folder)
    except OSError as exc:
        error = FileWriteError(
            describe_os_error(exc, target, replacing=replacing), target, exc.errno
        )
        _drop_quietly(exc)
        raise error from exc
    finally:
        with contextlib.suppress(OSError):  # else removed at the next write of this target
            tmp.unlink(missing_ok=True)
    return target


def write_text_atomically(target: Path, text: str, *, replace_read_only: bool = False) -> Path:
    """`write_atomically` for UTF-8 text (newlines written as given)."""

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            fh.write(text)

    return write_atomically(target, write, replace_read_only=replace_read_only)

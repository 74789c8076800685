"""Run one command: parse, call its module, and turn every failure into one Chinese sentence.

Every failure prints “错误：…” on stderr, saying what is wrong and what to do, and exits with
status 2. Heavy libraries are imported only by the commands that need them, so
``juesuan --version`` stays fast.
"""

from __future__ import annotations

import sqlite3
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence

    from desktop.cli.context import Run


def _commands() -> dict[str, Callable[[Run], int]]:
    from desktop.cli import backups, cases, check, dept, export, imports

    found: dict[str, Callable[[Run], int]] = {}
    for module in (export, cases, backups, check, imports, dept):
        found.update(module.COMMANDS)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; returns the process exit status."""
    from desktop.cli.options import build_parser

    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    from desktop.cli.context import Run
    from desktop.services.workspace import Workspace

    # A built-in sample names its profile: no other profile is parsed (a faster export).
    sample = getattr(args, "sample", None) if args.command == "export" else None
    workspace = Workspace(getattr(args, "db", None), warn=_warn, only=sample)
    try:
        return _run(_commands()[args.command], Run(args, workspace))
    finally:
        workspace.close()


def _warn(message: str) -> None:
    print(f"警告：{message}", file=sys.stderr)


def _run(command: Callable[[Run], int], run: Run) -> int:
    try:
        return command(run)
    except Exception as exc:  # _report re-raises what it does not know
        _report(exc, run)
    return 2


def _report(exc: Exception, run: Run) -> None:
    """Print the Chinese sentence for an error a command raised; re-raise any other.

    The error classes are imported here, once a command failed: imported up front they
    would load sqlite-utils (and numpy) for every command, ``export --sample`` included.
    """
    from desktop.cli.context import UsageError
    from desktop.export.docx import ExportError
    from desktop.files import FileWriteError
    from desktop.importing.workbook import WorkbookError
    from desktop.sections.errors import ProfileError
    from desktop.services.cases import CaseSourceError
    from desktop.services.export import ExportRefusedError
    from desktop.services.importing import ImportRequestError
    from desktop.services.workspace import MissingDatabaseError
    from desktop.storage.cases import CaseNotFoundError
    from desktop.storage.db import DatabaseDamagedError, DatabaseUnavailableError
    from desktop.storage.departments import DepartmentError
    from desktop.storage.interchange import InterchangeError
    from desktop.storage.lock import DatabaseLockedError
    from desktop.storage.restore import RestoreError

    try:
        raise exc
    except ExportRefusedError as refused:
        message = str(refused).replace("请导出草稿", "请加 --draft")
        print(f"错误：{message}", file=sys.stderr)
    except (
        UsageError, ExportError, ProfileError, InterchangeError, DatabaseDamagedError,
        DatabaseLockedError, RestoreError, WorkbookError, DatabaseUnavailableError,
        FileWriteError, DepartmentError, CaseSourceError, MissingDatabaseError,
        ImportRequestError,
    ) as known:  # fmt: skip
        print(f"错误：{known}", file=sys.stderr)
    except CaseNotFoundError as missing:
        print(
            f"错误：数据库中没有编号为 {missing.args[0]} 的填报。"
            f"请用“juesuan list{_db_option(run.args)}”查看已有的填报和编号。",
            file=sys.stderr,
        )
    except sqlite3.OperationalError as failed:  # a write to the open database failed (disk full…)
        from desktop.storage.backups import sqlite_os_error

        where = run.workspace.db_path
        error = DatabaseUnavailableError(where, sqlite_os_error(failed, where), doing="写入失败")
        print(f"错误：{error}", file=sys.stderr)
    except OSError as other:  # any other file the command read or wrote
        from pathlib import Path

        from desktop.files import describe_os_error

        print(f"错误：{describe_os_error(other, Path(other.filename or '?'))}", file=sys.stderr)


def _db_option(args: argparse.Namespace) -> str:
    """` --db 数据库` when the command named a database, for the commands a message suggests."""
    db = getattr(args, "db", None)
    return f" --db {db}" if db is not None else ""

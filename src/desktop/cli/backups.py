"""`juesuan backups` and `juesuan restore`: the database's automatic backups."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.cli.context import UsageError
from desktop.cli.options import add_db

if TYPE_CHECKING:
    import argparse

    from desktop.cli.context import Run


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    bak = sub.add_parser("backups", help="列出数据库的自动备份")
    add_db(bak)
    res = sub.add_parser("restore", help="用一个备份恢复数据库（恢复前先备份当前文件）")
    res.add_argument("backup", metavar="备份", help="备份文件名（juesuan backups 列出）或路径")
    add_db(res)
    res.add_argument(
        "--force", action="store_true", help="当前数据库完好时也用备份替换（当前文件会先备份）"
    )


def backups(run: Run) -> int:
    from desktop.storage.backups import REASONS, list_backups

    db_path = run.workspace.db_path
    found = list_backups(db_path)
    if not found:
        print(f"数据库“{db_path}”还没有备份。")
    for b in found:
        print(f"{b.path.name}\t{b.taken:%Y-%m-%d %H:%M:%S}\t{REASONS.get(b.reason, b.reason)}")
    return 0


def restore(run: Run) -> int:
    from desktop.storage.restore import HealthyDatabaseError, restore_backup

    db_path = run.workspace.db_path
    try:
        saved = restore_backup(db_path, run.args.backup, force=run.args.force)
    except HealthyDatabaseError as exc:
        raise UsageError(
            f"{exc}确实要回到备份时的数据，请加 --force（当前文件会先备份）。"
        ) from exc
    print(f"已恢复：{db_path}（恢复前的文件已备份为 {saved.name}）")
    return 0


COMMANDS = {"backups": backups, "restore": restore}

"""The options several commands share, and the whole parser built from every command module."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop import __version__
from desktop.cli.parser import VERSION_HELP, ChineseParser
from desktop.services.cases import SAMPLE_PROFILE

if TYPE_CHECKING:
    import argparse

DB_HELP = "数据库文件（默认在用户数据目录）"
CASE_HELP = "数据库中的填报编号（juesuan list 列出）"


def add_db(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--db", type=Path, metavar="数据库", help=DB_HELP)


def add_source(
    cmd: argparse.ArgumentParser, *, with_file: bool
) -> argparse._MutuallyExclusiveGroup:
    """--sample [模板] | --case 编号 [| --file 文件], and --db."""
    group = cmd.add_mutually_exclusive_group(required=True)
    group.add_argument(
        "--sample",
        nargs="?",
        const=SAMPLE_PROFILE,
        metavar="模板",
        help=f"使用内置样例（默认 {SAMPLE_PROFILE}）",
    )
    group.add_argument("--case", type=int, metavar="编号", help=CASE_HELP)
    if with_file:
        group.add_argument("--file", type=Path, metavar="文件", help="交换文件（.json）")
    add_db(cmd)
    return group


def build_parser() -> argparse.ArgumentParser:
    from desktop.cli import backups, cases, check, dept, export, imports

    p = ChineseParser(
        prog="juesuan",
        description="决算公开助手：填报、检查并导出单位决算公开文档。",
        epilog="不带命令运行时打开窗口；juesuan --sample 打开窗口并载入内置样例。"
        "每条命令的用法：juesuan 命令 --help。",
    )
    p.add_argument(
        "--version",
        action="version",
        version=f"决算公开助手 juesuan {__version__}",
        help=VERSION_HELP,
    )
    sub: Any = p.add_subparsers(dest="command", title="命令", metavar="命令", help="下列命令之一")
    for module in (export, cases, backups, check, imports, dept):
        module.add_parsers(sub)
    return p

"""Saving an imported code list as the user's code table, and the `import-codes` command.

The user's tables live in `paths.user_codetables_dir()`, one CSV per table in the bundled
format. An import replaces the codes it lists, adds new ones and keeps every other code the
user imported before; `desktop.sections.catalog.load_catalog` lays these tables over the
bundled ones, so bundled codes of other years stay usable. Files are replaced atomically; a
damaged user table is kept under another name, never silently overwritten.
"""

from __future__ import annotations

import datetime
import os
import re
from typing import TYPE_CHECKING

from desktop import files, paths
from desktop.core.codetables import CodeTable, CodeTableFormatError, format_code_table, overlay
from desktop.importing.codelist import (
    CodeListError,
    CodeListReport,
    load_current_table,
    read_code_list,
    read_code_table_file,
)

if TYPE_CHECKING:
    from pathlib import Path

EXIT_APPLIED, EXIT_BLOCKED, EXIT_UNREADABLE = 0, 1, 2


def save_code_list(report: CodeListReport, folder: Path) -> tuple[Path, list[str]]:
    """Merge the report's entries into `folder/<table>.csv`; (the file, notes for the user).

    Codes in the report replace the same codes, new codes are added, others are kept. A user
    table that cannot be read is renamed to ``<table>.csv.damaged-<time>`` first.
    """
    target = folder / f"{report.table}.csv"
    notes: list[str] = []
    existing = CodeTable(report.table, ())
    if target.exists():
        try:
            existing = read_code_table_file(target)
        except (UnicodeDecodeError, CodeTableFormatError):
            stamp = datetime.datetime.now(tz=datetime.UTC).astimezone().strftime("%Y%m%d-%H%M%S")
            aside = target.with_name(f"{target.name}.damaged-{stamp}")
            os.replace(target, aside)
            notes.append(
                f"原有的导入代码表已损坏，已改名为“{aside.name}”保留；新的代码表只含这次导入的科目。"
            )
    merged = overlay(existing, report.entries)
    target.parent.mkdir(parents=True, exist_ok=True)
    files.write_text_atomically(target, format_code_table(merged.entries))
    return target, notes


def import_code_list_command(
    path: Path, *, table: str, year: str | None, dry_run: bool
) -> tuple[int, str]:
    """Import a code list file into the user's code table; (exit code, report text).

    Exit code 0: imported (or, with `dry_run`, could be imported; nothing written); 1: the
    list has problems that must be corrected first, nothing written; 2: the file cannot be
    read as a code list, or the table cannot be found or saved.
    """
    if not re.fullmatch(r"[a-z][a-z0-9_]*", table):
        return EXIT_UNREADABLE, f"代码表名称“{table}”无效，应为 functional_classification 等。"
    user = paths.user_codetables_dir()
    try:
        current, note = load_current_table(table, paths.bundled_codetables_dir(), user)
        report = read_code_list(path, table=table, year=year, current=current)
    except CodeListError as exc:
        return EXIT_UNREADABLE, f"{exc}\n未导入任何科目。"
    lines = [note] if note else []
    lines.append(report.text())
    if report.blocking:
        lines.append("有必须改正的问题，未导入任何科目。请按上面的提示改正文件后重新导入。")
        return EXIT_BLOCKED, "\n".join(lines)
    if dry_run:
        lines.append("可以导入；这次只是检查，没有写入任何内容。")
        return EXIT_APPLIED, "\n".join(lines)
    try:
        target, notes = save_code_list(report, user)
    except OSError as exc:
        lines.append(
            f"无法保存导入的代码表到“{user}”：{exc.strerror or exc}。"
            "请检查磁盘空间和文件夹权限后重试；未导入任何科目。"
        )
        return EXIT_UNREADABLE, "\n".join(lines)
    lines += notes
    lines.append(f"已导入 {len(report.entries)} 个科目，保存在“{target}”。")
    return EXIT_APPLIED, "\n".join(lines)

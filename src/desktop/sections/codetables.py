"""Reads the classification code lists in resources/codetables/*.csv into `CodeTable` objects.

The tables a user imported (`juesuan import-codes`, saved in the user data folder) are laid
over the bundled ones by `overlay_user_tables`: a damaged user table is skipped with a warning,
so the program still starts with the bundled tables.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.core.codetables import CodeTableFormatError, overlay, parse_code_table
from desktop.sections.errors import ProfileError

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from desktop.core.codetables import CodeTable


def load_code_table(path: Path) -> CodeTable:
    """Load one CSV (columns: code,name,level,year,group,source); codes must be unique digits."""
    file = f"codetables/{path.name}"
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError as exc:
        raise ProfileError(file, "", "代码表文件不存在") from exc
    except UnicodeDecodeError as exc:
        raise ProfileError(file, "", "代码表不是 UTF-8 编码") from exc
    try:
        return parse_code_table(path.stem, text)
    except CodeTableFormatError as exc:
        raise ProfileError(file, exc.where, exc.problem) from exc


def load_code_tables(folder: Path) -> dict[str, CodeTable]:
    """Every code table in a folder, by file stem."""
    return {p.stem: load_code_table(p) for p in sorted(folder.glob("*.csv"))}


def overlay_user_tables(
    codes: Mapping[str, CodeTable], folder: Path
) -> tuple[dict[str, CodeTable], tuple[str, ...]]:
    """`codes` with the user's imported tables (`folder/*.csv`) laid over them, and warnings.

    An imported code replaces the bundled entry with the same code and new codes are added; the
    other bundled codes stay. A table that cannot be read is left out with a warning naming the
    file and what to do; it never stops the program.
    """
    out = dict(codes)
    warnings: list[str] = []
    if not folder.is_dir():
        return out, ()
    for path in sorted(folder.glob("*.csv")):
        try:
            user = load_code_table(path)
        except ProfileError as exc:
            where = f"{exc.key}：" if exc.key else ""
            warnings.append(
                f"导入的代码表“{path}”已损坏（{where}{exc.problem}），这次没有使用，"
                "改用内置代码表。请用 juesuan import-codes 重新导入科目代码，或删除该文件。"
            )
            continue
        except OSError as exc:
            warnings.append(
                f"无法读取导入的代码表“{path}”（{exc.strerror or exc}），这次没有使用，"
                "改用内置代码表。请检查该文件的权限，或删除该文件。"
            )
            continue
        base = out.get(user.name)
        out[user.name] = overlay(base, user.entries) if base is not None else user
    return out, tuple(warnings)

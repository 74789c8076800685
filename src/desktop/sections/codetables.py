"""Reads the classification code lists in resources/codetables/*.csv into `CodeTable` objects."""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING

from desktop.core.codetables import CodeEntry, CodeTable
from desktop.sections.errors import ProfileError

if TYPE_CHECKING:
    from pathlib import Path

COLUMNS = ("code", "name", "level", "year", "group", "source")


def load_code_table(path: Path) -> CodeTable:
    """Load one CSV (columns: code,name,level,year,group,source); codes must be unique digits."""
    file = f"codetables/{path.name}"
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            if tuple(reader.fieldnames or ()) != COLUMNS:
                raise ProfileError(file, "表头", f"应为 {','.join(COLUMNS)}")
            entries = []
            seen: set[str] = set()
            for n, row in enumerate(reader, start=2):
                code = (row["code"] or "").strip()
                if not code.isdigit() or len(code) not in (3, 5, 7):
                    raise ProfileError(file, f"第 {n} 行", f"科目编码“{code}”应为 3、5 或 7 位数字")
                if code in seen:
                    raise ProfileError(file, f"第 {n} 行", f"科目编码“{code}”重复")
                seen.add(code)
                entries.append(
                    CodeEntry(code, row["name"].strip(), row["level"], row["year"], row["group"])
                )
    except FileNotFoundError as exc:
        raise ProfileError(file, "", "代码表文件不存在") from exc
    except UnicodeDecodeError as exc:
        raise ProfileError(file, "", "代码表不是 UTF-8 编码") from exc
    return CodeTable(path.stem, tuple(entries))


def load_code_tables(folder: Path) -> dict[str, CodeTable]:
    """Every code table in a folder, by file stem."""
    return {p.stem: load_code_table(p) for p in sorted(folder.glob("*.csv"))}

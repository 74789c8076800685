"""Classification code lists (功能分类 类/款/项, 经济分类 类/款), lookups and their CSV text.

No I/O: the CSV format (columns `code,name,level,year,group,source`) is parsed from and written
to text here; `desktop.sections.codetables` reads the files, `desktop.importing.codelist`
writes the tables a user imports.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

COLUMNS = ("code", "name", "level", "year", "group", "source")

#: The levels of a classification code by its number of digits: 类 3, 款 5, 项 7.
LEVELS: Mapping[int, str] = {3: "类", 5: "款", 7: "项"}
CODE_LENGTHS = tuple(LEVELS)
#: How deep a coded table lists its codes: 功能分类 to the 项 (7 digits), 经济分类 to the 款 (5).
LEAF_LENGTHS: Mapping[str, int] = {"functional": 7, "economic": 5}


def is_code(text: str) -> bool:
    """Whether `text` is a 科目编码: 3, 5 or 7 ASCII digits (not “２０１”, which `isdigit` allows)."""
    return text.isascii() and text.isdigit() and len(text) in LEVELS


def leaf_length(rows: str) -> int:
    """The digits of the deepest code a table with this row source lists (0: not coded)."""
    return LEAF_LENGTHS.get(rows, 0)


def code_lengths(rows: str) -> tuple[int, ...]:
    """The code lengths a table with this row source lists: 类 down to its leaf level."""
    leaf = leaf_length(rows)
    return tuple(n for n in CODE_LENGTHS if n <= leaf)


def is_leaf(code: str, rows: str) -> bool:
    """Whether `code` is a code of the deepest level a table with this row source lists."""
    return is_code(code) and len(code) == leaf_length(rows)


@dataclass(frozen=True, slots=True)
class CodeEntry:
    """One code: `level` is 类/款/项; `group` is e.g. 人员经费/公用经费 for economic codes."""

    code: str
    name: str
    level: str
    year: str = ""
    group: str = ""
    source: str = field(default="", compare=False)  # where the code came from (CSV `source`)


@dataclass(frozen=True, slots=True)
class CodeTable:
    """A named, year-stamped code list. Codes nest by prefix: 类 3 digits, 款 5, 项 7."""

    name: str
    entries: tuple[CodeEntry, ...]
    index: Mapping[str, CodeEntry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {e.code: e for e in self.entries})

    def get(self, code: str) -> CodeEntry | None:
        return self.index.get(code)

    def name_of(self, code: str) -> str:
        entry = self.get(code)
        return entry.name if entry else ""

    def leaves(self, rows: str) -> tuple[CodeEntry, ...]:
        """The codes a table with this row source lists as its rows (功能分类 项, 经济分类 款)."""
        return tuple(e for e in self.entries if is_leaf(e.code, rows))

    def group_of(self, code: str) -> str:
        entry = self.get(code[:3]) if len(code) > 3 else self.get(code)
        return entry.group if entry else ""


def level_of(code: str) -> str:
    """类 / 款 / 项 from the code length (3 / 5 / 7 digits)."""
    return LEVELS.get(len(code), "") if code.isdigit() else ""


def ancestors(code: str) -> tuple[str, ...]:
    """The 类 and 款 codes above a code, outermost first (``2081601`` → ``208``, ``20816``)."""
    return tuple(code[:n] for n in CODE_LENGTHS if n < len(code))


class CodeTableFormatError(ValueError):
    """A code-table CSV is malformed; `where` is 表头 or 第 n 行, `problem` is Chinese."""

    def __init__(self, where: str, problem: str) -> None:
        self.where = where
        self.problem = problem
        super().__init__(f"{where}：{problem}")


def parse_code_table(name: str, text: str) -> CodeTable:
    """A code table from CSV text (columns `COLUMNS`); codes must be unique 3/5/7 digits."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise CodeTableFormatError("表头", f"应为 {','.join(COLUMNS)}")
        entries = []
        seen: set[str] = set()
        for n, row in enumerate(reader, start=2):
            if None in row or any(row[c] is None for c in COLUMNS):
                raise CodeTableFormatError(f"第 {n} 行", f"应有 {len(COLUMNS)} 列")
            code = row["code"].strip()
            if not is_code(code):
                raise CodeTableFormatError(f"第 {n} 行", f"科目编码“{code}”应为 3、5 或 7 位数字")
            if code in seen:
                raise CodeTableFormatError(f"第 {n} 行", f"科目编码“{code}”重复")
            seen.add(code)
            entries.append(
                CodeEntry(
                    code,
                    row["name"].strip(),
                    row["level"],
                    row["year"],
                    row["group"],
                    row["source"],
                )
            )
    except csv.Error as exc:
        raise CodeTableFormatError(f"第 {reader.line_num} 行", f"不是有效的 CSV（{exc}）") from exc
    return CodeTable(name, tuple(entries))


def format_code_table(entries: Iterable[CodeEntry]) -> str:
    """CSV text of entries, in the format `parse_code_table` reads."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for e in entries:
        writer.writerow((e.code, e.name, e.level, e.year, e.group, e.source))
    return out.getvalue()


def overlay(base: CodeTable, extra: Iterable[CodeEntry]) -> CodeTable:
    """`base` with `extra` laid over it: same code replaced, new codes added, sorted by code.

    Sorting by code puts every 类 before its 款 and every 款 before its 项 (codes nest by prefix).
    """
    merged = dict(base.index)
    merged.update((e.code, e) for e in extra)
    return CodeTable(base.name, tuple(merged[c] for c in sorted(merged)))


def years_of(table: CodeTable) -> tuple[str, ...]:
    """The 科目年度 the table's codes come from, oldest first (imported years included)."""
    return tuple(sorted({e.year for e in table.entries if e.year}))


def coverage_note(table: CodeTable | None, year: int) -> str:
    """What the 科目 picker says about the code list it offers for a case of `year`.

    The program ships only the codes public sources attest (docs/code-tables.md); a year with
    no list of its own is named, with what to do.
    """
    if table is None or not table.entries:
        return "还没有科目代码表：请点“导入科目代码表…”导入当年的科目清单。"
    years = years_of(table)
    shown = "、".join(years) if years else "未注明年度"
    note = f"可选科目来自 {shown} 年的科目代码表。"
    if str(year) not in years:
        note += (
            f"程序没有附带 {year} 年的科目清单（没有找到可核对的公开来源）；"
            "若找不到要用的科目，请导入当年的科目代码表。"
        )
    return note

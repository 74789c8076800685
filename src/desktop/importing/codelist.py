"""Reading a year's 政府收支分类科目 code list (功能分类 or 经济分类) and checking it as a list.

`read_code_list` finds the list on a sheet (`desktop.importing.codelist_sheet`), takes the year
from the caller or from a title such as “2024年政府收支分类科目”, and reports duplicate codes,
empty names, 款/项 without their 类/款, and how the list differs from the table in use. It only
reads; saving is `desktop.importing.codetable_store`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop import paths
from desktop.core.codetables import (
    CodeEntry,
    CodeTable,
    CodeTableFormatError,
    level_of,
    overlay,
    parse_code_table,
)
from desktop.importing.codelist_sheet import (
    HEADER_ROWS,
    CodeLayout,
    CodeListError,
    CodeProblem,
    CodeRow,
    RowReader,
    find_layout,
    find_year,
    read_sheets,
)

if TYPE_CHECKING:
    from pathlib import Path

    from desktop.importing.workbook import Sheet

__all__ = [
    "TABLE_NAMES",
    "CodeListError",
    "CodeListReport",
    "CodeProblem",
    "load_current_table",
    "read_code_list",
    "read_code_table_file",
]

SHOWN = 20  # codes listed by name in the summary, per kind

TABLE_NAMES = {"functional_classification": "功能分类", "economic_classification": "经济分类"}
# 类 codes that show a list was meant for the other table (功能分类 2xx, 经济分类 3xx/5xx)
_OTHER_TABLE = {
    "functional_classification": (("3", "5"), "经济分类", "economic_classification"),
    "economic_classification": (("2",), "功能分类", "functional_classification"),
}


@dataclass(frozen=True, slots=True)
class CodeListReport:
    """The codes read from a file, its problems, and the table they were compared with."""

    file: str
    sheet: str
    table: str
    year: str
    entries: tuple[CodeEntry, ...]
    problems: tuple[CodeProblem, ...]
    current: CodeTable

    @property
    def blocking(self) -> bool:
        """True if something must be corrected before anything is imported."""
        return any(p.blocking for p in self.problems)

    def added(self) -> list[CodeEntry]:
        return [e for e in self.entries if self.current.get(e.code) is None]

    def renamed(self) -> list[tuple[CodeEntry, CodeEntry]]:
        """(current, imported) pairs whose names differ."""
        pairs = ((self.current.get(e.code), e) for e in self.entries)
        return [(old, new) for old, new in pairs if old is not None and old.name != new.name]

    def unchanged(self) -> list[CodeEntry]:
        return [
            e
            for e in self.entries
            if (old := self.current.get(e.code)) is not None and old.name == e.name
        ]

    def text(self) -> str:
        """A Chinese summary: counts by level, new/renamed/unchanged, then every problem."""
        kind = TABLE_NAMES.get(self.table, self.table)
        sheet = f"（工作表“{self.sheet}”）" if self.sheet else ""
        year = f"{self.year} 年" if self.year else "年度未确定"
        lines = [f"导入文件：{self.file}{sheet}；{kind}科目，{year}。"]
        levels = [lv for lv in ("类", "款", "项") if any(e.level == lv for e in self.entries)]
        counts = "、".join(f"{lv} {sum(e.level == lv for e in self.entries)} 个" for lv in levels)
        lines.append(f"读到 {len(self.entries)} 个科目" + (f"：{counts}。" if counts else "。"))
        added, renamed = self.added(), self.renamed()
        if self.entries:
            lines.append(
                f"与当前代码表比较：新增 {len(added)} 个，名称有变化 {len(renamed)} 个，"
                f"名称未变 {len(self.unchanged())} 个。"
            )
        lines += _listing("新增", [f"{e.code} {e.name}" for e in added])
        lines += _listing("名称有变化", [f"{o.code} {o.name} → {n.name}" for o, n in renamed])
        blocking = [p.text() for p in self.problems if p.blocking]
        warnings = [p.text() for p in self.problems if not p.blocking]
        lines += _listing("必须改正的问题", blocking, limit=len(blocking))
        lines += _listing("提醒（不影响导入）", warnings, limit=len(warnings))
        return "\n".join(lines)


def _listing(title: str, items: list[str], limit: int = SHOWN) -> list[str]:
    if not items:
        return []
    out = [f"{title}（{len(items)} 个）："] + [f"  {t}" for t in items[:limit]]
    if len(items) > limit:
        out.append(f"  ……另有 {len(items) - limit} 个")
    return out


def read_code_table_file(path: Path) -> CodeTable:
    """A code table file; raises OSError, UnicodeDecodeError or CodeTableFormatError."""
    return parse_code_table(path.stem, path.read_bytes().decode("utf-8-sig"))


def load_current_table(
    table: str, bundled: Path | None = None, user: Path | None = None
) -> tuple[CodeTable, str]:
    """The table the program uses now (bundled, the user's imports over it) and a note.

    The note (else "") says the user's table is damaged and was left out, as the program does.
    `CodeListError` if the bundled table is missing or damaged. The folders default to the
    program's (`paths.bundled_codetables_dir()`, `paths.user_codetables_dir()`).
    """
    bundled = bundled if bundled is not None else paths.bundled_codetables_dir()
    user = user if user is not None else paths.user_codetables_dir()
    try:
        base = read_code_table_file(bundled / f"{table}.csv")
    except FileNotFoundError:
        known = "、".join(f"{t}（{TABLE_NAMES.get(t, t)}）" for t in sorted(_bundled(bundled)))
        raise CodeListError(f"没有名为“{table}”的代码表。可导入的代码表：{known}。") from None
    except (OSError, UnicodeDecodeError, CodeTableFormatError) as exc:
        raise CodeListError(
            f"内置代码表“{table}.csv”无法读取（{exc}），请重新安装决算公开助手。"
        ) from exc
    user_file = user / f"{table}.csv"
    if not user_file.exists():
        return base, ""
    try:
        return overlay(base, read_code_table_file(user_file).entries), ""
    except (OSError, UnicodeDecodeError, CodeTableFormatError) as exc:
        return base, (
            f"注意：之前导入的代码表“{user_file}”已损坏（{exc}），下面按内置代码表比较；"
            "导入时会把它改名保留，并用这次导入的科目重新建立。"
        )


def _bundled(folder: Path) -> list[str]:
    return [p.stem for p in folder.glob("*.csv")]


# -- the list as a whole ---------------------------------------------------------------------


def read_code_list(
    path: Path, *, table: str, year: str | None, current: CodeTable | None = None
) -> CodeListReport:
    """Read a code list file for `table`; `CodeListError` if it cannot be read as one.

    Args:
        path: a .xlsx/.xls/.xlsm workbook or a .csv file (UTF-8 or GBK).
        table: the code table it is for (e.g. ``functional_classification``).
        year: the year of the list; ``None`` to take it from a title or the file name.
        current: the table in use now, to compare with (new, renamed, unchanged) and to find
            the 类/款 above imported codes; ``None`` loads the program's table
            (`load_current_table`).
    """
    if current is None:
        current, _ = load_current_table(table)
    sheet, layout = _choose_sheet(read_sheets(path), table, path.name)
    reader = RowReader(sheet, layout)
    reader.read()
    problems = list(reader.problems)
    found_year = find_year(sheet, layout, path.name)
    the_year = _year(year, found_year, problems)
    rows = _unique(reader.rows, problems)
    codes = {row.code for row in rows} | set(current.index)
    for row in rows:
        parent = row.code[:-2]
        if len(row.code) > 3 and parent not in codes:
            problems.append(
                CodeProblem(
                    row.row,
                    row.cell,
                    f"{level_of(row.code)}“{row.code} {row.name}”的上级{level_of(parent)}“{parent}”"
                    "不在清单中，也不在当前代码表中；仍会导入，请确认编码是否写错",
                    blocking=False,
                )
            )
    _check_table(rows, table, problems)
    source = f"导入：{path.name}"
    entries = tuple(
        CodeEntry(r.code, r.name, level_of(r.code), the_year, _group(current, r.code), source)
        for r in rows
    )
    problems.sort(key=lambda p: p.row)
    return CodeListReport(path.name, sheet.name, table, the_year, entries, tuple(problems), current)


def _choose_sheet(sheets: list[Sheet], table: str, file_name: str) -> tuple[Sheet, CodeLayout]:
    """The first sheet with a code-list header, sheets named like the table (功能/经济) first."""
    hint = TABLE_NAMES.get(table, "")[:2]
    ordered = sorted(sheets, key=lambda s: not (hint and hint in s.name))
    for sheet in ordered:
        layout = find_layout(sheet)
        if layout is not None:
            return sheet, layout
    raise CodeListError(
        f"在“{file_name}”的前 {HEADER_ROWS} 行里没有找到科目代码清单的表头。"
        "需要一列“科目编码”（或“编码”“代码”“科目代码”）和一列“科目名称”（或“名称”），"
        "或者“类”“款”“项”三列加“科目名称”。请检查文件内容后重新导入。"
    )


def _year(given: str | None, found: str, problems: list[CodeProblem]) -> str:
    """The year of the list: the one given (checked), else the one found in the title."""
    if given is not None and given.strip():
        year = given.strip().removesuffix("年")
        if not re.fullmatch(r"(19|20)\d{2}", year):
            problems.append(CodeProblem(0, "", f"年度“{given}”应为 4 位数字，例如 2024", True))
            return ""
        if found and found != year:
            problems.append(
                CodeProblem(0, "", f"标题中的年度是 {found} 年，按指定的 {year} 年导入", False)
            )
        return year
    if not found:
        problems.append(
            CodeProblem(
                0,
                "",
                "没有找到年度：标题和文件名中都没有“2024年”这样的年度。"
                "请指定年度后重新导入（命令行用 --year，例如 --year 2024）",
                True,
            )
        )
    return found


def _unique(rows: list[CodeRow], problems: list[CodeProblem]) -> list[CodeRow]:
    """Rows with a name, each code once; empty names and conflicting duplicates are errors."""
    first: dict[str, CodeRow] = {}
    for row in rows:
        if not row.name:
            problems.append(
                CodeProblem(row.row, row.cell, f"科目“{row.code}”没有名称，请补上科目名称", True)
            )
            continue
        prior = first.get(row.code)
        if prior is None:
            first[row.code] = row
        elif prior.name == row.name:
            problems.append(
                CodeProblem(
                    row.row,
                    row.cell,
                    f"科目编码“{row.code}”与第 {prior.row} 行重复（名称相同），只导入一次",
                    False,
                )
            )
        else:
            problems.append(
                CodeProblem(
                    row.row,
                    row.cell,
                    f"科目编码“{row.code}”与第 {prior.row} 行重复，名称却不同"
                    f"（“{prior.name}”和“{row.name}”）：请只保留正确的一行",
                    True,
                )
            )
    return list(first.values())


def _check_table(rows: list[CodeRow], table: str, problems: list[CodeProblem]) -> None:
    if not rows:
        if not any(p.blocking for p in problems):
            problems.append(CodeProblem(0, "", "表头下面没有读到任何科目编码和名称", True))
        return
    other = _OTHER_TABLE.get(table)
    if other and all(r.code.startswith(other[0]) for r in rows):
        problems.append(
            CodeProblem(
                0,
                "",
                f"这些编码看起来是{other[1]}科目（如“{rows[0].code} {rows[0].name}”），"
                f"不是{TABLE_NAMES[table]}科目：请确认文件，或改为导入到 {other[2]}",
                True,
            )
        )


def _group(current: CodeTable, code: str) -> str:
    """The group (人员经费/公用经费) of a code in the current table, or of its 类."""
    entry = current.get(code) or current.get(code[:3])
    return entry.group if entry else ""

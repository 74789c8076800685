"""Builds 政府收支分类科目 code lists as the platforms and the 财政部 lists lay them out.

`python tests/importing/codelist_fixtures.py OUT_DIR` writes them; the tests call the builders.
Layouts: one 7-digit code column under a title with the year (names indented with spaces);
the same with codes stored as numbers; codes split into 类/款/项 columns under a merged
“科目编码” header (款/项 as 2 digits, filled on every row or only where they change, and full
codes in each column); a GBK CSV from a 预算管理一体化 platform; and a list with mistakes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook

TITLE = "2024年政府收支分类科目（支出功能分类）"

# (code, name as written in the file): 2010650 is new, 2010608 renamed, against the bundled table
FUNCTIONAL = [
    ("201", "一般公共服务支出"),
    ("20101", "  人大事务"),
    ("2010101", "　　行政运行"),
    ("2010102", "    一般行政管理事务"),
    ("20106", "财政事务"),
    ("2010601", "　　行政运行"),
    ("2010608", "　　财政委托业务支出（含代理业务）"),
    ("2010650", "　　事业运行"),
]


def functional_xlsx(path: Path, *, numbers: bool = False) -> Path:
    """Title, unit line, header 科目编码/科目名称/说明, codes as text (or numbers), a note."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "功能分类"
    ws.append([TITLE])
    ws.merge_cells("A1:C1")
    ws.append([None, None, "财政部预算司"])
    ws.append(["科目编码", "科目名称", "说明"])
    for code, name in FUNCTIONAL:
        ws.append([int(code) if numbers else code, name, None])
    ws.append([None, "注：本表根据《2024年政府收支分类科目》整理。", None])
    wb.save(path)
    return path


def split_xlsx(path: Path) -> Path:
    """科目编码 merged over 类/款/项, 科目名称 merged over two rows, several code styles."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Sheet1"
    ws.append(["2024年一般公共预算支出功能分类科目"])
    ws.append(["科目编码", None, None, "科目名称"])
    ws.merge_cells("A2:C2")
    ws.merge_cells("D2:D3")
    ws.append(["类", "款", "项"])
    rows: list[tuple[object, object, object, str]] = [
        ("201", None, None, "一般公共服务支出"),
        ("201", "01", None, "人大事务"),  # 类 repeated on every row
        ("201", "01", "01", "行政运行"),
        (None, "06", None, "财政事务"),  # only the part that changes (merged-cell style)
        (None, None, "50", "事业运行"),
        (208, 5, None, "行政事业单位养老支出"),  # numbers: Excel dropped the leading zero
        (208, 5, 1, "行政单位离退休"),
        ("221", "22102", "2210201", "住房公积金"),  # full codes in each column
        (None, None, None, "合计"),
    ]
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


SPLIT_CODES = ["201", "20101", "2010101", "20106", "2010650", "20805", "2080501", "2210201"]


def gbk_csv(path: Path) -> Path:
    """A GBK CSV as exported by a 预算管理一体化 platform: title line, 科目代码/科目名称."""
    text = (
        "2024年支出功能分类科目,\r\n"
        "科目代码,科目名称\r\n"
        "20106,财政事务\r\n"
        "2010601,行政运行\r\n"
        "2010650,  事业运行\r\n"
    )
    path.write_bytes(text.encode("gbk"))
    return path


def mistakes_xlsx(path: Path) -> Path:
    """Row 5 has an 8-digit code, row 7 repeats row 4's code with another name, row 8 no name."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append([TITLE])
    ws.append(["科目编码", "科目名称"])
    ws.append(["20106", "财政事务"])  # row 3
    ws.append(["2010601", "行政运行"])  # row 4
    ws.append(["20106011", "一般行政管理事务"])  # row 5: 8 digits
    ws.append(["2010650", "事业运行"])  # row 6
    ws.append(["2010601", "机关服务"])  # row 7: duplicate of row 4
    ws.append(["2010699", None])  # row 8: no name
    wb.save(path)
    return path


def economic_xlsx(path: Path) -> Path:
    """部门预算支出经济分类: one renamed 款 and one new 款 under 301."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["2024年部门预算支出经济分类科目"])
    ws.append(["经济分类科目编码", "经济分类科目名称"])
    ws.append(["301", "工资福利支出"])
    ws.append(["30101", "基本工资（含岗位工资）"])
    ws.append(["30115", "新增工资项目"])
    wb.save(path)
    return path


def build_all(folder: Path) -> dict[str, Path]:
    return {
        "functional": functional_xlsx(folder / "2024年功能分类科目.xlsx"),
        "numbers": functional_xlsx(folder / "numbers.xlsx", numbers=True),
        "split": split_xlsx(folder / "split.xlsx"),
        "gbk": gbk_csv(folder / "platform.csv"),
        "mistakes": mistakes_xlsx(folder / "mistakes.xlsx"),
        "economic": economic_xlsx(folder / "economic.xlsx"),
    }


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for name, path in build_all(out).items():
        sys.stdout.write(f"{name}: {path}\n")

"""Builds workbooks in the layouts the finance platforms export, for the import tests.

`python tests/importing/make_fixtures.py OUT_DIR` writes them; the tests call `build_all(tmp)`.
Layouts (docs/domain.md §1.4): a 收入决算表 with one 7-digit code column in 万元 under a merged
“项目” header with a 栏次 row and a 合计 row that disagrees with its items; a 支出决算表 with
codes split into 类/款/项 columns in 元 with thousands separators stored as text; a 收入支出决算总表
with its two halves side by side; a notes sheet; a sheet without its title; and broken
files (text in an amount cell, wrong headers, not a workbook, password-protected).
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

# (code, name, 基本支出 元, 项目支出 元) of the built-in sample
ITEMS = [
    ("2019999", "其他一般公共服务支出", "0.00", "45500.00"),
    ("2080501", "行政单位离退休", "68600.00", "0.00"),
    ("2080505", "机关事业单位基本养老保险缴费支出", "160000.00", "0.00"),
    ("2081601", "行政运行", "1873200.00", "193680.00"),
    ("2081699", "其他红十字事业支出", "0.00", "5319800.00"),
    ("2089999", "其他社会保障和就业支出", "12500.00", "0.00"),
    ("2101101", "行政单位医疗", "92100.00", "0.00"),
    ("2210201", "住房公积金", "120000.00", "0.00"),
]
CLASSES = {
    "201": "一般公共服务支出",
    "208": "社会保障和就业支出",
    "210": "卫生健康支出",
    "221": "住房保障支出",
}
KUAN = {"20199": "其他一般公共服务支出", "20805": "行政事业单位养老支出", "20816": "红十字事业",
        "20899": "其他社会保障和就业支出", "21011": "行政事业单位医疗", "22102": "住房改革支出"}  # fmt: skip
UNIT = "内蒙古自治区鄂尔多斯市红十字会(本级)"


def _wan(yuan: Decimal) -> float:
    return float(yuan / 10000)  # a workbook stores binary floats: this is what a platform writes


def income_sheet(ws: Worksheet, wrong_total: bool = True) -> None:
    """收入决算表: 7-digit codes, 万元, merged 项目 header, 栏次, 类/款 subtotals, 合计."""
    ws.title = "公开02表"
    ws.append(["收入决算表"])
    ws.merge_cells("A1:I1")
    ws.append([f"编制单位：{UNIT}", None, None, None, None, None, None, None, "单位：万元"])
    ws.append(
        [
            "项目",
            None,
            "本年收入合计",
            "财政拨款收入",
            "上级补助收入",
            "事业收入",
            "经营收入",
            "附属单位上缴收入",
            "其他收入",
        ]
    )
    ws.merge_cells("A3:B3")
    ws.append(["功能分类科目编码", "科目名称"])
    ws.append(["栏次", None, 1, 2, 3, 4, 5, 6, 7])
    items = [(c, n, Decimal(b) + Decimal(p)) for c, n, b, p in ITEMS]
    total = sum((v for _, _, v in items), Decimal(0))
    ws.append(["合计", None, _wan(total) + (1 if wrong_total else 0), _wan(total), 0, 0, 0, 0, 0])
    for cls, name in CLASSES.items():
        members = [i for i in items if i[0].startswith(cls)]
        ws.append([int(cls), name, _wan(sum((v for _, _, v in members), Decimal(0)))])
        for kuan, kname in KUAN.items():
            if kuan.startswith(cls):
                ws.append(
                    [
                        int(kuan),
                        kname,
                        _wan(sum((v for c, _, v in members if c.startswith(kuan)), Decimal(0))),
                    ]
                )
                for code, iname, value in members:
                    if code.startswith(kuan):
                        ws.append(
                            [
                                int(code),
                                iname,
                                _wan(value),
                                _wan(value),
                                None,
                                None,
                                None,
                                None,
                                None,
                            ]
                        )
    ws.append(["注：本表反映单位本年度取得的各项收入情况。"])


def expense_sheet(ws: Worksheet) -> None:
    """支出决算表: codes split into 类/款/项, amounts in 元 stored as text with separators."""
    ws.title = "支出"
    ws.append(["", "", "", "支出决算表"])
    ws.append(["部门：" + UNIT, None, None, None, None, None, None, None, "金额单位：元"])
    ws.append(
        [
            "科目编码",
            None,
            None,
            "科目名称",
            "本年支出合计",
            "基本支出",
            "项目支出",
            "上缴上级支出",
            "经营支出",
            "对附属单位补助支出",
        ]
    )
    ws.append(["类", "款", "项"])
    for code, name, basic, project in ITEMS:
        b, p = Decimal(basic), Decimal(project)
        ws.append(
            [
                code[:3],
                code[3:5],
                code[5:],
                name,
                f"{b + p:,.2f}",
                f"{b:,.2f}",
                f"{p:,.2f}",
                None,
                None,
                None,
            ]
        )


def summary_sheet(ws: Worksheet) -> None:
    """收入支出决算总表 with the two halves side by side (only the balances are entered)."""
    ws.title = "总表"
    ws.append(["收入支出决算总表"])
    ws.append(["单位：万元"])
    ws.append(["收入", None, None, "支出"])
    ws.append(["项目", "行次", "决算数", "项目", "行次", "决算数"])
    ws.append(["一、一般公共预算财政拨款收入", 1, 788.538, "一、一般公共服务支出", 31, 4.55])
    ws.append(["使用非财政拨款结余", 28, 0, "结余分配", 58, 0])
    ws.append(["年初结转和结余", 29, 0, "年末结转和结余", 59, 0])


def build_all(folder: Path) -> dict[str, Path]:
    """Write every fixture into `folder`; returns them by name."""
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path] = {}
    book = Workbook()
    income_sheet(book.active)
    expense_sheet(book.create_sheet())
    summary_sheet(book.create_sheet())
    notes = book.create_sheet("填报说明")
    notes.append(["本工作簿由预算管理一体化系统导出。"])
    out["platform"] = folder / "platform.xlsx"
    book.save(out["platform"])
    bad = Workbook()
    income_sheet(bad.active, wrong_total=False)
    bad.active["D8"] = "约五万"
    out["text_in_amount"] = folder / "text_in_amount.xlsx"
    bad.save(out["text_in_amount"])
    headers = Workbook()
    ws = headers.active
    assert ws is not None
    ws.append(["收入决算表"])
    ws.append(["单位：万元"])
    ws.append(["编码", "名称", "金额"])
    ws.append([2080501, "行政单位离退休", 6.86])
    out["wrong_headers"] = folder / "wrong_headers.xlsx"
    headers.save(out["wrong_headers"])
    out["corrupt"] = folder / "corrupt.xlsx"
    out["corrupt"].write_bytes(b"PK\x03\x04 this is not really a workbook")
    for name, wrong_total in (("untitled", True), ("untitled_next_year", False)):
        untitled = Workbook()
        income_sheet(untitled.active, wrong_total=wrong_total)
        untitled.active["A1"] = None  # the platform left the title out: nothing to recognise
        untitled.active.title = "Sheet1"
        out[name] = folder / f"{name}.xlsx"
        untitled.save(out[name])
    out["encrypted"] = folder / "encrypted.xlsx"
    _encrypt(out["platform"], out["encrypted"], "1234")
    out["platform_xls"] = folder / "platform.xls"
    _as_xls(out["platform"], out["platform_xls"])
    return out


def _as_xls(source: Path, target: Path) -> None:
    """The same workbook in the old .xls format (BIFF8) that older platforms still export."""
    import xlwt  # type: ignore[import-untyped]  # xlwt ships no type hints
    from openpyxl import load_workbook

    book = xlwt.Workbook(encoding="utf-8")
    for ws in load_workbook(source).worksheets:
        sheet = book.add_sheet(ws.title)
        merged = {(m.min_row, m.min_col): m for m in ws.merged_cells.ranges}
        inside = {
            (r, c)
            for m in ws.merged_cells.ranges
            for r in range(m.min_row, m.max_row + 1)
            for c in range(m.min_col, m.max_col + 1)
        }
        for row in ws.iter_rows():
            for cell in row:
                at = (cell.row, cell.column)
                if at in merged:
                    m = merged[at]
                    sheet.write_merge(
                        m.min_row - 1, m.max_row - 1, m.min_col - 1, m.max_col - 1, cell.value
                    )
                elif cell.value is not None and at not in inside:
                    sheet.write(cell.row - 1, cell.column - 1, cell.value)
    book.save(str(target))


def _encrypt(source: Path, target: Path, password: str) -> None:
    """A password-protected copy, encrypted the way Excel does (ECMA-376 agile encryption)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    with source.open("rb") as plain, target.open("wb") as locked:
        OOXMLFile(plain).encrypt(password, locked)


if __name__ == "__main__":
    for name, path in build_all(Path(sys.argv[1] if len(sys.argv) > 1 else "fixtures")).items():
        print(name, path)  # noqa: T201 - a command-line script

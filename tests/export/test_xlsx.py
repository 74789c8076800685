"""The 公开表 workbook: one sheet per table, merged headers, real numbers, print setup, CLI."""

from __future__ import annotations

import errno
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import openpyxl
import pytest

from desktop import cli
from desktop.core.calc import Figures
from desktop.export.docx import ExportError
from desktop.export.front_matter import TOC_NOTE
from desktop.export.layouts import disclosure_tables
from desktop.export.table_layout import TableLayout
from desktop.export.xlsx import export_xlsx, sheet_names
from desktop.storage.interchange import loads_case
from tests.conftest import SAMPLE

if TYPE_CHECKING:
    from desktop.sections.catalog import Catalog


@pytest.fixture(scope="module")
def workbook_path(tmp_path_factory: pytest.TempPathFactory, figures: Figures) -> Path:
    target = tmp_path_factory.mktemp("xlsx") / "公开表.xlsx"
    export_xlsx(figures, target)
    return target


@pytest.fixture(scope="module")
def book(workbook_path: Path) -> Any:
    return openpyxl.load_workbook(workbook_path)


def find(sheet: Any, text: str) -> Any:
    """The first cell whose value is `text`."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == text:
                return cell
    raise AssertionError(f"{text} not on {sheet.title}")


def test_one_sheet_per_table_in_order(book: Any, figures: Figures) -> None:
    tables = figures.profile.disclosure_tables()
    assert len(book.sheetnames) == 12
    assert book.sheetnames == [t.number for t in tables]
    assert book.sheetnames[0] == "公开01表"
    titles = [book[name]["A1"].value for name in book.sheetnames]
    assert titles == [t.title for t in tables]
    assert titles[0] == "收入支出决算总表"
    title = book["公开01表"]["A1"]
    assert title.font.b
    assert title.font.name == "黑体"
    assert title.alignment.horizontal == "center"
    assert "A1:F1" in {str(r) for r in book["公开01表"].merged_cells.ranges}


def test_unit_line(book: Any) -> None:
    sheet = book["公开01表"]
    assert sheet["A2"].value.startswith("编制单位：内蒙古自治区鄂尔多斯市红十字会")
    right = [c for c in sheet[2] if c.value and "单位：万元" in str(c.value)]
    assert right
    assert "公开01表" in right[0].value
    assert right[0].alignment.horizontal == "right"


def test_total_table_has_the_figure_by_its_label(book: Any) -> None:
    sheet = book["公开01表"]
    label = find(sheet, "一、一般公共预算财政拨款收入")
    amount = sheet.cell(row=label.row, column=label.column + 2)
    # the exact 万元 value (7,885,380.00 元), shown with two decimals as 788.54
    assert Decimal(repr(amount.value)) == Decimal("788.538")
    assert amount.number_format == "#,##0.00"
    assert amount.alignment.horizontal == "right"
    assert amount.border.left.style == "thin"
    assert amount.border.bottom.style == "thin"
    line = sheet.cell(row=label.row, column=label.column + 1)
    assert line.value == "1"  # 行次 is text, not a number


def test_header_cells_merge_as_the_layout_spans(book: Any) -> None:
    merged = {str(r) for r in book["公开01表"].merged_cells.ranges}
    assert {"A3:C3", "D3:F3", "A5:B5", "D5:E5"} <= merged  # 收入 | 支出, 栏次
    assert book["公开01表"]["A3"].value == "收入"
    assert book["公开01表"]["D3"].value == "支出"
    three = {str(r) for r in book["公开11表"].merged_cells.ranges}
    assert {"A3:F3", "G3:L3", "A4:A5", "C4:E4"} <= three  # 预算数 | 决算数, 合计 down
    header = book["公开01表"]["A4"]
    assert header.value == "项目"
    assert header.font.b
    assert header.alignment.horizontal == "center"
    # A merged range is boxed on its covered cells too.
    assert book["公开01表"]["C3"].border.right.style == "thin"


def test_layout_spans_all_become_merges(book: Any, figures: Figures) -> None:
    for name, layout in zip(book.sheetnames, disclosure_tables(figures), strict=True):
        merged = {str(r) for r in book[name].merged_cells.ranges}
        for r, cells in enumerate(layout.rows):
            for c, cell in enumerate(cells):
                if cell is not None and (cell.colspan > 1 or cell.rowspan > 1):
                    first = book[name].cell(row=3 + r, column=1 + c).coordinate
                    last = (
                        book[name]
                        .cell(row=3 + r + cell.rowspan - 1, column=c + cell.colspan)
                        .coordinate
                    )
                    assert f"{first}:{last}" in merged, (name, first, last)


def test_amounts_are_numbers_and_counts_integers(book: Any) -> None:
    sheet = book["公开02表"]
    total = find(sheet, "合计")
    first = sheet.cell(row=total.row, column=3)
    assert Decimal(repr(first.value)) == Decimal("788.538")
    assert first.number_format == "#,##0.00"
    cars = find(book["公开12表"], "三、车辆数（共有车辆）")
    count = book["公开12表"].cell(row=cars.row, column=cars.column + 2)
    assert count.value == 1
    assert isinstance(count.value, int)
    assert count.number_format == "0"
    procurement = find(book["公开12表"], "二、政府采购支出总额")
    amount = book["公开12表"].cell(row=procurement.row, column=procurement.column + 2)
    assert Decimal(repr(amount.value)) == Decimal("10.9")
    assert amount.number_format == "#,##0.00"


def test_print_setup(book: Any) -> None:
    wide = book["公开11表"]  # 12 columns, landscape
    assert wide.page_setup.orientation == "landscape"
    assert wide.sheet_properties.pageSetUpPr.fitToPage
    assert wide.page_setup.fitToWidth == 1
    assert wide.page_setup.fitToHeight == 0
    assert str(wide.page_setup.paperSize) == str(wide.PAPERSIZE_A4)
    assert wide.print_options.horizontalCentered
    assert wide.print_title_rows == "$3:$6"
    assert book["公开01表"].print_title_rows == "$3:$5"
    assert book["公开06表"].page_setup.orientation == "portrait"
    widths = [wide.column_dimensions[c].width for c in "ABCDEFGHIJKL"]
    # widths from content (the Word table's), filling the landscape line of 24.3 cm
    assert sum(widths) == pytest.approx(24.3 * 4.4, abs=0.1)
    assert min(widths) >= 1.5 * 4.4


def test_notes_below_the_table(book: Any, figures: Figures) -> None:
    layouts = disclosure_tables(figures)
    sheet = book["公开09表"]
    last = 2 + len(layouts[8].rows)
    notes = [sheet.cell(row=last + n, column=1).value for n in (1, 2)]
    assert notes == list(layouts[8].notes)
    assert "故本表无数据" in notes[1]


def test_atomic_write_leaves_only_the_workbook(workbook_path: Path) -> None:
    assert [p.name for p in workbook_path.parent.iterdir()] == [workbook_path.name]


def test_a_failed_write_is_a_chinese_error_and_leaves_nothing(
    tmp_path: Path, figures: Figures, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(self: object, filename: object) -> None:
        Path(str(filename)).write_bytes(b"PK")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(openpyxl.Workbook, "save", full)
    with pytest.raises(ExportError, match="磁盘空间不足"):
        export_xlsx(figures, tmp_path / "out.xlsx")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ExportError, match="不存在"):
        export_xlsx(figures, tmp_path / "nowhere" / "out.xlsx")


def test_sheet_names_are_legal_unique_and_short() -> None:
    def layout(title: str, number: str = "") -> TableLayout:
        return TableLayout(title, (), (), 0, number=number)

    long = "一般公共预算财政拨款基本支出决算明细表（按经济分类科目）续表之一"
    assert len(long) > 31
    names = sheet_names(
        [layout("a", "表[1]/2:*?\\"), layout(long), layout(long), layout("X", "x"), layout("x")]
    )
    assert names[0] == "表12"
    assert len(names[1]) == 31
    assert names[2].endswith("(2)")
    assert len(names[2]) == 31
    assert names[3] == "x"
    assert names[4] == "x(2)"


def test_formula_like_text_stays_text(tmp_path: Path, catalog: Catalog) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "党的建设、意识形态、改革调研三项经费", '=HYPERLINK(\\"http://x\\")'
    )
    case = loads_case(text, catalog.profiles)
    target = tmp_path / "f.xlsx"
    export_xlsx(Figures(case, catalog.profile(case.profile_id), catalog.codes), target)
    cell = find(openpyxl.load_workbook(target)["公开05表"], '=HYPERLINK("http://x")')
    assert cell.data_type == "s"


def test_cli_writes_the_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, sheet = tmp_path / "样例.docx", tmp_path / "样例.xlsx"
    assert cli.main(["export", "--sample", "-o", str(out), "--xlsx", str(sheet)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[:2] == [f"已导出：{out.resolve()}", f"已导出：{sheet.resolve()}"]
    assert printed[2:] == [TOC_NOTE]
    assert out.is_file()
    assert openpyxl.load_workbook(sheet).sheetnames[0] == "公开01表"


def test_cli_refuses_a_wrong_suffix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.docx"
    assert cli.main(["export", "--sample", "-o", str(out), "--xlsx", str(tmp_path / "x.txt")]) == 2
    err = capsys.readouterr().err
    assert "应以 .xlsx 结尾" in err
    assert err.startswith("错误：")
    assert not out.exists()

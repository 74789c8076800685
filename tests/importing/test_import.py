"""Importing 公开表 workbooks: recognition by title and headers, both code styles, both units."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from desktop.core.edits import SetCell, apply_edit
from desktop.core.model import Case, Unit
from desktop.importing.recognise import recognise
from desktop.importing.workbook import WorkbookError, read_workbook
from tests.importing.make_fixtures import build_all

if TYPE_CHECKING:
    from pathlib import Path

    from desktop.sections.catalog import Catalog


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_all(tmp_path_factory.mktemp("workbooks"))


def empty(catalog: Catalog) -> Case:
    return Case("nmg-2022-unit", Unit("测试单位", 2022))


def test_platform_workbook_is_recognised(
    fixtures: dict[str, Path], catalog: Catalog, sample_case: Case
) -> None:
    report = recognise(
        read_workbook(fixtures["platform"]), catalog.profile("nmg-2022-unit"), empty(catalog)
    )
    found = {f.table_id: f for f in report.found}
    assert set(found) == {"t1", "t2", "t3"}
    assert found["t2"].unit == "万元"
    assert found["t3"].unit == "元"
    imported = apply_edit(empty(catalog), report.edit)
    for table, column in (("t2", "fiscal"), ("t3", "basic"), ("t3", "project")):
        got = {r.key: r.cells.get(column) for r in imported.table(table).rows}
        want = {r.key: r.cells.get(column, Decimal("0.00")) for r in sample_case.table(table).rows}
        assert got == want, (table, column)
    assert imported.table("t2").row("2081601").label == "行政运行"  # type: ignore[union-attr]  # row() is None only for a row not imported


def test_a_total_that_disagrees_is_reported_not_imported(
    fixtures: dict[str, Path], catalog: Catalog
) -> None:
    report = recognise(
        read_workbook(fixtures["platform"]), catalog.profile("nmg-2022-unit"), empty(catalog)
    )
    texts = [p.text() for p in report.problems]
    assert (
        "“公开02表”第 6 行：合计“本年收入合计”为 789.54 万元，而各项之和为 788.54 万元，相差 1.00 万元，请核对工作簿；小计和合计不导入，由程序按各项计算。"
        in texts
    )
    assert all(e.key != "*" for e in report.edits)  # type: ignore[union-attr]  # an import makes only SetCell edits
    assert "“填报说明”：没有找到可识别的公开表标题，整张工作表未导入。" in texts


def test_overwrites_are_listed(
    fixtures: dict[str, Path], catalog: Catalog, sample_case: Case
) -> None:
    report = recognise(
        read_workbook(fixtures["platform"]), catalog.profile("nmg-2022-unit"), sample_case
    )
    assert report.overwrites == ()  # same figures as the sample: nothing would change
    changed = apply_edit(sample_case, report.edit)
    assert changed.table("t3") == sample_case.table("t3")


def test_text_in_an_amount_cell_names_sheet_and_cell(
    fixtures: dict[str, Path], catalog: Catalog
) -> None:
    report = recognise(
        read_workbook(fixtures["text_in_amount"]), catalog.profile("nmg-2022-unit"), empty(catalog)
    )
    assert any(
        p.sheet == "公开02表" and p.cell == "D8" and "约五万" in p.message for p in report.problems
    )


def test_wrong_headers_are_reported(fixtures: dict[str, Path], catalog: Catalog) -> None:
    report = recognise(
        read_workbook(fixtures["wrong_headers"]), catalog.profile("nmg-2022-unit"), empty(catalog)
    )
    assert report.edits == ()
    assert any("找不到这些列：财政拨款收入" in p.message for p in report.problems)


def test_a_corrupt_file_is_refused(fixtures: dict[str, Path]) -> None:
    with pytest.raises(WorkbookError, match="无法作为 Excel 工作簿读取"):
        read_workbook(fixtures["corrupt"])


def test_changed_figures_are_listed_before_they_are_overwritten(
    fixtures: dict[str, Path], catalog: Catalog, sample_case: Case
) -> None:
    edited = apply_edit(sample_case, SetCell("t2", "2081601", "fiscal", Decimal("2000000.00")))
    report = recognise(
        read_workbook(fixtures["platform"]), catalog.profile("nmg-2022-unit"), edited
    )
    assert report.overwrites == (
        "《收入决算表》2081601 行政运行“财政拨款收入”：200.00 → 206.69 万元",
    )


def test_an_xls_workbook_reads_like_the_xlsx(fixtures: dict[str, Path], catalog: Catalog) -> None:
    profile = catalog.profile("nmg-2022-unit")
    new = recognise(read_workbook(fixtures["platform"]), profile, empty(catalog))
    old = recognise(read_workbook(fixtures["platform_xls"]), profile, empty(catalog))
    assert old.found == new.found
    assert old.edits == new.edits
    assert {e.table for e in old.edits} == {"t1", "t2", "t3"}  # type: ignore[union-attr]  # an import makes only SetCell edits
    assert old.problems == new.problems


def test_rows_with_names_only_are_matched_by_the_code_table(
    tmp_path: Path, catalog: Catalog
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    basic = book.active
    assert basic is not None
    basic.title = "基本支出"
    basic.append(["一般公共预算财政拨款基本支出决算明细表"])
    basic.append(["单位：元"])
    basic.append(["科目名称", "决算数"])
    basic.append(["基本工资", 548450])
    basic.append(["津贴补贴", "978,800.00"])
    income = book.create_sheet("收入")
    income.append(["收入决算表"])
    income.append(["单位：元"])
    income.append(["科目名称", "本年收入合计", "财政拨款收入"])
    income.append(["行政运行", 2066880, 2066880])
    path = tmp_path / "names.xlsx"
    book.save(path)
    profile = catalog.profile("nmg-2022-unit")
    report = recognise(read_workbook(path), profile, empty(catalog), codes=catalog.codes)
    t6 = [(e.key, e.value) for e in report.edits if e.table == "t6"]  # type: ignore[union-attr]  # an import makes only SetCell edits
    assert t6 == [("30101", Decimal("548450.00")), ("30102", Decimal("978800.00"))]
    ambiguous = next(p for p in report.problems if "行政运行" in p.message)
    assert ambiguous.blocking
    assert ambiguous.cell == "第 4 行"
    assert "“行政运行”没有可识别的科目编码，这个名称对应" in ambiguous.message
    assert "2081601" in ambiguous.message
    partial = next(p for p in report.problems if "找不到这些列" in p.message)
    assert not partial.blocking  # 财政拨款收入 was found: the other columns are left as they are
    assert "上级补助收入" in partial.message
    assert ambiguous.message.endswith("请在工作簿中补上科目编码。")
    without = recognise(read_workbook(path), profile, empty(catalog))
    assert not any(e.table == "t6" for e in without.edits)  # type: ignore[union-attr]  # an import makes only SetCell edits

"""The reference document's own figures, kept as published (in 万元, so whole hundreds of 元).

The published text has inconsistencies in 第二部分 §五, §六, §七, §八 and §十五. Those that are
figures an officer enters are raised by the checks; those that are wording, shares, growth rates
or summaries cannot recur, because the app computes them, and the generated text shows the
corrected figure instead.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from desktop.core.calc import Figures
from desktop.core.checks import run_checks
from desktop.core.issues import Issue, Severity
from desktop.core.narrative.document import build_document
from desktop.core.narrative.render import TextItem
from tests.core.case_edits import (
    drop_row,
    edit_indicator,
    edit_project,
    project,
    set_cell,
    set_field,
)

if TYPE_CHECKING:
    from desktop.core.model import Case
    from desktop.sections.catalog import Catalog

D = Decimal


def as_published(case: Case) -> Case:
    # §六: items as printed; 基本支出 stays 232.64 (table 六) while 201.47 + 31.18 = 232.65.
    case = set_cell(case, "t6", "30101", "amount", D("548500.00"))
    case = set_cell(case, "t6", "30239", "amount", D("205300.00"))
    # §七: items as printed, and the printed 类 subtotals 472.98, 5.97, 76.94.
    for key, value in (
        ("30201", "110400.00"),
        ("30202", "48300.00"),
        ("30399", "59700.00"),
        ("31007", "632700.00"),
    ):
        case = set_cell(case, "t7", key, "amount", D(value))
    for key, value in (("302", "4729800.00"), ("303", "59700.00"), ("310", "769400.00")):
        case = set_cell(case, "t7", key, "amount", D(value))
    # 项目支出 555.90 and 行政运行 206.69 exactly as printed.
    case = set_cell(case, "t5", "2081601", "project", D("193700.00"))
    case = set_cell(case, "t3", "2081601", "project", D("193700.00"))
    case = set_cell(case, "t2", "2081601", "fiscal", D("2066900.00"))
    case = set_cell(case, "t4", "inc_gpb", "amount", D("7885400.00"))
    case = set_cell(case, "t11", "12", "spending", D("500200.00"))
    case = set_cell(case, "t11", "12", "income_fiscal", D("500200.00"))
    case = set_cell(case, "t12", "running", "amount", D("311800.00"))
    case = set_field(case, "performance", "gpb_amount", D("5559000.00"))
    case = set_field(case, "performance", "dept_eval_gpb", D("5559000.00"))
    # §五: only the five printed 项 of 社会保障和就业; the 批复 total stays 672.87.
    case = drop_row(case, "t5", "2080506")
    # §十五: the 三救 and 三献 weights as printed (both tables total 110 with the funds weight).
    rescue = project(case, "三救工作经费")
    rescue = dataclasses.replace(
        rescue, indicators=edit_indicator(rescue, "开展救护员、专题性培训", weight=D(15))
    )
    case = edit_project(
        case, rescue.name, indicators=edit_indicator(rescue, "加强救灾备灾工作", weight=D(10))
    )
    blood = project(case, "三献工作经费")
    indicators = tuple(
        dataclasses.replace(i, weight=D(5), score=D(5)) if i.level2 == "时效指标" else i
        for i in blood.indicators
    )
    return edit_project(case, blood.name, indicators=indicators)


@pytest.fixture(scope="module")
def published(sample_case: Case, catalog: Catalog) -> tuple[Figures, list[Issue]]:
    case = as_published(sample_case)
    figures = Figures(case, catalog.profile(case.profile_id), catalog.codes)
    return figures, run_checks(figures)


def messages(issues: list[Issue], rule: str) -> list[str]:
    return [i.message for i in issues if i.rule == rule]


def test_section_six_basic_is_not_personnel_plus_public(
    published: tuple[Figures, list[Issue]],
) -> None:
    _, issues = published
    assert (
        "基本支出 232.64 万元 ≠ 人员经费 201.47 万元 + 公用经费 31.18 万元 = 232.65 万元，相差 0.01 万元。这是四舍五入形成的尾差，可调整其中一项或在说明中注明。"
        in messages(issues, "X5")
    )
    x5 = next(i for i in issues if i.rule == "X5" and "基本支出" in i.message)
    assert x5.severity is Severity.INFO


def test_section_seven_subtotals_do_not_add_up(published: tuple[Figures, list[Issue]]) -> None:
    _, issues = published
    found = messages(issues, "T-sub")
    assert any(
        m.startswith("302 商品和服务支出（录入的类合计）决算数 472.98 万元 ≠")
        and "= 472.99 万元，相差 0.01 万元" in m
        for m in found
    )
    assert any(
        m.startswith("合计决算数 555.90 万元 ≠") and "= 555.89 万元，相差 0.01 万元" in m
        for m in found
    )


def test_section_five_budget_total_is_not_the_sum_of_items(
    published: tuple[Figures, list[Issue]],
) -> None:
    _, issues = published
    errors = [i for i in issues if i.rule == "X-budget"]
    assert [i.severity for i in errors] == [Severity.ERROR]
    assert (
        "672.87 万元 ≠ 一般公共预算财政拨款支出决算表各项年初预算之和 659.86 万元，相差 13.01 万元"
        in errors[0].message
    )


def test_section_fifteen_scoring_tables(published: tuple[Figures, list[Issue]]) -> None:
    _, issues = published
    weights = messages(issues, "P-weight")
    assert len(weights) == 2
    assert any("“三救工作经费”自评表的分值合计为 110" in m for m in weights)
    assert any("“三献工作经费”自评表的分值合计为 110" in m for m in weights)
    lost = messages(issues, "P-deviation")
    assert any("开展救护员、专题性培训" in m and "却只得 10 分（分值 15）" in m for m in lost)
    assert any("加强救灾备灾工作" in m and "却只得 5 分（分值 10）" in m for m in lost)


def test_exactly_these_issues(published: tuple[Figures, list[Issue]]) -> None:
    _, issues = published
    assert sorted((i.rule, i.severity.value) for i in issues) == sorted(
        [("X-budget", "错误"), ("P-weight", "错误"), ("P-weight", "错误"), ("P-total", "错误"),
         ("P-deviation", "提示"),
         ("P-deviation", "提示"), ("X5", "提示"), ("T-sub", "提示"), ("T-sub", "提示"),
         ("N10-cover", "提示")]
    )  # fmt: skip


def test_published_wording_mistakes_cannot_recur(published: tuple[Figures, list[Issue]]) -> None:
    figures, _ = published
    text = "\n".join(i.text for i in build_document(figures).items if isinstance(i, TextItem))
    assert "占98.81%" in text
    assert "占1.19%" in text
    assert "增加2.36万元，增长89.39%" in text  # published: 89.85%
    assert "退休费6.86万元" in text  # published: 6.86 元
    assert "完成预算的0.00%" not in text  # zero budget: no completion rate
    assert "执行数为9.99万元，完成预算的99.90%" in text  # published summary: 10, 100%

"""从上年复制: what carries into next year's case, under the newest template of the family."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import TYPE_CHECKING

from desktop.core.calc import Figures
from desktop.core.carry import carry_forward, family_of, newest_of_family
from desktop.core.model import Case, TableRow, TableValues, Unit
from desktop.core.spec import ColumnSpec

if TYPE_CHECKING:
    from desktop.sections.catalog import Catalog


def test_the_newest_template_of_the_family(catalog: Catalog) -> None:
    assert family_of("nmg-2022-unit") == family_of("nmg-2023-unit") != family_of("sh-2024-dept")
    assert newest_of_family(catalog.profiles, "nmg-2022-unit") == "nmg-2023-unit"
    assert newest_of_family(catalog.profiles, "sh-2024-dept") == "sh-2024-dept"


def test_sample_2022_into_the_2023_template(catalog: Catalog, figures: Figures) -> None:
    target = catalog.profile("nmg-2023-unit")
    carried = carry_forward(figures, target, 2023)
    new = carried.case
    last = figures.case
    assert (new.profile_id, new.unit) == ("nmg-2023-unit", Unit(last.unit.name, 2023))
    # 上年数 are last year's 决算数.
    assert new.value("overall", "prior_total") == figures.grid("t1").amount(
        "income_grand", "amount"
    )
    assert new.value("three", "prior_reception") == figures.grid("t10").amount(
        "amounts", "actual_reception"
    )
    # Texts and contact data as they were.
    assert new.value("functions", "functions") == last.value("functions", "functions")
    assert new.value("contact", "person") == last.value("contact", "person")
    assert new.table("unit_list") == last.table("unit_list")
    # 科目 rows kept, without figures.
    t2 = new.table("t2")
    assert [r.key for r in t2.rows] == [r.key for r in last.table("t2").rows]
    assert all(not r.cells for r in t2.rows)
    assert Figures(new, target, catalog.codes).grid("t2").amount("*", "total") == 0
    # 绩效 projects: names and targets kept; actuals, scores and funds cleared.
    before, after = last.performance.projects[0], new.performance.projects[0]
    assert after.name == before.name
    assert after.goal_expected == before.goal_expected
    assert after.goal_actual == ""
    assert after.fiscal.executed == 0
    assert [i.target for i in after.indicators] == [i.target for i in before.indicators]
    assert all(i.actual == "" and i.score == 0 for i in after.indicators)
    assert len(new.performance.projects) == len(last.performance.projects)
    text = "\n".join(carried.items)
    for words in ("上年数", "主要职能", "联系人", "科目行", "绩效自评项目"):
        assert words in text, words


def test_figures_move_into_a_prior_column(catalog: Catalog) -> None:
    profile = catalog.profile("nmg-2022-unit")
    sections = []
    for section in profile.sections:
        tables = []
        for table in section.tables:
            side = table.sides[0]
            extra = ColumnSpec("prior_amount", "上年决算数")
            wider = dataclasses.replace(side, columns=(*side.columns, extra))
            tables.append(dataclasses.replace(table, sides=(wider,)) if table.id == "t6" else table)
        sections.append(dataclasses.replace(section, tables=tuple(tables)))
    target = dataclasses.replace(profile, sections=tuple(sections))
    last = Case(
        "nmg-2022-unit",
        Unit("某局", 2022),
        tables={"t6": TableValues((TableRow("30101", "基本工资", {"amount": Decimal(5)}),))},
    )
    carried = carry_forward(Figures(last, profile, catalog.codes), target)
    [row] = carried.case.table("t6").rows
    assert row.cells == {"prior_amount": Decimal(5)}
    assert carried.case.unit.year == 2023
    assert carried.case.performance.projects == ()


def test_an_empty_case_carries_nothing_but_the_year(catalog: Catalog) -> None:
    profile = catalog.profile("nmg-2022-unit")
    last = Case("nmg-2022-unit", Unit("某局", 2022))
    carried = carry_forward(Figures(last, profile, catalog.codes))
    assert carried.case.tables == {}
    assert [i for i in carried.items if "文字" in i] == []

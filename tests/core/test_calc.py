from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from desktop.core.performance import (
    execution_rate,
    funds_score,
    summarize,
    total_score,
    total_weight,
)

if TYPE_CHECKING:
    from desktop.core.calc import Figures


def wan(figures: Figures, ref: str) -> Decimal:
    return (figures.ref(ref) / 10000).quantize(Decimal("0.0001"))


def test_summary_table_balances(figures: Figures) -> None:
    t1 = figures.grid("t1")
    assert t1.amount("income_grand", "amount") == t1.amount("expense_grand", "amount")
    assert figures.ref("t1:income_grand:amount") == Decimal("7885380.00")
    # 一般公共预算 comes from table 四, the class rows from table 三.
    assert figures.ref("t1:inc_gpb:amount") == figures.ref("t4:inc_gpb:amount")
    assert figures.ref("t1:exp_208:amount") == figures.ref("t3:208:total")


def test_class_and_kuan_rows_are_sums_of_their_items(figures: Figures) -> None:
    t5 = figures.grid("t5")
    assert t5.amount("208", "total") == Decimal("7627780.00")
    assert t5.amount("20816", "total") == t5.amount("2081601", "total") + t5.amount(
        "2081699", "total"
    )
    assert t5.amount("*", "budget") == Decimal("6728700.00")
    assert t5.amount("2081601", "total") == t5.amount("2081601", "basic") + t5.amount(
        "2081601", "project"
    )


def test_basic_expenditure_is_personnel_plus_public_exactly(figures: Figures) -> None:
    t6 = figures.grid("t6")
    assert t6.amount("personnel", "amount") + t6.amount("public", "amount") == t6.amount(
        "*", "amount"
    )
    assert t6.amount("*", "amount") == figures.ref("t5:*:basic")


def test_computed_columns(figures: Figures) -> None:
    assert figures.ref("t10:amounts:actual_total") == Decimal("50600.00")
    assert figures.ref("t10:amounts:actual_car") == Decimal("50000.00")
    assert figures.ref("t11:*:spending") == figures.ref("t3:*:project")
    assert figures.ref("t11:*:closing") == 0
    assert figures.ref("t12:veh_total:amount") == 1


def test_empty_tables_are_known(figures: Figures) -> None:
    assert figures.grid("t8").is_empty
    assert figures.grid("t9").is_empty
    assert not figures.grid("t10").is_empty


def test_performance_scores(figures: Figures) -> None:
    projects = figures.case.performance.projects
    rescue = next(p for p in projects if p.name == "三救工作经费")
    assert execution_rate(rescue.total) == Decimal("99.73")
    assert funds_score(rescue) == Decimal("9.97")
    assert total_score(rescue) == Decimal("99.97")
    assert all(total_weight(p) == 100 for p in projects)
    summary = summarize(projects)
    assert summary.executed == Decimal("3864500.00")
    assert summary.rate == Decimal("96.61")  # ratio of the sums, not the mean of the rates
    assert summary.mean_score == Decimal("99.90")


def test_a_shared_cache_reuses_what_an_edit_left_unchanged(figures: Figures) -> None:
    import dataclasses

    from desktop.core.calc import FigureCache
    from desktop.core.calc import Figures as Fig

    case, profile, codes = figures.case, figures.profile, figures.codes
    cache = FigureCache()
    first = Fig(case, profile, codes, cache)
    t5, t10 = first.grid("t5"), first.grid("t10")
    fields = {**case.fields, "overall": {**case.fields["overall"], "prior_total": Decimal(1)}}
    edited = dataclasses.replace(case, fields=fields)  # a field, no table, changed
    again = Fig(edited, profile, codes, cache)
    assert again.grid("t5") is t5
    assert again.grid("t10") is t10
    assert Fig(edited, profile, codes).grid("t5") is not t5  # no cache passed: its own
    rows = case.tables["t5"]
    changed = dataclasses.replace(case, tables={**case.tables, "t5": dataclasses.replace(rows)})
    assert Fig(changed, profile, codes, cache).grid("t5") is not t5  # its input is new

"""Every rule on small hand-made cases: a few rows, one passing and one failing case per branch
and boundary (in the style of Beancount's validation tests), not an edited copy of the sample.

Amounts are written in 万元 as the officer types them (``w("1.23")`` = 12 300 元); ``y()`` is
an exact 元 figure. Each case names the rule, the entered data and the issues expected as
(severity, words of the message); ``[]`` means the rule must stay silent.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.calc import Figures
from desktop.core.checks import run_checks
from desktop.core.issues import Severity
from desktop.core.model import (
    Case,
    FundLine,
    Indicator,
    Performance,
    PerfProject,
    TableRow,
    TableValues,
    Unit,
    Value,
)
from desktop.core.money import CENT, TEN_THOUSAND, is_rounding_tail, to_wan
from desktop.core.narrative.document import section_preview
from desktop.core.narrative.render import TextItem
from desktop.core.rules import RULES

if TYPE_CHECKING:
    from collections.abc import Mapping

    from desktop.sections.catalog import Catalog

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
Rows = dict[str, dict[str, object]]


def w(text: str) -> Decimal:
    """万元 as typed, in 元."""
    return (Decimal(text) * TEN_THOUSAND).quantize(CENT)


def y(text: str) -> Decimal:
    """Exact 元."""
    return Decimal(text)


def make_case(
    tables: Mapping[str, Rows] | None = None,
    fields: Mapping[str, Mapping[str, Value]] | None = None,
    kinds: tuple[str, ...] = (),
) -> Case:
    out: dict[str, TableValues] = {}
    for table_id, rows in (tables or {}).items():
        entered = []
        for key, cells in rows.items():
            label = str(cells.get("label", ""))
            values = {k: v for k, v in cells.items() if k != "label"}
            entered.append(TableRow(key, label, values))  # type: ignore[arg-type]  # cells of the hand-made cases are Decimal or str
        out[table_id] = TableValues(tuple(entered))
    if kinds:
        out["unit_list"] = TableValues(
            tuple(
                TableRow(str(n), "", {"name": f"单位{n}", "kind": k})
                for n, k in enumerate(kinds, 1)
            )
        )
    return Case("nmg-2022-unit", Unit("测试单位", 2022), fields=dict(fields or {}), tables=out)


def found(catalog: Catalog, rule: str, case: Case) -> list[tuple[Severity, str]]:
    figures = Figures(case, catalog.profile(case.profile_id), catalog.codes)
    return [(i.severity, i.message) for i in run_checks(figures, (rule,))]


# 27 项 of 基本支出, each typed from a printout as 1.23 万元 (33.21 together), while the 明细表
# items, typed from their own printout, read 301 = 25.00 and 302 = 8.24 (33.24): a 0.03 万元
# tail on 27 + 2 rounded terms, which a 2- or 3-term tolerance would call an 错误.
def _many_items() -> Rows:
    rows: Rows = {}
    # 27 distinct 项 codes under 201 (一般公共服务) from the code table
    for n, code in enumerate(
        (
            "2010101", "2010102", "2010103", "2010104", "2010105", "2010106", "2010107",
            "2010108", "2010109", "2010150", "2010199", "2010201", "2010202", "2010203",
            "2010204", "2010205", "2010206", "2010250", "2010299", "2010301", "2010302",
            "2010303", "2010350", "2010399", "2010401", "2010450", "2010499",
        )
    ):  # fmt: skip
        rows[code] = {"basic": w("1.23"), "label": f"项{n}"}
    return rows


CASES: list[tuple[str, str, Case, list[tuple[Severity, str]]]] = [
    # -- X5: 基本支出 = 人员经费 + 公用经费 ----------------------------------------------------
    ("X5 equal", "X5", make_case({"t5": {"2010101": {"basic": w("3.00")}},
                                  "t6": {"30101": {"amount": w("2.00")}, "30201": {"amount": w("1.00")}}}), []),
    ("X5 one tail of 3 terms", "X5", make_case({"t5": {"2010101": {"basic": w("3.01")}},
                                               "t6": {"30101": {"amount": w("2.00")}, "30201": {"amount": w("1.00")}}}),
     [(INFO, "尾差")]),
    ("X5 beyond the tail", "X5", make_case({"t5": {"2010101": {"basic": w("3.02")}},
                                           "t6": {"30101": {"amount": w("2.00")}, "30201": {"amount": w("1.00")}}}),
     [(E, "相差 0.02 万元")]),
    ("X5 27 rounded items: 0.03 is a tail", "X5",
     make_case({"t5": _many_items(), "t6": {"30101": {"amount": w("25.00")}, "30201": {"amount": w("8.24")}}}),
     [(INFO, "相差 0.03 万元")]),
    ("X5 exact 元 compare exactly", "X5", make_case({"t5": {"2010101": {"basic": y("30000.50")}},
                                                    "t6": {"30101": {"amount": y("20000.00")}, "30201": {"amount": y("10000.00")}}}),
     [(E, "0.50 元")]),
    # -- X5-other: every 基本支出 is 人员经费 or 公用经费 -----------------------------------------
    ("X5-other none", "X5-other", make_case({"t6": {"30101": {"amount": w("1.00")}, "30201": {"amount": w("1.00")}}}), []),
    ("X5-other 312", "X5-other", make_case({"t6": {"30101": {"amount": w("1.00")}, "31201": {"amount": w("0.50")}}}),
     [(E, "0.50 万元 既不属于人员经费")]),
    # -- X5-project --------------------------------------------------------------------------
    ("X5-project equal", "X5-project", make_case({"t5": {"2010101": {"project": w("2.00")}},
                                                  "t7": {"30201": {"amount": w("2.00")}}}), []),
    ("X5-project differs", "X5-project", make_case({"t5": {"2010101": {"project": w("2.00")}},
                                                    "t7": {"30201": {"amount": w("1.50")}}}), [(E, "相差 0.50 万元")]),
    # -- X9 / X9-office: 机构运行经费 and 公用经费, by unit kind ------------------------------------
    ("X9 running = public", "X9", make_case({"t6": {"30201": {"amount": w("5.00")}},
                                             "t12": {"running": {"amount": w("5.00")}}}), []),
    ("X9 running > public", "X9", make_case({"t6": {"30201": {"amount": w("5.00")}},
                                             "t12": {"running": {"amount": w("6.00")}}}), [(E, "不应更多")]),
    ("X9 tail over 5 公用经费 items", "X9",
     make_case({"t6": {f"3020{n}": {"amount": w("1.00")} for n in range(1, 6)},
                "t12": {"running": {"amount": w("5.02")}}}), [(INFO, "尾差")]),
    ("X9 running less: not X9", "X9", make_case({"t6": {"30201": {"amount": w("5.00")}},
                                                 "t12": {"running": {"amount": w("3.00")}}}), []),
    ("X9-office 行政 only, less", "X9-office",
     make_case({"t6": {"30201": {"amount": w("5.00")}}, "t12": {"running": {"amount": w("3.00")}}},
               kinds=("行政单位", "参照公务员法管理的事业单位")), [(W, "应相等")]),
    ("X9-office with a 事业单位, less", "X9-office",
     make_case({"t6": {"30201": {"amount": w("5.00")}}, "t12": {"running": {"amount": w("3.00")}}},
               kinds=("行政单位", "公益一类事业单位")), []),
    ("X9-office no unit list", "X9-office",
     make_case({"t6": {"30201": {"amount": w("5.00")}}, "t12": {"running": {"amount": w("3.00")}}}), []),
    ("X9-office 行政 only, equal", "X9-office",
     make_case({"t6": {"30201": {"amount": w("5.00")}}, "t12": {"running": {"amount": w("5.00")}}},
               kinds=("行政单位",)), []),
    # -- X3, X10, T1-d, T4-b ----------------------------------------------------------------
    ("X3 equal", "X3", make_case({"t4": {"inc_gpb": {"amount": w("9.00")}},
                                  "t2": {"2010101": {"fiscal": w("9.00")}}}), []),
    ("X3 differs", "X3", make_case({"t4": {"inc_gpb": {"amount": w("9.00")}},
                                    "t2": {"2010101": {"fiscal": w("8.00")}}}), [(E, "相差 1.00 万元")]),
    ("X10 equal", "X10", make_case({"t11": {"1": {"spending": w("4.00"), "label": "甲"}},
                                    "t3": {"2010101": {"project": w("4.00")}}}), []),
    ("X10 differs", "X10", make_case({"t11": {"1": {"spending": w("4.00"), "label": "甲"}},
                                      "t3": {"2010101": {"project": w("5.00")}}}), [(E, "相差 1.00 万元")]),
    ("T1-d balanced", "T1-d", make_case({"t4": {"inc_gpb": {"amount": w("2.00")}},
                                         "t3": {"2010101": {"basic": w("2.00")}}}), []),
    ("T1-d unbalanced", "T1-d", make_case({"t4": {"inc_gpb": {"amount": w("2.00")}},
                                           "t3": {"2010101": {"basic": w("2.50")}}}), [(E, "相差 0.50 万元")]),
    ("T4-b balanced", "T4-b", make_case({"t4": {"inc_gpb": {"amount": w("2.00")}},
                                         "t5": {"2010101": {"basic": w("2.00")}}}), []),
    ("T4-b unbalanced", "T4-b", make_case({"t4": {"inc_gpb": {"amount": w("2.00")},
                                                  "closing": {"gpb": w("1.00")}},
                                           "t5": {"2010101": {"basic": w("2.00")}}}), [(E, "相差 1.00 万元")]),
    # -- X6, X7 -----------------------------------------------------------------------------
    ("X6 all funds cover", "X6", make_case({"t3": {"2010101": {"basic": w("2.00")}},
                                            "t5": {"2010101": {"basic": w("2.00")}}}), []),
    ("X6 gpb larger", "X6", make_case({"t3": {"2010101": {"basic": w("1.00")}},
                                       "t5": {"2010101": {"basic": w("2.00")}}}), [(E, "多出 1.00 万元")]),
    ("X7 carry-over covers", "X7", make_case({"t1": {"opening": {"amount": w("1.00")}},
                                              "t4": {"opening_gpb": {"amount": w("1.00")}}}), []),
    ("X7 fiscal larger", "X7", make_case({"t1": {"opening": {"amount": w("1.00")}},
                                          "t4": {"opening_gpb": {"amount": w("1.50")}}}), [(E, "相差 0.50 万元")]),
    # -- X8, X8-equal -------------------------------------------------------------------------
    ("X8 econ within", "X8", make_case({"t10": {"amounts": {"actual_reception": w("0.50")}},
                                        "t6": {"30217": {"amount": w("0.50")}}}), []),
    ("X8 econ above", "X8", make_case({"t10": {"amounts": {"actual_reception": w("0.50")}},
                                       "t6": {"30217": {"amount": w("0.80")}}}), [(E, "多出 0.30 万元")]),
    ("X8 basic + project tail", "X8", make_case({"t10": {"amounts": {"actual_reception": w("0.50")}},
                                                 "t6": {"30217": {"amount": w("0.25")}},
                                                 "t7": {"30217": {"amount": w("0.26")}}}), [(INFO, "尾差")]),
    ("X8-equal only gpb, equal", "X8-equal", make_case({"t10": {"amounts": {"actual_reception": w("0.50")}},
                                                        "t6": {"30217": {"amount": w("0.50")}},
                                                        "t2": {"2010101": {"fiscal": w("0.50")}}}), []),
    ("X8-equal only gpb, less", "X8-equal", make_case({"t10": {"amounts": {"actual_reception": w("0.50")}},
                                                       "t2": {"2010101": {"fiscal": w("0.50")}}}), [(W, "相差 0.50 万元")]),
    ("X8-equal other income", "X8-equal", make_case({"t10": {"amounts": {"actual_reception": w("0.50")}},
                                                     "t2": {"2010101": {"fiscal": w("0.50"), "business": w("1.00")}}}), []),
    # -- T12 ----------------------------------------------------------------------------------
    ("T12-a within", "T12-a", make_case({"t12": {"proc_goods": {"amount": w("3.00")}, "sme_total": {"amount": w("3.00")},
                                                 "sme_small": {"amount": w("3.00")}, "sme_goods": {"amount": w("3.00")}}}), []),
    ("T12-a small > sme", "T12-a", make_case({"t12": {"proc_goods": {"amount": w("3.00")}, "sme_total": {"amount": w("2.00")},
                                                      "sme_small": {"amount": w("2.50")}}}), [(E, "超出 0.50 万元")]),
    ("T12-a sme > total", "T12-a", make_case({"t12": {"proc_goods": {"amount": w("1.00")}, "sme_total": {"amount": w("2.00")}}}),
     [(E, "政府采购支出总额 1.00 万元")]),
    ("T12-sme parts add up", "T12-sme", make_case({"t12": {"sme_total": {"amount": w("3.00")}, "sme_goods": {"amount": w("1.00")},
                                                           "sme_services": {"amount": w("2.00")}}}), []),
    ("T12-sme not split", "T12-sme", make_case({"t12": {"sme_total": {"amount": w("3.00")}}}), []),
    ("T12-sme parts differ", "T12-sme", make_case({"t12": {"sme_total": {"amount": w("3.00")}, "sme_goods": {"amount": w("1.00")}}}),
     [(E, "相差 2.00 万元")]),
    # -- N8, N8-split, N13 --------------------------------------------------------------------
    ("N8 spent and counted", "N8", make_case({"t10": {"amounts": {"actual_car_run": w("1.00")}}},
                                             {"three": {"cars_held": 1}}), []),
    ("N8 spent, count 0", "N8", make_case({"t10": {"amounts": {"actual_car_run": w("1.00")}}},
                                          {"three": {"cars_held": 0}}), [(W, "公务用车保有量为 0")]),
    # an absent count is not 0: N-missing reports it (test_an_absent_count_is_reported_once)
    ("N8 spent, count not entered", "N8", make_case({"t10": {"amounts": {"actual_car_run": w("1.00")}}}), []),
    ("N8 nothing spent, count 0", "N8", make_case({}, {"three": {"cars_held": 0}}), []),
    ("N8 foreign reception, 0 people", "N8",
     make_case({}, {"three": {"reception_foreign": w("0.10"), "foreign_batches": 1, "foreign_people": 0}}),
     [(W, "接待人次为 0")]),
    ("N8 foreign reception, people not entered", "N8",
     make_case({}, {"three": {"reception_foreign": w("0.10"), "foreign_batches": 1}}), []),
    ("N8 domestic reception, 0 batches", "N8",
     make_case({}, {"three": {"reception_domestic": w("0.10"), "domestic_batches": 0, "domestic_people": 3}}),
     [(W, "接待批次为 0")]),
    ("N8-split adds up", "N8-split", make_case({"t10": {"amounts": {"actual_reception": w("0.50")}}},
                                               {"three": {"reception_domestic": w("0.30"), "reception_foreign": w("0.20")}}), []),
    ("N8-split differs", "N8-split", make_case({"t10": {"amounts": {"actual_reception": w("0.50")}}},
                                               {"three": {"reception_domestic": w("0.30")}}), [(E, "相差 0.20 万元")]),
    ("N13 held within", "N13", make_case({"t12": {"veh_leader": {"amount": Decimal(2)}}}, {"three": {"cars_held": 2}}), []),
    ("N13 held above", "N13", make_case({"t12": {"veh_leader": {"amount": Decimal(1)}}}, {"three": {"cars_held": 2}}),
     [(W, "2 辆")]),
    # -- N10, N10-cover -------------------------------------------------------------------------
    ("N10 counts agree", "N10", make_case({"t11": {"1": {"spending": w("1.00"), "label": "甲"}}},
                                          {"projects": {"implemented": 1, "completed": 1}}), []),
    ("N10 listed differs", "N10", make_case({"t11": {"1": {"spending": w("1.00"), "label": "甲"}}},
                                            {"projects": {"implemented": 2}}), [(W, "实施项目 2 个")]),
    ("N10 completed > implemented", "N10", make_case({"t11": {"1": {"spending": w("1.00"), "label": "甲"}}},
                                                     {"projects": {"implemented": 1, "completed": 2}}), [(W, "完成项目 2 个")]),
    ("N10-cover part of the projects", "N10-cover",
     make_case({"t5": {"2010101": {"project": w("10.00")}}}, {"performance": {"gpb_amount": w("4.00"), "gpb_count": 2}}),
     [(INFO, "本年对 2 个项目开展绩效自评，涉及一般公共预算资金 4.00 万元，占一般公共预算项目支出的 40.00%")]),
    ("N10-cover more than the projects", "N10-cover",
     make_case({"t5": {"2010101": {"project": w("10.00")}}}, {"performance": {"gpb_amount": w("12.00")}}),
     [(W, "多出 2.00 万元")]),
    ("N10-cover not entered", "N10-cover", make_case({"t5": {"2010101": {"project": w("10.00")}}}), []),
    # -- X12, X-budget, X-prior ------------------------------------------------------------------
    ("X12 same", "X12", make_case({"t1": {"opening": {"amount": w("1.00")}}}, {"overall": {"prior_closing": w("1.00")}}), []),
    ("X12 differs", "X12", make_case({"t1": {"opening": {"amount": w("1.00")}}}, {"overall": {"prior_closing": w("2.00")}}),
     [(W, "相差 1.00 万元")]),
    ("X12 prior unknown", "X12", make_case({"t1": {"opening": {"amount": w("1.00")}}}), []),
    ("X-budget equal", "X-budget", make_case({"t5": {"2010101": {"budget": w("3.00")}}}, {"gpb": {"budget_total": w("3.00")}}), []),
    ("X-budget differs", "X-budget", make_case({"t5": {"2010101": {"budget": w("3.00")}}}, {"gpb": {"budget_total": w("4.00")}}),
     [(E, "相差 1.00 万元")]),
    ("X-prior adds up", "X-prior", make_case({}, {"overall": {
        "prior_total": w("3.00"), "prior_income": w("2.00"), "prior_nonfiscal": w("0.00"), "prior_opening": w("1.00"),
        "prior_expense": w("3.00"), "prior_distribution": w("0.00"), "prior_closing": w("0.00")}}), []),
    ("X-prior tail of typed figures", "X-prior", make_case({}, {"overall": {
        "prior_total": w("3.01"), "prior_income": w("2.00"), "prior_nonfiscal": w("0.00"), "prior_opening": w("1.00"),
        "prior_expense": w("3.01"), "prior_distribution": w("0.00"), "prior_closing": w("0.00")}}), [(INFO, "尾差")]),
    ("X-prior differs", "X-prior", make_case({}, {"overall": {
        "prior_total": w("4.00"), "prior_income": w("2.00"), "prior_nonfiscal": w("0.00"), "prior_opening": w("1.00"),
        "prior_expense": w("4.00"), "prior_distribution": w("0.00"), "prior_closing": w("0.00")}}), [(W, "相差 1.00 万元")]),
    ("X-prior a part unknown", "X-prior", make_case({}, {"overall": {"prior_total": w("4.00"), "prior_income": w("2.00")}}), []),
    # -- T-sub: typed subtotals -------------------------------------------------------------------
    ("T-sub agrees", "T-sub", make_case({"t7": {"302": {"amount": w("3.00")}, "30201": {"amount": w("1.00")},
                                                "30202": {"amount": w("2.00")}}}), []),
    ("T-sub tail", "T-sub", make_case({"t7": {"302": {"amount": w("3.01")}, "30201": {"amount": w("1.00")},
                                              "30202": {"amount": w("2.00")}}}), [(INFO, "尾差"), (INFO, "尾差")]),
    ("T-sub differs", "T-sub", make_case({"t7": {"302": {"amount": w("3.50")}, "30201": {"amount": w("1.00")},
                                                 "30202": {"amount": w("2.00")}}}), [(E, "相差 0.50 万元"), (E, "相差 0.50 万元")]),
    # -- inspectors' criteria: depth, unit kinds, dates, unknown bases, years, names, counts ----
    ("F-depth-func 项 level", "F-depth-func", make_case({"t3": {"2010101": {"basic": w("1.00")}}}), []),
    ("F-depth-func 款 only", "F-depth-func", make_case({"t3": {"20101": {"basic": w("1.00")}}}), [(W, "只列到款级")]),
    ("F-depth-func 类 with items is a subtotal", "F-depth-func",
     make_case({"t3": {"201": {"basic": w("1.00")}, "2010101": {"basic": w("1.00")}}}), []),
    ("F-depth-econ 款 level", "F-depth-econ", make_case({"t6": {"30101": {"amount": w("1.00")}}}), []),
    ("F-depth-econ 类 only", "F-depth-econ", make_case({"t6": {"301": {"amount": w("1.00")}}}), [(W, "只列到类级")]),
    ("U-kind given", "U-kind", make_case(kinds=("行政单位",)), []),
    ("U-kind missing", "U-kind", make_case(kinds=(" ",)), [(W, "没有填写单位性质")]),
    ("U-kind-codes 事业运行 with a 事业单位", "U-kind-codes",
     make_case({"t3": {"2013950": {"basic": w("1.00")}}}, kinds=("参照公务员法管理的事业单位",)), []),
    ("U-kind-codes 事业运行 without", "U-kind-codes",
     make_case({"t3": {"2013950": {"basic": w("1.00")}}}, kinds=("行政单位",)), [(W, "没有事业单位")]),
    ("U-kind-codes 行政运行 without", "U-kind-codes",
     make_case({"t3": {"2013901": {"basic": w("1.00")}}}, kinds=("公益一类事业单位",)), [(W, "没有行政单位")]),
    ("U-kind-codes no unit list", "U-kind-codes", make_case({"t3": {"2013950": {"basic": w("1.00")}}}), []),
    ("D-format readable", "D-format", make_case({}, {"unit": {"approval_date": "2023年8月15日", "publish_date": "2023-09-01"}}), []),
    ("D-format not a date", "D-format", make_case({}, {"unit": {"approval_date": "八月中旬"}}), [(W, "不是日期")]),
    ("D-publish on day 20", "D-publish", make_case({}, {"unit": {"approval_date": "2023-08-12", "publish_date": "2023-09-01"}}), []),
    ("D-publish on day 21", "D-publish", make_case({}, {"unit": {"approval_date": "2023-08-11", "publish_date": "2023-09-01"}}),
     [(W, "相隔 21 日")]),
    ("D-publish before approval", "D-publish", make_case({}, {"unit": {"approval_date": "2023-09-02", "publish_date": "2023-09-01"}}),
     [(W, "早于批复日期")]),
    ("F3 right year", "F3", make_case({}, {"overall": {"reason_budget": "截至2022年12月31日，人员 3 人。"}}), []),
    ("F3 wrong year", "F3", make_case({}, {"overall": {"reason_budget": "截至2021年12月31日，人员 3 人。"}}), [(W, "2021 年")]),
    ("F4 a name", "F4", make_case(), []),
    ("N8-count-only counted and spent", "N8-count-only",
     make_case({"t10": {"amounts": {"actual_abroad": w("1.00")}}}, {"three": {"groups": 1}}), []),
    ("N8-count-only counted, nothing spent", "N8-count-only", make_case({}, {"three": {"groups": 1}}), [(W, "团组数为 1")]),
    ("N8-count-only foreign batches without money", "N8-count-only", make_case({}, {"three": {"foreign_batches": 2}}),
     [(W, "外宾接待批次为 2")]),
    ("ALL-count whole", "ALL-count", make_case({"t12": {"veh_leader": {"amount": Decimal(2)}}}), []),
    ("ALL-count fraction", "ALL-count", make_case({"t12": {"veh_leader": {"amount": Decimal("1.5")}}}),
     [(E, "应为整数"), (E, "应为整数")]),
]  # fmt: skip


@pytest.mark.parametrize(("name", "rule", "case", "expected"), CASES, ids=[c[0] for c in CASES])
def test_rule_case(
    catalog: Catalog, name: str, rule: str, case: Case, expected: list[tuple[Severity, str]]
) -> None:
    issues = found(catalog, rule, case)
    assert [s for s, _ in issues] == [s for s, _ in expected], (name, issues)
    for (_, message), (_, words) in zip(issues, expected, strict=True):
        assert words in message, message


def test_every_severity_a_rule_reports_is_its_documented_one(catalog: Catalog) -> None:
    """A rule reports its documented severity, or 提示 for a rounding tail, never more."""
    seen: dict[str, set[Severity]] = {}
    for _, rule, case, _ in CASES:
        for severity, _ in found(catalog, rule, case):
            seen.setdefault(rule, set()).add(severity)
    for rule, severities in seen.items():
        assert severities <= {RULES[rule].severity, INFO}, rule
        if RULES[rule].severity is not INFO and rule != "N10-cover":
            assert RULES[rule].severity in severities, f"{rule}: no failing case"


def test_a_department_with_a_public_institution_has_no_false_alarm(catalog: Catalog) -> None:
    """事业单位 in the 部门, 机关运行经费 below 公用经费, partial 绩效自评, rounded 明细表: all correct."""
    case = make_case(
        {
            "t5": {**_many_items(), "2010101": {"basic": w("1.23"), "project": w("10.00")}},
            "t6": {"30101": {"amount": w("25.00")}, "30201": {"amount": w("8.24")}},
            "t12": {"running": {"amount": w("5.00")}},
        },
        {"performance": {"gpb_amount": w("6.00"), "gpb_count": 1}},
        kinds=("行政单位", "公益二类事业单位"),
    )
    issues = found(catalog, "X9", case) + found(catalog, "X9-office", case)
    issues += found(catalog, "X5", case) + found(catalog, "N10-cover", case)
    assert [s for s, _ in issues if s is not INFO] == []
    assert any("占一般公共预算项目支出的 60.00%" in m for _, m in issues)


# -- the tail function -------------------------------------------------------------------------
items_in_yuan = st.lists(
    st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
    min_size=1,
    max_size=40,
)


@given(items_in_yuan)
def test_the_published_sum_of_rounded_items_is_always_a_tail(items: list[Decimal]) -> None:
    """n items rounded to 0.01 万元 and their rounded total: n + 1 rounded terms."""
    published_total = to_wan(sum(items, Decimal(0)))
    published_parts = sum((to_wan(i) for i in items), Decimal(0))
    tail = (published_total - published_parts) * TEN_THOUSAND
    assert is_rounding_tail(tail, len(items) + 1)


@given(st.integers(min_value=1, max_value=200))
def test_a_tail_beyond_half_a_cent_per_term_never_is(n: int) -> None:
    # n × 0.005 万元 + 0.01 万元, in 元
    assert not is_rounding_tail(Decimal(50) * n + Decimal(100), n)
    assert not is_rounding_tail(-(Decimal(50) * n + Decimal(100)), n)


@pytest.mark.parametrize(
    ("difference", "terms", "tail"),
    [(Decimal(100), 2, True), (Decimal(101), 2, False), (Decimal(150), 3, True),
     (Decimal("150.01"), 3, False), (Decimal(0), 0, True), (Decimal(50), 0, True), (Decimal(51), 0, False)],
)  # fmt: skip
def test_tail_boundaries(difference: Decimal, terms: int, tail: bool) -> None:
    assert is_rounding_tail(difference, terms) is tail


def test_a_profile_with_other_ids_needs_no_code(catalog: Catalog) -> None:
    """Rename the 基本支出明细表 and its footers: their roles keep X5 working."""
    profile = catalog.profile("nmg-2022-unit")

    def rename(t: object) -> object:
        spec = t  # a TableSpec
        if getattr(spec, "role", "") != "gpb_basic":
            return spec
        footers = tuple(
            dataclasses.replace(f, id=f"f_{f.id}", role=f.id)
            for f in spec.footers  # type: ignore[attr-defined]  # t is a TableSpec (typed object to reach replace)
        )
        return dataclasses.replace(spec, id="jb", footers=footers)  # type: ignore[type-var]  # as above: a TableSpec

    sections = tuple(
        dataclasses.replace(s, tables=tuple(rename(t) for t in s.tables))  # type: ignore[misc]  # the renamed tables are TableSpecs
        for s in profile.sections
    )
    other = dataclasses.replace(profile, sections=sections)
    case = make_case({"t5": {"2010101": {"basic": w("3.00")}}})
    case = dataclasses.replace(
        case,
        tables={**case.tables, "jb": TableValues((TableRow("30101", "", {"amount": w("2.00")}),))},
    )
    issues = run_checks(Figures(case, other, catalog.codes), ("X5",))
    assert [(i.severity, i.location.table) for i in issues] == [(E, "jb")]
    assert "人员经费 2.00 万元" in issues[0].message


def test_a_rule_whose_needs_are_unmet_is_skipped_not_crashed(catalog: Catalog) -> None:
    profile = catalog.profile("nmg-2022-unit")
    sections = tuple(
        dataclasses.replace(
            s,
            tables=tuple(
                dataclasses.replace(t, role="") if t.role == "projects" else t for t in s.tables
            ),
        )
        for s in profile.sections
    )
    other = dataclasses.replace(profile, sections=sections)
    assert RULES["X10"].unmet(other) == ["《项目收入支出决算表》（role = “projects”）"]
    case = make_case({"t3": {"2010101": {"project": w("5.00")}}})
    assert run_checks(Figures(case, other, catalog.codes), ("X10",)) == []
    assert found(catalog, "X10", case) != []


def test_unknown_prior_gives_a_warning_and_no_comparison(catalog: Catalog) -> None:
    """An absent 上年数 is unknown: W-unknown asks for it; N-reason and F2 do not compare."""

    def running(case: Case, rule: str) -> list[tuple[Severity, str]]:
        figures = Figures(case, catalog.profile(case.profile_id), catalog.codes)
        return [
            (i.severity, i.message)
            for i in run_checks(figures, (rule,))
            if i.location.section == "running"
        ]

    unknown = make_case({"t12": {"running": {"amount": w("5.00")}}})
    assert [(s, m.startswith("“上年机构运行经费")) for s, m in running(unknown, "W-unknown")] == [
        (W, True)
    ]
    assert running(unknown, "F2") == []
    known = make_case(
        {"t12": {"running": {"amount": w("5.00")}}}, {"running": {"prior_running": w("0.00")}}
    )
    assert running(known, "W-unknown") == []
    assert [s for s, _ in running(known, "F2")] == [INFO]
    assert [s for s, _ in running(known, "N-reason")] == [E]  # a reason the text needs (#12)


def test_unknown_prior_asks_for_no_reason(catalog: Catalog) -> None:
    unknown = make_case({"t12": {"running": {"amount": w("5.00")}}})
    figures = Figures(unknown, catalog.profile(unknown.profile_id), catalog.codes)
    assert [i for i in run_checks(figures, ("N-reason",)) if i.location.section == "running"] == []
    text = "".join(i.text for i in section_preview(figures, "running") if isinstance(i, TextItem))
    assert text == "测试单位单位2022年度机构运行经费支出决算5.00万元。"  # no 增加…, no 变动原因
    assert [
        (s, "上年机构运行经费支出" in m)
        for s, m in found(catalog, "W-unknown", unknown)
        if "机构运行" in m
    ] == [(W, True)]


def test_unit_name_placeholder_is_a_warning(catalog: Catalog) -> None:
    case = dataclasses.replace(make_case(), unit=Unit("XX单位", 2022))
    assert [s for s, _ in found(catalog, "F4", case)] == [W]


def test_three_public_counts_must_each_be_given(catalog: Catalog) -> None:
    given = dict.fromkeys(("groups", "people", "cars_bought", "cars_held", "domestic_batches", "domestic_people", "foreign_batches", "foreign_people"), 0)  # fmt: skip
    assert found(catalog, "N8-items", make_case({}, {"three": given})) == []
    missing = {k: v for k, v in given.items() if k != "foreign_people"}
    # nothing spent on 外宾接待, so the text omits the clause: only N8-items asks for the 0
    assert [
        (s, "外宾接待人次" in m)
        for s, m in found(catalog, "N8-items", make_case({}, {"three": missing}))
    ] == [(W, True)]
    # spent: the text asks for it, so N-missing reports it and N8-items stays silent
    spent: dict[str, Value] = {**missing, "reception_foreign": w("0.10")}
    assert found(catalog, "N8-items", make_case({}, {"three": spent})) == []


@pytest.mark.parametrize(
    ("three", "field", "label"),
    [
        ({"reception_domestic": w("0.10"), "domestic_people": 3}, "domestic_batches", "国内公务接待批次"),
        ({"reception_foreign": w("0.10"), "foreign_batches": 1}, "foreign_people", "人次"),
        ({}, "cars_held", "公务用车保有量"),
    ],
)  # fmt: skip
def test_an_absent_count_is_reported_once(
    catalog: Catalog, three: dict[str, Value], field: str, label: str
) -> None:
    """A count the text asks for and not entered: N-missing's 错误 only, no N8 / N8-items echo."""
    case = make_case({"t10": {"amounts": {"actual_car_run": w("1.00")}}}, {"three": three})
    figures = Figures(case, catalog.profile(case.profile_id), catalog.codes)
    at_field = [
        (i.rule, i.severity)
        for i in run_checks(figures, ("N8", "N8-items", "N-missing"))
        if i.location.field == field
    ]
    assert at_field == [("N-missing", E)]
    message = next(
        i.message for i in run_checks(figures, ("N-missing",)) if i.location.field == field
    )
    assert label in message


def test_performance_list_rules(catalog: Catalog, sample_case: Case) -> None:
    first = sample_case.performance.projects[0]
    doubled = dataclasses.replace(
        sample_case,
        performance=dataclasses.replace(
            sample_case.performance, projects=(*sample_case.performance.projects, first)
        ),
    )
    assert found(catalog, "P-duplicate", sample_case) == []
    assert [s for s, _ in found(catalog, "P-duplicate", doubled)] == [W]
    blank = dataclasses.replace(
        first, indicators=(dataclasses.replace(first.indicators[0], actual=" "),)
    )
    one = dataclasses.replace(
        sample_case, performance=dataclasses.replace(sample_case.performance, projects=(blank,))
    )
    assert found(catalog, "P-indicator", sample_case) == []
    assert [s for s, _ in found(catalog, "P-indicator", one)] == [W]
    counted = dataclasses.replace(
        sample_case,
        fields={
            **sample_case.fields,
            "performance": {**sample_case.fields["performance"], "gpb_count": 1, "fund_count": 0},
        },
    )
    assert found(catalog, "P-count", sample_case) == []
    assert [s for s, _ in found(catalog, "P-count", counted)] == [W]


def _profile_without(catalog: Catalog, section_id: str, *, blocks_only: bool = False) -> object:
    profile = catalog.profile("nmg-2022-unit")
    if blocks_only:  # the section stays but says nothing
        sections = tuple(
            dataclasses.replace(s, blocks=()) if s.id == section_id else s for s in profile.sections
        )
    else:
        sections = tuple(s for s in profile.sections if s.id != section_id)
    return dataclasses.replace(profile, sections=sections)


@pytest.mark.parametrize(
    ("rule_id", "section_id", "words"),
    [("S-running", "running", "机关（机构）运行经费支出的说明"),
     ("S-assets", "assets", "国有资产占用情况的说明")],
)  # fmt: skip
def test_statements_of_running_costs_and_assets(
    catalog: Catalog, rule_id: str, section_id: str, words: str
) -> None:
    case = make_case({"t12": {"running": {"amount": w("5.00")}, "veh_total": {"amount": 1}}})

    def run(profile: object) -> list[tuple[Severity, str]]:
        figures = Figures(case, profile, catalog.codes)  # type: ignore[arg-type]
        return [(i.severity, i.message) for i in run_checks(figures, (rule_id,))]

    assert run(catalog.profile("nmg-2022-unit")) == []  # the profile's section says it
    for profile in (
        _profile_without(catalog, section_id),  # no such section at all
        _profile_without(catalog, section_id, blocks_only=True),  # a section that says nothing
    ):
        assert [(s, words in m) for s, m in run(profile)] == [(W, True)]


_T1: Rows = {"opening": {"amount": w("100.00")}}  # 年初结转和结余 100.00: 收入总计 100.00


@pytest.mark.parametrize(
    ("approved", "expected"),
    [
        ({}, []),  # not entered: nothing to compare with
        ({"approved_total": w("100.00")}, []),
        ({"approved_total": w("100.01")}, [(INFO, "批复的收入、支出总计")]),  # a 尾差
        ({"approved_total": w("100.50")}, [(E, "批复的收入、支出总计")]),
        ({"approved_fiscal": w("3.00")}, [(E, "批复的财政拨款收入、支出总计")]),
    ],
)
def test_published_figures_match_the_approval(
    catalog: Catalog, approved: dict[str, Value], expected: list[tuple[Severity, str]]
) -> None:
    case = make_case({"t1": _T1}, {"unit": approved})
    got = found(catalog, "X-approved", case)
    assert [(s, words) for s, m in got for _, words in expected if words in m] == expected
    assert len(got) == len(expected)


def _project(name: str, total: str) -> PerfProject:
    """A 自评表 whose 总分 is `total`: funds 10 of 10 (all executed) + one indicator."""
    line = FundLine(w("1.00"), w("1.00"), w("1.00"))
    nothing = FundLine(Decimal(0), Decimal(0), Decimal(0))
    score = Decimal(total) - 10
    indicator = Indicator("产出指标", "数量指标", "培训人次", "≥", "正向", "100", "100", "人次",
                          Decimal(90), score)  # fmt: skip
    return PerfProject(name, "本单位", "本单位", line, nothing, nothing, Decimal(10),
                       "目标", "完成", "完成", "无", "无", (indicator,))  # fmt: skip


def _perf_case(totals: tuple[str, ...], entered: Mapping[str, Value]) -> Case:
    case = make_case({}, {"performance": entered})
    projects = tuple(_project(f"项目{n}", t) for n, t in enumerate(totals, 1))
    return dataclasses.replace(case, performance=Performance(projects=projects))


@pytest.mark.parametrize(
    ("totals", "entered", "expected"),
    [
        ((), {"gpb_count": 2}, []),  # no average entered
        (("95", "85"), {"gpb_count": 2, "average_score": "90"}, []),  # (95 + 85) / 2
        (
            ("95", "85"),
            {"gpb_count": 2, "average_score": "90.01"},
            [(E, "总分之和 180 ÷ 2 = 90。")],
        ),
        (("95", "85"), {"gpb_count": 2, "average_score": "九十"}, [(W, "不是分值")]),
        # only one of three self-evaluated projects has its table: its score is not the average
        (("95",), {"gpb_count": 3, "average_score": "80"}, []),
        ((), {"gpb_count": 3, "average_score": "80"}, []),  # entered directly, no tables
    ],
)
def test_average_score_is_the_mean_of_the_tables(
    catalog: Catalog,
    totals: tuple[str, ...],
    entered: Mapping[str, Value],
    expected: list[tuple[Severity, str]],
) -> None:
    got = found(catalog, "P-average", _perf_case(totals, entered))
    assert [(s, words in m) for (s, m), (_, words) in zip(got, expected, strict=False)] == [
        (s, True) for s, _ in expected
    ]
    assert len(got) == len(expected)


ALL_RATED = {"rated_excellent": 1, "rated_good": 1, "rated_pass": 1, "rated_fail": 1}


@pytest.mark.parametrize(
    ("totals", "entered", "expected"),
    [
        (("95", "85", "70", "50"), {"gpb_count": 4}, []),  # no ratings entered
        (("90", "80", "60", "59.99"), {"gpb_count": 4, **ALL_RATED}, []),  # the boundaries
        (("89.99", "80", "60", "50"), {"gpb_count": 4, **ALL_RATED}, [(W, "优 0 个、良 2 个")]),
        ((), {"gpb_count": 5, **ALL_RATED}, [(W, "合计 4 个")]),  # counts ≠ projects
        ((), {"gpb_count": 4, **ALL_RATED}, []),  # entered directly, no tables
    ],
)
def test_ratings_add_up_and_follow_the_scores(
    catalog: Catalog,
    totals: tuple[str, ...],
    entered: Mapping[str, Value],
    expected: list[tuple[Severity, str]],
) -> None:
    got = found(catalog, "P-ratings", _perf_case(totals, entered))
    assert [(s, words in m) for (s, m), (_, words) in zip(got, expected, strict=False)] == [
        (s, True) for s, _ in expected
    ]
    assert len(got) == len(expected)


@pytest.mark.parametrize(
    ("compare_with", "expected"),
    [("budget", []), ("full_budget", [(E, "较全年预算 12.00 万元减少2.00万元")])],
)
def test_items_compare_with_the_budget_the_profile_names(
    catalog: Catalog, compare_with: str, expected: list[tuple[Severity, str]]
) -> None:
    """年初预算 10.00, 全年预算 12.00, 决算 10.00: a 差异原因 is asked for only against 全年预算."""
    case = make_case(
        {"t5": {"2010101": {"basic": w("10.00"), "budget": w("10.00"), "full_budget": w("12.00")}}}
    )
    profile = catalog.profile("nmg-2022-unit")
    sections = tuple(
        dataclasses.replace(s, params={**s.params, "budget": compare_with})
        if s.facts == "budget_classes"
        else s
        for s in profile.sections
    )
    figures = Figures(case, dataclasses.replace(profile, sections=sections), catalog.codes)
    got = [(i.severity, i.message) for i in run_checks(figures, ("N5-reason",))]
    assert [(s, words in m) for (s, m), (_, words) in zip(got, expected, strict=False)] == [
        (s, True) for s, _ in expected
    ]
    assert len(got) == len(expected)


@pytest.mark.parametrize(
    ("entered", "expected"),
    [
        ({}, []),  # nothing entered about the reservation
        ({"sme_reserved_awarded": w("6.00"), "sme_other_awarded": w("4.00")}, []),
        ({"sme_reserved_awarded": w("6.00"), "sme_other_awarded": w("3.00")},
         [(E, "相差 1.00 万元")]),
        ({"sme_reserved_budget": w("6.00"), "sme_reserved_awarded": w("6.00")}, []),  # the boundary
        ({"sme_reserved_budget": w("5.00"), "sme_reserved_awarded": w("6.00")},
         [(W, "超出 1.00 万元")]),
    ],
)  # fmt: skip
def test_reserved_procurement_for_small_firms(
    catalog: Catalog, entered: Mapping[str, Value], expected: list[tuple[Severity, str]]
) -> None:
    t12: Rows = {"proc_total": {"amount": w("20.00")}, "sme_total": {"amount": w("10.00")}}
    got = found(catalog, "T12-reserve", make_case({"t12": t12}, {"procurement": entered}))
    assert [(s, words in m) for (s, m), (_, words) in zip(got, expected, strict=False)] == [
        (s, True) for s, _ in expected
    ]
    assert len(got) == len(expected)

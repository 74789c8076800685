"""Every registered rule: the sample passes it, an edited sample breaks it.

Each case asserts the rule id, the severity, the location the UI jumps to and the figures in
the message.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from desktop.core.calc import Figures
from desktop.core.checks import missing_reasons, run_checks
from desktop.core.issues import Issue, Location, Severity
from desktop.core.model import Case
from desktop.core.narrative.document import build_document
from desktop.core.rules import RULES
from tests.core.case_edits import (
    drop_field,
    drop_row,
    edit_indicator,
    edit_project,
    project,
    set_cell,
    set_field,
    set_label,
)

if TYPE_CHECKING:
    from desktop.sections.catalog import Catalog

D = Decimal
E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
Edit = Callable[[Case], Case]


def t(table: str, row: str = "", column: str = "") -> Location:
    return Location(section=f"table_{table}", table=table, row=row, column=column)


def fld(section: str, field: str) -> Location:
    return Location(section=section, field=field)


def perf(n: int) -> Location:
    return Location(section="performance", table=f"perf_project:{n}")


def _rescue_lost_points(case: Case) -> Case:
    p = project(case, "三救工作经费")
    return edit_project(case, p.name, indicators=edit_indicator(p, "加强救灾备灾工作", score=D(3)))


def _rescue_weights_as_published(case: Case) -> Case:
    p = project(case, "三救工作经费")
    ind = edit_indicator(p, "开展救护员、专题性培训", weight=D(15))
    p = dataclasses.replace(p, indicators=ind)
    return edit_project(
        case, p.name, indicators=edit_indicator(p, "加强救灾备灾工作", weight=D(10))
    )


CASES: list[tuple[str, Edit, Severity, Location, tuple[str, ...]]] = [
    ("T1-d", lambda c: set_cell(c, "t1", "closing", "amount", D("100000.00")), E,
     t("t1", "expense_grand", "amount"), ("收入总计 788.54 万元", "支出总计 798.54 万元", "相差 10.00 万元")),
    ("T1-e", lambda c: set_cell(c, "t3", "2309999", "basic", D("10000.00"), "测试支出"), E,
     t("t3", "230", "total"), ("1.00 万元", "收入支出决算总表没有这一类")),
    ("T4-b", lambda c: set_cell(c, "t4", "closing", "gpb", D("10000.00")), E,
     t("t4", "closing", "gpb"), ("788.54 万元", "年末结转和结余 1.00 万元", "相差 1.00 万元")),
    ("T12-a", lambda c: set_cell(c, "t12", "sme_small", "amount", D("10000.00")), E,
     t("t12", "sme_small", "amount"), ("授予小微企业合同金额 1.00 万元", "授予中小企业合同金额 0.00 万元")),
    ("T-sub", lambda c: set_cell(c, "t7", "302", "amount", D("4720000.00")), E,
     t("t7", "302", "amount"), ("472.00 万元", "= 472.98 万元", "相差 0.98 万元")),
    ("ALL-neg", lambda c: set_cell(c, "t12", "proc_goods", "amount", D("-100.00")), E,
     t("t12", "proc_goods", "amount"), ("-0.01 万元", "为负数")),
    ("ALL-tail", lambda c: c, INFO, t("t6", "*", "amount"), ("232.64 万元", "232.65 万元", "相差 0.01 万元", "尾差")),
    ("X3", lambda c: set_cell(c, "t4", "inc_gpb", "amount", D("7895380.00")), E,
     t("t4", "inc_gpb", "amount"), ("789.54 万元", "788.54 万元", "相差 1.00 万元")),
    ("X5", lambda c: set_cell(c, "t6", "30101", "amount", D("558450.00")), E,
     t("t6", "*", "amount"), ("基本支出 232.64 万元", "人员经费 202.47 万元", "= 233.64 万元", "相差 1.00 万元")),
    ("X6", lambda c: set_cell(c, "t5", "2101101", "basic", D("102100.00")), E,
     t("t5", "2101101", "basic"), ("10.21 万元", "9.21 万元", "多出 1.00 万元")),
    ("X7", lambda c: set_cell(c, "t4", "opening_gpb", "amount", D("10000.00")), E,
     t("t1", "opening", "amount"), ("0.00 万元", "1.00 万元")),
    ("X8", lambda c: set_cell(c, "t6", "30217", "amount", D("1000.00")), E,
     t("t10", "amounts", "actual_reception"), ("0.10 万元", "0.06 万元", "多出 0.04 万元")),
    ("X9-office", lambda c: set_cell(c, "t12", "running", "amount", D("300000.00")), W,
     t("t12", "running", "amount"), ("30.00 万元", "31.18 万元", "相差 1.18 万元", "参照公务员法")),
    ("X9", lambda c: set_cell(c, "t12", "running", "amount", D("320000.00")), E,
     t("t12", "running", "amount"), ("32.00 万元", "31.18 万元", "相差 0.83 万元")),
    ("X5-other", lambda c: set_cell(c, "t6", "31201", "amount", D("10000.00"), "资本金注入"), E,
     t("t6", "*", "amount"), ("1.00 万元", "既不属于人员经费")),
    ("X5-project", lambda c: set_cell(c, "t7", "30201", "amount", D("120400.00")), E,
     t("t7", "*", "amount"), ("项目支出 555.90 万元", "相差 1.01 万元")),
    ("X8-equal", lambda c: set_cell(c, "t6", "30217", "amount", D("0.00")), W,
     t("t10", "amounts", "actual_reception"), ("0.06 万元", "相差 0.06 万元")),
    ("T12-sme", lambda c: set_cell(c, "t12", "sme_goods", "amount", D("10000.00")), E,
     t("t12", "sme_total", "amount"), ("三类授予中小企业合同金额之和",)),
    ("X10", lambda c: drop_row(c, "t11", "12"), E,
     t("t11", "*", "spending"), ("505.88 万元", "555.90 万元", "相差 50.02 万元")),
    ("X12", lambda c: set_field(c, "overall", "prior_closing", D("10000.00")), W,
     t("t1", "opening", "amount"), ("0.00 万元", "1.00 万元")),
    ("X-budget", lambda c: drop_row(c, "t5", "2080506"), E,
     fld("gpb", "budget_total"), ("672.87 万元", "659.86 万元", "相差 13.01 万元")),
    ("X-prior", lambda c: set_field(c, "overall", "prior_income", D("4000000.00")), W,
     fld("overall", "prior_total"), ("541.24 万元", "= 538.04 万元", "相差 3.20 万元")),
    ("N-reason", lambda c: set_field(c, "overall", "reason_income", ""), E,
     fld("overall", "reason_income"), ("本年收入与上年相比", "增加385.34万元，增长95.57%")),
    ("N5-reason", lambda c: set_cell(c, "t5", "2081601", "reason", ""), E,
     t("t5", "2081601", "reason"), ("206.69 万元", "156.53 万元", "增加50.16万元")),
    ("N-missing", lambda c: drop_field(c, "projects", "planned"), E,
     fld("projects", "planned"), ("预算安排项目",)),
    ("F2", lambda c: set_field(c, "running", "prior_running", D("0.00")), INFO,
     fld("running", "reason_prior"), ("基数为 0", "31.18 万元")),
    ("F-share", lambda c: set_field(c, "performance", "gpb_amount", D("6000000.00")), E,
     fld("performance", "gpb_amount"), ("600.00 万元", "555.90 万元", "107.93%", "超过 100%")),
    ("F-required", lambda c: set_field(c, "contact", "person", " "), W, fld("contact", "person"), ("联系人",)),
    ("F6", lambda c: set_field(c, "overall", "reason_budget", "人员增加（减少）XX人"), W,
     fld("overall", "reason_budget"), ("增加（减少）",)),
    ("F1", lambda c: set_field(c, "overall", "reason_budget", "退休费6.86元"), INFO,
     fld("overall", "reason_budget"), ("6.86元",)),
    ("F9", lambda c: set_field(c, "overall", "reason_budget", "人员增加:调入2人。。"), INFO,
     fld("overall", "reason_budget"), ("半角标点“:”",)),
    ("F7", lambda c: set_label(c, "t5", "2101101", "医疗保险"), W,
     t("t5", "2101101"), ("医疗保险", "行政单位医疗")),
    ("N8", lambda c: set_field(c, "three", "cars_held", 0), W,
     fld("three", "cars_held"), ("公务用车运行维护费支出", "公务用车保有量为 0")),
    ("N8-split", lambda c: set_field(c, "three", "reception_domestic", D("300.00")), E,
     fld("three", "reception_domestic"), ("0.06 万元", "0.03 万元", "相差 0.03 万元")),
    ("N13", lambda c: set_field(c, "three", "cars_held", 2), W, fld("three", "cars_held"), ("2 辆", "1 辆")),
    ("N10", lambda c: set_field(c, "projects", "implemented", 11), W,
     fld("projects", "implemented"), ("11 个", "12 个")),
    ("N10-cover", lambda c: set_field(c, "performance", "gpb_amount", D("6000000.00")), W,
     fld("performance", "gpb_amount"), ("600.00 万元", "555.90 万元", "多出 44.10 万元")),
    ("P-weight", _rescue_weights_as_published, E, perf(3), ("三救工作经费", "110", "应为 100", "相差 10")),
    ("P-score", lambda c: edit_project(c, "数字红会建设费", indicators=edit_indicator(
        project(c, "数字红会建设费"), "数字红会平台建设", score=D(16))), E, perf(2), ("16", "15")),
    ("P-total", lambda c: edit_project(c, "数字红会建设费", indicators=edit_indicator(
        project(c, "数字红会建设费"), "数字红会平台建设", score=D(16))), E, perf(2), ("数字红会建设费", "101")),
    ("P-rate", lambda c: edit_project(c, "三献工作经费", fiscal=dataclasses.replace(
        project(c, "三献工作经费").fiscal, executed=D("210000.00"))), W, perf(4), ("21.00 万元", "20.00 万元")),
    ("P-deviation", _rescue_lost_points, INFO, perf(3), ("加强救灾备灾工作", "3 分", "分值 5")),
    ("P-year", lambda c: edit_project(c, "三救工作经费", indicators=edit_indicator(
        project(c, "三救工作经费"), "应急救护培训完成时间", target="2021年1月-12月")), W, perf(3), ("2021 年", "2022 年")),
    ("P-project", lambda c: edit_project(c, "三献工作经费", name="三献经费"), W, perf(4), ("三献经费",)),
]  # fmt: skip

SAMPLE_INFO = {"ALL-tail": 3, "X5": 1, "X5-project": 1, "N10-cover": 1}


def check(case: Case, catalog: Catalog, rule_id: str) -> list[Issue]:
    figures = Figures(case, catalog.profile(case.profile_id), catalog.codes)
    return run_checks(figures, (rule_id,))


def test_every_rule_the_profile_uses_is_tested(catalog: Catalog) -> None:
    from tests.core.test_rule_cases import CASES as SMALL_CASES

    tested = {c[0] for c in CASES} | {c[1] for c in SMALL_CASES}
    tested |= {"X11", "T12-proc", "F4", "N8-items", "P-duplicate", "P-indicator", "P-count"}
    # test_rule_cases.py: test_unknown_prior_…, test_statements_…, test_published_figures_match_…,
    # test_average_score_…, test_ratings_…
    tested |= {"W-unknown", "S-running", "S-assets", "X-approved", "P-average", "P-ratings"}
    tested |= {"T12-reserve"}  # test_rule_cases.py::test_reserved_procurement_for_small_firms
    assert set(catalog.profile("nmg-2022-unit").rules) <= tested | {"X-budget"}
    assert set(RULES) <= tested


@pytest.mark.parametrize(
    ("rule_id", "edit", "severity", "where", "figures"), CASES, ids=[c[0] for c in CASES]
)
def test_rule(
    sample_case: Case, catalog: Catalog, rule_id: str, edit: Edit, severity: Severity,
    where: Location, figures: tuple[str, ...],
) -> None:  # fmt: skip
    passing = check(sample_case, catalog, rule_id)
    assert len(passing) == SAMPLE_INFO.get(rule_id, 0)
    assert all(i.severity is Severity.INFO for i in passing)
    found = [i for i in check(edit(sample_case), catalog, rule_id) if i.location == where]
    assert found, f"{rule_id} found nothing at {where}"
    issue = found[0]
    assert issue.rule == rule_id
    assert issue.severity is severity
    for text in figures:
        assert text in issue.message, issue.message


def test_empty_table_without_a_note_is_reported(sample_case: Case, catalog: Catalog) -> None:
    profile = catalog.profile("nmg-2022-unit")
    assert run_checks(Figures(sample_case, profile, catalog.codes), ("X11",)) == []
    sections = tuple(
        dataclasses.replace(s, tables=tuple(dataclasses.replace(tb, empty_note="") for tb in s.tables))
        if s.id == "table_t9" else s
        for s in profile.sections
    )  # fmt: skip
    broken = dataclasses.replace(profile, sections=sections)
    issues = run_checks(Figures(sample_case, broken, catalog.codes), ("X11",))
    assert [(i.rule, i.severity, i.location) for i in issues] == [("X11", W, t("t9"))]
    assert "国有资本经营预算财政拨款支出决算表" in issues[0].message


def test_sample_has_no_errors_or_warnings(figures: Figures) -> None:
    issues = run_checks(figures)
    assert [i for i in issues if i.severity is not Severity.INFO] == []
    assert sorted((i.rule, i.location.table, i.location.row) for i in issues) == [
        ("ALL-tail", "t6", "*"), ("ALL-tail", "t7", "*"), ("ALL-tail", "t7", "302"),
        ("N10-cover", "", ""), ("X5", "t6", "*"), ("X5-project", "t7", "*"),
    ]  # fmt: skip


def test_missing_reasons_query(sample_case: Case, catalog: Catalog) -> None:
    case = set_field(sample_case, "three", "reason_run", "")  # 2.64 → 5.00 万元: required
    case = set_cell(case, "t5", "2080506", "reason", "")  # 13.01 → 0.00 万元: required
    case = set_cell(case, "t5", "2089999", "reason", "")  # 1.32 → 1.25 万元 (-5 %): optional
    case = drop_field(case, "three", "cars_held")  # 公务用车运行维护费 5.00 万元: required
    figures = Figures(case, catalog.profile(case.profile_id), catalog.codes)
    found = [(i.rule, i.severity, i.location) for i in missing_reasons(figures)]
    assert sorted(found, key=str) == sorted([
        ("N-reason", E, fld("three", "reason_run")),
        ("N-missing", E, fld("three", "cars_held")),
        ("N5-reason", E, t("t5", "2080506", "reason")),
    ], key=str)  # fmt: skip
    # The same list the 草稿 marks: every gap of the document, and only those.
    gaps = {g.location for g in build_document(figures).gaps}
    assert gaps == {where for _, _, where in found}


def test_a_crashing_rule_is_reported_not_raised(
    sample_case: Case, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(_: object) -> list[Issue]:
        raise ZeroDivisionError("x")

    monkeypatch.setitem(RULES, "X9", dataclasses.replace(RULES["X9"], fn=boom))
    issues = check(sample_case, catalog, "X9")
    assert [(i.rule, i.severity) for i in issues] == [("X9", E)]
    assert "无法完成" in issues[0].message

"""Cross-table rules (DOMAIN.md §3.2): figures that appear in two tables must agree."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from desktop.core.issues import Issue, Severity
from desktop.core.money import ZERO
from desktop.core.rules.compare import compare_equal, compare_sum, wan
from desktop.core.rules.helpers import amount, cell_at, field_at, has_table, row_label
from desktop.core.rules.registry import CheckContext, rule


@rule(
    "X3", Severity.ERROR, "财政拨款收入：财政拨款收支总表本年收入合计 = 收入决算表财政拨款收入合计"
)
def x3_fiscal_income(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    if not (has_table(f, "t4") and has_table(f, "t2")):
        return []
    return compare_equal(
        "X3",
        ("财政拨款收入支出决算总表 本年收入合计", f.grid("t4").amount("inc_total", "amount")),
        ("收入决算表 财政拨款收入合计", f.grid("t2").amount("*", "fiscal")),
        cell_at(f, "t4", "inc_gpb", "amount"),
        "两表的财政拨款收入应一致，请核对财政拨款收入支出决算总表的收入或收入决算表的财政拨款收入列。",
    )


@rule(
    "X5",
    Severity.ERROR,
    "基本支出、项目支出：一般公共预算财政拨款支出决算表 = 基本支出明细表、项目支出明细表合计",
)
def x5_basic_project(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    out: list[Issue] = []
    if has_table(f, "t5") and has_table(f, "t6"):
        t6 = f.grid("t6")
        out += compare_sum(
            "X5",
            ("基本支出", f.grid("t5").amount("*", "basic")),
            [
                ("人员经费", t6.amount("personnel", "amount")),
                ("公用经费", t6.amount("public", "amount")),
            ],
            cell_at(f, "t6", "*", "amount"),
            "一般公共预算财政拨款支出决算表的基本支出应等于基本支出决算明细表的人员经费与公用经费之和，"
            "请核对明细表的经济分类金额。",
        )
        other = (
            t6.amount("*", "amount")
            - t6.amount("personnel", "amount")
            - t6.amount("public", "amount")
        )
        if other != 0:
            out.append(
                Issue(
                    Severity.ERROR,
                    "X5",
                    f"基本支出决算明细表中有 {wan(other)} 既不属于人员经费也不属于公用经费，请核对经济分类科目。",
                    cell_at(f, "t6", "*", "amount"),
                )
            )
    if has_table(f, "t5") and has_table(f, "t7"):
        t7 = f.grid("t7")
        classes = [(row_label(r), r.amount("amount")) for r in t7.data_rows() if r.level == "类"]
        out += compare_sum(
            "X5",
            ("项目支出", f.grid("t5").amount("*", "project")),
            classes or [("项目支出决算明细表合计", t7.amount("*", "amount"))],
            cell_at(f, "t7", "*", "amount"),
            "一般公共预算财政拨款支出决算表的项目支出应等于项目支出决算明细表各类之和，请核对明细表的经济分类金额。",
        )
    return out


@rule("X6", Severity.ERROR, "同一科目：支出决算表（全部资金）≥ 一般公共预算财政拨款支出决算表")
def x6_all_funds_cover_gpb(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    if not (has_table(f, "t3") and has_table(f, "t5")):
        return []
    t3, t5 = f.grid("t3"), f.grid("t5")
    out = []
    for row in t5.sides[0].rows:
        if row.level != "项":
            continue
        for column, name in (("basic", "基本支出"), ("project", "项目支出")):
            gpb = row.amount(column)
            total = t3.amount(row.key, column)
            if gpb > total:
                out.append(
                    Issue(
                        Severity.ERROR,
                        "X6",
                        f"{row_label(row)}：一般公共预算财政拨款{name} {wan(gpb)} 大于支出决算表中该科目全部资金的{name} "
                        f"{wan(total)}，多出 {wan(gpb - total)}。支出决算表包含所有资金来源，不应小于财政拨款部分，请核对两表。",
                        cell_at(f, "t5", row.key, column),
                    )
                )
    return out


@rule("X7", Severity.ERROR, "结转和结余：收入支出决算总表 ≥ 财政拨款收入支出决算总表")
def x7_carry_over(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    if not (has_table(f, "t1") and has_table(f, "t4")):
        return []
    out = []
    pairs = (
        (
            "opening",
            "年初结转和结余",
            f.grid("t4").amount("opening", "amount"),
            "年初财政拨款结转和结余",
        ),
        (
            "closing",
            "年末结转和结余",
            f.grid("t4").amount("closing", "total"),
            "年末财政拨款结转和结余",
        ),
    )
    for key, name, fiscal, fiscal_name in pairs:
        total = f.grid("t1").amount(key, "amount")
        if fiscal > total:
            out.append(
                Issue(
                    Severity.ERROR,
                    "X7",
                    f"收入支出决算总表{name} {wan(total)} 小于财政拨款收入支出决算总表{fiscal_name} {wan(fiscal)}，"
                    f"相差 {wan(fiscal - total)}。全部资金的结转和结余包含财政拨款部分，请核对。",
                    cell_at(f, "t1", key, "amount"),
                )
            )
    return out


ECON_ITEMS = (
    ("30212", "因公出国（境）费用", "actual_abroad", "因公出国（境）费"),
    ("30231", "公务用车运行维护费", "actual_car_run", "公务用车运行维护费"),
    ("31013", "公务用车购置", "actual_car_purchase", "公务用车购置费"),
    ("30217", "公务接待费", "actual_reception", "公务接待费"),
)


@rule(
    "X8", Severity.ERROR, "“三公”经费：基本支出和项目支出明细表中的对应经济分类 ≤ “三公”经费决算数"
)
def x8_three_public(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    if not has_table(f, "t10"):
        return []
    out = []
    only_gpb = amount(f, "t2:*:total") == amount(f, "t2:*:fiscal") and amount(f, "t8:*:spend") == 0
    for code, econ_name, column, name in ECON_ITEMS:
        econ = amount(f, f"t6:{code}:amount") + amount(f, f"t7:{code}:amount")
        three = f.grid("t10").amount("amounts", column)
        where = cell_at(f, "t10", "amounts", column)
        if econ > three:
            out.append(
                Issue(
                    Severity.ERROR,
                    "X8",
                    f"基本支出和项目支出明细表中的“{econ_name}”{wan(econ)} 大于“三公”经费{name}决算数 {wan(three)}，"
                    f"多出 {wan(econ - three)}。请核对“三公”经费表或经济分类明细。",
                    where,
                )
            )
        elif econ < three and only_gpb:
            out.append(
                Issue(
                    Severity.WARNING,
                    "X8",
                    f"“三公”经费{name}决算数 {wan(three)}，而基本支出和项目支出明细表中的“{econ_name}”合计 {wan(econ)}，"
                    f"相差 {wan(three - econ)}。本单位只有一般公共预算财政拨款，两者通常相等，请核对。",
                    where,
                )
            )
    return out


@rule("X9", Severity.WARNING, "机构运行经费 = 基本支出明细表公用经费合计（行政、参公单位）")
def x9_running_costs(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    if not (has_table(f, "t12") and has_table(f, "t6")):
        return []
    running = f.grid("t12").amount("running", "amount")
    public = f.grid("t6").amount("public", "amount")
    found = compare_equal(
        "X9",
        ("机构运行经费", running),
        ("基本支出明细表公用经费合计", public),
        cell_at(f, "t12", "running", "amount"),
        "机构运行经费是公用经费的一部分，不应更多，请核对。"
        if running > public
        else "行政单位和参照公务员法管理的事业单位两者应相等；其他事业单位请确认。",
    )
    if running < public:
        return [
            dataclasses.replace(i, severity=Severity.WARNING) if i.severity is Severity.ERROR else i
            for i in found
        ]
    return found


@rule("X10", Severity.ERROR, "项目收入支出决算表本年支出合计 = 支出决算表项目支出合计")
def x10_projects(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    if not (has_table(f, "t11") and has_table(f, "t3")):
        return []
    return compare_equal(
        "X10",
        ("项目收入支出决算表 本年支出合计", f.grid("t11").amount("*", "spending")),
        ("支出决算表 项目支出合计", f.grid("t3").amount("*", "project")),
        cell_at(f, "t11", "*", "spending"),
        "各项目的本年支出之和应等于项目支出总额，请核对是否漏填项目或金额有误。",
    )


@rule("X11", Severity.WARNING, "空表：没有数据的公开表必须附空表说明")
def x11_empty_tables(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    out = []
    for section in f.profile.sections:
        if section.part != "tables":
            continue
        for spec in section.tables:
            if f.grid(spec.id).is_empty and not spec.empty_note:
                out.append(
                    Issue(
                        Severity.WARNING,
                        "X11",
                        f"《{spec.title}》还没有数据。公开时空表须注明原因，而本模板没有为这张表"
                        "准备空表说明：请填写本表；如本单位确实没有这类收支，请联系模板维护人员补充说明。",
                        cell_at(f, spec.id),
                    )
                )
    return out


@rule("X12", Severity.WARNING, "年初结转和结余 = 上年年末结转和结余")
def x12_year_over_year(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    prior = f.case.value("overall", "prior_closing")
    if not has_table(f, "t1") or not isinstance(prior, Decimal):
        return []
    opening = f.grid("t1").amount("opening", "amount")
    if opening == prior:
        return []
    return [
        Issue(
            Severity.WARNING,
            "X12",
            f"本年年初结转和结余 {wan(opening)} 与上年年末结转和结余 {wan(prior)} 不等，相差 {wan(abs(opening - prior))}。"
            "如有调整，请在说明中写明原因。",
            cell_at(f, "t1", "opening", "amount"),
        )
    ]


@rule("X-budget", Severity.ERROR, "一般公共预算年初预算：批复总额 = 各项年初预算之和")
def budget_total(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    section = ctx.section.id if ctx.section else "gpb"
    typed = f.case.value(section, "budget_total")
    if not isinstance(typed, Decimal) or not has_table(f, "t5"):
        return []
    return compare_equal(
        "X-budget",
        ("一般公共预算财政拨款年初预算（批复数）", typed),
        ("一般公共预算财政拨款支出决算表各项年初预算之和", f.grid("t5").amount("*", "budget")),
        field_at(section, "budget_total"),
        "说明中的年初预算按各项之和生成，请补齐或更正各项的年初预算数。",
    )


@rule(
    "X-prior",
    Severity.WARNING,
    "上年决算数：收入总计 = 本年收入 + 使用非财政拨款结余 + 年初结转和结余，支出同理",
)
def prior_year_totals(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures

    def value(name: str) -> Decimal:
        v = f.case.value("overall", name)
        return v if isinstance(v, Decimal) else ZERO

    total = f.case.value("overall", "prior_total")
    if not isinstance(total, Decimal):
        return []
    out = []
    for side, names in (
        (
            "收入",
            (
                ("本年收入", "prior_income"),
                ("使用非财政拨款结余", "prior_nonfiscal"),
                ("年初结转和结余", "prior_opening"),
            ),
        ),
        (
            "支出",
            (
                ("本年支出", "prior_expense"),
                ("结余分配", "prior_distribution"),
                ("年末结转和结余", "prior_closing"),
            ),
        ),
    ):
        parts = [(f"上年{label}", value(key)) for label, key in names]
        exact = sum((v for _, v in parts), ZERO)
        if exact != total:
            formula = " + ".join(f"{label} {wan(v)}" for label, v in parts)
            out.append(
                Issue(
                    Severity.WARNING,
                    "X-prior",
                    f"上年决算{side}总计 {wan(total)} ≠ {formula} = {wan(exact)}，相差 {wan(abs(total - exact))}。"
                    "请按上年决算公开核对各项上年数。",
                    field_at("overall", "prior_total"),
                )
            )
    return out

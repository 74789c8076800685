"""Cross-table rules (docs/domain.md §3.2): figures that appear in two tables must agree."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from desktop.core.issues import Issue, Location, Severity
from desktop.core.money import ZERO, entered_in_wan, is_rounding_tail
from desktop.core.rules.compare import TAIL_ADVICE, Subject, compare_equal, compare_sum, wan
from desktop.core.rules.helpers import field_at, row_label
from desktop.core.rules.registry import CheckContext, rule
from desktop.core.rules.roles import (
    amount_of,
    field_amount,
    is_office,
    need_table,
    table,
    unit_kinds,
)

if TYPE_CHECKING:
    from desktop.core.calc import Figures


@rule(
    "X3",
    Severity.ERROR,
    "财政拨款收入：财政拨款收支总表本年收入合计 = 收入决算表财政拨款收入合计",
    needs=("row:fiscal_total:inc_total", "column:income:fiscal"),
)
def x3_fiscal_income(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    t4, t2 = need_table(f, "fiscal_total"), need_table(f, "income")
    return compare_equal(
        Subject(
            "X3",
            t4.at("inc_gpb", "amount"),
            "两表的财政拨款收入应一致，请核对财政拨款收入支出决算总表的收入或收入决算表的财政拨款收入列。",
        ),
        ("财政拨款收入支出决算总表 本年收入合计", t4.amount("inc_total", "amount")),
        ("收入决算表 财政拨款收入合计", t2.amount("*", "fiscal")),
        terms=lambda: t4.terms("inc_total", "amount") + t2.terms("*", "fiscal"),
    )


X5_NEEDS = ("column:gpb_expense:basic", "row:gpb_basic:personnel", "row:gpb_basic:public")


@rule(
    "X5",
    Severity.ERROR,
    "基本支出：一般公共预算财政拨款支出决算表基本支出 = 基本支出明细表人员经费 + 公用经费",
    needs=X5_NEEDS,
)
def x5_basic(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    t5, t6 = need_table(f, "gpb_expense"), need_table(f, "gpb_basic")
    return compare_sum(
        Subject(
            "X5",
            t6.at("*", "amount"),
            "一般公共预算财政拨款支出决算表的基本支出应等于基本支出决算明细表的人员经费与公用经费之和，"
            "请核对明细表的经济分类金额。",
        ),
        ("基本支出", t5.amount("*", "basic")),
        [
            ("人员经费", t6.amount("personnel", "amount")),
            ("公用经费", t6.amount("public", "amount")),
        ],
        terms=lambda: t5.terms("*", "basic") + t6.terms("*", "amount"),
    )


@rule(
    "X5-other",
    Severity.ERROR,
    "基本支出明细表：每一笔支出都属于人员经费或公用经费",
    needs=("row:gpb_basic:personnel", "row:gpb_basic:public"),
)
def x5_neither(ctx: CheckContext) -> list[Issue]:
    t6 = need_table(ctx.figures, "gpb_basic")
    other = (
        t6.amount("*", "amount") - t6.amount("personnel", "amount") - t6.amount("public", "amount")
    )
    if other == 0:
        return []
    return [
        Issue(
            Severity.ERROR,
            "X5-other",
            f"基本支出决算明细表合计 {wan(t6.amount('*', 'amount'))} 中有 {wan(other)} 既不属于人员经费"
            f"（{wan(t6.amount('personnel', 'amount'))}）也不属于公用经费（{wan(t6.amount('public', 'amount'))}），"
            "请核对经济分类科目。",
            t6.at("*", "amount"),
        )
    ]


@rule(
    "X5-project",
    Severity.ERROR,
    "项目支出：一般公共预算财政拨款支出决算表项目支出 = 项目支出明细表各类之和",
    needs=("column:gpb_expense:project", "table:gpb_project"),
)
def x5_project(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    t5, t7 = need_table(f, "gpb_expense"), need_table(f, "gpb_project")
    amount_col = t7.col("amount")
    classes = [(row_label(r), r.amount(amount_col)) for r in t7.grid.data_rows() if r.level == "类"]
    return compare_sum(
        Subject(
            "X5-project",
            t7.at("*", "amount"),
            "一般公共预算财政拨款支出决算表的项目支出应等于项目支出决算明细表各类之和，请核对明细表的经济分类金额。",
        ),
        ("项目支出", t5.amount("*", "project")),
        classes or [("项目支出决算明细表合计", t7.amount("*", "amount"))],
        terms=lambda: t5.terms("*", "project") + t7.terms("*", "amount"),
    )


@rule(
    "X6",
    Severity.ERROR,
    "同一科目：支出决算表（全部资金）≥ 一般公共预算财政拨款支出决算表",
    needs=("column:expense:basic", "column:expense:project", "column:gpb_expense:basic"),
)
def x6_all_funds_cover_gpb(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    t3, t5 = need_table(f, "expense"), need_table(f, "gpb_expense")
    out = []
    for row in t5.grid.sides[0].rows:
        if row.level != "项":
            continue
        for column, name in (("basic", "基本支出"), ("project", "项目支出")):
            gpb = row.amount(t5.col(column))
            total = t3.amount(row.key, column)
            if gpb > total:
                out.append(
                    Issue(
                        Severity.ERROR,
                        "X6",
                        f"{row_label(row)}：一般公共预算财政拨款{name} {wan(gpb)} 大于支出决算表中该科目全部资金的{name} "
                        f"{wan(total)}，多出 {wan(gpb - total)}。支出决算表包含所有资金来源，不应小于财政拨款部分，请核对两表。",
                        t5.at(row.key, column),
                    )
                )
    return out


@rule(
    "X7",
    Severity.ERROR,
    "结转和结余：收入支出决算总表 ≥ 财政拨款收入支出决算总表",
    needs=(
        "row:income_expense_total:opening",
        "row:income_expense_total:closing",
        "row:fiscal_total:opening",
        "row:fiscal_total:closing",
    ),
)
def x7_carry_over(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    t1, t4 = need_table(f, "income_expense_total"), need_table(f, "fiscal_total")
    out = []
    pairs = (
        ("opening", "年初结转和结余", t4.amount("opening", "amount"), "年初财政拨款结转和结余"),
        ("closing", "年末结转和结余", t4.amount("closing", "total"), "年末财政拨款结转和结余"),
    )
    for key, name, fiscal, fiscal_name in pairs:
        total = t1.amount(key, "amount")
        if fiscal > total:
            out.append(
                Issue(
                    Severity.ERROR,
                    "X7",
                    f"收入支出决算总表{name} {wan(total)} 小于财政拨款收入支出决算总表{fiscal_name} {wan(fiscal)}，"
                    f"相差 {wan(fiscal - total)}。全部资金的结转和结余包含财政拨款部分，请核对。",
                    t1.at(key, "amount"),
                )
            )
    return out


ECON_ITEMS = (
    ("30212", "因公出国（境）费用", "actual_abroad", "因公出国（境）费"),
    ("30231", "公务用车运行维护费", "actual_car_run", "公务用车运行维护费"),
    ("31013", "公务用车购置", "actual_car_purchase", "公务用车购置费"),
    ("30217", "公务接待费", "actual_reception", "公务接待费"),
)
X8_NEEDS = ("row:three_public:amounts", "table:gpb_basic")


def _econ_and_three(f: Figures) -> list[tuple[str, str, str, Decimal, Decimal, Location, int]]:
    """Per “三公” item: its economic-classification spending (基本 + 项目) and its 决算数."""
    t10 = need_table(f, "three_public")
    t6, t7 = table(f, "gpb_basic"), table(f, "gpb_project")
    out = []
    for code, econ_name, column, name in ECON_ITEMS:
        econ = sum((t.amount(code, "amount") for t in (t6, t7) if t is not None), ZERO)
        terms = 1 + sum(1 for t in (t6, t7) if t is not None and t.amount(code, "amount"))
        where = t10.at("amounts", column)
        out.append((econ_name, name, column, econ, t10.amount("amounts", column), where, terms))
    return out


@rule(
    "X8",
    Severity.ERROR,
    "“三公”经费：基本支出和项目支出明细表中的对应经济分类 ≤ “三公”经费决算数",
    needs=X8_NEEDS,
)
def x8_three_public(ctx: CheckContext) -> list[Issue]:
    out = []
    for econ_name, name, _, econ, three, where, terms in _econ_and_three(ctx.figures):
        if econ <= three:
            continue
        severity = (
            Severity.INFO
            if entered_in_wan(econ, three) and is_rounding_tail(econ - three, terms)
            else Severity.ERROR
        )
        advice = TAIL_ADVICE if severity is Severity.INFO else "请核对“三公”经费表或经济分类明细。"
        out.append(
            Issue(
                severity,
                "X8",
                f"基本支出和项目支出明细表中的“{econ_name}”{wan(econ)} 大于“三公”经费{name}决算数 {wan(three)}，"
                f"多出 {wan(econ - three)}。{advice}",
                where,
            )
        )
    return out


@rule(
    "X8-equal",
    Severity.WARNING,
    "“三公”经费：只有一般公共预算财政拨款时，各项决算数 = 对应经济分类支出",
    needs=(*X8_NEEDS, "column:income:total", "column:income:fiscal"),
)
def x8_only_gpb(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    t2 = need_table(f, "income")
    only_gpb = (
        t2.amount("*", "total") == t2.amount("*", "fiscal")
        and amount_of(f, "fund_expense", "*", "spend") == 0
    )
    if not only_gpb:
        return []
    out = []
    for econ_name, name, _, econ, three, where, terms in _econ_and_three(f):
        if econ < three and not (
            entered_in_wan(econ, three) and is_rounding_tail(three - econ, terms)
        ):
            out.append(
                Issue(
                    Severity.WARNING,
                    "X8-equal",
                    f"“三公”经费{name}决算数 {wan(three)}，而基本支出和项目支出明细表中的“{econ_name}”合计 {wan(econ)}，"
                    f"相差 {wan(three - econ)}。本单位只有一般公共预算财政拨款，两者通常相等，请核对。",
                    where,
                )
            )
    return out


X9_NEEDS = ("row:operations:running", "row:gpb_basic:public")


@rule(
    "X9",
    Severity.ERROR,
    "机构（机关）运行经费 ≤ 基本支出明细表公用经费合计",
    needs=X9_NEEDS,
)
def x9_running_within_public(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    t12, t6 = need_table(f, "operations"), need_table(f, "gpb_basic")
    running, public = t12.amount("running", "amount"), t6.amount("public", "amount")
    if running <= public:
        return []
    return compare_equal(
        Subject(
            "X9",
            t12.at("running", "amount"),
            "机构运行经费是一般公共预算基本支出中公用经费的一部分，不应更多，请核对机构运行经费或基本支出明细表。",
        ),
        ("机构运行经费", running),
        ("基本支出明细表公用经费合计", public),
        terms=lambda: 1 + t6.terms("public", "amount"),
    )


@rule(
    "X9-office",
    Severity.WARNING,
    "机构（机关）运行经费 = 公用经费合计：单位情况表中全部是行政单位或参公事业单位时",
    needs=(*X9_NEEDS, "column:units:kind"),
)
def x9_offices_equal(ctx: CheckContext) -> list[Issue]:
    """Only 行政 and 参公 units have 机关运行经费; a 事业单位 in the list makes it legitimately less."""
    f = ctx.figures
    kinds = unit_kinds(f)
    if not kinds or not all(is_office(k) for k in kinds):
        return []
    t12, t6 = need_table(f, "operations"), need_table(f, "gpb_basic")
    running, public = t12.amount("running", "amount"), t6.amount("public", "amount")
    if running >= public:
        return []
    return compare_equal(
        Subject(
            "X9-office",
            t12.at("running", "amount"),
            f"单位情况表中的单位都是行政单位或参照公务员法管理的事业单位（{'、'.join(sorted(set(kinds)))}），"
            "两者应相等。请核对机构运行经费；如有事业单位，请在单位情况表中注明其单位性质。",
            Severity.WARNING,
        ),
        ("机构运行经费", running),
        ("基本支出明细表公用经费合计", public),
        terms=lambda: 1 + t6.terms("public", "amount"),
    )


@rule(
    "X10",
    Severity.ERROR,
    "项目收入支出决算表本年支出合计 = 支出决算表项目支出合计",
    needs=("column:projects:spending", "column:expense:project"),
)
def x10_projects(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    t11, t3 = need_table(f, "projects"), need_table(f, "expense")
    return compare_equal(
        Subject(
            "X10",
            t11.at("*", "spending"),
            "各项目的本年支出之和应等于项目支出总额，请核对是否漏填项目或金额有误。",
        ),
        ("项目收入支出决算表 本年支出合计", t11.amount("*", "spending")),
        ("支出决算表 项目支出合计", t3.amount("*", "project")),
        terms=lambda: t11.terms("*", "spending") + t3.terms("*", "project"),
    )


@rule("X11", Severity.WARNING, "空表：没有数据的公开表必须附写明表名的空表说明")
def x11_empty_tables(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    out = []
    for spec in f.profile.disclosure_tables():
        if not f.grid(spec.id).is_empty:
            continue
        where = Location(section=f.table_section(spec.id), table=spec.id)
        if not spec.empty_note:
            out.append(
                Issue(
                    Severity.WARNING,
                    "X11",
                    f"《{spec.title}》还没有数据。公开时空表须注明原因，而本模板没有为这张表"
                    "准备空表说明：请填写本表；如本单位确实没有这类收支，请联系模板维护人员补充说明。",
                    where,
                )
            )
        elif not _names_table(spec.empty_note, spec.title):
            out.append(
                Issue(
                    Severity.WARNING,
                    "X11",
                    f"《{spec.title}》没有数据，它的空表说明“{spec.empty_note}”没有写明是哪张表。"
                    "检查组要求空表说明写明表名，请在模板的 empty_note 中写明表名。",
                    where,
                )
            )
    return out


def _names_table(note: str, title: str) -> bool:
    """The note names the table: its title, or the title without the words 决算表 / 表."""
    core = (
        title.removesuffix("表").removesuffix("决算").removesuffix("收入支出").removesuffix("支出")
    )
    return title in note or "{title}" in note or (bool(core) and core in note)


@rule(
    "X12",
    Severity.WARNING,
    "年初结转和结余 = 上年年末结转和结余",
    needs=("row:income_expense_total:opening", "field:overall.prior_closing"),
)
def x12_year_over_year(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    prior = field_amount(f, "overall.prior_closing")
    if prior is None:
        return []
    t1 = need_table(f, "income_expense_total")
    opening = t1.amount("opening", "amount")
    if opening == prior:
        return []
    return [
        Issue(
            Severity.WARNING,
            "X12",
            f"本年年初结转和结余 {wan(opening)} 与上年年末结转和结余 {wan(prior)} 不等，相差 {wan(abs(opening - prior))}。"
            "如有调整，请在说明中写明原因。",
            t1.at("opening", "amount"),
        )
    ]


@rule(
    "X-budget",
    Severity.ERROR,
    "一般公共预算年初预算：批复总额 = 各项年初预算之和",
    needs=("column:gpb_expense:budget",),
)
def budget_total(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    section = ctx.section.id if ctx.section else "gpb"
    typed = f.case.value(section, "budget_total")
    if not isinstance(typed, Decimal):
        return []
    t5 = need_table(f, "gpb_expense")
    return compare_equal(
        Subject(
            "X-budget",
            field_at(section, "budget_total"),
            "说明中的年初预算按各项之和生成，请补齐或更正各项的年初预算数。",
        ),
        ("一般公共预算财政拨款年初预算（批复数）", typed),
        ("一般公共预算财政拨款支出决算表各项年初预算之和", t5.amount("*", "budget")),
        terms=lambda: 1 + t5.terms("*", "budget"),
    )


PRIOR_SIDES = (
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
)


@rule(
    "X-prior",
    Severity.WARNING,
    "上年决算数：收入总计 = 本年收入 + 使用非财政拨款结余 + 年初结转和结余，支出同理",
    needs=("field:overall.prior_total",),
)
def prior_year_totals(ctx: CheckContext) -> list[Issue]:
    """The 上年 figures are typed from last year's document, each rounded: a tail is no warning."""
    f = ctx.figures
    total = field_amount(f, "overall.prior_total")
    if total is None:
        return []
    out = []
    for side, names in PRIOR_SIDES:
        parts = [(f"上年{label}", field_amount(f, f"overall.{key}")) for label, key in names]
        if any(v is None for _, v in parts):
            continue  # an unknown part: the 上年 total cannot be checked (W-unknown says so)
        known = [(label, v) for label, v in parts if v is not None]
        out += compare_sum(
            Subject(
                "X-prior",
                field_at("overall", "prior_total"),
                "请按上年决算公开核对各项上年数。",
                Severity.WARNING,
            ),
            (f"上年决算{side}总计", total),
            known,
            display_tails=False,
        )
    return out

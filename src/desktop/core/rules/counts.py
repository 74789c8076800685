"""Rules on the counts that go with amounts (“三公” 团组, 车辆, 接待) and on the 绩效自评 list.

Inspectors fail a document whose “三公” items are not each stated with their counts, even when 0
(财预〔2016〕143号; 财政部 预决算公开检查). An absent count is unknown, not 0: when the text
asks for it, N-missing reports it (once); these rules speak only of counts entered or not asked.
"""

from __future__ import annotations

from decimal import Decimal

from desktop.core.issues import Issue, Location, Severity
from desktop.core.refs import perf_project_ref
from desktop.core.rules.compare import wan
from desktop.core.rules.gaps import document_gaps
from desktop.core.rules.helpers import field_at
from desktop.core.rules.registry import CheckContext, rule
from desktop.core.rules.roles import need_table
from desktop.core.rules.texts import THREE_COUNTS, _count

#: Each count and the “三公” amount (a t10 column or a field) it goes with.
COUNT_SPENDING = (
    ("groups", "出国（境）团组数", "actual_abroad", "因公出国（境）费"),
    ("people", "出国（境）人次", "actual_abroad", "因公出国（境）费"),
    ("cars_bought", "购置公务用车辆数", "actual_car_purchase", "公务用车购置费"),
    ("domestic_batches", "国内公务接待批次", "field:reception_domestic", "国内公务接待费"),
    ("foreign_batches", "外宾接待批次", "field:reception_foreign", "国（境）外公务接待费"),
)


@rule(
    "N8-count-only",
    Severity.WARNING,
    "“三公”经费：填了团组、购车、接待批次等数量，就应有相应支出",
    needs=("row:three_public:amounts",),
)
def counts_without_spending(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    t10 = need_table(f, "three_public")
    out = []
    for field, label, source, money in COUNT_SPENDING:
        count = _count(ctx, "three", field)
        if source.startswith("field:"):
            value = f.case.value("three", source.removeprefix("field:"))
            spent = value if isinstance(value, Decimal) else Decimal(0)
        else:
            spent = t10.amount("amounts", source)
        if count and spent == 0:
            out.append(
                Issue(
                    Severity.WARNING,
                    "N8-count-only",
                    f"{label}为 {count}，但{money}为 {wan(spent)}。有数量就应有支出，请核对数量或“三公”经费表。",
                    field_at("three", field),
                )
            )
    return out


ALL_COUNTS = (
    *((field, label) for _, _, counts in THREE_COUNTS for field, label in counts),
    ("domestic_batches", "国内公务接待批次"),
    ("domestic_people", "国内公务接待人次"),
    ("foreign_batches", "外宾接待批次"),
    ("foreign_people", "外宾接待人次"),
)


@rule(
    "N8-items",
    Severity.WARNING,
    "“三公”经费逐项公开：团组数、人次、购置数、保有量、国内接待和外宾接待批次人次都要填写（没有填 0）",
    needs=("row:three_public:amounts", "field:three.groups", "field:three.cars_held"),
)
def three_public_itemised(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    section = next(s for s in f.profile.sections if s.id == "three")
    fields = {x.id for x in section.fields}
    # a count the text asks for and was not entered is already N-missing's 错误
    asked = {g.location.field for g in document_gaps(f) if g.location.section == "three"}
    return [
        Issue(
            Severity.WARNING,
            "N8-items",
            f"“三公”经费要逐项说明，{label}没有填写。没有发生的请填 0，说明中会写明。",
            field_at("three", field),
        )
        for field, label in ALL_COUNTS
        if field in fields and field not in asked and _count(ctx, "three", field) is None
    ]


def _where(n: int) -> Location:
    return Location(section="performance", table=perf_project_ref(n))


@rule("P-duplicate", Severity.WARNING, "绩效自评表：同一项目不重复填报")
def duplicate_projects(ctx: CheckContext) -> list[Issue]:
    seen: dict[str, int] = {}
    out = []
    for n, p in enumerate(ctx.figures.case.performance.projects, start=1):
        if p.name in seen:
            out.append(
                Issue(
                    Severity.WARNING,
                    "P-duplicate",
                    f"第 {n} 张自评表“{p.name}”与第 {seen[p.name]} 张同名，请删除重复的表或更正项目名称。",
                    _where(n),
                )
            )
        seen.setdefault(p.name, n)
    return out


@rule("P-indicator", Severity.WARNING, "绩效自评表：每个指标都填写年度指标值和实际完成值")
def indicators_filled(ctx: CheckContext) -> list[Issue]:
    out = []
    for n, p in enumerate(ctx.figures.case.performance.projects, start=1):
        for i in p.indicators:
            missing = [
                w for w, v in (("年度指标值", i.target), ("实际完成值", i.actual)) if not v.strip()
            ]
            if missing:
                out.append(
                    Issue(
                        Severity.WARNING,
                        "P-indicator",
                        f"“{p.name}”的指标“{i.name}”没有填写{'和'.join(missing)}，请补充。",
                        _where(n),
                    )
                )
    return out


@rule(
    "P-count",
    Severity.WARNING,
    "绩效自评：说明中的自评项目个数不少于公开的自评表张数",
    needs=("field:performance.gpb_count",),
)
def self_evaluation_count(ctx: CheckContext) -> list[Issue]:
    stated = (_count(ctx, "performance", "gpb_count") or 0) + (
        _count(ctx, "performance", "fund_count") or 0
    )
    tables = len(ctx.figures.case.performance.projects)
    if _count(ctx, "performance", "gpb_count") is None or tables <= stated:
        return []
    return [
        Issue(
            Severity.WARNING,
            "P-count",
            f"说明中写对 {stated} 个项目开展绩效自评，但公开了 {tables} 张项目自评表，请核对自评项目个数。",
            field_at("performance", "gpb_count"),
        )
    ]

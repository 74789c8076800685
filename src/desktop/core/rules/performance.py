"""预算绩效 rules (docs/domain.md §3.3 N14): weights, scores, execution and the 自评表 texts."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TYPE_CHECKING

from desktop.core.issues import Issue, Location, Severity
from desktop.core.limits import LimitError, parse_score
from desktop.core.money import CENT, format_decimal
from desktop.core.performance import (
    execution_rate,
    rating_counts,
    summarize,
    total_score,
    total_weight,
)
from desktop.core.performance_summary import (
    AVERAGE_FIELD,
    COUNT_FIELDS,
    RATING_FIELDS,
    SECTION,
    entered_count,
    tables_cover_all,
)
from desktop.core.refs import perf_project_ref
from desktop.core.rules.compare import wan
from desktop.core.rules.registry import CheckContext, rule
from desktop.core.rules.roles import need_table

if TYPE_CHECKING:
    from desktop.core.model import Indicator


def _where(n: int) -> Location:
    return Location(section="performance", table=perf_project_ref(n))


@rule(
    "P-weight",
    Severity.ERROR,
    "绩效自评表：资金分值与各指标分值合计为满分（模板的 score_max，通常 100）",
)
def weights_total_100(ctx: CheckContext) -> list[Issue]:
    out = []
    for n, p in enumerate(ctx.figures.case.performance.projects, start=1):
        weight = total_weight(p)
        top = ctx.figures.profile.score_max
        if weight != top:
            indicators = weight - p.funds_weight
            out.append(
                Issue(
                    Severity.ERROR,
                    "P-weight",
                    f"“{p.name}”自评表的分值合计为 {format_decimal(weight)}（资金 {format_decimal(p.funds_weight)} + "
                    f"指标 {format_decimal(indicators)}），应为 {format_decimal(top)}（满分），相差 {format_decimal(abs(weight - top))}。请调整指标分值。",
                    _where(n),
                )
            )
    return out


@rule("P-score", Severity.ERROR, "绩效自评表：每项得分在 0 与分值之间")
def scores_within_weight(ctx: CheckContext) -> list[Issue]:
    out = []
    for n, p in enumerate(ctx.figures.case.performance.projects, start=1):
        for i in p.indicators:
            if i.score > i.weight or i.score < 0:
                out.append(
                    Issue(
                        Severity.ERROR,
                        "P-score",
                        f"“{p.name}”的指标“{i.name}”得分 {format_decimal(i.score)} 不在 0 与分值 "
                        f"{format_decimal(i.weight)} 之间，请核对。",
                        _where(n),
                    )
                )
    return out


@rule("P-total", Severity.ERROR, "绩效自评表：总分不超过满分（模板的 score_max，通常 100）")
def total_at_most_100(ctx: CheckContext) -> list[Issue]:
    out = []
    for n, p in enumerate(ctx.figures.case.performance.projects, start=1):
        score = total_score(p)
        top = ctx.figures.profile.score_max
        if score > top:
            out.append(
                Issue(
                    Severity.ERROR,
                    "P-total",
                    f"“{p.name}”自评总分为 {format_decimal(score)}，超过满分 {format_decimal(top)} 分，请核对各项得分。",
                    _where(n),
                )
            )
    return out


@rule("P-rate", Severity.WARNING, "绩效自评表：全年执行数不超过全年预算数，全年预算数不为 0")
def execution(ctx: CheckContext) -> list[Issue]:
    out = []
    for n, p in enumerate(ctx.figures.case.performance.projects, start=1):
        total = p.total
        if execution_rate(total) is None:
            out.append(
                Issue(
                    Severity.WARNING,
                    "P-rate",
                    f"“{p.name}”的全年预算数为 0，无法计算执行率，请填写全年预算数。",
                    _where(n),
                )
            )
        elif total.executed > total.full:
            out.append(
                Issue(
                    Severity.WARNING,
                    "P-rate",
                    f"“{p.name}”全年执行数 {wan(total.executed)} 超过全年预算数 {wan(total.full)}，请核对。",
                    _where(n),
                )
            )
    return out


def _number(text: str) -> Decimal | None:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _meets(indicator: Indicator) -> bool:
    target, actual = _number(indicator.target), _number(indicator.actual)
    if target is None or actual is None:
        return False
    if "大于" in indicator.direction:
        return actual >= target
    if "小于" in indicator.direction:
        return actual <= target
    return actual == target


@rule("P-deviation", Severity.INFO, "绩效自评表：实际值达到目标却扣分的指标要写偏差原因")
def lost_points_need_reason(ctx: CheckContext) -> list[Issue]:
    out = []
    for n, p in enumerate(ctx.figures.case.performance.projects, start=1):
        for i in p.indicators:
            if i.score < i.weight and _meets(i) and not i.deviation.strip():
                out.append(
                    Issue(
                        Severity.INFO,
                        "P-deviation",
                        f"“{p.name}”的指标“{i.name}”实际完成 {i.actual}{i.unit}，达到目标 {i.direction}{i.target}，"
                        f"却只得 {format_decimal(i.score)} 分（分值 {format_decimal(i.weight)}）。请写明偏差原因，或核对得分。",
                        _where(n),
                    )
                )
    return out


YEAR = re.compile(r"(20\d\d)\s*年")


@rule("P-year", Severity.WARNING, "绩效自评表：指标值和目标中的年份是决算年度")
def years_in_tables(ctx: CheckContext) -> list[Issue]:
    year = ctx.figures.case.unit.year
    out = []
    for n, p in enumerate(ctx.figures.case.performance.projects, start=1):
        texts = [(f"指标“{i.name}”", f"{i.target} {i.actual}") for i in p.indicators]
        texts.append(("年度总体目标", p.goal_expected))
        for what, text in texts:
            for found in YEAR.finditer(text):
                if int(found.group(1)) != year:
                    out.append(
                        Issue(
                            Severity.WARNING,
                            "P-year",
                            f"“{p.name}”{what}写的是 {found.group(1)} 年，本次决算年度为 {year} 年，请核对。",
                            _where(n),
                        )
                    )
    return out


@rule(
    "P-project",
    Severity.WARNING,
    "绩效自评的项目在项目收入支出决算表中",
    needs=("table:projects",),
)
def projects_listed(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    names = {r.label for r in f.case.table(need_table(f, "projects").id).rows}
    return [
        Issue(
            Severity.WARNING,
            "P-project",
            f"绩效自评项目“{p.name}”不在项目收入支出决算表中，请核对项目名称。",
            _where(n),
        )
        for n, p in enumerate(f.case.performance.projects, start=1)
        if p.name not in names
    ]


@rule(
    "P-average",
    Severity.ERROR,
    "绩效自评平均得分 = 各自评表总分之和 ÷ 项目个数（自评表录入了全部自评项目时）",
    needs=("field:performance.average_score", "field:performance.gpb_count"),
)
def average_score(ctx: CheckContext) -> list[Issue]:
    case = ctx.figures.case
    text = case.value(SECTION, AVERAGE_FIELD)
    if not isinstance(text, str) or not text.strip():
        return []
    where = Location(section=SECTION, field=AVERAGE_FIELD)
    try:
        stated = parse_score(text, ctx.figures.profile.score_max)
    except LimitError as exc:
        return [Issue(Severity.WARNING, "P-average", f"平均得分{exc.message}。", where)]
    projects = case.performance.projects
    if not tables_cover_all(case):
        return []  # only some projects' tables are entered: their mean is not the average
    mean = summarize(projects).mean_score
    if mean is None or stated.quantize(CENT, rounding=ROUND_HALF_UP) == mean:
        return []
    total = sum((total_score(p) for p in projects), Decimal(0))
    return [
        Issue(
            Severity.ERROR,
            "P-average",
            f"填写的自评平均得分为 {format_decimal(stated)}，而 {len(projects)} 张自评表的总分之和 "
            f"{format_decimal(total)} ÷ {len(projects)} = {format_decimal(mean)}。请核对平均得分或各表得分，"
            "或清空平均得分（由自评表计算）。",
            where,
        )
    ]


@rule(
    "P-ratings",
    Severity.WARNING,
    "绩效自评结果：优、良、合格、不合格的项目个数之和等于自评项目个数，且与各自评表总分相符（分档见模板）",
    needs=(
        *(f"field:performance.{f}" for f in RATING_FIELDS.values()),
        "field:performance.gpb_count",
    ),
)
def rating_numbers(ctx: CheckContext) -> list[Issue]:
    case = ctx.figures.case
    entered = {name: entered_count(case, f) for name, f in RATING_FIELDS.items()}
    if all(v is None for v in entered.values()):
        return []
    where = Location(section=SECTION, field=RATING_FIELDS["优"])
    given = {k: v or 0 for k, v in entered.items()}
    listed = "、".join(f"{k} {v} 个" for k, v in given.items())
    stated = [entered_count(case, f) for f in COUNT_FIELDS]
    if stated[0] is not None and sum(given.values()) != sum(s or 0 for s in stated):
        return [
            Issue(
                Severity.WARNING,
                "P-ratings",
                f"自评结果{listed}，合计 {sum(given.values())} 个，与开展绩效自评的项目 "
                f"{sum(s or 0 for s in stated)} 个不符。请核对各等级的项目个数。",
                where,
            )
        ]
    scale = ctx.figures.profile.ratings
    computed = rating_counts(case.performance.projects, scale)
    if tables_cover_all(case) and computed != given:
        by_table = "、".join(f"{k} {v} 个" for k, v in computed.items())
        return [
            Issue(
                Severity.WARNING,
                "P-ratings",
                f"填写的自评结果为{listed}，按各自评表总分（{scale.describe()}）应为{by_table}。"
                "请核对，或清空这四个数（由自评表计算）。",
                where,
            )
        ]
    return []

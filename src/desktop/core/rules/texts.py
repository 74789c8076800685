"""Rules on what the officer writes and counts.

docs/domain.md §3.3–3.4 as far as they still apply when the sentences are generated: missing reasons, required fields, template leftovers,
units, punctuation, 科目 names, the “三公” counts and the project counts.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from desktop.core.issues import Issue, Location, Severity
from desktop.core.money import entered_in_wan, format_percent, is_rounding_tail, percent, to_wan
from desktop.core.refs import perf_project_ref
from desktop.core.rules.compare import compare_equal, wan
from desktop.core.rules.gaps import gap_issues
from desktop.core.rules.helpers import cell_at, field_at
from desktop.core.rules.registry import CheckContext, rule
from desktop.core.rules.roles import need_table, table, unknown_base

if TYPE_CHECKING:
    from collections.abc import Iterator

    from desktop.core.calc import Figures
    from desktop.core.model import Case


@rule(
    "N-reason",
    Severity.ERROR,
    "变动原因：变动达到模板规定幅度（profile.toml [reason_required]）的比较要写明原因；"
    "未达到时原因可不填，说明中不写原因",
)
def missing_comparison_reasons(ctx: CheckContext) -> list[Issue]:
    return gap_issues(ctx.figures, "N-reason", "reason")


@rule("F2", Severity.INFO, "零基数：比较的基数为 0 时，说明只写增减额，不写增长率或完成率")
def zero_base(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    out = []
    for section in f.profile.sections:
        labels = {s.id: s.label for s in section.fields}
        for name, expr in section.values.items():
            if expr.verb in ("change", "compare"):
                refs = expr.compared()
                if refs is None or unknown_base(f, refs[1]):
                    continue  # no comparison with an unknown base (W-unknown asks for it)
                current, base = f.ref(refs[0]), f.ref(refs[1])
            elif expr.verb == "phrase" and not unknown_base(f, expr.refs[1]):
                current, base = f.ref(expr.refs[0]), f.ref(expr.refs[1])
            else:
                continue
            if base == 0 and to_wan(current) != 0:
                reason = next((r for r, v in section.reasons.items() if v == name), "")
                what = labels.get(reason, "").removesuffix("的变动原因") or section.title
                out.append(
                    Issue(
                        Severity.INFO,
                        "F2",
                        f"{what}：比较的基数为 0（本年 {wan(current)}），说明中只写增减额，不写百分比。",
                        field_at(section.id, reason) if reason else Location(section=section.id),
                    )
                )
    return out


@rule(
    "F-share",
    Severity.ERROR,
    "占比：说明中的“占…%”（句式名以 share 结尾）不能超过 100%，超过说明部分大于整体，数字有误",
)
def shares_at_most_100(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    out = []
    for section in f.profile.sections:
        labels = {s.id: s.label for s in section.fields}
        for expr in section.values.values():
            if expr.verb != "phrase" or not expr.name.endswith("share"):
                continue
            part, whole = f.ref(expr.refs[0]), f.ref(expr.refs[1])
            share = percent(part, whole)
            if share is None or share <= 100:
                continue
            field = expr.refs[0].field
            what = labels.get(field, section.title)
            out.append(
                Issue(
                    Severity.ERROR,
                    "F-share",
                    f"{what}：{wan(part)} 占 {wan(whole)} 的 {format_percent(share)}%，超过 100%，"
                    "部分不能大于整体，请核对这两个数。",
                    field_at(section.id, field) if field else Location(section=section.id),
                )
            )
    return out


@rule(
    "N5-reason",
    Severity.ERROR,
    "一般公共预算支出：决算数与年初预算数的差异达到模板规定幅度的每一项都要写明差异原因",
    needs=("column:gpb_expense:budget", "column:gpb_expense:reason"),
)
def missing_item_reasons(ctx: CheckContext) -> list[Issue]:
    return gap_issues(ctx.figures, "N5-reason", "item_reason")


@rule("F-required", Severity.WARNING, "必填项：模板标为必填的内容不能为空")
def required_fields(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    out = []
    for section in f.profile.sections:
        for spec in section.fields:
            value = f.case.value(section.id, spec.id)
            empty = value is None or (
                isinstance(value, str | tuple)
                and not any(
                    str(v).strip() for v in (value if isinstance(value, tuple) else (value,))
                )
            )
            if spec.required and empty:
                out.append(
                    Issue(
                        Severity.WARNING,
                        "F-required",
                        f"请填写“{spec.label}”。",
                        field_at(section.id, spec.id),
                    )
                )
    return out


def _texts(ctx: CheckContext) -> list[tuple[str, Location]]:
    """Every text with its location, shared by the text rules.

    Kept in the figures' cache while the case's fields, tables, performance and glossary are
    the same objects.
    """
    case = ctx.figures.case
    key = (ctx.figures.profile, case.fields, case.tables, case.performance, case.glossary)
    return ctx.figures.cache.memo("texts", key, lambda: list(_collect_texts(ctx)))


def _collect_texts(ctx: CheckContext) -> Iterator[tuple[str, Location]]:
    """Every text the officer typed, with where it is."""
    f = ctx.figures
    yield from _field_texts(f.case)
    yield from _table_texts(f)
    yield from _performance_texts(f.case)
    for g in f.case.glossary:
        yield g.text, Location(section="glossary")


def _field_texts(case: Case) -> Iterator[tuple[str, Location]]:
    for section_id, values in case.fields.items():
        for field_id, value in values.items():
            where = field_at(section_id, field_id)
            if isinstance(value, str):
                yield value, where
            elif isinstance(value, tuple):
                for text in value:
                    yield text, where


def _table_texts(f: Figures) -> Iterator[tuple[str, Location]]:
    for table_id, entered in f.case.tables.items():
        for row in entered.rows:
            yield row.label, cell_at(f, table_id, row.key)
            for column, cell in row.cells.items():
                if isinstance(cell, str):
                    yield cell, cell_at(f, table_id, row.key, column)


def _performance_texts(case: Case) -> Iterator[tuple[str, Location]]:
    perf = case.performance
    for n, p in enumerate(perf.projects, start=1):
        where = Location(section="performance", table=perf_project_ref(n))
        for text in (p.name, p.goal_expected, p.goal_actual, p.completion, p.problems, p.measures):
            yield text, where
        for i in p.indicators:
            yield f"{i.name} {i.target} {i.actual} {i.deviation}", where
    for text in (*perf.evaluation_text, perf.report_title, *perf.report):
        yield text, Location(section="performance")


LEFTOVERS = re.compile(
    r"XX|ＸＸ|××|某某|增加（减少）|减少（增加）|增长（下降）|下降（增长）|（不涉及的不列）|作下述说明"
)


@lru_cache(maxsize=8192)
def _search(pattern: re.Pattern[str], text: str) -> tuple[int, str] | None:
    """Memoised: texts rarely change between two keystrokes, so most searches are lookups."""
    found = pattern.search(text)
    return (found.start(), found.group()) if found else None


@rule("F6", Severity.WARNING, "模板残留：文字中不能留有 XX、××、某某、增加（减少）等占位内容")
def template_leftovers(ctx: CheckContext) -> list[Issue]:
    out = []
    for text, where in _texts(ctx):
        found = _search(LEFTOVERS, text)
        if found:
            out.append(
                Issue(
                    Severity.WARNING,
                    "F6",
                    f"“{_snippet(text, found[0])}”中留有模板占位内容“{found[1]}”，请改为实际内容。",
                    where,
                )
            )
    return out


YUAN_AMOUNT = re.compile(r"\d(?:\.\d+)?\s*元")


@rule("F1", Severity.INFO, "金额单位：说明文字中的金额以万元为单位，写成“元”的请确认")
def yuan_in_text(ctx: CheckContext) -> list[Issue]:
    out = []
    for text, where in _texts(ctx):
        found = _search(YUAN_AMOUNT, text)
        if found:
            out.append(
                Issue(
                    Severity.INFO,
                    "F1",
                    f"“{_snippet(text, found[0])}”中的金额单位是“元”，说明中的金额一般以万元为单位，请确认。",
                    where,
                )
            )
    return out


HALF_WIDTH = re.compile(r"[\u4e00-\u9fff][,;:][\u4e00-\u9fff]|[\u4e00-\u9fff]\([\u4e00-\u9fff]")
DOUBLED = re.compile(r"([。，、；：！？])\1")


@rule("F9", Severity.INFO, "标点：中文之间用全角标点，不重复标点")
def punctuation(ctx: CheckContext) -> list[Issue]:
    out = []
    for text, where in _texts(ctx):
        half = _search(HALF_WIDTH, text)
        doubled = _search(DOUBLED, text)
        if half:
            msg = f"“{_snippet(text, half[0])}”中用了半角标点“{half[1][1]}”，中文之间请用全角标点。"
            out.append(Issue(Severity.INFO, "F9", msg, where))
        if doubled:
            msg = f"“{_snippet(text, doubled[0])}”中标点“{doubled[1]}”重复。"
            out.append(Issue(Severity.INFO, "F9", msg, where))
    return out


def _snippet(text: str, at: int) -> str:
    start = max(0, at - 8)
    return ("…" if start else "") + text[start : at + 10] + ("…" if at + 10 < len(text) else "")


@rule("F7", Severity.WARNING, "科目：科目编码在代码表中，科目名称与编码相符")
def code_names(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    out = []
    for spec in f.profile.tables():
        codes = f.codes.get(spec.code_table) if spec.code_table else None
        if codes is None:
            continue
        for row in f.case.table(spec.id).rows:
            entry = codes.get(row.key)
            where = cell_at(f, spec.id, row.key)
            if entry is None:
                out.append(
                    Issue(
                        Severity.WARNING,
                        "F7",
                        f"{spec.title}中的科目编码 {row.key}（{row.label}）不在{codes.name}代码表中，请核对编码，或在代码表中补充。",
                        where,
                    )
                )
            elif row.label and row.label != entry.name:
                out.append(
                    Issue(
                        Severity.WARNING,
                        "F7",
                        f"{spec.title}中科目编码 {row.key} 的名称写作“{row.label}”，代码表中为“{entry.name}”，请核对。",
                        where,
                    )
                )
    return out


def _count(ctx: CheckContext, section: str, name: str) -> int | None:
    """A count field; None when it was not entered (unknown is not 0)."""
    value = ctx.figures.case.value(section, name)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


THREE_COUNTS = (
    (
        "actual_abroad",
        "因公出国（境）费",
        (("groups", "出国（境）团组数"), ("people", "出国（境）人次")),
    ),
    ("actual_car_purchase", "公务用车购置费", (("cars_bought", "购置公务用车辆数"),)),
    ("actual_car_run", "公务用车运行维护费", (("cars_held", "公务用车保有量"),)),
)


@rule(
    "N8",
    Severity.WARNING,
    "“三公”经费：有支出的项目，团组、人次、车辆数、接待批次等数量不为 0",
    needs=("row:three_public:amounts",),
)
def three_public_counts(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    t10 = need_table(f, "three_public")
    out: list[Issue] = []
    for column, name, counts in THREE_COUNTS:
        spent = t10.amount("amounts", column)
        for field, label in counts:
            # 0 entered against spending; a count not entered is N-missing's (the text asks for it)
            if spent > 0 and _count(ctx, "three", field) == 0:
                out.append(
                    Issue(
                        Severity.WARNING,
                        "N8",
                        f"{name}支出 {wan(spent)}，但{label}为 0。有支出就有数量，请核对{label}。",
                        field_at("three", field),
                    )
                )
    for kind, label in (("domestic", "国内"), ("foreign", "国（境）外（外宾）")):
        value = f.case.value("three", f"reception_{kind}")
        for count, what in (("batches", "接待批次"), ("people", "接待人次")):
            if (
                isinstance(value, Decimal)
                and value > 0
                and _count(ctx, "three", f"{kind}_{count}") == 0
            ):
                out.append(
                    Issue(
                        Severity.WARNING,
                        "N8",
                        f"{label}公务接待支出 {wan(value)}，但{what}为 0，请核对。",
                        field_at("three", f"{kind}_{count}"),
                    )
                )
    return out


@rule(
    "N8-split",
    Severity.ERROR,
    "“三公”经费：国内公务接待 + 国（境）外公务接待 = 公务接待费决算数",
    needs=("row:three_public:amounts", "field:three.reception_domestic"),
)
def reception_split(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    t10 = need_table(f, "three_public")
    parts = [
        f.case.value("three", "reception_domestic"),
        f.case.value("three", "reception_foreign"),
    ]
    if not any(isinstance(p, Decimal) for p in parts):
        return []
    split = sum((p for p in parts if isinstance(p, Decimal)), Decimal(0))
    return compare_equal(
        "N8-split",
        ("“三公”经费表公务接待费决算数", t10.amount("amounts", "actual_reception")),
        ("国内公务接待 + 国（境）外公务接待", split),
        field_at("three", "reception_domestic"),
        "请核对国内、国（境）外公务接待支出。",
    )


@rule(
    "N13",
    Severity.WARNING,
    "车辆：“三公”经费中的公务用车保有量不超过国有资产占用情况中的车辆总数",
    needs=("row:operations:veh_total", "field:three.cars_held"),
)
def vehicles_held(ctx: CheckContext) -> list[Issue]:
    t12 = need_table(ctx.figures, "operations")
    held = _count(ctx, "three", "cars_held") or 0
    total = t12.amount("veh_total", "amount")
    if held <= total:
        return []
    return [
        Issue(
            Severity.WARNING,
            "N13",
            f"使用财政拨款开支的公务用车保有量为 {held} 辆，但国有资产占用情况中共有车辆 {int(total)} 辆，"
            "保有量是车辆总数的一部分，请核对。",
            field_at("three", "cars_held"),
        )
    ]


@rule(
    "N10",
    Severity.WARNING,
    "项目：实施项目数与项目收入支出决算表一致，完成数不超过实施数",
    needs=("field:projects.implemented",),
)
def project_counts(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    out = []
    implemented = _count(ctx, "projects", "implemented")
    completed = _count(ctx, "projects", "completed")
    t11 = table(f, "projects")
    if t11 is not None and implemented is not None:
        listed = len(f.case.table(t11.id).rows)
        if implemented != listed:
            out.append(
                Issue(
                    Severity.WARNING,
                    "N10",
                    f"实施项目 {implemented} 个，但项目收入支出决算表列了 {listed} 个项目，请核对。",
                    field_at("projects", "implemented"),
                )
            )
    if implemented is not None and completed is not None and completed > implemented:
        out.append(
            Issue(
                Severity.WARNING,
                "N10",
                f"完成项目 {completed} 个多于实施项目 {implemented} 个，请核对。",
                field_at("projects", "completed"),
            )
        )
    return out


@rule(
    "N10-cover",
    Severity.WARNING,
    "绩效自评覆盖面：自评项目涉及的一般公共预算资金不超过一般公共预算项目支出，并说明覆盖比例（提示）",
    needs=("field:performance.gpb_amount", "column:gpb_expense:project"),
)
def self_evaluation_coverage(ctx: CheckContext) -> list[Issue]:
    """Only some projects are self-evaluated (绩效自评): their funds are a share, not an equal."""
    f = ctx.figures
    funds = f.case.value("performance", "gpb_amount")
    if not isinstance(funds, Decimal):
        return []
    project = need_table(f, "gpb_expense").amount("*", "project")
    count = _count(ctx, "performance", "gpb_count")
    where = field_at("performance", "gpb_amount")
    if funds > project and not (
        entered_in_wan(funds, project) and is_rounding_tail(funds - project, 2)
    ):
        return [
            Issue(
                Severity.WARNING,
                "N10-cover",
                f"绩效自评涉及一般公共预算资金 {wan(funds)}，大于一般公共预算财政拨款项目支出 {wan(project)}，"
                f"多出 {wan(funds - project)}。自评项目的资金是项目支出的一部分，请核对自评资金。",
                where,
            )
        ]
    share = percent(funds, project)
    projects = f"对 {count} 个项目" if count else ""
    pct = f"，占一般公共预算项目支出的 {format_percent(share)}%" if share is not None else ""
    return [
        Issue(
            Severity.INFO,
            "N10-cover",
            f"本年{projects}开展绩效自评，涉及一般公共预算资金 {wan(funds)}{pct}。",
            where,
        )
    ]

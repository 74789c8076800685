"""Rules from the inspections of 预决算公开 (财政部's national inspection, district 检查表).

What a document most often fails on: 功能分类 not shown down to 项 or 基本支出 not down to 经济分类
款; the 单位性质 missing or at odds with the 科目 used; publication later than 20 days after the
批复 (财预〔2016〕143号); an unknown 上年数 compared as if it were 0; years and names left over
from another document.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from desktop.core.codetables import leaf_length
from desktop.core.issues import Issue, Location, Severity
from desktop.core.narrative.document import section_preview
from desktop.core.narrative.render import TextItem
from desktop.core.rules.compare import compare_equal
from desktop.core.rules.helpers import cell_at, field_at, row_label, text_value
from desktop.core.rules.registry import CheckContext, rule
from desktop.core.rules.roles import (
    field_amount,
    is_office,
    need_table,
    row_id,
    unit_kinds,
    unknown_base,
)
from desktop.core.rules.texts import _texts

if TYPE_CHECKING:
    from desktop.core.calc import Figures

#: 财预〔2016〕143号: 部门决算 is published within 20 days of the 财政 批复.
PUBLISH_DAYS = 20


def _entered_leaves(f: Figures, source: str) -> list[tuple[str, str, str, str]]:
    """(table id, table title, code, name) of every entered leaf row of the coded tables."""
    out: list[tuple[str, str, str, str]] = []
    for spec in f.profile.tables():
        if spec.rows != source:
            continue
        keys = [r.key for r in f.case.table(spec.id).rows]
        for row in f.case.table(spec.id).rows:
            if any(k != row.key and k.startswith(row.key) for k in keys):
                continue  # a typed-in subtotal
            out.append((spec.id, spec.title, row.key, row.label))
    return out


@rule("F-depth-func", Severity.WARNING, "功能分类：支出按功能分类公开到项级（7 位科目编码）")
def functional_depth(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    return [
        Issue(
            Severity.WARNING,
            "F-depth-func",
            f"{title}中的科目 {code} {label}只列到{'类' if len(code) == 3 else '款'}级。"
            "决算公开要求功能分类列示到项级，请改填到 7 位的项级科目。",
            cell_at(f, table_id, code),
        )
        for table_id, title, code, label in _entered_leaves(f, "functional")
        if len(code) < leaf_length("functional")
    ]


@rule("F-depth-econ", Severity.WARNING, "经济分类：基本支出按经济分类公开到款级（5 位科目编码）")
def economic_depth(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    return [
        Issue(
            Severity.WARNING,
            "F-depth-econ",
            f"{title}中的科目 {code} {label}只列到类级。基本支出须按经济分类列示到款级，请改填到 5 位的款级科目。",
            cell_at(f, table_id, code),
        )
        for table_id, title, code, label in _entered_leaves(f, "economic")
        if len(code) < leaf_length("economic")
    ]


@rule(
    "U-kind",
    Severity.WARNING,
    "单位情况表：每个单位都写明单位性质（行政单位、参公事业单位、事业单位…）",
    needs=("column:units:kind",),
)
def unit_kind_given(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    units = need_table(f, "units")
    kind = units.col("kind")
    out = []
    for row in f.case.table(units.id).rows:
        value = row.cells.get(kind, "")
        name = row.cells.get(units.col("name"), "") or row.label
        if not (isinstance(value, str) and value.strip()):
            out.append(
                Issue(
                    Severity.WARNING,
                    "U-kind",
                    f"单位情况表中“{name or row.key}”没有填写单位性质。机关运行经费等检查要按单位性质判断，"
                    "请填写（如行政单位、参照公务员法管理的事业单位、公益一类事业单位）。",
                    Location(section=f.table_section(units.id), table=units.id, row=row.key),
                )
            )
    return out


@rule(
    "U-kind-codes",
    Severity.WARNING,
    "单位性质与科目相符：用了“事业运行”须有事业单位，用了“行政运行”须有行政或参公单位",
    needs=("column:units:kind",),
)
def unit_kinds_fit_codes(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    kinds = unit_kinds(f)
    if not kinds:
        return []
    has_institution = any("事业" in k for k in kinds)
    has_office = any(is_office(k) for k in kinds)
    out = []
    seen: set[str] = set()
    for spec in f.profile.tables():
        if spec.rows != "functional":
            continue
        for row in f.grid(spec.id).data_rows():
            if row.level != "项" or row.key in seen or not any(row.cells.values()):
                continue
            if row.label == "事业运行" and not has_institution:
                what = "事业单位"
            elif row.label == "行政运行" and not has_office:
                what = "行政单位或参照公务员法管理的事业单位"
            else:
                continue
            seen.add(row.key)
            out.append(
                Issue(
                    Severity.WARNING,
                    "U-kind-codes",
                    f"{spec.title}用了科目 {row_label(row)}，但单位情况表中没有{what}"
                    f"（单位性质：{'、'.join(sorted(set(kinds)))}）。请核对科目或单位性质。",
                    cell_at(f, spec.id, row.key),
                )
            )
    return out


DATE = re.compile(r"^\s*(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?\s*$")


def read_date(text: str) -> date | None:
    """2023-08-15, 2023/8/15, 2023.8.15 or 2023年8月15日; None when it is no date."""
    found = DATE.match(text)
    if not found:
        return None
    try:
        return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        return None


DATE_FIELDS = (("approval_date", "批复日期"), ("publish_date", "计划公开日期"))


@rule(
    "D-format",
    Severity.WARNING,
    "日期：批复日期和计划公开日期写成“2023-08-15”或“2023年8月15日”",
    needs=tuple(f"field:unit.{name}" for name, _ in DATE_FIELDS),
)
def dates_readable(ctx: CheckContext) -> list[Issue]:
    out = []
    for name, label in DATE_FIELDS:
        text = text_value(ctx.figures, "unit", name).strip()
        if text and read_date(text) is None:
            out.append(
                Issue(
                    Severity.WARNING,
                    "D-format",
                    f"{label}“{text}”不是日期，请写成 2023-08-15 或 2023年8月15日。",
                    field_at("unit", name),
                )
            )
    return out


@rule(
    "D-publish",
    Severity.WARNING,
    "公开时限：计划公开日期在批复日期后 20 日内（财预〔2016〕143号）",
    needs=tuple(f"field:unit.{name}" for name, _ in DATE_FIELDS),
)
def published_in_time(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    approved = read_date(text_value(f, "unit", "approval_date"))
    planned = read_date(text_value(f, "unit", "publish_date"))
    if approved is None or planned is None:
        return []
    days = (planned - approved).days
    if days < 0:
        message = (
            f"计划公开日期 {planned:%Y年%m月%d日} 早于批复日期 {approved:%Y年%m月%d日}，"
            "决算须在批复后公开，请核对两个日期。"
        )
    elif days > PUBLISH_DAYS:
        message = (
            f"批复日期 {approved:%Y年%m月%d日}，计划公开日期 {planned:%Y年%m月%d日}，相隔 {days} 日，"
            f"超过 {PUBLISH_DAYS} 日的公开时限（财预〔2016〕143号）。请提前公开，或核对日期。"
        )
    else:
        return []
    return [Issue(Severity.WARNING, "D-publish", message, field_at("unit", "publish_date"))]


@rule(
    "W-unknown",
    Severity.WARNING,
    "未知的比较基数：说明中要比较的上年数（或预算数）没有填写时，不与 0 比较，请填写",
)
def unknown_bases(ctx: CheckContext) -> list[Issue]:
    """An absent 上年数 is unknown, not 0: the comparison would say “增加…” against nothing."""
    f = ctx.figures
    out = []
    for section in f.profile.sections:
        labels = {s.id: s.label for s in section.fields}
        for expr in section.values.values():
            refs = expr.compared()
            base = refs[1] if refs else expr.refs[1] if expr.verb == "phrase" else None
            if base is not None and unknown_base(f, base):
                sec, field = base.section, base.field
                out.append(
                    Issue(
                        Severity.WARNING,
                        "W-unknown",
                        f"“{labels.get(field, field)}”没有填写，说明中无法与之比较。请按上年决算（或预算）填写；"
                        "确实为 0 的请填 0。",
                        field_at(sec, field),
                    )
                )
    return out


CLOSING_YEAR = re.compile(r"截至\s*(20\d\d)\s*年\s*12\s*月\s*31\s*日")


@rule("F3", Severity.WARNING, "年度：“截至YYYY年12月31日”等写的是决算年度")
def closing_year(ctx: CheckContext) -> list[Issue]:
    year = ctx.figures.case.unit.year
    out = []
    for text, where in _texts(ctx):
        for found in CLOSING_YEAR.finditer(text):
            if int(found.group(1)) != year:
                out.append(
                    Issue(
                        Severity.WARNING,
                        "F3",
                        f"“{found.group(0)}”写的是 {found.group(1)} 年，本次决算年度为 {year} 年，请改为"
                        f"“截至{year}年12月31日”。",
                        where,
                    )
                )
    return out


PLACEHOLDER = re.compile(r"XX|ＸＸ|××|某某|（单位名称）|单位名称")


@rule("F4", Severity.WARNING, "单位名称：填写了单位全称，不含 XX、某某 等占位内容")
def unit_name(ctx: CheckContext) -> list[Issue]:
    name = ctx.figures.case.unit.name.strip()
    if name and not PLACEHOLDER.search(name):
        return []
    shown = f"“{name}”" if name else "为空"
    return [
        Issue(
            Severity.WARNING,
            "F4",
            f"单位名称{shown}。封面、目录、表头和正文都用单位全称，请填写单位的正式全称。",
            Location(section="unit"),
        )
    ]


@rule("ALL-count", Severity.ERROR, "数量：车辆数、台套数等数量是整数")
def whole_counts(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    out = []
    for spec in f.profile.tables():
        grid = f.grid(spec.id)
        for side in grid.sides:
            counts = {c.id for c in side.spec.columns if c.type == "count"}
            for row in side.rows:
                for column, value in row.cells.items():
                    is_count = column in counts or row.unit in ("辆", "台", "套", "个", "人")
                    if (
                        is_count
                        and not isinstance(value, str)
                        and value != value.to_integral_value()
                    ):
                        out.append(
                            Issue(
                                Severity.ERROR,
                                "ALL-count",
                                f"{spec.title}：{row_label(row) or '该行'}是数量，填了 {value}，应为整数，请核对。",
                                cell_at(f, spec.id, row.key, column),
                            )
                        )
    return out


def _explained(f: Figures, table_id: str, rows: tuple[str, ...]) -> bool:
    """Whether a 说明 section of the document uses one of these rows and says something."""
    used = set(rows)
    for section in f.profile.sections:
        if section.part == "tables" or not any(
            not ref.is_field and ref.table == table_id and ref.row in used
            for expr in section.values.values()
            for ref in expr.refs
        ):
            continue
        items = section_preview(f, section.id)
        if any(isinstance(i, TextItem) and i.text.strip() for i in items):
            return True
    return False


def _statement_missing(f: Figures, rule_id: str, rows: tuple[str, ...], what: str) -> list[Issue]:
    spec = need_table(f, "operations").spec
    ids = tuple(r for r in (row_id(spec, role) for role in rows) if r)
    if _explained(f, spec.id, ids):
        return []
    return [
        Issue(
            Severity.WARNING,
            rule_id,
            f"文档中没有{what}的说明：检查时常因缺少这一段而判为公开不完整。请在模板中加入该说明"
            f"（按《{spec.title}》的数字写明），或补填其中用到的内容。",
            cell_at(f, spec.id, ids[0]) if ids else Location(table=spec.id),
        )
    ]


@rule(
    "S-running",
    Severity.WARNING,
    "机关（机构）运行经费说明：文档中有一段说明写出机关运行经费支出",
    needs=("row:operations:running",),
)
def running_statement(ctx: CheckContext) -> list[Issue]:
    return _statement_missing(ctx.figures, "S-running", ("running",), "机关（机构）运行经费支出")


@rule(
    "S-assets",
    Severity.WARNING,
    "国有资产占用说明：文档中有一段说明写出车辆和单价 100 万元以上设备的占用情况",
    needs=("row:operations:veh_total",),
)
def assets_statement(ctx: CheckContext) -> list[Issue]:
    return _statement_missing(
        ctx.figures, "S-assets", ("veh_total", "equipment"), "国有资产占用情况"
    )


#: (approved field, table role, row, what) of the 决算批复 figures the officer may enter.
APPROVED = (
    ("approved_total", "income_expense_total", "income_grand", "收入、支出总计"),
    ("approved_fiscal", "fiscal_total", "income_grand", "财政拨款收入、支出总计"),
)


@rule(
    "X-approved",
    Severity.ERROR,
    "与批复一致：填写了决算批复数时，公开的收入、支出总计和财政拨款收入、支出总计与批复数相同",
    needs=(
        "field:unit.approved_total",
        "row:income_expense_total:income_grand",
        "field:unit.approved_fiscal",
        "row:fiscal_total:income_grand",
    ),
)
def matches_the_approval(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    out: list[Issue] = []
    for field, role, row, what in APPROVED:
        approved = field_amount(f, f"unit.{field}")
        if approved is None:
            continue  # not entered: nothing to compare with (unknown is not 0)
        table = need_table(f, role)
        out += compare_equal(
            "X-approved",
            (f"《{table.spec.title}》{what}", table.amount(row, "amount")),
            (f"批复的{what}", approved),
            field_at("unit", field),
            "公开的决算数字应与财政部门的批复一致。请核对公开表，或核对所填的批复数。",
        )
    return out

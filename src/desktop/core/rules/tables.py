"""Intra-table rules (docs/domain.md §3.1): balances, typed-in subtotals, limits and 尾差.

Sums that the model computes (合计, 类/款 rows, computed columns) cannot disagree in 元; what the
reader can still see is a display tail in the published 万元 figures, reported as 提示.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache, partial
from typing import TYPE_CHECKING

from desktop.core.calc import Grid, GridRow, _signed
from desktop.core.codetables import level_of
from desktop.core.issues import Issue, Severity
from desktop.core.money import ZERO, to_wan
from desktop.core.rules.compare import compare_equal, compare_sum, wan
from desktop.core.rules.helpers import cell_at, column_label, field_at, row_label
from desktop.core.rules.registry import CheckContext, rule
from desktop.core.rules.roles import field_amount, need_table, rounded_terms

if TYPE_CHECKING:
    from collections.abc import Sequence

    from desktop.core.rules.roles import Table
    from desktop.core.spec import ColumnSpec, TableSpec

FIX_ENTRY = "请核对录入的数字。"


@rule(
    "T1-d",
    Severity.ERROR,
    "收入支出决算总表：收入总计 = 支出总计",
    needs=("row:income_expense_total:income_grand", "row:income_expense_total:expense_grand"),
)
def t1_balance(ctx: CheckContext) -> list[Issue]:
    t1 = need_table(ctx.figures, "income_expense_total")
    return compare_equal(
        "T1-d",
        ("收入总计", t1.amount("income_grand", "amount")),
        ("支出总计", t1.amount("expense_grand", "amount")),
        t1.at("expense_grand", "amount"),
        "收入总计（本年收入 + 使用非财政拨款结余 + 年初结转和结余）应等于支出总计（本年支出 + 结余分配 + 年末结转和结余），"
        "请核对年初、年末结转和结余及结余分配。",
        terms=lambda: t1.terms("income_grand", "amount") + t1.terms("expense_grand", "amount"),
    )


@rule(
    "T1-e",
    Severity.ERROR,
    "收入支出决算总表：本年支出合计 = 各功能分类（类）行之和",
    needs=("table:income_expense_total", "column:expense:total"),
)
def t1_classes(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    t1, t3 = need_table(f, "income_expense_total"), need_table(f, "expense")
    listed = {r.code for r in t1.grid.sides[-1].rows if r.code}
    out = []
    total = t3.col("total")
    for row in t3.grid.sides[0].rows:
        if row.level == "类" and row.code not in listed and row.amount(total) != 0:
            out.append(
                Issue(
                    Severity.ERROR,
                    "T1-e",
                    f"支出决算表中有 {row_label(row)} {wan(row.amount(total))}，但收入支出决算总表没有这一类，"
                    "本年支出合计与各类之和会不一致。请核对科目编码，或在模板中补充该类。",
                    t3.at(row.key, "total"),
                )
            )
    return out


FUNDS = (
    ("gpb", "一般公共预算财政拨款"),
    ("fund", "政府性基金预算财政拨款"),
    ("soe", "国有资本经营预算财政拨款"),
)


@rule(
    "T4-b",
    Severity.ERROR,
    "财政拨款收支总表：每类资金 年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余",
    needs=(
        "row:fiscal_total:expense_total",
        "row:fiscal_total:closing",
        "row:fiscal_total:opening_gpb",
        "row:fiscal_total:inc_gpb",
    ),
)
def t4_funds(ctx: CheckContext) -> list[Issue]:
    t4 = need_table(ctx.figures, "fiscal_total")
    out: list[Issue] = []
    for key, name in FUNDS:
        opening = t4.amount(f"opening_{key}", "amount")
        income = t4.amount(f"inc_{key}", "amount")
        spent = t4.amount("expense_total", key)
        closing = t4.amount("closing", key)
        out += compare_sum(
            "T4-b",
            (f"{name}：年初结转和结余 + 本年收入", opening + income),
            [("本年支出", spent), ("年末结转和结余", closing)],
            t4.at("closing", key),
            f"请核对{name}的本年收入、年初和年末结转和结余。",
            display_tails=False,
            terms=partial(_fund_terms, t4, key),
        )
    return out


def _fund_terms(t4: Table, key: str) -> int:
    return (
        t4.terms(f"opening_{key}", "amount")
        + t4.terms(f"inc_{key}", "amount")
        + t4.terms("expense_total", key)
        + t4.terms("closing", key)
    )


PROCUREMENT_PARTS = (
    ("sme_small", "授予小微企业合同金额", "sme_total", "授予中小企业合同金额"),
    ("sme_total", "授予中小企业合同金额", "proc_total", "政府采购支出总额"),
    ("sme_goods", "货物采购授予中小企业合同金额", "proc_goods", "政府采购货物支出"),
    ("sme_works", "工程采购授予中小企业合同金额", "proc_works", "政府采购工程支出"),
    ("sme_services", "服务采购授予中小企业合同金额", "proc_services", "政府采购服务支出"),
)
T12_NEEDS = tuple(f"row:operations:{k}" for k in ("proc_total", "sme_total", "sme_small"))


@rule(
    "T12-a",
    Severity.ERROR,
    "政府采购：小微企业 ≤ 中小企业 ≤ 采购总额，各类中小企业 ≤ 该类采购",
    needs=T12_NEEDS,
)
def t12_procurement(ctx: CheckContext) -> list[Issue]:
    t12 = need_table(ctx.figures, "operations")
    out = []
    for part, part_name, whole, whole_name in PROCUREMENT_PARTS:
        a, b = t12.amount(part, "amount"), t12.amount(whole, "amount")
        if a > b:
            out.append(
                Issue(
                    Severity.ERROR,
                    "T12-a",
                    f"{part_name} {wan(a)} 大于{whole_name} {wan(b)}，超出 {wan(a - b)}。前者是后者的一部分，请核对。",
                    t12.at(part, "amount"),
                )
            )
    return out


@rule(
    "T12-sme",
    Severity.ERROR,
    "政府采购：授予中小企业合同金额 = 货物、工程、服务三类授予中小企业合同金额之和（分类填报时）",
    needs=(*T12_NEEDS, "row:operations:sme_goods"),
)
def t12_sme_parts(ctx: CheckContext) -> list[Issue]:
    t12 = need_table(ctx.figures, "operations")
    keys = ("sme_goods", "sme_works", "sme_services")
    sme_parts = sum((t12.amount(k, "amount") for k in keys), ZERO)
    sme_total = t12.amount("sme_total", "amount")
    if sme_parts in (0, sme_total):
        return []
    return compare_equal(
        "T12-sme",
        ("授予中小企业合同金额", sme_total),
        ("货物、工程、服务三类授予中小企业合同金额之和", sme_parts),
        t12.at("sme_total", "amount"),
        "请核对授予中小企业的合同金额。",
        terms=1 + len(keys),
    )


@rule(
    "T12-proc",
    Severity.ERROR,
    "政府采购：政府采购支出总额 = 货物 + 工程 + 服务",
    needs=(*T12_NEEDS, "row:operations:proc_goods"),
)
def t12_procurement_parts(ctx: CheckContext) -> list[Issue]:
    t12 = need_table(ctx.figures, "operations")
    row = next((r for r in t12.spec.sides[0].rows if r.id == t12.key("proc_total")), None)
    if row is not None and row.sum_of:
        return []  # the profile computes the total from its parts: they cannot disagree
    parts = [
        (label, t12.amount(k, "amount"))
        for k, label in (("proc_goods", "货物"), ("proc_works", "工程"), ("proc_services", "服务"))
    ]
    total = t12.amount("proc_total", "amount")
    if total == 0 and all(v == 0 for _, v in parts):
        return []
    return compare_sum(
        "T12-proc",
        ("政府采购支出总额", total),
        parts,
        t12.at("proc_total", "amount"),
        "政府采购支出总额应等于货物、工程、服务三类之和，请核对。",
        display_tails=False,
    )


def _subtotal_issues(ctx: CheckContext, grid: Grid) -> list[Issue]:
    f = ctx.figures
    out: list[Issue] = []
    for key, cells in grid.entered_subtotals.items():
        row = grid.row(key)
        if row is None:
            continue
        children = [r for r in grid.data_rows() if _is_child(r, key)]
        for column, typed in cells.items():
            if not isinstance(typed, Decimal):
                continue
            parts = [(row_label(c), c.amount(column)) for c in children]
            out += compare_sum(
                "T-sub",
                (
                    f"{row_label(row)}（录入的{level_of(key)}合计）{column_label(grid, column)}",
                    typed,
                ),
                parts,
                cell_at(f, grid.spec.id, key, column),
                "录入的小计应等于下级各行之和，请核对小计或明细。",
                display_tails=False,
            )
    classes = [r for r in grid.data_rows() if r.level == "类"]
    total = grid.row("*")
    if total is not None and any(c.key in grid.entered_subtotals for c in classes):
        for column in {c for cells in grid.entered_subtotals.values() for c in cells}:
            parts = []
            terms = 0
            for c in classes:
                entered = grid.entered_subtotals.get(c.key, {})
                subtotal = entered.get(column) if column in entered else None
                is_typed = isinstance(subtotal, Decimal)
                value = subtotal if isinstance(subtotal, Decimal) else c.amount(column)
                parts.append((row_label(c), value))
                # a typed 类 subtotal is one rounded figure; a computed one adds up its items
                terms += 1 if is_typed else rounded_terms(f, grid.spec.id, c.key, column)
            # the 合计 is computed from every item, so its rounded terms are all the items
            terms += rounded_terms(f, grid.spec.id, "*", column)
            out += compare_sum(
                "T-sub",
                (f"{grid.spec.total_label}{column_label(grid, column)}", total.amount(column)),
                parts,
                cell_at(f, grid.spec.id, "*", column),
                "各类小计之和应等于合计，请核对小计。",
                display_tails=False,
                terms=terms,
            )
    return out


def _is_child(row: GridRow, key: str) -> bool:
    step = {3: 5, 5: 7}.get(len(key), 0)
    return row.key.startswith(key) and len(row.key) == step


@rule(
    "T-sub",
    Severity.ERROR,
    "按科目列示的表：录入的类、款小计 = 下级各行之和（T2-b、T3-a、T5-a、T6-b、T7-a）",
)
def entered_subtotals(ctx: CheckContext) -> list[Issue]:
    out: list[Issue] = []
    for spec in ctx.figures.profile.tables():
        if spec.coded:
            out += _subtotal_issues(ctx, ctx.figures.grid(spec.id))
    return out


@rule("ALL-neg", Severity.ERROR, "所有表：金额和数量不能为负数")
def negative_amounts(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    out = []
    for spec in f.profile.tables():
        grid = f.grid(spec.id)
        for side in grid.sides:
            for row in side.rows:
                for column, value in row.cells.items():
                    if isinstance(value, Decimal) and value < 0:
                        out.append(
                            Issue(
                                Severity.ERROR,
                                "ALL-neg",
                                f"{spec.title}：{row_label(row) or '该行'} {column_label(grid, column)} 为负数"
                                f"（{wan(value)}）。决算数不应为负，请核对；计算得出的负数说明相关录入数有误。",
                                cell_at(f, spec.id, row.key, column),
                            )
                        )
    return out


def _shown_sum_differs(value: Decimal, parts: list[Decimal]) -> bool:
    """Fast test before any message is built: exact or displayed sum differs."""
    return value != sum(parts, ZERO) or _shown(value) != sum(map(_shown, parts), ZERO)


@lru_cache(maxsize=65536)
def _shown(value: Decimal) -> Decimal:
    return to_wan(value)


def _tail(
    ctx: CheckContext, grid: Grid, row: GridRow, column: str, parts: list[tuple[str, Decimal]]
) -> list[Issue]:
    if not _shown_sum_differs(row.amount(column), [v for _, v in parts]):
        return []
    what = f"{grid.spec.title}：{row_label(row) or '合计'} {column_label(grid, column)}"
    return compare_sum(
        "ALL-tail",
        (what, row.amount(column)),
        parts,
        cell_at(ctx.figures, grid.spec.id, row.key, column),
        FIX_ENTRY,
    )


#: table id → (the inputs it was computed from, its issues): a keystroke re-checks only the
#: tables whose entered data changed (inputs are compared by identity; a Case is immutable).
_TAIL_CACHE: dict[str, tuple[tuple[object, ...], list[Issue]]] = {}


@rule(
    "ALL-tail", Severity.INFO, "所有表：合计、小计按万元显示后与分项显示数之和不等（四舍五入尾差）"
)
def display_tails(ctx: CheckContext) -> list[Issue]:
    out: list[Issue] = []
    f = ctx.figures
    for spec in f.profile.tables():
        inputs = (f.profile, *f.inputs_of(spec.id))
        cached = _TAIL_CACHE.get(spec.id)
        if (
            cached is not None
            and len(cached[0]) == len(inputs)
            and all(a is b for a, b in zip(cached[0], inputs, strict=True))
        ):
            out += cached[1]
            continue
        found = _table_tails(ctx, spec)
        _TAIL_CACHE[spec.id] = (inputs, found)
        out += found
    return out


def _table_tails(ctx: CheckContext, spec: TableSpec) -> list[Issue]:
    out: list[Issue] = []
    grid = ctx.figures.grid(spec.id)
    for side in grid.sides:
        money = [c.id for c in side.spec.columns if c.type == "money" and c.printed]
        by_id = {r.key: r for r in side.rows}
        sums = {r.id: r.sum_of for r in (*side.spec.rows, *spec.footers) if r.sum_of}
        children = _children_map(side.rows) if spec.rows != "fixed" else {}
        summed = spec.rows in ("functional", "economic", "list")
        for row in side.rows:
            if row.unit not in ("", "万元"):
                continue
            out += _column_tails(ctx, grid, side.spec.columns, money, row)
            for col in money:
                if row.key in sums:
                    parts = [
                        (by_id[k].label, sign * by_id[k].amount(col))
                        for sign, k in _signed(sums[row.key])
                        if k in by_id
                    ]
                    out += _tail(ctx, grid, row, col, parts)  # few fixed rows: cheap
                elif summed and row.level in ("类", "款", "total"):
                    out += _children_tail(ctx, grid, row, col, children.get(row.key, []))
    return out


def _column_tails(
    ctx: CheckContext, grid: Grid, columns: Sequence[ColumnSpec], money: list[str], row: GridRow
) -> list[Issue]:
    """Tails of a row's summed columns (本年收入合计 = 财政拨款收入 + …) in 万元 as printed."""
    out: list[Issue] = []
    for column in columns:
        if column.id in money and column.sum_of:
            values = [sign * row.amount(c) for sign, c in _signed(column.sum_of)]
            if _shown_sum_differs(row.amount(column.id), values):
                parts = [
                    (column_label(grid, c), sign * row.amount(c))
                    for sign, c in _signed(column.sum_of)
                ]
                out += _tail(ctx, grid, row, column.id, parts)
    return out


def _children_tail(
    ctx: CheckContext, grid: Grid, row: GridRow, col: str, kids: list[GridRow]
) -> list[Issue]:
    """The tail of a 类/款/合计 row against its direct children in one column."""
    if not kids or not _shown_sum_differs(row.amount(col), [k.amount(col) for k in kids]):
        return []
    return _tail(ctx, grid, row, col, [(row_label(k), k.amount(col)) for k in kids])


def _children_map(rows: tuple[GridRow, ...]) -> dict[str, list[GridRow]]:
    """Row key → its direct children (合计 → 类 or list items, 类 → 款, 款 → 项), in one pass."""
    out: dict[str, list[GridRow]] = {}
    for r in rows:
        if r.level in ("类", "item"):
            out.setdefault("*", []).append(r)
        elif r.level == "款":
            out.setdefault(r.key[:3], []).append(r)
        elif r.level == "项":
            out.setdefault(r.key[:5], []).append(r)
    return out


def _children(rows: tuple[GridRow, ...], row: GridRow) -> list[GridRow]:
    if row.level == "total":
        return [r for r in rows if r.level in ("类", "item")]
    return [r for r in rows if _is_child(r, row.key)]


@rule(
    "T12-reserve",
    Severity.ERROR,
    "政府采购预留：预留项目与非预留项目授予中小企业合同金额之和 = 授予中小企业合同金额；"
    "预留项目的授予金额不超过预留预算（警告）",
    needs=(
        *T12_NEEDS,
        "field:procurement.sme_reserved_budget",
        "field:procurement.sme_reserved_awarded",
        "field:procurement.sme_other_awarded",
    ),
)
def t12_reserved(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    t12 = need_table(f, "operations")
    budget = field_amount(f, "procurement.sme_reserved_budget")
    reserved = field_amount(f, "procurement.sme_reserved_awarded")
    other = field_amount(f, "procurement.sme_other_awarded")
    out: list[Issue] = []
    if reserved is not None and other is not None:
        out += compare_equal(
            "T12-reserve",
            ("授予中小企业合同金额", t12.amount("sme_total", "amount")),
            ("预留项目与非预留项目授予中小企业合同金额之和", reserved + other),
            field_at("procurement", "sme_other_awarded"),
            "两部分之和应等于公开表中的授予中小企业合同金额，请核对。",
            terms=3,
        )
    if budget is not None and reserved is not None and to_wan(reserved) > to_wan(budget):
        out.append(
            Issue(
                Severity.WARNING,
                "T12-reserve",
                f"预留项目授予中小企业合同金额 {wan(reserved)} 超过为中小企业预留的采购项目预算 "
                f"{wan(budget)}，超出 {wan(reserved - budget)}。请核对预留预算或授予金额。",
                field_at("procurement", "sme_reserved_awarded"),
            )
        )
    return out

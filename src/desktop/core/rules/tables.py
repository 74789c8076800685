"""Intra-table rules (docs/domain.md §3.1): balances, typed-in subtotals, limits and 尾差.

Sums that the model computes (合计, 类/款 rows, computed columns) cannot disagree in 元; what the
reader can still see is a display tail in the published 万元 figures, reported as 提示.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from desktop.core.calc import Grid, GridRow, _signed
from desktop.core.codetables import level_of
from desktop.core.issues import Issue, Severity
from desktop.core.money import ZERO, to_wan
from desktop.core.rules.compare import compare_equal, compare_sum, wan
from desktop.core.rules.helpers import cell_at, column_label, has_table, row_label
from desktop.core.rules.registry import CheckContext, rule

if TYPE_CHECKING:
    from desktop.core.spec import TableSpec

FIX_ENTRY = "请核对录入的数字。"


@rule("T1-d", Severity.ERROR, "收入支出决算总表：收入总计 = 支出总计")
def t1_balance(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    if not has_table(f, "t1"):
        return []
    income = f.grid("t1").amount("income_grand", "amount")
    expense = f.grid("t1").amount("expense_grand", "amount")
    return compare_equal(
        "T1-d",
        ("收入总计", income),
        ("支出总计", expense),
        cell_at(f, "t1", "expense_grand", "amount"),
        "收入总计（本年收入 + 使用非财政拨款结余 + 年初结转和结余）应等于支出总计（本年支出 + 结余分配 + 年末结转和结余），"
        "请核对年初、年末结转和结余及结余分配。",
    )


@rule("T1-e", Severity.ERROR, "收入支出决算总表：本年支出合计 = 各功能分类（类）行之和")
def t1_classes(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    if not has_table(f, "t1"):
        return []
    side = f.grid("t1").sides[-1]
    listed = {r.code for r in side.rows if r.code}
    t3 = f.grid("t3")
    out = []
    for row in t3.sides[0].rows:
        if row.level == "类" and row.code not in listed and row.amount("total") != 0:
            out.append(
                Issue(
                    Severity.ERROR,
                    "T1-e",
                    f"支出决算表中有 {row_label(row)} {wan(row.amount('total'))}，但收入支出决算总表没有这一类，"
                    "本年支出合计与各类之和会不一致。请核对科目编码，或在模板中补充该类。",
                    cell_at(f, "t3", row.key, "total"),
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
)
def t4_funds(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    if not has_table(f, "t4"):
        return []
    t4 = f.grid("t4")
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
            cell_at(f, "t4", "closing", key),
            f"请核对{name}的本年收入、年初和年末结转和结余。",
            display_tails=False,
        )
    return out


@rule("T12-a", Severity.ERROR, "政府采购：小微企业 ≤ 中小企业 ≤ 采购总额，各类中小企业 ≤ 该类采购")
def t12_procurement(ctx: CheckContext) -> list[Issue]:
    f = ctx.figures
    if not has_table(f, "t12"):
        return []
    t12 = f.grid("t12")
    pairs = [
        ("sme_small", "授予小微企业合同金额", "sme_total", "授予中小企业合同金额"),
        ("sme_total", "授予中小企业合同金额", "proc_total", "政府采购支出总额"),
        ("sme_goods", "货物采购授予中小企业合同金额", "proc_goods", "政府采购货物支出"),
        ("sme_works", "工程采购授予中小企业合同金额", "proc_works", "政府采购工程支出"),
        ("sme_services", "服务采购授予中小企业合同金额", "proc_services", "政府采购服务支出"),
    ]
    out = []
    for part, part_name, whole, whole_name in pairs:
        a, b = t12.amount(part, "amount"), t12.amount(whole, "amount")
        if a > b:
            out.append(
                Issue(
                    Severity.ERROR,
                    "T12-a",
                    f"{part_name} {wan(a)} 大于{whole_name} {wan(b)}，超出 {wan(a - b)}。前者是后者的一部分，请核对。",
                    cell_at(f, "t12", part, "amount"),
                )
            )
    sme_parts = sum(
        (t12.amount(k, "amount") for k in ("sme_goods", "sme_works", "sme_services")), ZERO
    )
    sme_total = t12.amount("sme_total", "amount")
    if sme_parts not in (0, sme_total):
        out += compare_equal(
            "T12-a",
            ("授予中小企业合同金额", sme_total),
            ("货物、工程、服务三类授予中小企业合同金额之和", sme_parts),
            cell_at(f, "t12", "sme_total", "amount"),
            "请核对授予中小企业的合同金额。",
        )
    return out


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
            for c in classes:
                entered = grid.entered_subtotals.get(c.key, {})
                subtotal = entered.get(column) if column in entered else None
                value = subtotal if isinstance(subtotal, Decimal) else c.amount(column)
                parts.append((row_label(c), value))
            out += compare_sum(
                "T-sub",
                (f"{grid.spec.total_label}{column_label(grid, column)}", total.amount(column)),
                parts,
                cell_at(f, grid.spec.id, "*", column),
                "各类小计之和应等于合计，请核对小计。",
                display_tails=False,
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
        if spec.rows in ("functional", "economic"):
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
        for row in side.rows:
            if row.unit not in ("", "万元"):
                continue
            for column in side.spec.columns:
                if column.id in money and column.sum_of:
                    values = [sign * row.amount(c) for sign, c in _signed(column.sum_of)]
                    if _shown_sum_differs(row.amount(column.id), values):
                        parts = [
                            (column_label(grid, c), sign * row.amount(c))
                            for sign, c in _signed(column.sum_of)
                        ]
                        out += _tail(ctx, grid, row, column.id, parts)
            for col in money:
                if row.key in sums:
                    parts = [
                        (by_id[k].label, sign * by_id[k].amount(col))
                        for sign, k in _signed(sums[row.key])
                        if k in by_id
                    ]
                    out += _tail(ctx, grid, row, col, parts)  # few fixed rows: cheap
                elif spec.rows in ("functional", "economic", "list") and row.level in (
                    "类",
                    "款",
                    "total",
                ):
                    kids = children.get(row.key, [])
                    if kids and _shown_sum_differs(row.amount(col), [k.amount(col) for k in kids]):
                        parts = [(row_label(k), k.amount(col)) for k in kids]
                        out += _tail(ctx, grid, row, col, parts)
    return out


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

"""Where a department's figure comes from: each member's own figure, less the eliminations.

A department's cell is Σ members − the confirmed eliminations on it (desktop.core.department).
The window shows this on every cell of the department's tables: each member's figure in the same
place of its own tables, and what the eliminations take off. Computed cells (合计, 小计, columns
worked out from others) are linear in the entered ones, so the same breakdown holds for them:
the part the members' figures do not explain is the eliminations' share.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from desktop.core.department import FlowType, PairStatus
from desktop.core.money import ZERO

if TYPE_CHECKING:
    from collections.abc import Mapping

    from desktop.core.calc import Figures
    from desktop.core.department import Department
    from desktop.core.model import CaseId
    from desktop.core.spec import Profile


@dataclass(frozen=True, slots=True)
class MemberFigure:
    """One member's figure at the cell (None: the member has nothing there)."""

    name: str
    value: Decimal | None


@dataclass(frozen=True, slots=True)
class CellSources:
    """A department cell: the members' figures and the eliminations that make it."""

    members: tuple[MemberFigure, ...]
    #: (what is eliminated, amount taken off) for each confirmed pair on this very cell.
    eliminations: tuple[tuple[str, Decimal], ...]
    #: What the eliminations take off a computed cell (合计 and the like) in all.
    eliminated: Decimal
    total: Decimal | None

    @property
    def contributing(self) -> tuple[MemberFigure, ...]:
        return tuple(m for m in self.members if m.value)


def _number(value: object) -> Decimal | None:
    return value if isinstance(value, Decimal) else None


def _flow_cells(
    profile: Profile, dept: Department, table: str, key: str, column: str
) -> list[tuple[str, Decimal]]:
    names = {m.case_id: m.name for m in dept.members}
    flows = {FlowType(f.type): f for f in profile.consolidation.flows}
    out: list[tuple[str, Decimal]] = []
    for e in dept.eliminations:
        flow = flows.get(e.type)
        if flow is None or e.status is not PairStatus.CONFIRMED or not e.amount:
            continue
        pair = f"{names.get(e.payer, e.payer)} → {names.get(e.payee, e.payee)}"
        if (flow.payer_table, flow.payer_column, e.payer_code) == (table, column, key):
            out.append((f"{e.type.value} 冲抵（付款方：{pair}）", e.amount))
        if (flow.payee_table, flow.payee_column, e.payee_code) == (table, column, key):
            out.append((f"{e.type.value} 冲抵（收款方：{pair}）", e.amount))
    return out


def cell_sources(
    profile: Profile,
    dept: Department,
    department: Figures,
    members: Mapping[CaseId, Figures],
    where: tuple[str, int, str, str],
) -> CellSources:
    """The breakdown of one cell of the department's tables.

    Args:
        where: (table, side, row key, column) of the cell.
        profile: the department's profile.
        dept: the stored department (its members' order and names, its eliminations).
        department: the consolidated case's figures.
        members: each member case's own figures, by case id.
    """
    table, side, key, column = where
    figures: list[MemberFigure] = []
    for m in dept.members:
        if m.case_id is None or m.case_id not in members:
            continue
        grid = members[m.case_id].grid(table)
        rows = grid.sides[side].rows if side < len(grid.sides) else ()
        row = next((r for r in rows if r.key == key and r.level != "blank"), None)
        figures.append(MemberFigure(m.name, _number(row.cells.get(column)) if row else None))
    grid = department.grid(table)
    rows = grid.sides[side].rows if side < len(grid.sides) else ()
    own = next((r for r in rows if r.key == key and r.level != "blank"), None)
    total = _number(own.cells.get(column)) if own else None
    summed = sum((f.value for f in figures if f.value is not None), ZERO)
    named = tuple(_flow_cells(profile, dept, table, key, column))
    eliminated = summed - total if total is not None else ZERO
    return CellSources(tuple(figures), named, eliminated, total)


def list_row_member(
    dept: Department, members: Mapping[CaseId, Figures], table: str, key: str
) -> str:
    """The member a row of a joined list table (rows = "list") comes from ("" if none)."""
    n = int(key) if key.isdigit() else 0
    for m in dept.members:
        if m.case_id is None or m.case_id not in members:
            continue
        count = len(members[m.case_id].case.table(table).rows)
        if n <= count:
            return m.name if n > 0 else ""
        n -= count
    return ""


def field_sources(
    dept: Department, members: Mapping[CaseId, Figures], section: str, field: str
) -> tuple[MemberFigure, ...]:
    """Each member's value of a summed money or count field."""
    out: list[MemberFigure] = []
    for m in dept.members:
        if m.case_id is None or m.case_id not in members:
            continue
        value = members[m.case_id].case.value(section, field)
        out.append(
            MemberFigure(m.name, Decimal(value) if isinstance(value, (Decimal, int)) else None)
        )
    return tuple(out)

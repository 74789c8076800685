"""分单位收支：a department's 收入 and 支出 by 单位, the appendix a profile may ask for.

One row per member with a case of its own (its own 合计 of each column the profile names in
`[consolidation] breakdown`), then the units' sum, what the internal eliminations take off and the
department's total, so the table adds up to the figures the document publishes. Members whose
budget is 不单列 are named in a note: their figures are inside the 本级's.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from desktop.core.calc import TOTAL_KEY
from desktop.core.department import Level
from desktop.core.money import ZERO

if TYPE_CHECKING:
    from collections.abc import Mapping

    from desktop.core.calc import Figures
    from desktop.core.department import Department
    from desktop.core.model import CaseId


@dataclass(frozen=True, slots=True)
class BreakdownRow:
    """One line: a unit (kind "unit"), the units' sum, the eliminations or the department."""

    label: str
    values: tuple[Decimal, ...]
    kind: str = "unit"


@dataclass(frozen=True, slots=True)
class Breakdown:
    """The appendix's column labels, its lines, and the 不单列 units it names in a note."""

    columns: tuple[str, ...]
    rows: tuple[BreakdownRow, ...]
    merged: tuple[str, ...] = ()


def _total(figures: Figures, table: str, column: str) -> Decimal:
    row = figures.grid(table).by_key.get(TOTAL_KEY)
    value = row.cells.get(column) if row is not None else None
    return value if isinstance(value, Decimal) else ZERO


def unit_breakdown(
    dept: Department, department: Figures, members: Mapping[CaseId, Figures]
) -> Breakdown:
    """The breakdown of `department` (consolidated figures) over `members` (each unit's own)."""
    refs = department.profile.consolidation.breakdown
    columns = []
    for table, column in refs:
        spec = department.profile.table(table)
        label = next(
            (c.label for side in spec.sides for c in side.columns if c.id == column), column
        )
        columns.append(label)
    rows: list[BreakdownRow] = []
    for m in dept.members:
        if m.case_id is None or m.case_id not in members:
            continue
        figures = members[m.case_id]
        rows.append(BreakdownRow(m.name, tuple(_total(figures, t, c) for t, c in refs)))
    summed = tuple(sum((r.values[n] for r in rows), ZERO) for n in range(len(refs)))
    total = tuple(_total(department, t, c) for t, c in refs)
    out = [*rows, BreakdownRow("各单位合计", summed, "sum")]
    eliminated = tuple(s - t for s, t in zip(summed, total, strict=True))
    if any(eliminated):
        out.append(BreakdownRow("减：内部往来冲抵", eliminated, "elim"))
    out.append(BreakdownRow("部门合计", total, "dept"))
    merged = tuple(m.name for m in dept.members if m.level is Level.MERGED)
    return Breakdown(tuple(columns), tuple(out), merged)

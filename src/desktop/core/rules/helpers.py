"""Small helpers the rules share: locations, labels and reading figures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.core.issues import Location

if TYPE_CHECKING:
    from desktop.core.calc import Figures, Grid, GridRow


def cell_at(figures: Figures, table_id: str, row: str = "", column: str = "") -> Location:
    return Location(section=figures.table_section(table_id), table=table_id, row=row, column=column)


def field_at(section: str, field: str) -> Location:
    return Location(section=section, field=field)


def row_label(row: GridRow) -> str:
    return f"{row.code} {row.label}".strip() if row.code else row.label


def column_label(grid: Grid, column: str) -> str:
    for side in grid.spec.sides:
        for c in side.columns:
            if c.id == column:
                group = c.group.split("|")[-1] if c.group else ""
                return f"{group}{c.label}" if group and c.label in ("小计", "合计") else c.label
    return column


def text_value(figures: Figures, section: str, field: str) -> str:
    value = figures.case.value(section, field)
    return value if isinstance(value, str) else ""

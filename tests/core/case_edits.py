"""Small edits of a case for rule tests: set a field, a cell, a row, a project."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from desktop.core.model import Case, Cell, Indicator, PerfProject, TableRow, TableValues, Value


def set_field(case: Case, section: str, field: str, value: Value) -> Case:
    fields = {k: dict(v) for k, v in case.fields.items()}
    fields.setdefault(section, {})[field] = value
    return dataclasses.replace(case, fields=fields)


def drop_field(case: Case, section: str, field: str) -> Case:
    """The field as never entered (not 0, not empty: absent)."""
    fields = {
        k: {f: v for f, v in vals.items() if (k, f) != (section, field)}
        for k, vals in case.fields.items()
    }
    return dataclasses.replace(case, fields=fields)


def set_cell(case: Case, table: str, key: str, column: str, value: Cell, label: str = "") -> Case:
    rows = list(case.table(table).rows)
    for n, row in enumerate(rows):
        if row.key == key:
            rows[n] = dataclasses.replace(
                row, cells={**row.cells, column: value}, label=label or row.label
            )
            break
    else:
        rows.append(TableRow(key, label, {column: value}))
    return dataclasses.replace(case, tables={**case.tables, table: TableValues(tuple(rows))})


def set_label(case: Case, table: str, key: str, label: str) -> Case:
    rows = tuple(
        dataclasses.replace(r, label=label) if r.key == key else r for r in case.table(table).rows
    )
    return dataclasses.replace(case, tables={**case.tables, table: TableValues(rows)})


def drop_row(case: Case, table: str, key: str) -> Case:
    rows = tuple(r for r in case.table(table).rows if r.key != key)
    return dataclasses.replace(case, tables={**case.tables, table: TableValues(rows)})


def edit_project(case: Case, project_name: str, **changes: object) -> Case:
    projects = tuple(
        dataclasses.replace(p, **changes) if p.name == project_name else p  # type: ignore[arg-type]  # the changes are checked by the dataclass at run time
        for p in case.performance.projects
    )
    return dataclasses.replace(
        case, performance=dataclasses.replace(case.performance, projects=projects)
    )


def edit_indicator(project: PerfProject, name: str, **changes: object) -> tuple[Indicator, ...]:
    return tuple(
        dataclasses.replace(i, **changes) if i.name == name else i  # type: ignore[arg-type]  # the changes are checked by the dataclass at run time
        for i in project.indicators
    )


def project(case: Case, name: str) -> PerfProject:
    return next(p for p in case.performance.projects if p.name == name)


def yuan(text: str) -> Decimal:
    return Decimal(text)

"""Edits of a case as values: set a field, set a cell, delete a row, rename the unit, a batch.

`apply_edit` returns the edited case (cases are immutable) and `inverse_of` the edit that undoes
an edit on a given case, so the window can keep an undo stack and storage can replay the same
edit on disk. No I/O here.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from desktop.core.model import (
    AcceptedFinding,
    Case,
    Cell,
    GlossaryEntry,
    Performance,
    TableRow,
    TableValues,
    Unit,
    Value,
)


@dataclass(frozen=True, slots=True)
class SetField:
    """Set (or clear, with None) one field of a section."""

    section: str
    field: str
    value: Value | None


@dataclass(frozen=True, slots=True)
class SetCell:
    """Set (or clear, with None) one cell; the row is added (with `label`) when it is new."""

    table: str
    key: str
    column: str
    value: Cell | None
    label: str | None = None


@dataclass(frozen=True, slots=True)
class SetLabel:
    """Rename a row (a project name, a 科目名称)."""

    table: str
    key: str
    label: str


@dataclass(frozen=True, slots=True)
class DeleteRow:
    """Remove a row with its cells."""

    table: str
    key: str


@dataclass(frozen=True, slots=True)
class RestoreRow:
    """Put a row back at its position (the inverse of DeleteRow)."""

    table: str
    position: int
    row: TableRow


@dataclass(frozen=True, slots=True)
class SetUnit:
    """Change the unit's name or year."""

    name: str
    year: int


@dataclass(frozen=True, slots=True)
class SetPerformance:
    """Replace the 预算绩效 data (projects with their tables, the evaluation texts)."""

    performance: Performance


@dataclass(frozen=True, slots=True)
class SetGlossary:
    """Replace the 名词解释 terms."""

    glossary: tuple[GlossaryEntry, ...]


@dataclass(frozen=True, slots=True)
class SetAccepted:
    """Replace the accepted findings (警告 explained by the officer, 已说明)."""

    accepted: tuple[AcceptedFinding, ...]


@dataclass(frozen=True, slots=True)
class Batch:
    """Several edits applied (and undone) as one step, e.g. a pasted block."""

    edits: tuple[Edit, ...]
    title: str = ""


Edit = (
    SetField
    | SetCell
    | SetLabel
    | DeleteRow
    | RestoreRow
    | SetUnit
    | SetPerformance
    | SetGlossary
    | SetAccepted
    | Batch
)


def _with_rows(case: Case, table: str, rows: list[TableRow]) -> Case:
    return dataclasses.replace(case, tables={**case.tables, table: TableValues(tuple(rows))})


def apply_edit(case: Case, edit: Edit) -> Case:
    """The case after `edit`."""
    if isinstance(edit, Batch):
        for inner in edit.edits:
            case = apply_edit(case, inner)
        return case
    if isinstance(edit, SetUnit):
        return dataclasses.replace(case, unit=Unit(edit.name, edit.year))
    if isinstance(edit, SetPerformance):
        return dataclasses.replace(case, performance=edit.performance)
    if isinstance(edit, SetGlossary):
        return dataclasses.replace(case, glossary=edit.glossary)
    if isinstance(edit, SetAccepted):
        return dataclasses.replace(case, accepted=edit.accepted)
    if isinstance(edit, SetField):
        section = dict(case.fields.get(edit.section, {}))
        if edit.value is None:
            section.pop(edit.field, None)
        else:
            section[edit.field] = edit.value
        return dataclasses.replace(case, fields={**case.fields, edit.section: section})
    rows = list(case.table(edit.table).rows)
    if isinstance(edit, RestoreRow):
        rows.insert(min(edit.position, len(rows)), edit.row)
        return _with_rows(case, edit.table, rows)
    index = next((n for n, r in enumerate(rows) if r.key == edit.key), None)
    if isinstance(edit, DeleteRow):
        if index is not None:
            del rows[index]
        return _with_rows(case, edit.table, rows)
    if isinstance(edit, SetLabel):
        if index is not None:
            rows[index] = dataclasses.replace(rows[index], label=edit.label)
        return _with_rows(case, edit.table, rows)
    if index is None:
        if edit.value is None:
            return case
        rows.append(TableRow(edit.key, edit.label or "", {edit.column: edit.value}))
    else:
        cells = dict(rows[index].cells)
        if edit.value is None:
            cells.pop(edit.column, None)
        else:
            cells[edit.column] = edit.value
        label = rows[index].label if edit.label is None else edit.label
        rows[index] = TableRow(edit.key, label, cells)
    return _with_rows(case, edit.table, rows)


def inverse_of(case: Case, edit: Edit) -> Edit:
    """The edit that turns `apply_edit(case, edit)` back into `case`."""
    if isinstance(edit, Batch):
        inverses = []
        for inner in edit.edits:
            inverses.append(inverse_of(case, inner))
            case = apply_edit(case, inner)
        return Batch(tuple(reversed(inverses)), edit.title)
    if isinstance(edit, SetUnit):
        return SetUnit(case.unit.name, case.unit.year)
    if isinstance(edit, SetPerformance):
        return SetPerformance(case.performance)
    if isinstance(edit, SetGlossary):
        return SetGlossary(case.glossary)
    if isinstance(edit, SetAccepted):
        return SetAccepted(case.accepted)
    if isinstance(edit, SetField):
        return SetField(edit.section, edit.field, case.value(edit.section, edit.field))
    rows = case.table(edit.table).rows
    if isinstance(edit, RestoreRow):
        return DeleteRow(edit.table, edit.row.key)
    index = next((n for n, r in enumerate(rows) if r.key == edit.key), None)
    if isinstance(edit, DeleteRow):
        if index is None:
            return Batch(())
        return RestoreRow(edit.table, index, rows[index])
    if isinstance(edit, SetLabel):
        return SetLabel(edit.table, edit.key, rows[index].label if index is not None else "")
    if index is None:
        return DeleteRow(edit.table, edit.key)
    return SetCell(
        edit.table, edit.key, edit.column, rows[index].cells.get(edit.column), rows[index].label
    )

"""Edits of a case as values: set a field, set a cell, delete a row, rename the unit, a batch.

`apply_edit` returns the edited case (cases are immutable) and `inverse_of` the edit that undoes
an edit on a given case, so the window can keep an undo stack and storage can replay the same
edit on disk. No I/O here.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from collections.abc import Callable


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
    return _APPLY[type(edit)](case, edit)


def inverse_of(case: Case, edit: Edit) -> Edit:
    """The edit that turns `apply_edit(case, edit)` back into `case`."""
    return _INVERSE[type(edit)](case, edit)


# -- applying, one function per kind of edit ---------------------------------------------------
def _apply_batch(case: Case, edit: Batch) -> Case:
    for inner in edit.edits:
        case = apply_edit(case, inner)
    return case


def _apply_field(case: Case, edit: SetField) -> Case:
    section = dict(case.fields.get(edit.section, {}))
    if edit.value is None:
        section.pop(edit.field, None)
    else:
        section[edit.field] = edit.value
    return dataclasses.replace(case, fields={**case.fields, edit.section: section})


def _row_index(case: Case, table: str, key: str) -> int | None:
    return next((n for n, r in enumerate(case.table(table).rows) if r.key == key), None)


def _apply_restore(case: Case, edit: RestoreRow) -> Case:
    rows = list(case.table(edit.table).rows)
    rows.insert(min(edit.position, len(rows)), edit.row)
    return _with_rows(case, edit.table, rows)


def _apply_delete(case: Case, edit: DeleteRow) -> Case:
    rows = list(case.table(edit.table).rows)
    index = _row_index(case, edit.table, edit.key)
    if index is not None:
        del rows[index]
    return _with_rows(case, edit.table, rows)


def _apply_label(case: Case, edit: SetLabel) -> Case:
    rows = list(case.table(edit.table).rows)
    index = _row_index(case, edit.table, edit.key)
    if index is not None:
        rows[index] = dataclasses.replace(rows[index], label=edit.label)
    return _with_rows(case, edit.table, rows)


def _apply_cell(case: Case, edit: SetCell) -> Case:
    rows = list(case.table(edit.table).rows)
    index = _row_index(case, edit.table, edit.key)
    if index is None:
        if edit.value is None:
            return case
        rows.append(TableRow(edit.key, edit.label or "", {edit.column: edit.value}))
        return _with_rows(case, edit.table, rows)
    cells = dict(rows[index].cells)
    if edit.value is None:
        cells.pop(edit.column, None)
    else:
        cells[edit.column] = edit.value
    label = rows[index].label if edit.label is None else edit.label
    rows[index] = TableRow(edit.key, label, cells)
    return _with_rows(case, edit.table, rows)


_APPLY: dict[type, Callable[[Case, Any], Case]] = {
    Batch: _apply_batch,
    SetUnit: lambda case, e: dataclasses.replace(case, unit=Unit(e.name, e.year)),
    SetPerformance: lambda case, e: dataclasses.replace(case, performance=e.performance),
    SetGlossary: lambda case, e: dataclasses.replace(case, glossary=e.glossary),
    SetAccepted: lambda case, e: dataclasses.replace(case, accepted=e.accepted),
    SetField: _apply_field,
    RestoreRow: _apply_restore,
    DeleteRow: _apply_delete,
    SetLabel: _apply_label,
    SetCell: _apply_cell,
}


# -- inverting ---------------------------------------------------------------------------------
def _invert_batch(case: Case, edit: Batch) -> Edit:
    inverses = []
    for inner in edit.edits:
        inverses.append(inverse_of(case, inner))
        case = apply_edit(case, inner)
    return Batch(tuple(reversed(inverses)), edit.title)


def _invert_delete(case: Case, edit: DeleteRow) -> Edit:
    index = _row_index(case, edit.table, edit.key)
    if index is None:
        return Batch(())
    return RestoreRow(edit.table, index, case.table(edit.table).rows[index])


def _invert_label(case: Case, edit: SetLabel) -> Edit:
    index = _row_index(case, edit.table, edit.key)
    rows = case.table(edit.table).rows
    return SetLabel(edit.table, edit.key, rows[index].label if index is not None else "")


def _invert_cell(case: Case, edit: SetCell) -> Edit:
    index = _row_index(case, edit.table, edit.key)
    if index is None:
        return DeleteRow(edit.table, edit.key)
    row = case.table(edit.table).rows[index]
    return SetCell(edit.table, edit.key, edit.column, row.cells.get(edit.column), row.label)


_INVERSE: dict[type, Callable[[Case, Any], Edit]] = {
    Batch: _invert_batch,
    SetUnit: lambda case, e: SetUnit(case.unit.name, case.unit.year),
    SetPerformance: lambda case, e: SetPerformance(case.performance),
    SetGlossary: lambda case, e: SetGlossary(case.glossary),
    SetAccepted: lambda case, e: SetAccepted(case.accepted),
    SetField: lambda case, e: SetField(e.section, e.field, case.value(e.section, e.field)),
    RestoreRow: lambda case, e: DeleteRow(e.table, e.row.key),
    DeleteRow: _invert_delete,
    SetLabel: _invert_label,
    SetCell: _invert_cell,
}

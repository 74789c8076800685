"""Edits as the window makes them: each one is its own transaction, acknowledged on return.

These are the only writes the window performs while the officer types (a cell, a field, a row
label, a row removed), so when a function here returns, that edit is on disk (see db.py on
durability). The crash test drives exactly these functions.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from desktop.core.edits import (
    Batch,
    Edit,
    SetAccepted,
    SetField,
    SetGlossary,
    SetPerformance,
    SetUnit,
)
from desktop.storage.cases import (
    CaseNotFoundError,
    _field_row,
    _now,
    to_fen,
    write_performance,
    write_texts,
)

#: Marker for edits that rewrite the 绩效 data and texts rather than a table.
TEXTS = "\0texts"

if TYPE_CHECKING:
    from sqlite_utils import Database

    from desktop.core.model import Case, CaseId, Cell, TableValues, Value


def _touch(db: Database, case_id: CaseId) -> None:
    cursor = db.execute("UPDATE cases SET updated = ? WHERE id = ?", [_now(), case_id])
    if cursor.rowcount == 0:
        raise CaseNotFoundError(case_id)


def set_field(db: Database, case_id: CaseId, section: str, field: str, value: Value) -> None:
    """Store one field value."""
    with db.atomic():
        _touch(db, case_id)
        db.table("field_values").upsert(
            _field_row(case_id, section, field, value), pk=("case_id", "section", "field")
        )


def _position(db: Database, case_id: CaseId, table: str, key: str, label: str | None) -> int:
    row = db.execute(
        "SELECT position FROM table_rows WHERE case_id = ? AND table_id = ? AND key = ?",
        [case_id, table, key],
    ).fetchone()
    if row is not None:
        if label is not None:
            db.execute(
                "UPDATE table_rows SET label = ? WHERE case_id = ? AND table_id = ? AND key = ?",
                [label, case_id, table, key],
            )
        return int(row[0])
    last = db.execute(
        "SELECT coalesce(max(position), -1) FROM table_rows WHERE case_id = ? AND table_id = ?",
        [case_id, table],
    ).fetchone()
    position = int(last[0]) + 1
    db.execute(
        "INSERT INTO table_rows (case_id, table_id, position, key, label) VALUES (?, ?, ?, ?, ?)",
        [case_id, table, position, key, label or ""],
    )
    return position


def set_cell(  # noqa: PLR0917 - the arguments are the cell address: table, row, column
    db: Database,
    case_id: CaseId,
    table: str,
    key: str,
    column: str,
    value: Cell,
    label: str | None = None,
) -> None:
    """Store one table cell, adding the row (with `label`) when it is new."""
    with db.atomic():
        _touch(db, case_id)
        position = _position(db, case_id, table, key, label)
        money = isinstance(value, Decimal)
        db.execute(
            "INSERT INTO table_cells (case_id, table_id, position, col, amount_fen, text) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (case_id, table_id, position, col) "
            "DO UPDATE SET amount_fen = excluded.amount_fen, text = excluded.text",
            [case_id, table, position, column, to_fen(value) if isinstance(value, Decimal) else None,
             None if money else value],
        )  # fmt: skip


def delete_row(db: Database, case_id: CaseId, table: str, key: str) -> None:
    """Remove a row and its cells."""
    with db.atomic():
        _touch(db, case_id)
        row = db.execute(
            "SELECT position FROM table_rows WHERE case_id = ? AND table_id = ? AND key = ?",
            [case_id, table, key],
        ).fetchone()
        if row is None:
            return
        db.execute(
            "DELETE FROM table_cells WHERE case_id = ? AND table_id = ? AND position = ?",
            [case_id, table, row[0]],
        )
        db.execute(
            "DELETE FROM table_rows WHERE case_id = ? AND table_id = ? AND position = ?",
            [case_id, table, row[0]],
        )


def _touched(edit: Edit, fields: set[tuple[str, str]], tables: set[str]) -> bool:
    """Collect what an edit changes; returns True when it changes the unit."""
    if isinstance(edit, Batch):
        unit = False
        for inner in edit.edits:
            unit = _touched(inner, fields, tables) or unit
        return unit
    if isinstance(edit, SetUnit):
        return True
    if isinstance(edit, SetPerformance | SetGlossary | SetAccepted):
        tables.add(TEXTS)
        return False
    if isinstance(edit, SetField):
        fields.add((edit.section, edit.field))
    else:
        tables.add(edit.table)
    return False


def persist_edit(db: Database, case_id: CaseId, edited: Case, edit: Edit) -> None:
    """Write what `edit` changed, taking the values from the edited case, in one transaction."""
    fields: set[tuple[str, str]] = set()
    tables: set[str] = set()
    unit = _touched(edit, fields, tables)
    with db.atomic():
        _touch(db, case_id)
        if unit:
            db.execute(
                "UPDATE cases SET unit_name = ?, year = ? WHERE id = ?",
                [edited.unit.name, edited.unit.year, case_id],
            )
        for section, field in sorted(fields):
            value = edited.value(section, field)
            if value is None:
                db.execute(
                    "DELETE FROM field_values WHERE case_id = ? AND section = ? AND field = ?",
                    [case_id, section, field],
                )
            else:
                db.table("field_values").upsert(
                    _field_row(case_id, section, field, value), pk=("case_id", "section", "field")
                )
        if TEXTS in tables:
            tables.discard(TEXTS)
            for name in ("perf_indicators", "perf_projects", "case_texts", "accepted_findings"):
                db.execute(f"DELETE FROM {name} WHERE case_id = ?", [case_id])
            db.execute(
                "UPDATE cases SET report_title = ? WHERE id = ?",
                [edited.performance.report_title, case_id],
            )
            write_performance(db, case_id, edited)
            write_texts(db, case_id, edited)
        for table in sorted(tables):
            replace_table(db, case_id, table, edited.table(table))


def replace_table(db: Database, case_id: CaseId, table: str, values: TableValues) -> None:
    """Replace every row and cell of one table of a case (call inside a transaction)."""
    db.execute("DELETE FROM table_cells WHERE case_id = ? AND table_id = ?", [case_id, table])
    db.execute("DELETE FROM table_rows WHERE case_id = ? AND table_id = ?", [case_id, table])
    for position, row in enumerate(values.rows):
        db.execute(
            "INSERT INTO table_rows (case_id, table_id, position, key, label) VALUES (?, ?, ?, ?, ?)",
            [case_id, table, position, row.key, row.label],
        )
        for column, value in row.cells.items():
            money = isinstance(value, Decimal)
            db.execute(
                "INSERT INTO table_cells (case_id, table_id, position, col, amount_fen, text) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [case_id, table, position, column, to_fen(value) if isinstance(value, Decimal) else None,
                 None if money else value],
            )  # fmt: skip

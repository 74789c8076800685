"""Workbook layouts the officer helped recognise, remembered per profile for next year's import."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from desktop.core.sheet_layout import SheetLayout
from desktop.storage.cases import _now

if TYPE_CHECKING:
    from sqlite_utils import Database


def load_layouts(db: Database, profile_id: str) -> dict[str, SheetLayout]:
    """Remembered layouts by sheet signature; a damaged entry is skipped (it is only a hint)."""
    found: dict[str, SheetLayout] = {}
    for row in db.query(
        "SELECT signature, mapping FROM import_layouts WHERE profile = ?", [profile_id]
    ):
        try:
            data = json.loads(row["mapping"])
            columns = {str(k): str(v) for k, v in dict(data.get("columns", {})).items()}
            found[row["signature"]] = SheetLayout(str(data["table"]), columns)
        except (ValueError, TypeError, KeyError, AttributeError):
            continue
    return found


def remember_layout(db: Database, profile_id: str, signature: str, layout: SheetLayout) -> None:
    """Store (or replace) the help given for one layout, in its own transaction."""
    mapping = json.dumps(
        {"table": layout.table, "columns": dict(layout.columns)}, ensure_ascii=False
    )
    with db.conn:
        db.execute(
            "INSERT OR REPLACE INTO import_layouts (signature, profile, mapping, updated) "
            "VALUES (?, ?, ?, ?)",
            [signature, profile_id, mapping, _now()],
        )

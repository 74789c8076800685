"""Listing cases with their counts: from the check cache, a 部门 on its consolidated figures."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from desktop.core.department import Department, Kind, Level, Member, own_case
from desktop.core.model import CaseId, TableValues
from desktop.storage.case_list import case_statuses
from desktop.storage.cases import load_case, save_case
from desktop.storage.db import close_db, open_db
from desktop.storage.departments import save_department
from desktop.storage.interchange import loads_case
from tests.department_units import units

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

    from desktop.sections.catalog import Catalog


def test_counts_departments_and_cache(
    tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = open_db(tmp_path / "c.sqlite3")
    try:
        ids = [
            save_case(db, loads_case(p.read_text("utf-8"), catalog.profiles))
            for p in units(tmp_path)
        ]
        profile = catalog.profile("sh-2024-dept")
        members = (
            Member("示例区社会工作部", Kind.ADMIN, Level.OWN, ids[0]),
            Member("示例区社会工作服务中心", Kind.INSTITUTION, Level.SUBORDINATE, ids[1]),
        )
        dept = save_department(
            db, Department(own_case(profile, "示例部门", 2024, load_case(db, ids[0])), members)
        )
        listed = case_statuses(db, catalog.profiles, catalog.codes)
        assert {c.summary.id: (c.department, c.errors) for c in listed} == {
            ids[0]: (False, 0),
            ids[1]: (False, 0),
            dept: (True, 0),
        }
        # a member edit that breaks a table shows at once in the member and, consolidated, in the 部门
        child = load_case(db, CaseId(ids[1]))
        rows = tuple(r for r in child.table("t3").rows if r.key != "2080505")
        save_case(db, replace(child, tables={**child.tables, "t3": TableValues(rows)}), ids[1])
        again = {c.summary.id: c.errors for c in case_statuses(db, catalog.profiles, catalog.codes)}
        assert again[ids[1]]
        assert again[dept] == again[ids[1]]
        # nothing changed: the second listing runs no check at all
        from desktop.core import checks

        def no_checks(*_a: object, **_k: object) -> list[object]:
            raise AssertionError("checked again")

        monkeypatch.setattr(checks, "run_checks", no_checks)
        assert {
            c.summary.id: c.errors for c in case_statuses(db, catalog.profiles, catalog.codes)
        } == again
        # a case of a profile that is not installed is listed without counts (its 部门, whose
        # member changed, is checked again)
        monkeypatch.undo()
        db.execute("UPDATE cases SET profile = 'gone-2020' WHERE id = ?", [ids[0]])
        gone = next(
            c for c in case_statuses(db, catalog.profiles, catalog.codes) if c.summary.id == ids[0]
        )
        assert (gone.errors, gone.warnings) == (None, None)
    finally:
        close_db(db)

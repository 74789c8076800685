"""Case revisions: the database raises a case's revision on every change of its content.

The check cache of the start screen is keyed by them, so a change that no app code announced (an
edit written by another path, a member's edit seen by its 部门) must still raise them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.core.department import Department, Elimination, FlowType, Kind, Level, Member, own_case
from desktop.core.edits import SetField, apply_edit
from desktop.core.money import ZERO
from desktop.storage.case_list import case_statuses
from desktop.storage.cases import load_case, save_case
from desktop.storage.check_cache import revisions
from desktop.storage.db import close_db, open_db
from desktop.storage.departments import load_department, save_department
from desktop.storage.edits import persist_edit
from desktop.storage.interchange import loads_case
from tests.department_units import units

if TYPE_CHECKING:
    from pathlib import Path

    from desktop.core.model import CaseId
    from desktop.sections.catalog import Catalog


def test_every_kind_of_write_raises_the_revision(tmp_path: Path, catalog: Catalog) -> None:
    db = open_db(tmp_path / "r.sqlite3")
    try:
        parent, child = (
            save_case(db, loads_case(p.read_text("utf-8"), catalog.profiles))
            for p in units(tmp_path)
        )
        profile = catalog.profile("sh-2024-dept")
        members = (
            Member("本级", Kind.ADMIN, Level.OWN, parent),
            Member("下属", Kind.INSTITUTION, Level.SUBORDINATE, child),
        )
        dept = save_department(
            db, Department(own_case(profile, "部门", 2024, load_case(db, parent)), members)
        )
        seen = revisions(db)

        def raised(case_id: CaseId) -> bool:
            nonlocal seen
            now = revisions(db)
            up = now[case_id] > seen[case_id]
            others = {k for k in now if k != case_id and now[k] != seen[k]}
            seen = now
            return up and not others

        db.execute("UPDATE table_cells SET amount_fen = amount_fen + 1 WHERE case_id = ? "
                   "AND rowid = (SELECT min(rowid) FROM table_cells WHERE case_id = ?)",
                   [child, child])  # fmt: skip
        assert raised(child)
        case = load_case(db, child)
        edit = SetField("functions", "functions", ("新的职能",))
        persist_edit(db, child, apply_edit(case, edit), edit)
        assert raised(child)
        db.execute("UPDATE cases SET unit_name = '改名' WHERE id = ?", [parent])
        assert raised(parent)
        db.execute("UPDATE cases SET updated = '2000-01-01' WHERE id = ?", [parent])
        assert revisions(db) == seen  # the time of the last change is not content
        stored = load_department(db, dept)
        pair = Elimination(FlowType.E1, parent, child, ZERO + 1, "2013901", "2013950")
        save_department(db, Department(stored.own, stored.members, (pair,)), dept)
        now = revisions(db)
        assert now[dept] > seen[dept]
    finally:
        close_db(db)


def test_a_listed_department_follows_a_member_edited_behind_its_back(
    tmp_path: Path, catalog: Catalog
) -> None:
    db = open_db(tmp_path / "l.sqlite3")
    try:
        parent, child = (
            save_case(db, loads_case(p.read_text("utf-8"), catalog.profiles))
            for p in units(tmp_path)
        )
        profile = catalog.profile("sh-2024-dept")
        members = (
            Member("本级", Kind.ADMIN, Level.OWN, parent),
            Member("下属", Kind.INSTITUTION, Level.SUBORDINATE, child),
        )
        dept = save_department(
            db, Department(own_case(profile, "部门", 2024, load_case(db, parent)), members)
        )
        before = {
            c.summary.id: c.errors for c in case_statuses(db, catalog.profiles, catalog.codes)
        }
        assert before == {parent: 0, child: 0, dept: 0}
        # one cell of the child's 收入决算表 raised by 100 万元 in SQL: totals no longer balance
        db.execute(
            "UPDATE table_cells SET amount_fen = amount_fen + 100000000 WHERE case_id = ? "
            "AND table_id = 't2' AND col = 'upper'",
            [child],
        )
        after = {c.summary.id: c.errors for c in case_statuses(db, catalog.profiles, catalog.codes)}
        assert after[parent] == 0
        assert after[child]
        assert after[dept]
    finally:
        close_db(db)

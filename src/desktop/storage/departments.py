"""部门 cases in the database: the department's own case plus its members and eliminations.

A department is a row of `cases` with kind 'department' (its own texts are that case's fields);
its members are other cases (or, for a 不单列 unit, a name only) and its eliminations pairs of
member cases. Its figures are never stored: `effective_case` consolidates them on every read, so a
member edit changes the department at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.core.department import (
    Department,
    Elimination,
    FlowType,
    Kind,
    Level,
    Member,
    PairStatus,
    consolidate,
)
from desktop.core.model import Case, CaseId
from desktop.storage.cases import CaseNotFoundError, from_fen, load_case, save_case, to_fen

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from sqlite_utils import Database

    from desktop.core.spec import Profile


class DepartmentError(Exception):
    """A department request that cannot be carried out; the message says why and what to do."""


def is_department(db: Database, case_id: CaseId) -> bool:
    row = db.execute("SELECT kind FROM cases WHERE id = ?", [case_id]).fetchone()
    if row is None:
        raise CaseNotFoundError(case_id)
    return bool(row[0] == "department")


def _member_rows(members: Iterable[Member], dept_id: CaseId) -> list[dict[str, Any]]:
    return [
        {
            "dept_id": dept_id,
            "position": n,
            "name": m.name,
            "kind": m.kind.value,
            "level": m.level.value,
            "case_id": m.case_id,
        }
        for n, m in enumerate(members)
    ]


def _elimination_rows(eliminations: Iterable[Elimination], dept_id: CaseId) -> list[dict[str, Any]]:
    return [
        {
            "dept_id": dept_id,
            "position": n,
            "type": e.type.value,
            "payer": e.payer,
            "payee": e.payee,
            "amount_fen": to_fen(e.amount),
            "payer_code": e.payer_code,
            "payee_code": e.payee_code,
            "status": e.status.value,
            "explanation": e.explanation,
        }
        for n, e in enumerate(eliminations)
    ]


def _check_members(db: Database, own: Case, members: Iterable[Member]) -> None:
    seen: set[int] = set()
    for m in members:
        if m.case_id is None:
            continue
        if m.case_id in seen:
            raise DepartmentError(f"填报 {m.case_id} 在部门中列了两次。")
        seen.add(m.case_id)
        if is_department(db, m.case_id):
            raise DepartmentError(f"填报 {m.case_id} 本身是部门填报，不能作为部门的下属单位。")
        case = load_case(db, m.case_id)
        if case.unit.year != own.unit.year:
            raise DepartmentError(
                f"填报 {m.case_id}（{case.unit.name}）是 {case.unit.year} 年度的，"
                f"部门是 {own.unit.year} 年度的。请选择同一年度的单位填报。"
            )
        if case.profile_id != own.profile_id:
            raise DepartmentError(
                f"填报 {m.case_id}（{case.unit.name}）使用模板“{case.profile_id}”，"
                f"部门使用“{own.profile_id}”。请把该单位的填报改用同一模板后再加入。"
            )
    if sum(1 for m in members if m.level is Level.OWN) > 1:
        raise DepartmentError("一个部门只能有一个本级单位。")


def save_department(db: Database, dept: Department, dept_id: CaseId | None = None) -> CaseId:
    """Insert (dept_id None) or replace a department with its members and eliminations."""
    _check_members(db, dept.own, dept.members)
    with db.atomic():
        new_id = save_case(db, dept.own, dept_id)
        db.execute("UPDATE cases SET kind = 'department' WHERE id = ?", [new_id])
        db.execute("DELETE FROM dept_eliminations WHERE dept_id = ?", [new_id])
        db.execute("DELETE FROM dept_members WHERE dept_id = ?", [new_id])
        db.table("dept_members").insert_all(_member_rows(dept.members, new_id))
        db.table("dept_eliminations").insert_all(_elimination_rows(dept.eliminations, new_id))
    return new_id


def load_department(db: Database, dept_id: CaseId) -> Department:
    if not is_department(db, dept_id):
        raise DepartmentError(f"填报 {dept_id} 是单位填报，不是部门填报。")
    members = tuple(
        Member(r[0], Kind(r[1]), Level(r[2]), CaseId(r[3]) if r[3] is not None else None)
        for r in db.execute(
            "SELECT name, kind, level, case_id FROM dept_members WHERE dept_id = ? ORDER BY position",
            [dept_id],
        ).fetchall()
    )
    eliminations = tuple(
        Elimination(
            FlowType(r[0]),
            CaseId(r[1]),
            CaseId(r[2]),
            from_fen(r[3]),
            r[4],
            r[5],
            PairStatus(r[6]),
            r[7],
        )
        for r in db.execute(
            "SELECT type, payer, payee, amount_fen, payer_code, payee_code, status, explanation "
            "FROM dept_eliminations WHERE dept_id = ? ORDER BY position",
            [dept_id],
        ).fetchall()
    )
    return Department(load_case(db, dept_id), members, eliminations)


def member_cases(db: Database, dept: Department) -> dict[CaseId, Case]:
    return {m.case_id: load_case(db, m.case_id) for m in dept.members if m.case_id is not None}


def departments_of(db: Database, case_id: CaseId) -> list[CaseId]:
    """The departments a unit case belongs to."""
    return [
        CaseId(r[0])
        for r in db.execute(
            "SELECT DISTINCT dept_id FROM dept_members WHERE case_id = ? ORDER BY dept_id",
            [case_id],
        ).fetchall()
    ]


def effective_case(db: Database, case_id: CaseId, profiles: Mapping[str, Profile]) -> Case:
    """The case to check and export: a unit's own case, or a department consolidated now."""
    if not is_department(db, case_id):
        return load_case(db, case_id)
    dept = load_department(db, case_id)
    profile = profiles.get(dept.own.profile_id)
    if profile is None:
        raise DepartmentError(f"部门填报 {case_id} 使用的模板“{dept.own.profile_id}”未安装。")
    return consolidate(profile, dept, member_cases(db, dept))

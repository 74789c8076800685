"""A department as the window and the command line use it: stored parts, consolidation, findings.

Everything is read from the database on each call, so a member edited elsewhere is taken in:
the members' cases, their own check results (from the check cache when unchanged), the
consolidated case and the department's own findings (D-member, D-pair, D-diff, D-proposed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.core.department import consolidate
from desktop.core.department_checks import department_issues
from desktop.storage.check_cache import checks_of_cases
from desktop.storage.departments import DepartmentError, load_department, member_cases

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sqlite_utils import Database

    from desktop.core.codetables import CodeTable
    from desktop.core.department import Department
    from desktop.core.issues import Issue
    from desktop.core.model import Case, CaseId
    from desktop.core.spec import Profile


@dataclass(frozen=True, slots=True)
class DepartmentState:
    """One reading of a department."""

    dept: Department
    profile: Profile
    cases: Mapping[CaseId, Case]
    member_issues: Mapping[CaseId, list[Issue]]
    consolidated: Case
    #: The department's own findings (its members' 错误, its eliminations).
    findings: list[Issue]


def department_state(
    db: Database, dept_id: CaseId, profiles: Mapping[str, Profile], codes: Mapping[str, CodeTable]
) -> DepartmentState:
    dept = load_department(db, dept_id)
    profile = profiles.get(dept.own.profile_id)
    if profile is None:
        raise DepartmentError(f"部门填报 {dept_id} 使用的模板“{dept.own.profile_id}”未安装。")
    cases = member_cases(db, dept)
    member_issues = checks_of_cases(db, cases, profile, codes)
    return DepartmentState(
        dept,
        profile,
        cases,
        member_issues,
        consolidate(profile, dept, cases),
        department_issues(profile, dept, cases, member_issues),
    )


def with_own(state: DepartmentState, own: Case) -> DepartmentState:
    """The state after an edit of the department's own texts (members and findings unchanged)."""
    from dataclasses import replace

    dept = replace(state.dept, own=own)
    return replace(state, dept=dept, consolidated=consolidate(state.profile, dept, state.cases))

"""The cases of a database as the start screen and `juesuan list` show them, with their counts.

Each case's 错误/警告 come from the check cache (desktop.storage.check_cache), so listing a district's
thousand cases checks only those changed since they were last listed. A 部门 case is counted on
its consolidated figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.core.issues import Severity
from desktop.core.model import CaseId
from desktop.storage.cases import CaseSummary, list_cases
from desktop.storage.check_cache import (
    checks_by_key,
    context_key,
    revision_key,
    revisions,
    stored_checks,
)
from desktop.storage.departments import effective_case

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sqlite_utils import Database

    from desktop.core.codetables import CodeTable
    from desktop.core.issues import Issue
    from desktop.core.spec import Profile


@dataclass(frozen=True, slots=True)
class CaseStatus:
    """One listed case: its summary, whether it is a 部门, and its counts (None: not installed)."""

    summary: CaseSummary
    department: bool
    errors: int | None
    warnings: int | None


def department_members(db: Database) -> dict[int, list[int]]:
    """Each 部门's member cases, in order (不单列 members have none)."""
    out: dict[int, list[int]] = {
        int(r[0]): [] for r in db.execute("SELECT id FROM cases WHERE kind = 'department'")
    }
    for dept, case in db.execute(
        "SELECT dept_id, case_id FROM dept_members WHERE case_id IS NOT NULL "
        "ORDER BY dept_id, position"
    ).fetchall():
        out.setdefault(int(dept), []).append(int(case))
    return out


def case_statuses(
    db: Database, profiles: Mapping[str, Profile], codes: Mapping[str, CodeTable]
) -> list[CaseStatus]:
    """Every case with its counts; only cases changed since the last listing are read and checked.

    A unit's results are keyed by its revision; a 部门's by its own and its members' revisions.
    """
    from desktop.core.calc import Figures
    from desktop.core.checks import run_checks

    contexts = {pid: context_key(p, codes) for pid, p in profiles.items()}
    revised = revisions(db)
    departments = department_members(db)
    stored = stored_checks(db)
    out = []
    for summary in list_cases(db):
        department = summary.id in departments
        profile = profiles.get(summary.profile)
        if profile is None:
            out.append(CaseStatus(summary, department, None, None))
            continue
        parts = [(summary.id, revised.get(summary.id, -1))]
        parts += [(CaseId(m), revised.get(m, -1)) for m in departments.get(summary.id, ())]

        def compute(case_id: CaseId = summary.id, profile: Profile = profile) -> list[Issue]:
            case = effective_case(db, case_id, profiles)
            return run_checks(Figures(case, profile, codes))

        key = revision_key(contexts[summary.profile], parts)
        issues = checks_by_key(db, summary.id, key, compute, stored.get(summary.id))
        out.append(
            CaseStatus(
                summary,
                department,
                sum(1 for i in issues if i.severity is Severity.ERROR),
                sum(1 for i in issues if i.severity is Severity.WARNING),
            )
        )
    return out

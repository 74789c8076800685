"""The cases of a database as the start screen and `juesuan list` show them, with their counts.

Each case's 错误/警告 come from the check cache (desktop.storage.check_cache), so listing a district's
thousand cases checks only those changed since they were last listed. A 部门 case is counted on
its consolidated figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.core.issues import Severity
from desktop.storage.cases import CaseSummary, list_cases
from desktop.storage.check_cache import cached_checks, context_key
from desktop.storage.departments import effective_case, is_department

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sqlite_utils import Database

    from desktop.core.codetables import CodeTable
    from desktop.core.issues import Issue
    from desktop.core.model import Case
    from desktop.core.spec import Profile


@dataclass(frozen=True, slots=True)
class CaseStatus:
    """One listed case: its summary, whether it is a 部门, and its counts (None: not installed)."""

    summary: CaseSummary
    department: bool
    errors: int | None
    warnings: int | None


def case_statuses(
    db: Database, profiles: Mapping[str, Profile], codes: Mapping[str, CodeTable]
) -> list[CaseStatus]:
    from desktop.core.calc import Figures
    from desktop.core.checks import run_checks

    contexts = {pid: context_key(p, codes) for pid, p in profiles.items()}
    out = []
    for summary in list_cases(db):
        department = is_department(db, summary.id)
        profile = profiles.get(summary.profile)
        if profile is None:
            out.append(CaseStatus(summary, department, None, None))
            continue
        case = effective_case(db, summary.id, profiles)

        def compute(case: Case = case, profile: Profile = profile) -> list[Issue]:
            return run_checks(Figures(case, profile, codes))

        issues = cached_checks(db, summary.id, case, contexts[summary.profile], compute)
        out.append(
            CaseStatus(
                summary,
                department,
                sum(1 for i in issues if i.severity is Severity.ERROR),
                sum(1 for i in issues if i.severity is Severity.WARNING),
            )
        )
    return out

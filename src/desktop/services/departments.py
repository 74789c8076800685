"""A department case for checking, exporting and dumping: consolidated now from its members.

The department's figures are never stored: they are its members' cases minus the confirmed
eliminations (desktop.core.department); its own findings are the members' 错误 and the open pairs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

    from desktop.core.calc import Figures
    from desktop.core.issues import Issue
    from desktop.core.model import Case, CaseId
    from desktop.export.table_layout import TableLayout
    from desktop.sections.catalog import Catalog


def checked_department(
    db: Database, case_id: CaseId, catalog: Catalog
) -> tuple[Case, list[Issue]] | None:
    """A department's consolidated case and its own findings; None for a unit's case.

    Each member's own checks come from the check cache when the member has not changed.
    """
    from desktop.storage.department_view import department_state
    from desktop.storage.departments import is_department

    if not is_department(db, case_id):
        return None
    state = department_state(db, case_id, catalog.profiles, catalog.codes)
    return state.consolidated, state.findings


def department_findings(db: Database, case_id: CaseId, catalog: Catalog) -> list[Issue]:
    """A department's own checks (members' errors, eliminations); [] for a unit's case."""
    found = checked_department(db, case_id, catalog)
    return found[1] if found is not None else []


def dump_department(db: Database, case_id: CaseId, consolidated: Case) -> str | None:
    """The department file text, or None when the case is a unit's."""
    from desktop.storage.department_file import dumps_department
    from desktop.storage.departments import is_department, load_department, member_cases

    if not is_department(db, case_id):
        return None
    dept = load_department(db, case_id)
    return dumps_department(consolidated, dept, member_cases(db, dept))


def department_appendix(
    db: Database, case_id: CaseId, catalog: Catalog, figures: Figures
) -> TableLayout | None:
    """The 分单位收支 appendix of a department (`figures`: its consolidated case); None for a unit."""
    from desktop.core.calc import Figures as Computed
    from desktop.export.unit_appendix import department_appendix as layout_of
    from desktop.storage.departments import is_department, load_department, member_cases

    if not is_department(db, case_id):
        return None
    dept = load_department(db, case_id)
    members = {
        i: Computed(c, figures.profile, catalog.codes) for i, c in member_cases(db, dept).items()
    }
    return layout_of(dept, figures, members)

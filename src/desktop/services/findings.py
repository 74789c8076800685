"""Explaining a 警告 (审核出错说明): find the finding the officer names and store the explanation.

The window explains through its undo stack (ui/issues_dock.py applies the same `SetAccepted`
edit); the command line finds the finding by its rule id or key and writes it here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.core.checks import accept_finding, withdraw_acceptance
from desktop.core.edits import SetAccepted

if TYPE_CHECKING:
    from sqlite_utils import Database

    from desktop.core.issues import Issue
    from desktop.core.model import Case, CaseId


class FindingError(ValueError):
    """The named finding cannot be explained (none, several, an 错误, no explanation)."""


def find_finding(issues: list[Issue], wanted: str, case_id: int) -> Issue:
    """The finding with this key, or the only finding of this rule."""
    found = [i for i in issues if i.key == wanted] or [i for i in issues if i.rule == wanted]
    if not found:
        raise FindingError(
            f"填报 {case_id} 的检查结果中没有“{wanted}”。请用 juesuan check --case {case_id} "
            "--json 查看每条问题的规则编号和 key。"
        )
    if len(found) > 1:
        keys = "\n".join(f"  {i.key}" for i in found)
        raise FindingError(f"规则 {wanted} 有 {len(found)} 条结果，请用其中一条的 key：\n{keys}")
    return found[0]


def explain_finding(
    db: Database, case_id: CaseId, case: Case, issue: Issue, explanation: str | None
) -> Case:
    """Store the explanation of a 警告 (None withdraws it); the stored case after it."""
    from desktop.storage.edits import persist_edit

    try:
        if explanation is None:
            edited = withdraw_acceptance(case, issue)
        else:
            edited = accept_finding(case, issue, explanation)
    except ValueError as exc:  # a 错误 or 提示, or an empty explanation
        raise FindingError(str(exc)) from exc
    persist_edit(db, case_id, edited, SetAccepted(edited.accepted))
    return edited

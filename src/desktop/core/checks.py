"""Runs the profile's rules over a case and orders what they find.

A rule that fails unexpectedly is reported as an 错误 issue of its own instead of stopping the
others: the officer still sees every other problem.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from desktop.core.issues import SEVERITY_ORDER, Issue, Location, Severity
from desktop.core.model import AcceptedFinding
from desktop.core.rules import RULES, CheckContext

if TYPE_CHECKING:
    from desktop.core.calc import Figures
    from desktop.core.model import Case
    from desktop.core.spec import Profile, SectionSpec

#: The rules of what the text needs and was not entered (the check panel's 仅缺少原因 list).
REASON_RULES = ("N-reason", "N5-reason", "N-missing")


def rule_jobs(profile: Profile) -> list[tuple[str, SectionSpec | None]]:
    """The rules a profile runs, in order: its own (no section), then each section's with it."""
    jobs: list[tuple[str, SectionSpec | None]] = [(name, None) for name in profile.rules]
    jobs += [(name, section) for section in profile.sections for name in section.rules]
    return jobs


def run_checks(figures: Figures, only: tuple[str, ...] = ()) -> list[Issue]:
    """Every issue of the case, by step order, then severity; `only` limits the rules run."""
    profile = figures.profile
    jobs = rule_jobs(profile)
    issues: list[Issue] = []
    runnable = _runnable(profile)
    for name, section in jobs:
        if (only and name not in only) or not runnable[name]:
            continue  # a rule whose needs the profile lacks is skipped (profile-check reports it)
        try:
            issues += RULES[name].fn(CheckContext(figures, section))
        except Exception as exc:
            issues.append(
                Issue(
                    Severity.ERROR,
                    name,
                    f"检查规则 {name} 无法完成（{type(exc).__name__}: {exc}）。请把这条信息告诉技术支持。",
                    Location(section=section.id if section else ""),
                )
            )
    order: dict[str, int] = {s.id: n for n, s in enumerate(profile.sections)}
    issues = mark_accepted(issues, figures.case)
    return sorted(
        issues,
        key=lambda i: (order.get(i.location.section, len(order)), SEVERITY_ORDER[i.severity]),
    )


#: The last profile seen and which of its rules have every need met (profiles are immutable).
_RUNNABLE: list[tuple[Profile, dict[str, bool]]] = []


def _runnable(profile: Profile) -> dict[str, bool]:
    if _RUNNABLE and _RUNNABLE[0][0] is profile:
        return _RUNNABLE[0][1]
    names = {*profile.rules, *(n for s in profile.sections for n in s.rules)}
    found = {n: not RULES[n].unmet(profile) for n in names}
    _RUNNABLE[:] = [(profile, found)]
    return found


def mark_accepted(issues: list[Issue], case: Case) -> list[Issue]:
    """Warnings the officer explained carry the explanation (已说明); errors never do."""
    explained = {a.key: a.explanation for a in case.accepted}
    if not explained:
        return issues
    return [
        dataclasses.replace(i, accepted=explained[i.key])
        if i.severity is Severity.WARNING and i.key in explained
        else i
        for i in issues
    ]


def accept_finding(case: Case, issue: Issue, explanation: str) -> Case:
    """The case with this 警告 accepted; a 错误 cannot be accepted (it must be corrected).

    Raises:
        ValueError: with a Chinese message, for an 错误, a 提示 or an empty explanation.
    """
    if issue.severity is not Severity.WARNING:
        raise ValueError(
            f"只有“警告”可以写明理由后接受；“{issue.severity.value}”须改正或无需处理。"
        )
    if not explanation.strip():
        raise ValueError("请写明接受这条警告的理由。")
    kept = tuple(a for a in case.accepted if a.key != issue.key)
    return dataclasses.replace(
        case, accepted=(*kept, AcceptedFinding(issue.key, explanation.strip()))
    )


def withdraw_acceptance(case: Case, issue: Issue) -> Case:
    return dataclasses.replace(case, accepted=tuple(a for a in case.accepted if a.key != issue.key))


def missing_of(issues: list[Issue]) -> list[Issue]:
    """The issues of what the text needs and was not entered, in their order.

    One list for the check panel's 仅缺少原因 filter and the export step's refusal.
    """
    return [i for i in issues if i.rule in REASON_RULES]


def missing_reasons(figures: Figures) -> list[Issue]:
    """What the text needs and was not entered: reasons, counts, names (the 【待填写】 gaps)."""
    return run_checks(figures, REASON_RULES)

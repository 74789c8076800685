"""Runs the profile's rules over a case and orders what they find.

A rule that fails unexpectedly is reported as an 错误 issue of its own instead of stopping the
others: the officer still sees every other problem.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.core.issues import SEVERITY_ORDER, Issue, Location, Severity
from desktop.core.rules import RULES, CheckContext

if TYPE_CHECKING:
    from desktop.core.calc import Figures
    from desktop.core.spec import SectionSpec

#: The rules of what the text needs and was not entered (the check panel's 仅缺少原因 list).
REASON_RULES = ("N-reason", "N5-reason", "N-missing")


def run_checks(figures: Figures, only: tuple[str, ...] = ()) -> list[Issue]:
    """Every issue of the case, by step order, then severity; `only` limits the rules run."""
    profile = figures.profile
    jobs: list[tuple[str, SectionSpec | None]] = [(name, None) for name in profile.rules]
    jobs += [(name, section) for section in profile.sections for name in section.rules]
    issues: list[Issue] = []
    for name, section in jobs:
        if only and name not in only:
            continue
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
    order = {s.id: n for n, s in enumerate(profile.sections)}
    return sorted(
        issues,
        key=lambda i: (order.get(i.location.section, len(order)), SEVERITY_ORDER[i.severity]),
    )


def missing_reasons(figures: Figures) -> list[Issue]:
    """What the text needs and was not entered: reasons, counts, names (the 【待填写】 gaps)."""
    return run_checks(figures, REASON_RULES)

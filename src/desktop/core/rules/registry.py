"""The rule registry: plain functions registered by a stable id, listed by name in a profile."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.core.calc import Figures
    from desktop.core.issues import Issue, Severity
    from desktop.core.spec import SectionSpec


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What a rule sees: the case's figures and the section that lists it (None: profile-wide)."""

    figures: Figures
    section: SectionSpec | None


RuleFn = Callable[[CheckContext], "list[Issue]"]


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """A registered rule: its id, its usual severity, a one-line description and the function."""

    id: str
    severity: Severity
    description: str
    fn: RuleFn


RULES: dict[str, RuleInfo] = {}


def rule(rule_id: str, severity: Severity, description: str) -> Callable[[RuleFn], RuleFn]:
    """Register a rule under a stable id (the docs/domain.md §3 id where there is one)."""

    def register(fn: RuleFn) -> RuleFn:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} registered twice")
        RULES[rule_id] = RuleInfo(rule_id, severity, description, fn)
        return fn

    return register

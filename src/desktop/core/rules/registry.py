"""The rule registry: plain functions registered by a stable id, listed by name in a profile.

A rule states the most severe level it reports (`severity`; a rounding tail it finds is always a
提示) and what it reads from the profile (`needs`, see `roles`). A rule whose needs a profile
lacks is not run on it; `juesuan check --list-rules --profile P` and ``profile-check`` say so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.core.rules.roles import unmet_needs

if TYPE_CHECKING:
    from desktop.core.calc import Figures
    from desktop.core.issues import Issue, Severity
    from desktop.core.spec import Profile, SectionSpec


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What a rule sees: the case's figures and the section that lists it (None: profile-wide)."""

    figures: Figures
    section: SectionSpec | None


RuleFn = Callable[[CheckContext], "list[Issue]"]


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """A registered rule: id, the severity it reports, what it checks, what it needs, the function."""

    id: str
    severity: Severity
    description: str
    fn: RuleFn
    needs: tuple[str, ...] = ()

    def unmet(self, profile: Profile) -> list[str]:
        """What `profile` lacks for this rule (empty: the rule can run)."""
        return unmet_needs(profile, self.needs)


RULES: dict[str, RuleInfo] = {}


def rule(
    rule_id: str, severity: Severity, description: str, needs: tuple[str, ...] = ()
) -> Callable[[RuleFn], RuleFn]:
    """Register a rule under a stable id (the docs/domain.md §3 id where there is one)."""

    def register(fn: RuleFn) -> RuleFn:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} registered twice")
        RULES[rule_id] = RuleInfo(rule_id, severity, description, fn, needs)
        return fn

    return register

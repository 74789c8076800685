"""Issues found by the checks: severity, a stable rule id, where to jump to, and a message.

Messages are plain Chinese that name both sides, their values and the difference, and say what
to do. Checks return issues; they never raise.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """错误 must be fixed before publishing; 警告 should be looked at; 提示 is information."""

    ERROR = "错误"
    WARNING = "警告"
    INFO = "提示"


SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True, slots=True)
class Location:
    """Where the UI jumps to: a section (step), and within it a field or a table cell."""

    section: str = ""
    field: str = ""
    table: str = ""
    row: str = ""
    column: str = ""


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem found by one rule."""

    severity: Severity
    rule: str
    message: str
    location: Location = Location()
    #: The officer's explanation when this 警告 was accepted (shown as 已说明); "" otherwise.
    accepted: str = ""

    @property
    def key(self) -> str:
        """Which finding this is: the rule and where it is (stable while the data changes)."""
        return finding_key(self.rule, self.location)


def finding_key(rule: str, where: Location) -> str:
    return "|".join((rule, where.section, where.field, where.table, where.row, where.column))

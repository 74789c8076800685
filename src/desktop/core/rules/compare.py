"""Comparing a total with its parts, with the 尾差 (rounding tail) policy, in the user's words.

Amounts are exact 元. When the exact values agree but the published 万元 figures do not add up,
that is a display tail (提示). When the exact values differ, the difference is still a 提示 if
every value was entered at 万元 precision (whole hundreds of 元) and rounding the figures behind
both sides can explain it (`money.is_rounding_tail`: at most 0.005 万元 per rounded term, where a
合计 of 27 entered items counts 27 terms, not 1); anything larger is an 错误. Figures entered in
exact 元 compare exactly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.core.issues import Issue, Location, Severity
from desktop.core.money import ZERO, entered_in_wan, format_wan, is_rounding_tail, to_wan

if TYPE_CHECKING:
    from collections.abc import Sequence
    from decimal import Decimal

#: How many rounded figures lie behind a comparison: a number, or a function counting them
#: (called only when the exact values differ).
Terms = int | Callable[[], int] | None

TAIL_ADVICE = "这是四舍五入形成的尾差，可调整其中一项或在说明中注明。"
DISPLAY_ADVICE = "按元计算一致，这是四舍五入形成的显示尾差，可在表下注明“因四舍五入，合计数与分项之和可能存在尾差”。"


def wan(amount: Decimal) -> str:
    return f"{format_wan(amount)} 万元"


def difference(amount: Decimal) -> str:
    """A difference in 万元, or in 元 when it is too small to show in 万元."""
    if amount != 0 and to_wan(amount) == 0:
        return f"{amount:.2f} 元"
    return wan(amount)


def _formula(parts: Sequence[tuple[str, Decimal]]) -> str:
    text = ""
    for n, (label, value) in enumerate(parts):
        sign = "-" if value < 0 and n else ("+" if n else "")
        shown = wan(abs(value)) if n else wan(value)
        text += f" {sign} {label} {shown}" if n else f"{label} {shown}"
    return text


@dataclass(frozen=True)
class Subject:
    """What a comparison is about: the rule, where the figures are, what to do when they differ."""

    rule: str
    location: Location
    advice: str
    severity: Severity = Severity.ERROR
    """What a difference larger than a rounding tail is."""


def compare_sum(
    subject: Subject,
    total: tuple[str, Decimal],
    parts: Sequence[tuple[str, Decimal]],
    *,
    display_tails: bool = True,
    terms: Terms = None,
) -> list[Issue]:
    """Issues for ``total == Σ parts`` (parts may carry a sign in their value).

    `terms` counts the rounded figures behind both sides (by default the total and each part).
    """
    rule, location = subject.rule, subject.location
    label, value = total
    exact = sum((p for _, p in parts), ZERO)
    rhs = "" if len(parts) == 1 else f" = {wan(exact)}"
    shown_parts = sum((to_wan(p) for _, p in parts), ZERO)
    if value == exact:
        if not display_tails or to_wan(value) == shown_parts:
            return []
        diff = abs(to_wan(value) - shown_parts)
        msg = (
            f"{label} {wan(value)}，而{_formula(parts)} 按显示数相加为 {shown_parts:.2f} 万元，"
            f"相差 {diff:.2f} 万元。{DISPLAY_ADVICE}"
        )
        return [Issue(Severity.INFO, rule, msg, location)]
    diff = abs(value - exact)
    head = f"{label} {wan(value)} ≠ {_formula(parts)}{rhs}，相差 {difference(diff)}。"
    if entered_in_wan(value, *(p for _, p in parts)) and is_rounding_tail(
        diff, count_terms(terms, len(parts) + 1)
    ):
        return [Issue(Severity.INFO, rule, head + TAIL_ADVICE, location)]
    return [Issue(subject.severity, rule, head + subject.advice, location)]


def count_terms(terms: Terms, default: int) -> int:
    if terms is None:
        return default
    return terms if isinstance(terms, int) else terms()


def compare_equal(
    subject: Subject,
    left: tuple[str, Decimal],
    right: tuple[str, Decimal],
    *,
    terms: Terms = None,
) -> list[Issue]:
    """Issues for ``left == right`` (two figures that must agree)."""
    return compare_sum(subject, left, [right], display_tails=False, terms=terms)

"""Facts: the named values a section's sentences are filled with, and the small value language.

A section's ``[values]`` map names to expressions of a fixed set of verbs (no evaluation of code):

``amount REF`` (万元 text), ``count REF`` (a whole number), ``change REF BASE`` (增加…增长…% /
减少…下降…% / 持平), ``delta REF BASE`` (增加… / 减少… / 持平, no percentage),
``compare KIND REF BASE`` (the profile phrases ``KIND_up``/``KIND_down``/``KIND_flat``, with a
percentage when ``KIND_up_nobase`` exists, e.g. “与上年决算相比，增加…” / “与上年决算持平”),
``phrase NAME REF BASE`` (the profile phrase NAME with ``{pct}``; ``NAME_nobase`` on a zero base),
``text SECTION:FIELD``, and the conditions ``nonzero REF``, ``zero REF`` and ``more REF BASE``,
``less REF BASE``, ``differ REF BASE``, ``many REF`` (a count above 1, for “等N个”) (amounts compared as ``change`` words them: equal when the
difference shows as 0.00 万元), which a block's ``when`` tests.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.core.expressions import VERBS, FactError, ValueExpr, parse_expression
from desktop.core.issues import Location
from desktop.core.money import HUNDRED, ZERO, format_percent, format_wan, percent, to_wan

__all__ = ["VERBS", "FactError", "ValueExpr", "compared", "evaluate", "parse_expression"]

if TYPE_CHECKING:
    from collections.abc import Callable
    from decimal import Decimal

    from desktop.core.calc import Figures
    from desktop.core.refs import CellRef
    from desktop.core.spec import ReasonRule


@dataclass(frozen=True, slots=True)
class Missing:
    """An input a sentence needs that was not entered (a reason, a count, a name, an amount).

    A block that uses a `required` one shows the marker “【待填写：label】” and the gap is listed
    (the checks make it an 错误, so only a 草稿 can carry the marker); a block that uses one that
    is not required, or that declares ``absent = "omit"``, is left out. Never printed empty.
    """

    label: str
    location: Location
    required: bool = True
    message: str = ""

    def __bool__(self) -> bool:
        return False

    @property
    def marker(self) -> str:
        return f"【待填写：{self.label}】"


FactValue = str | bool | tuple["Facts", ...] | Missing
Facts = Mapping[str, FactValue]

#: Trailing punctuation of an officer's text, dropped where the sentence adds its own.
_TRAILING = "。；，、 \u3000"


def clause_text(text: str) -> str:
    """An entered text as a clause inside a sentence: stripped, without its closing 。/；."""
    return text.strip().rstrip(_TRAILING)


def reason_required(rule: ReasonRule, current: Decimal, base: Decimal) -> bool:
    """Whether a change from `base` to `current` needs a written reason under the profile's rule.

    A change that shows as 0.00 万元 never needs one; a change from 0 needs one when the rule says
    so (`from_zero`); otherwise a change of at least `percent` % of the base, or of at least
    `amount` 万元, does.
    """
    diff = to_wan(current - base)
    if diff == 0:
        return False
    if to_wan(base) == 0:
        return rule.from_zero
    if rule.amount is not None and abs(diff) >= rule.amount:
        return True
    if rule.percent is not None:
        return abs(current - base) * HUNDRED >= rule.percent * abs(base)
    return rule.amount is None


def compared(expr: ValueExpr) -> tuple[CellRef, CellRef] | None:
    """The (current, base) references of a comparison (``change``, ``delta``, ``compare``)."""
    return expr.compared()


def fill(template: str, values: Mapping[str, str]) -> str:
    """Fill ``{name}`` placeholders (checked at load time to be plain names)."""
    return template.format_map(values)


class Phrases:
    """The profile's shared sentence pieces: comparisons and percentage clauses."""

    def __init__(self, phrases: Mapping[str, str]) -> None:
        self.phrases = phrases

    def _get(self, name: str) -> str:
        try:
            return self.phrases[name]
        except KeyError as exc:
            raise FactError(f"模板的 phrases 中没有“{name}”") from exc

    def change(self, current: Decimal, base: Decimal, kind: str = "change") -> str:
        """增加/减少 with 增长/下降 and the percentage; 持平 when the published difference is 0."""
        diff = current - base
        if to_wan(diff) == 0:
            return self._get(f"{kind}_flat")
        direction = "up" if diff > 0 else "down"
        with_pct = kind != "delta" and f"{kind}_{direction}_nobase" in self.phrases
        pct = percent(abs(diff), base) if with_pct else None
        values = {"diff": format_wan(abs(diff))}
        if pct is None:
            name = f"{kind}_{direction}_nobase" if with_pct else f"{kind}_{direction}"
            return fill(self._get(name), values)
        return fill(self._get(f"{kind}_{direction}"), {**values, "pct": format_percent(pct)})

    def ratio(self, name: str, part: Decimal, whole: Decimal) -> str:
        """The phrase NAME with part/whole in percent, or NAME_nobase when whole is zero."""
        pct = percent(part, whole)
        if pct is None:
            return self._get(f"{name}_nobase")
        return fill(self._get(name), {"pct": format_percent(pct), "amount": format_wan(part)})


def unknown_base(figures: Figures, expr: ValueExpr) -> Missing | None:
    """For a comparison whose base was not entered: an optional `Missing`.

    The clause that compares is left out (W-unknown asks for the base); never a comparison with 0.
    """
    refs = expr.compared()
    if refs is None or not figures.unknown(refs[1]):
        return None
    base = refs[1]
    section = figures.profile.section(base.section)
    label = next((f.label for f in section.fields if f.id == base.field), base.field)
    return Missing(
        label,
        Location(section=base.section, field=base.field),
        required=False,
        message=f"“{label}”没有填写，说明中不作比较。",
    )


def evaluate(expr: ValueExpr, figures: Figures, phrases: Phrases) -> FactValue:
    """Evaluate one ``[values]`` expression against the case's figures."""
    unknown = unknown_base(figures, expr)
    if unknown is not None:
        return unknown
    if expr.verb == "text":
        field = expr.refs[0]
        value = figures.case.value(field.section, field.field)
        return value if isinstance(value, str) else ""
    amounts = [figures.ref(r) for r in expr.refs]
    return _VERBS[expr.verb](expr, amounts, phrases)


def _differ(verb: str, amounts: list[Decimal]) -> bool:
    # As `Phrases.change` words it: 持平 when the difference shows as 0.00 万元.
    diff = to_wan(amounts[0] - amounts[1])
    return {"more": diff > 0, "less": diff < 0, "differ": diff != 0}[verb]


_VERBS: dict[str, Callable[[ValueExpr, list[Decimal], Phrases], FactValue]] = {
    "amount": lambda e, a, p: format_wan(a[0]),
    "count": lambda e, a, p: str(int(a[0])),
    "change": lambda e, a, p: p.change(a[0], a[1]),
    "delta": lambda e, a, p: p.change(a[0], a[1], kind="delta"),
    "compare": lambda e, a, p: p.change(a[0], a[1], kind=e.name),
    "phrase": lambda e, a, p: p.ratio(e.name, a[0], a[1]),
    "many": lambda e, a, p: a[0] > 1,
    "more": lambda e, a, p: _differ("more", a),
    "less": lambda e, a, p: _differ("less", a),
    "differ": lambda e, a, p: _differ("differ", a),
    "nonzero": lambda e, a, p: a[0] != ZERO,
    "zero": lambda e, a, p: a[0] == ZERO,
}

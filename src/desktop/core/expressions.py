"""The ``[values]`` expressions of a section, parsed: a verb and its references (no evaluation).

``VERB ARG …`` with a fixed set of verbs (see `desktop.core.narrative.facts` for what each one
says). The profile loader parses each expression once (`parse_expression`); the references in
it are `CellRef`s, so nothing downstream splits expression or reference text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.core.refs import RefError, parse_field_ref, parse_ref

if TYPE_CHECKING:
    from collections.abc import Mapping

    from desktop.core.refs import CellRef

#: verb → its number of arguments.
VERBS: Mapping[str, int] = {
    "amount": 1,
    "count": 1,
    "change": 2,
    "delta": 2,
    "phrase": 3,
    "text": 1,
    "nonzero": 1,
    "zero": 1,
    "more": 2,
    "less": 2,
    "differ": 2,
    "compare": 3,
    "many": 1,
}
#: Verbs whose first argument is a name (the phrase, or the kind of comparison), not a reference.
NAMED = ("phrase", "compare")
#: Verbs comparing a figure with a base (what a reason field can explain).
COMPARISONS = ("change", "delta", "compare")


class FactError(ValueError):
    """A value expression that cannot be evaluated (unknown verb, wrong arguments)."""


@dataclass(frozen=True, slots=True)
class ValueExpr:
    """One parsed expression: ``phrase gpb_share t7:*:total t4:*:total`` → verb, name, refs."""

    verb: str
    refs: tuple[CellRef, ...]
    #: The phrase of ``phrase NAME …`` or the kind of ``compare KIND …``; else "".
    name: str = ""

    def compared(self) -> tuple[CellRef, CellRef] | None:
        """The (current, base) references of a comparison (``change``, ``delta``, ``compare``)."""
        if self.verb in COMPARISONS:
            return self.refs[0], self.refs[1]
        return None

    def __str__(self) -> str:
        words = [self.verb, *([self.name] if self.name else []), *(str(r) for r in self.refs)]
        if self.verb == "text":
            words[1] = f"{self.refs[0].section}:{self.refs[0].field}"
        return " ".join(words)


def parse_expression(expr: str) -> ValueExpr:
    """Parse and check ``VERB ARG …``; raises `FactError` naming what is wrong."""
    words = expr.split()
    if not words or words[0] not in VERBS:
        known = "、".join(VERBS)
        raise FactError(f"“{expr}”应以 {known} 之一开头")
    verb, args = words[0], tuple(words[1:])
    if len(args) != VERBS[verb]:
        raise FactError(f"“{verb}”需要 {VERBS[verb]} 个参数，“{expr}”给了 {len(args)} 个")
    name = args[0] if verb in NAMED else ""
    try:
        if verb == "text":
            refs: tuple[CellRef, ...] = (parse_field_ref(args[0]),)
        else:
            refs = tuple(parse_ref(a) for a in args[1 if name else 0 :])
    except RefError as exc:
        raise FactError(f"“{expr}”：{exc}") from exc
    return ValueExpr(verb, refs, name)

"""What the text needs and was not entered: the gaps of the generated document, as 错误.

The document is rendered once per case (cached while the case is unchanged) and its gaps are
the checks' list, so the check panel, the formal-export refusal and the 【待填写：…】 markers of
a 草稿 always name the same inputs. Reasons are reported by N-reason / N5-reason (texts.py),
every other input (counts, names, amounts, texts) by N-missing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.core.issues import Issue, Severity
from desktop.core.narrative.document import build_document
from desktop.core.rules.registry import CheckContext, rule

if TYPE_CHECKING:
    from desktop.core.calc import Figures
    from desktop.core.narrative.facts import Missing

_CACHE: list[tuple[tuple[object, object], tuple[Missing, ...]]] = []


def document_gaps(figures: Figures) -> tuple[Missing, ...]:
    """The gaps of the case's document (rendered again only when the case or profile changed)."""
    key = (figures.profile, figures.case)
    if _CACHE and all(a is b for a, b in zip(_CACHE[0][0], key, strict=True)):
        return _CACHE[0][1]
    gaps = build_document(figures).gaps
    _CACHE[:] = [(key, gaps)]
    return gaps


def gap_kind(figures: Figures, gap: Missing) -> str:
    """``reason`` (a section's reason field), ``item_reason`` (a table's 差异原因) or ``input``."""
    where = gap.location
    if where.table and where.column == "reason":
        return "item_reason"
    if where.field:
        try:
            if where.field in figures.profile.section(where.section).reasons:
                return "reason"
        except KeyError:
            pass
    return "input"


def gap_issues(figures: Figures, rule_id: str, kind: str) -> list[Issue]:
    seen: set[object] = set()
    out = []
    for gap in document_gaps(figures):
        if gap_kind(figures, gap) != kind or gap.location in seen:
            continue
        seen.add(gap.location)
        out.append(Issue(Severity.ERROR, rule_id, gap.message, gap.location))
    return out


@rule(
    "N-missing",
    Severity.ERROR,
    "缺少内容：说明中要用到的数量、名称、金额和文字都要填写（草稿中显示为【待填写：…】）",
)
def missing_inputs(ctx: CheckContext) -> list[Issue]:
    return gap_issues(ctx.figures, "N-missing", "input")

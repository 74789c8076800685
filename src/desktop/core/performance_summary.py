"""The 绩效 summary figures: 自评 count, average score and counts by 自评结果.

The inspectors ask for them; the 预算绩效 text prints them. Each is taken from the entered
自评表 where those are every self-evaluated project, and from the summary fields of the
``performance`` section otherwise; one left unknown is None, never 0, so its clause drops out.

The 自评表 cover every self-evaluated project when the entered counts (一般公共预算 + 政府性基金)
equal the number of tables, or when the 一般公共预算 count was not entered (the tables are it). A
document that publishes the tables of some projects only (内蒙古: “在决算中反映N个项目”) gives
its average and ratings in the fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from desktop.core.limits import LimitError, parse_score
from desktop.core.money import format_score
from desktop.core.performance import RATING_NAMES, rating_counts, summarize

if TYPE_CHECKING:
    from collections.abc import Mapping
    from decimal import Decimal

    from desktop.core.model import Case
    from desktop.core.spec import Profile

#: The section whose fields hold the summary figures, and the fields (docs/profiles.md §11).
SECTION = "performance"
COUNT_FIELDS = ("gpb_count", "fund_count")
AVERAGE_FIELD = "average_score"
RATING_FIELDS = dict(
    zip(RATING_NAMES, ("rated_excellent", "rated_good", "rated_pass", "rated_fail"), strict=True)
)


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Known(Generic[T]):
    """A summary figure and whether it was computed from the 自评表 (not typed)."""

    value: T
    computed: bool


@dataclass(frozen=True, slots=True)
class PerfSummary:
    """The summary figures; None where neither entered nor computable."""

    count: Known[int] | None
    average: Known[Decimal] | None
    ratings: Known[Mapping[str, int]] | None


def entered_count(case: Case, field_id: str) -> int | None:
    """A count field of the 绩效 section, None when not entered."""
    value = case.value(SECTION, field_id)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def entered_average(case: Case, maximum: Decimal) -> Decimal | None:
    """The typed 平均得分, None when empty or not a score (P-average says why)."""
    text = case.value(SECTION, AVERAGE_FIELD)
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        return parse_score(text, maximum)
    except LimitError:
        return None


def tables_cover_all(case: Case) -> bool:
    """Whether the entered 自评表 are every self-evaluated project (not a published subset)."""
    projects = case.performance.projects
    counts = [entered_count(case, f) for f in COUNT_FIELDS]
    if not projects:
        return False
    if counts[0] is None:  # the 一般公共预算 count not given: the tables stand for it
        return len(projects) >= (counts[1] or 0)
    return len(projects) == sum(c or 0 for c in counts)


def _count(case: Case) -> Known[int] | None:
    counts = [entered_count(case, f) for f in COUNT_FIELDS]
    projects = case.performance.projects
    if counts[0] is None and projects:
        return Known(len(projects), computed=True)
    if any(c is not None for c in counts):
        return Known(sum(c or 0 for c in counts), computed=False)
    return None


def _ratings(case: Case, profile: Profile, cover: bool) -> Known[Mapping[str, int]] | None:
    entered = {name: entered_count(case, f) for name, f in RATING_FIELDS.items()}
    if any(v is not None for v in entered.values()):
        return Known({k: v or 0 for k, v in entered.items()}, computed=False)
    if cover:
        return Known(rating_counts(case.performance.projects, profile.ratings), computed=True)
    return None


def perf_summary(case: Case, profile: Profile) -> PerfSummary:
    """The summary figures of a case: entered where typed, else computed where the tables allow."""
    cover = tables_cover_all(case)
    typed = entered_average(case, profile.score_max)
    average: Known[Decimal] | None = None
    if typed is not None:
        average = Known(typed, computed=False)
    elif cover:
        mean = summarize(case.performance.projects).mean_score
        average = Known(mean, computed=True) if mean is not None else None
    return PerfSummary(_count(case), average, _ratings(case, profile, cover))


def computed_fields(case: Case, profile: Profile) -> dict[str, str]:
    """The summary fields left empty whose figure is computed, with the computed text.

    The window shows them in the empty fields (“按自评表计算：99.15”), so the officer sees what
    the document will print without typing it. The count is not among them: the 内蒙古 text
    states the typed 一般公共预算 count itself, so an empty count field stays a gap to fill.
    """
    summary = perf_summary(case, profile)
    out: dict[str, str] = {}
    if summary.average and summary.average.computed:
        out[AVERAGE_FIELD] = format_score(summary.average.value, profile.score_decimals)
    if summary.ratings and summary.ratings.computed:
        out.update({RATING_FIELDS[k]: str(v) for k, v in summary.ratings.value.items()})
    return out

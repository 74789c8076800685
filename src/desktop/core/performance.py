"""预算绩效 arithmetic: 执行率, the funds score and the 总分 of a project, and the summary totals.

执行率 = 全年执行数 / 全年预算数, in percent, two decimals half up; funds 得分 = 分值 × min(执行率, 1),
two decimals half up; 总分 = Σ 得分. The summary 合计 row adds the amounts and takes the ratio of
the sums (not the mean of the rates); 均分 is the mean of the 总分 (docs/domain.md §3.3 N14).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from desktop.core.money import CENT, HUNDRED, ZERO, format_decimal, percent

if TYPE_CHECKING:
    from desktop.core.model import FundLine, PerfProject


def execution_rate(line: FundLine) -> Decimal | None:
    """执行率 in percent (99.73), or None when the 全年预算数 is zero."""
    return percent(line.executed, line.full)


def funds_score(project: PerfProject) -> Decimal:
    """The funds block's 得分: 分值 × min(执行率, 1)."""
    rate = execution_rate(project.total)
    if rate is None:
        return ZERO
    ratio = min(rate / HUNDRED, Decimal(1))
    return (project.funds_weight * ratio).quantize(CENT, rounding=ROUND_HALF_UP)


def total_score(project: PerfProject) -> Decimal:
    """总分 = funds 得分 + Σ indicator 得分."""
    return funds_score(project) + sum((i.score for i in project.indicators), ZERO)


def total_weight(project: PerfProject) -> Decimal:
    """Σ 分值 including the funds block; 100 in a correct 自评表."""
    return project.funds_weight + sum((i.weight for i in project.indicators), ZERO)


@dataclass(frozen=True, slots=True)
class Summary:
    """The 合计/均分 row of the 项目支出自评结果统计表."""

    initial: Decimal
    full: Decimal
    executed: Decimal
    rate: Decimal | None
    mean_score: Decimal | None


def summarize(projects: tuple[PerfProject, ...]) -> Summary:
    initial = sum((p.total.initial for p in projects), ZERO)
    full = sum((p.total.full for p in projects), ZERO)
    executed = sum((p.total.executed for p in projects), ZERO)
    scores = [total_score(p) for p in projects]
    mean = (
        (sum(scores, ZERO) / len(scores)).quantize(CENT, rounding=ROUND_HALF_UP) if scores else None
    )
    return Summary(initial, full, executed, percent(executed, full), mean)


#: The four 自评结果, highest first.
RATING_NAMES = ("优", "良", "合格", "不合格")


@dataclass(frozen=True, slots=True)
class RatingScale:
    """The lowest 总分 of each 自评结果 (``[performance] rating_excellent`` …).

    财预〔2020〕10号: 90 分（含）以上为优，80（含）—90 分为良，60（含）—80 分为合格（中），60 分以下为
    不合格（差）; a profile with another 满分 sets its own floors (by default the same shares of it).
    """

    excellent: Decimal = Decimal(90)
    good: Decimal = Decimal(80)
    passing: Decimal = Decimal(60)

    @classmethod
    def for_max(cls, score_max: Decimal) -> RatingScale:
        """The default floors for a 满分: 90 %, 80 % and 60 % of it."""
        return cls(*(score_max * Decimal(n) / HUNDRED for n in (90, 80, 60)))

    def floors(self) -> tuple[tuple[str, Decimal], ...]:
        """(结果, lowest 总分), highest first, ending with 不合格 from 0."""
        floors = (self.excellent, self.good, self.passing, ZERO)
        return tuple(zip(RATING_NAMES, floors, strict=True))

    def describe(self) -> str:
        """The scale in words, for a message: “90 分及以上为优，80—90 分为良，60—80 分为合格”."""
        e, g, p = (format_decimal(v) for v in (self.excellent, self.good, self.passing))
        return f"{e} 分及以上为优，{g}—{e} 分为良，{p}—{g} 分为合格，{p} 分以下为不合格"


def rating(score: Decimal, scale: RatingScale) -> str:
    """The 自评结果 of a 总分."""
    return next(name for name, floor in scale.floors() if score >= floor)


def rating_counts(projects: tuple[PerfProject, ...], scale: RatingScale) -> dict[str, int]:
    """How many projects have each 自评结果 (every rating listed, 0 when none)."""
    counts = dict.fromkeys(RATING_NAMES, 0)
    for project in projects:
        counts[rating(total_score(project), scale)] += 1
    return counts

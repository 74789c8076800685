"""The 绩效 summary figures: entered, computed from the 自评表, or unknown — one hand-made case
per branch — and the 预算绩效 sentences of both template families with any of them missing."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from desktop.core.calc import Figures
from desktop.core.model import Case, Performance, Unit
from desktop.core.narrative.document import section_preview
from desktop.core.narrative.render import TextItem
from desktop.core.performance import RatingScale, rating, rating_counts
from desktop.core.performance_summary import (
    Known,
    computed_fields,
    perf_summary,
    tables_cover_all,
)
from tests.core.test_rule_cases import _project, found, w

if TYPE_CHECKING:
    from collections.abc import Mapping

    from desktop.core.model import Value
    from desktop.sections.catalog import Catalog


def _case(
    totals: tuple[str, ...], entered: Mapping[str, Value], profile: str = "nmg-2022-unit"
) -> Case:
    projects = tuple(_project(f"项目{n}", t) for n, t in enumerate(totals, 1))
    return Case(
        profile,
        Unit("测试单位", 2024),
        fields={"performance": dict(entered)},
        performance=Performance(projects=projects),
    )


@pytest.mark.parametrize(
    ("totals", "entered", "cover"),
    [
        ((), {}, False),  # no tables
        (("95", "85"), {}, True),  # no count entered: the tables are the count
        (("95", "85"), {"gpb_count": 2}, True),
        (("95", "85"), {"gpb_count": 1, "fund_count": 1}, True),
        (("95",), {"gpb_count": 3}, False),  # a published subset
        (("95", "85"), {"fund_count": 3}, False),  # fewer tables than the 基金 projects alone
        (("95", "85"), {"fund_count": 0}, True),
    ],
)
def test_tables_cover_every_project(
    totals: tuple[str, ...], entered: Mapping[str, Value], cover: bool
) -> None:
    assert tables_cover_all(_case(totals, entered)) is cover


def test_computed_from_the_tables_when_nothing_is_typed(catalog: Catalog) -> None:
    profile = catalog.profile("nmg-2022-unit")
    got = perf_summary(_case(("95", "85", "59.99"), {}), profile)
    assert got.count == Known(3, computed=True)
    assert got.average == Known(Decimal("80.00"), computed=True)  # 239.99 / 3 = 79.996…
    assert got.ratings == Known({"优": 1, "良": 1, "合格": 0, "不合格": 1}, computed=True)


def test_typed_figures_win_over_the_tables(catalog: Catalog) -> None:
    profile = catalog.profile("nmg-2022-unit")
    typed: dict[str, Value] = {"gpb_count": 2, "average_score": "91.5", "rated_excellent": 2}
    got = perf_summary(_case(("95", "85"), typed), profile)
    assert got.count == Known(2, computed=False)
    assert got.average == Known(Decimal("91.5"), computed=False)
    # one count typed: the others are 0, not computed
    assert got.ratings == Known({"优": 2, "良": 0, "合格": 0, "不合格": 0}, computed=False)


def test_unknown_when_neither_typed_nor_computable(catalog: Catalog) -> None:
    profile = catalog.profile("nmg-2022-unit")
    subset = perf_summary(_case(("95",), {"gpb_count": 12}), profile)
    assert subset.count == Known(12, computed=False)
    assert subset.average is None
    assert subset.ratings is None
    nothing = perf_summary(_case((), {}), profile)
    assert nothing == type(nothing)(None, None, None)
    not_a_score = perf_summary(_case((), {"average_score": "九十"}), profile)
    assert not_a_score.average is None  # P-average reports it; the text does not print it


def test_the_window_is_told_only_the_computed_fields(catalog: Catalog) -> None:
    profile = catalog.profile("nmg-2022-unit")
    assert computed_fields(_case(("95", "85"), {"average_score": "90"}), profile) == {
        "rated_excellent": "1",
        "rated_good": "1",
        "rated_pass": "0",
        "rated_fail": "0",
    }
    assert computed_fields(_case(("95",), {"gpb_count": 3}), profile) == {}


@pytest.mark.parametrize(
    ("score", "expected"),
    [("90", "优"), ("89.99", "良"), ("80", "良"), ("79.99", "合格"), ("60", "合格"),
     ("59.99", "不合格"), ("0", "不合格")],
)  # fmt: skip
def test_rating_boundaries_of_the_default_scale(score: str, expected: str) -> None:
    assert rating(Decimal(score), RatingScale()) == expected


def test_default_scale_follows_the_score_max() -> None:
    assert RatingScale.for_max(Decimal(10)) == RatingScale(Decimal(9), Decimal(8), Decimal(6))


def test_a_profile_scale_changes_the_counts_and_the_message(catalog: Catalog) -> None:
    """A province that rates 优 from 95: a 92 is 良, and P-ratings says which scale it used."""
    base = catalog.profile("nmg-2022-unit")
    strict = dataclasses.replace(base, ratings=RatingScale(Decimal(95), Decimal(85), Decimal(60)))
    case = _case(("92", "97"), {"gpb_count": 2, "rated_excellent": 2, "rated_good": 0,
                                "rated_pass": 0, "rated_fail": 0})  # fmt: skip
    assert rating_counts(case.performance.projects, strict.ratings)["优"] == 1
    assert found(catalog, "P-ratings", case) == []  # both ≥ 90 on the default scale
    figures = Figures(case, strict, catalog.codes)
    from desktop.core.checks import run_checks

    got = [i.message for i in run_checks(figures, ("P-ratings",))]
    assert len(got) == 1
    assert "95 分及以上为优，85—95 分为良" in got[0]
    assert "优 1 个、良 1 个" in got[0]


# -- the sentences --------------------------------------------------------------------------------

EMPTY_SLOT = re.compile(r"对个|得分分|的个|项目个|【待填写|，。|；。|；；|^。")


def _text(catalog: Catalog, case: Case) -> str:
    figures = Figures(case, catalog.profile(case.profile_id), catalog.codes)
    items = section_preview(figures, "performance")
    return "\n".join(i.text for i in items if isinstance(i, TextItem))


SH = "sh-2024-dept"


@pytest.mark.parametrize(
    ("totals", "entered", "expected", "absent"),
    [
        ((), {}, None, "绩效目标"),  # nothing known: no sentence at all
        ((), {"goal_count": 3}, "2024年度，本部门对3个项目设定了绩效目标。", "涉及预算金额"),
        (
            (),
            {"goal_count": 3, "goal_amount": w("12.50"), "tracked_count": 2},
            "2024年度，本部门对3个项目设定了绩效目标，涉及预算金额12.50万元；对2个项目开展了绩效跟踪。",
            "绩效自评",
        ),
        # the 自评表 entered, nothing typed: count, average and ratings from them
        (
            ("95", "85"),
            {},
            "2024年度，本部门对2个项目开展了绩效自评，平均得分90.00分，其中：评价等级为“优”的1个、"
            "“良”的1个、“合格”的0个、“不合格”的0个。",
            "设定了绩效目标",
        ),
        # a subset of the tables: the average and ratings are unknown, so they are not printed
        (("95",), {"gpb_count": 4}, "2024年度，本部门对4个项目开展了绩效自评。", "平均得分"),
    ],
)
def test_shanghai_summary_sentence_says_only_what_is_known(
    catalog: Catalog,
    totals: tuple[str, ...],
    entered: Mapping[str, Value],
    expected: str | None,
    absent: str,
) -> None:
    text = _text(catalog, _case(totals, entered, SH))
    assert not EMPTY_SLOT.search(text), text
    assert absent not in text
    if expected is None:
        assert "2024年度，本部门" not in text
    else:
        assert expected in text.splitlines()


@pytest.mark.parametrize(
    ("totals", "entered", "expected"),
    [
        ((), {"gpb_count": 0, "gpb_amount": w("0")}, None),
        (("95", "85"), {"gpb_count": 2, "gpb_amount": w("2")},
         "绩效自评平均得分90.00分；自评结果为“优”的项目1个、“良”的1个、“合格”的0个、“不合格”的0个。"),
        (("95",), {"gpb_count": 12, "gpb_amount": w("2"), "tracked_count": 12, "average_score": "96.5"},
         "开展绩效运行监控的项目12个；绩效自评平均得分96.50分。"),
        ((), {"gpb_count": 1, "gpb_amount": w("2"), "goal_count": 5, "goal_amount": w("30")},
         "2024年度设定绩效目标的项目5个，涉及预算30.00万元。"),
    ],
)  # fmt: skip
def test_nmg_summary_sentence_says_only_what_is_known(
    catalog: Catalog, totals: tuple[str, ...], entered: Mapping[str, Value], expected: str | None
) -> None:
    text = _text(catalog, _case(totals, entered))
    assert not EMPTY_SLOT.search(text), text
    lines = text.splitlines()
    if expected is None:
        assert not any("平均得分" in t or "设定绩效目标的项目" in t for t in lines), text
    else:
        assert expected in lines, text

"""The profile features the two new profiles needed: joined clauses, running numbers, combined
conditions, comparison conditions, several blocks in one coded table, and listed zero codes."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from desktop.core.calc import Figures
from desktop.core.narrative.facts import Facts, Phrases, evaluate, parse_expression
from desktop.core.narrative.render import TextItem, render_blocks
from desktop.core.spec import Block, BlockStyle

if TYPE_CHECKING:
    from desktop.core.model import Case
    from desktop.sections.catalog import Catalog

FACTS: Facts = {
    "fiscal": "90.00",
    "other": "10.00",
    "has_fiscal": True,
    "has_upper": False,
    "has_other": True,
    "lines": ({"name": "甲"}, {"name": "乙"}, {"name": "丙"}),
}


def _texts(blocks: tuple[Block, ...]) -> list[str]:
    return [i.text for i in render_blocks(blocks, [FACTS]) if isinstance(i, TextItem)]


def test_join_leaves_out_clauses_that_do_not_apply() -> None:
    block = Block(
        text="本年收入合计100.00万元，其中：",
        join="；",
        end="。",
        blocks=(
            Block(text="财政拨款收入{fiscal}万元", when="has_fiscal"),
            Block(text="上级补助收入0.00万元", when="has_upper"),
            Block(text="其他收入{other}万元", when="has_other"),
        ),
    )
    assert _texts((block,)) == [
        "本年收入合计100.00万元，其中：财政拨款收入90.00万元；其他收入10.00万元。"
    ]


def test_join_over_a_list() -> None:
    block = Block(text="包括：", join="、", end="。", blocks=(Block(each="lines", text="{name}"),))
    assert _texts((block,)) == ["包括：甲、乙、丙。"]


def test_numbers_run_on_over_left_out_lines_and_restart_under_a_heading() -> None:
    blocks = (
        Block(text="{seq}.财政拨款", when="has_fiscal"),
        Block(text="{seq}.上级补助", when="has_upper"),
        Block(text="{seq}.其他", when="has_other"),
        Block(style=BlockStyle.H2, text="（{seq_cn}）名单"),
        Block(each="lines", text="{seq}、{name}"),
    )
    assert _texts(blocks) == ["1.财政拨款", "2.其他", "（一）名单", "1、甲", "2、乙", "3、丙"]


def test_and_or_not_conditions() -> None:
    blocks = (
        Block(text="a", when="has_fiscal&has_other"),
        Block(text="b", when="has_fiscal&has_upper"),
        Block(text="c", when="has_upper|has_other"),
        Block(text="d", when="!has_upper&!has_fiscal|has_upper"),
        Block(text="e", when="!has_upper&has_fiscal"),
    )
    assert _texts(blocks) == ["a", "c", "e"]


def _figures(catalog: Catalog, case: Case) -> Figures:
    return Figures(case, catalog.profile(case.profile_id), catalog.codes)


def test_comparison_conditions_follow_the_published_figures(
    catalog: Catalog, sample_case: Case
) -> None:
    figures = _figures(catalog, sample_case)
    phrases = Phrases(figures.profile.phrases)
    # 公务接待费 0.06 万元 against the budget of 0.06 万元, 运行维护费 5.00 against 5.00.
    same = "t10:amounts:actual_reception t10:amounts:budget_reception"
    assert evaluate(parse_expression(f"differ {same}"), figures, phrases) is False
    more = "t5:*:total t5:*:budget"
    assert evaluate(parse_expression(f"more {more}"), figures, phrases) is True
    assert evaluate(parse_expression(f"less {more}"), figures, phrases) is False
    assert evaluate(parse_expression(f"differ {more}"), figures, phrases) is True


def test_a_coded_table_in_two_blocks_lists_zero_codes(catalog: Catalog) -> None:
    from desktop import paths
    from desktop.storage.interchange import loads_case

    text = (paths.resources_dir() / "samples" / "sh-2024-dept.json").read_text(encoding="utf-8")
    figures = _figures(catalog, loads_case(text, catalog.profiles))
    grid = figures.grid("t6")
    left, right = ([r.key for r in side.rows] for side in grid.sides)
    assert left[0] == "301"
    assert left[-1] == "personnel"
    assert {k[:3] for k in left if k.isdigit()} == {"301", "303"}
    assert right[0] == "302"
    assert right[-1] == "public"
    assert "31099" in right
    assert "31005" not in right
    assert grid.amount("30114", "amount") == Decimal(0)  # listed although nothing was entered
    # The 合计 is not printed but can still be referred to.
    assert figures.ref("t6:*:amount") == figures.ref("t5:*:basic")

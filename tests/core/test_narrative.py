from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from desktop.core.calc import Figures
from desktop.core.model import Case, TableRow, TableValues, Unit
from desktop.core.narrative.document import build_document
from desktop.core.narrative.facts import FactError, Phrases, parse_expression
from desktop.core.narrative.numbers import cn_number

if TYPE_CHECKING:
    from desktop.sections.catalog import Catalog

PHRASES = Phrases(
    {
        "change_up": "增加{diff}万元，增长{pct}%",
        "change_down": "减少{diff}万元，下降{pct}%",
        "change_up_nobase": "增加{diff}万元",
        "change_down_nobase": "减少{diff}万元",
        "change_flat": "持平",
        "delta_up": "增加{diff}万元",
        "delta_down": "减少{diff}万元",
        "delta_flat": "持平",
        "share": "，占{pct}%",
        "share_nobase": "",
    }
)


@pytest.mark.parametrize(
    ("current", "base", "text"),
    [
        ("7885380", "5412400", "增加247.30万元，增长45.69%"),
        ("0", "1380400", "减少138.04万元，下降100.00%"),
        ("0", "0", "持平"),
        ("600", "600", "持平"),
        ("49", "0", "持平"),  # 0.0049 万元 rounds to 0.00: the published figures do not change
        ("10000", "0", "增加1.00万元"),  # zero base: no percentage
    ],
)
def test_change_wording(current: str, base: str, text: str) -> None:
    assert PHRASES.change(Decimal(current), Decimal(base)) == text


def test_delta_has_no_percentage() -> None:
    assert PHRASES.change(Decimal("68600"), Decimal("29000"), "delta") == "增加3.96万元"
    assert PHRASES.change(Decimal("12500"), Decimal("13200"), "delta") == "减少0.07万元"


def test_share_leaves_out_percentage_on_zero_base() -> None:
    assert PHRASES.ratio("share", Decimal("50000"), Decimal("50600")) == "，占98.81%"
    assert PHRASES.ratio("share", Decimal(0), Decimal(0)) == ""


@pytest.mark.parametrize(
    ("n", "text"), [(1, "一"), (10, "十"), (11, "十一"), (15, "十五"), (20, "二十"), (26, "二十六")]
)
def test_chinese_numbers(n: int, text: str) -> None:
    assert cn_number(n) == text


@pytest.mark.parametrize("expr", ["eval t1:x:y", "amount", "change a", "amount a b", ""])
def test_bad_expressions_are_refused(expr: str) -> None:
    with pytest.raises(FactError):
        parse_expression(expr)


# -- issue #12: what a sentence does without an input, and when a reason is required ----------

from desktop.core.issues import Location  # noqa: E402
from desktop.core.money import format_score  # noqa: E402
from desktop.core.narrative.document import drop_empty_headings  # noqa: E402
from desktop.core.narrative.facts import Missing, clause_text, reason_required  # noqa: E402
from desktop.core.narrative.render import Item, TextItem, render_blocks  # noqa: E402
from desktop.core.spec import Absent, Block, ReasonRule  # noqa: E402

D = Decimal
WHERE = Location(section="s", field="f")


@pytest.mark.parametrize(
    ("rule", "current", "base", "required"),
    [
        (ReasonRule(), "110000", "100000", True),  # +10 %: at the threshold
        (ReasonRule(), "109000", "100000", False),  # +9 %: optional
        (ReasonRule(), "100049", "100000", False),  # shows as 持平: never
        (ReasonRule(), "10000", "0", True),  # from 0
        (ReasonRule(from_zero=False), "10000", "0", False),
        (ReasonRule(percent=None, amount=D("5.00")), "150000", "100000", True),  # 5.00 万元
        (ReasonRule(percent=None, amount=D("5.00")), "149000", "100000", False),
        (ReasonRule(percent=D(50), amount=D("1.00")), "120000", "100000", True),  # either limit
        (ReasonRule(percent=None, amount=None), "100100", "100000", True),  # any change
    ],
)
def test_reason_required_by_the_profile_rule(
    rule: ReasonRule, current: str, base: str, required: bool
) -> None:
    assert reason_required(rule, D(current), D(base)) is required


def test_officer_text_loses_its_closing_punctuation() -> None:
    assert clause_text(" 人员增加。") == "人员增加"
    assert clause_text("一是……；二是……；") == "一是……；二是……"
    assert clause_text("。") == ""


def _one(block: Block, value: object) -> tuple[list[str], list[Missing]]:
    gaps: list[Missing] = []
    items = render_blocks([block], [{"x": value, "n": "3"}], gaps)  # type: ignore[dict-item]  # a Missing stands in for a fact value on purpose
    return [i.text for i in items if isinstance(i, TextItem)], gaps


def test_a_required_missing_input_shows_a_marker_and_is_a_gap() -> None:
    missing = Missing("团组数", WHERE)
    texts, gaps = _one(Block(text="团组{x}个。"), missing)
    assert texts == ["团组【待填写：团组数】个。"]
    assert gaps == [missing]


def test_an_optional_missing_input_leaves_its_clause_out() -> None:
    block = Block(text="增加{n}万元", join="", end="。", blocks=(Block(text="，原因：{x}"),))
    texts, gaps = _one(block, Missing("变动原因", WHERE, required=False))
    assert texts == ["增加3万元。"]
    assert gaps == []


def test_absent_omit_leaves_the_block_out_without_a_gap() -> None:
    texts, gaps = _one(Block(text="团组{x}个。", absent=Absent.OMIT), Missing("团组数", WHERE))
    assert texts == []
    assert gaps == []


def test_an_entered_value_is_printed_whatever_absent_says() -> None:
    texts, _ = _one(Block(text="团组{x}个。", absent=Absent.OMIT), "0")
    assert texts == ["团组0个。"]


def test_a_missing_input_is_false_in_a_condition() -> None:
    texts, gaps = _one(Block(text="有{n}", when="x"), Missing("名称", WHERE))
    assert (texts, gaps) == ([], [])


def test_a_sub_heading_with_nothing_under_it_is_left_out() -> None:
    items: list[Item] = [
        TextItem("h2", "（一）甲"),
        TextItem("body", "正文"),
        TextItem("h2", "（二）乙"),
        TextItem("h2", "（三）丙"),
        TextItem("h3", "1.子"),
    ]
    kept = drop_empty_headings(items)
    assert [i.text for i in kept if isinstance(i, TextItem)] == ["（一）甲", "正文"]


def test_compare_uses_the_kind_phrases() -> None:
    phrases = Phrases(
        {
            "prior_up": "与上年相比，增加{diff}万元，增长{pct}%",
            "prior_down": "与上年相比，减少{diff}万元，下降{pct}%",
            "prior_up_nobase": "与上年相比，增加{diff}万元",
            "prior_down_nobase": "与上年相比，减少{diff}万元",
            "prior_flat": "与上年持平",
            "budget_up": "较年初预算增加{diff}万元",
            "budget_down": "较年初预算减少{diff}万元",
            "budget_flat": "与年初预算持平",
        }
    )
    assert (
        phrases.change(D("110000"), D("100000"), "prior") == "与上年相比，增加1.00万元，增长10.00%"
    )
    assert phrases.change(D("100000"), D("100000"), "prior") == "与上年持平"
    assert phrases.change(D("10000"), D("0"), "prior") == "与上年相比，增加1.00万元"
    # A kind without _nobase phrases never prints a percentage.
    assert phrases.change(D("90000"), D("100000"), "budget") == "较年初预算减少1.00万元"


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [("100", 2, "100.00"), ("99.9", 2, "99.90"), ("99.995", 2, "100.00"), ("0", 1, "0.0")],
)
def test_scores_print_with_the_profiles_decimals(value: str, places: int, text: str) -> None:
    assert format_score(D(value), places) == text


def _procurement_text(catalog: Catalog, profile_id: str, amounts: dict[str, str]) -> list[str]:
    """The 政府采购 paragraphs of a case with only these t12 amounts (in 元)."""
    rows = tuple(TableRow(k, "", {"amount": Decimal(v)}) for k, v in amounts.items())
    case = Case(profile_id, Unit("测试单位", 2022), tables={"t12": TableValues(rows)})
    figures = Figures(case, catalog.profile(profile_id), catalog.codes)
    texts = [i.text for i in build_document(figures).items if isinstance(i, TextItem)]
    return [t for t in texts if "政府采购支出总额" in t]


@pytest.mark.parametrize("profile_id", ["nmg-2022-unit", "nmg-2023-unit"])
def test_no_procurement_is_one_plain_sentence(catalog: Catalog, profile_id: str) -> None:
    assert _procurement_text(catalog, profile_id, {}) == [
        "测试单位单位2022年度政府采购支出总额0.00万元，本年无政府采购货物、工程和服务支出。"
    ]


@pytest.mark.parametrize("profile_id", ["nmg-2022-unit", "nmg-2023-unit"])
def test_procurement_lists_each_kind_and_says_none_only_for_the_missing_one(
    catalog: Catalog, profile_id: str
) -> None:
    amounts = {"proc_total": "30000", "proc_goods": "10000", "proc_services": "20000"}
    (text,) = _procurement_text(catalog, profile_id, amounts)
    assert (
        "政府采购支出总额3.00万元，其中：政府采购货物支出1.00万元、政府采购工程支出0.00万元" in text
    )
    assert text.count("本年无") == 1
    assert "本年无政府采购工程支出" in text

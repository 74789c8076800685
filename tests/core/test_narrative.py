from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.core.narrative.facts import FactError, Phrases, parse_expression
from desktop.core.narrative.numbers import cn_number

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

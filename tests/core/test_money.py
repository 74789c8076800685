from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.money import (
    AmountError,
    format_percent,
    format_wan,
    parse_amount,
    parse_count,
    percent,
    to_wan,
)


@pytest.mark.parametrize(
    ("text", "unit", "yuan"),
    [
        ("123.45", "万元", "1234500.00"),
        ("１２３．４５", "万元", "1234500.00"),
        ("123。45", "万元", "1234500.00"),
        ("－12.5", "万元", "-125000.00"),
        ("−12.5", "万元", "-125000.00"),
        ("1,234.56", "万元", "12345600.00"),
        ("１，２３４．５６万元", "元", "12345600.00"),
        ("  788.54 万元 ", "元", "7885400.00"),
        ("\u3000788.54\u3000", "万元", "7885400.00"),
        ("1234.56元", "万元", "1234.56"),
        ("0.000001", "万元", "0.01"),
        ("0", "万元", "0.00"),
        ("-0", "万元", "0.00"),
        ("12,345,678.9元", "万元", "12345678.90"),
    ],
)
def test_parse_accepts_what_an_officer_types(text: str, unit: str, yuan: str) -> None:
    assert parse_amount(text, default_unit=unit) == Decimal(yuan)


@pytest.mark.parametrize(
    ("text", "unit", "says"),
    [
        ("", "万元", "请填写金额"),
        ("abc", "万元", "含有字符“a”"),
        ("1e3", "万元", "含有字符“e”"),
        ("NaN", "万元", "含有字符“N”"),
        ("①", "万元", "含有字符“①”"),
        ("1,23.4", "万元", "千分位"),
        ("1.2.3", "万元", "多个小数点"),
        ("12.345", "元", "小数位数过多"),
        ("0.0000001", "万元", "小数位数过多"),
        ("12%", "万元", "含有字符“%”"),
        ("万元", "万元", "没有数字"),
        ("99999999999999", "元", "超出"),
    ],
)
def test_parse_rejects_with_a_reason(text: str, unit: str, says: str) -> None:
    with pytest.raises(AmountError) as info:
        parse_amount(text, default_unit=unit)
    assert says in info.value.message


def test_counts() -> None:
    assert parse_count("１２") == 12
    with pytest.raises(AmountError):
        parse_count("1.5")


@pytest.mark.parametrize(
    ("yuan", "wan"),
    [
        ("7885380", "788.54"),
        ("2014650", "201.47"),
        ("311750", "31.18"),
        ("49.99", "0.00"),
        ("50", "0.01"),
        ("-50", "-0.01"),
        ("-49", "0.00"),
        ("1", "0.00"),
    ],
)
def test_wan_rounds_half_up(yuan: str, wan: str) -> None:
    assert format_wan(Decimal(yuan)) == wan


def test_percent_from_unrounded_values_and_zero_base() -> None:
    assert percent(Decimal("2472980"), Decimal("5412400")) == Decimal("45.69")
    assert percent(Decimal("398900"), Decimal("400000")) == Decimal("99.73")  # 99.725 → up
    assert percent(Decimal(1), Decimal(0)) is None
    assert format_percent(Decimal("17.1903")) == "17.19"


cents = st.integers(min_value=-(10**12), max_value=10**12)


@given(cents)
def test_yuan_text_round_trips(fen: int) -> None:
    amount = Decimal(fen) / 100
    assert parse_amount(f"{amount:.2f}元") == amount.quantize(Decimal("0.01"))


@given(cents)
def test_wan_text_round_trips_exactly(fen: int) -> None:
    amount = Decimal(fen) / 100
    typed = f"{amount / 10000:.6f}"
    assert parse_amount(typed) == amount


@given(cents)
def test_full_width_and_grouped_forms_parse_the_same(fen: int) -> None:
    amount = Decimal(fen) / 100
    plain = f"{amount:.2f}"
    grouped = f"{amount:,.2f}"
    full = plain.translate(str.maketrans("0123456789.-", "０１２３４５６７８９．－"))
    assert parse_amount(grouped, default_unit="元") == parse_amount(plain, default_unit="元")
    assert parse_amount(full, default_unit="元") == amount


@given(cents)
def test_published_value_is_within_half_a_unit(fen: int) -> None:
    amount = Decimal(fen) / 100
    wan = to_wan(amount)
    assert abs(wan * 10000 - amount) <= 50
    assert format_wan(amount) == f"{wan:.2f}"


def test_in_yuan_converts_a_sheets_unit_exactly() -> None:
    from desktop.core.money import in_yuan

    assert in_yuan(Decimal("553.4912"), "万元") == Decimal("5534912.0000")
    assert in_yuan(Decimal("12.34"), "元") == Decimal("12.34")
    assert in_yuan(Decimal(3), "辆") == Decimal(3)  # a count is not money

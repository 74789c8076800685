"""科目编码: what is a code, and how deep each kind of coded table lists them."""

from __future__ import annotations

import pytest

from desktop.core.codetables import (
    CodeEntry,
    CodeTable,
    ancestors,
    code_lengths,
    is_code,
    is_leaf,
    leaf_length,
    level_of,
)


@pytest.mark.parametrize("code", ["201", "20101", "2010101"])
def test_codes_are_3_5_or_7_digits(code: str) -> None:
    assert is_code(code)


@pytest.mark.parametrize("code", ["", "20", "2010", "201010", "20101010", "20a", "２０１", " 201"])
def test_other_texts_are_not_codes(code: str) -> None:
    assert not is_code(code)


def test_depth_by_kind_of_table() -> None:
    assert leaf_length("functional") == 7
    assert leaf_length("economic") == 5
    assert leaf_length("fixed") == 0
    assert code_lengths("functional") == (3, 5, 7)
    assert code_lengths("economic") == (3, 5)
    assert code_lengths("list") == ()
    assert is_leaf("2010101", "functional")
    assert not is_leaf("20101", "functional")
    assert is_leaf("30101", "economic")
    assert not is_leaf("301", "economic")
    assert level_of("301") == "类"
    assert level_of("30101") == "款"
    assert level_of("2010101") == "项"
    assert level_of("3010") == ""
    assert ancestors("2010101") == ("201", "20101")


def test_leaves_of_a_code_table() -> None:
    table = CodeTable(
        "t",
        (
            CodeEntry("201", "一般公共服务支出", "类"),
            CodeEntry("20101", "人大事务", "款"),
            CodeEntry("2010101", "行政运行", "项"),
        ),
    )
    assert [e.code for e in table.leaves("functional")] == ["2010101"]
    assert [e.code for e in table.leaves("economic")] == ["20101"]

"""The reference grammar ``表:行:列`` / ``field:章节:字段``: parsed once, wrong forms refused in Chinese."""

from __future__ import annotations

import pytest

from desktop.core.expressions import FactError, parse_expression
from desktop.core.refs import (
    CellRef,
    RefError,
    RefKind,
    is_performance_table,
    parse_field_ref,
    parse_ref,
    parse_table_column,
    perf_project_number,
    perf_project_ref,
)


def test_a_table_cell() -> None:
    ref = parse_ref("t1:income_total:amount")
    assert ref == CellRef(RefKind.CELL, "t1", "income_total", "amount")
    assert (ref.table, ref.row, ref.column) == ("t1", "income_total", "amount")
    assert not ref.is_field
    assert (ref.section, ref.field) == ("", "")
    assert str(ref) == "t1:income_total:amount"


def test_the_total_row_and_a_code_row() -> None:
    assert parse_ref("t2:*:upper").row == "*"
    assert parse_ref("t3:2010101:total").row == "2010101"


def test_a_field() -> None:
    ref = parse_ref("field:overall:prior_total")
    assert ref.kind is RefKind.FIELD
    assert ref.is_field
    assert (ref.section, ref.field) == ("overall", "prior_total")
    assert str(ref) == "field:overall:prior_total"


def test_placeholders_are_filled_per_row_and_column() -> None:
    ref = parse_ref("t3:{code}:{col}")
    assert ref.needs_code
    assert ref.filled(code="208", column="basic") == parse_ref("t3:208:basic")
    assert ref.filled(column="basic") == parse_ref("t3:{code}:basic")  # no code: kept
    assert not parse_ref("t3:208:total").needs_code
    field = parse_ref("field:a:b")
    assert field.filled(code="1", column="x") is field


def test_a_text_field_reference() -> None:
    ref = parse_field_ref("unit:name")
    assert (ref.kind, ref.section, ref.field) == (RefKind.FIELD, "unit", "name")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("t1", "应写作 表:行:列"),
        ("t1:income_total", "应写作 表:行:列"),
        ("t1:a:b:c", "应写作 表:行:列"),
        ("", "应写作 表:行:列"),
        (":income_total:amount", "缺少表"),
        ("t1::amount", "缺少行"),
        ("t1:income_total:", "缺少列"),
        ("field::prior_total", "缺少章节"),
        ("field:overall:", "缺少字段"),
        ("t1:income total:amount", "不能有空格"),
    ],
)
def test_malformed_references_are_refused_in_chinese(text: str, words: str) -> None:
    with pytest.raises(RefError) as err:
        parse_ref(text)
    assert words in str(err.value)
    assert f"“{text}”" in str(err.value)


@pytest.mark.parametrize("text", ["unit", "unit:", ":name", "a:b:c"])
def test_malformed_text_fields_are_refused(text: str) -> None:
    with pytest.raises(RefError, match=r"章节:字段|缺少"):
        parse_field_ref(text)


def test_a_flow_side() -> None:
    assert parse_table_column("t3:affiliated") == ("t3", "affiliated")
    for bad in ("t3", "t3:", ":affiliated", "t3:a:b"):
        with pytest.raises(RefError, match="表:列"):
            parse_table_column(bad)


def test_expressions_carry_parsed_references() -> None:
    expr = parse_expression("phrase gpb_share t7:*:total field:fiscal:prior_total")
    assert expr.verb == "phrase"
    assert expr.name == "gpb_share"
    assert expr.refs == (parse_ref("t7:*:total"), parse_ref("field:fiscal:prior_total"))
    assert expr.compared() is None
    change = parse_expression("change t1:*:amount field:overall:prior_total")
    assert change.compared() == change.refs
    assert parse_expression("text unit:name").refs == (parse_field_ref("unit:name"),)
    for text in ("compare prior t1:*:a t1:*:b", "text unit:name", "amount t1:*:a"):
        assert str(parse_expression(text)) == text


def test_a_malformed_reference_in_an_expression_names_both() -> None:
    with pytest.raises(FactError) as err:
        parse_expression("change t1:amount field:overall:prior_total")
    assert "“change t1:amount field:overall:prior_total”" in str(err.value)
    assert "应写作 表:行:列" in str(err.value)


def test_performance_table_references() -> None:
    assert perf_project_ref(3) == "perf_project:3"
    assert perf_project_number("perf_project:3") == 3
    assert perf_project_number("perf_project:{index}") == 0
    assert perf_project_number("t1") is None
    assert is_performance_table("perf_summary")
    assert is_performance_table("perf_project:{index}")
    assert not is_performance_table("perf_projects")

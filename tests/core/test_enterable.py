"""Which cells the officer types in: one answer on the spec (`ColumnSpec.enterable`)."""

from __future__ import annotations

from desktop.core.refs import parse_ref
from desktop.core.spec import (
    ColumnSpec,
    ColumnType,
    RowSource,
    RowSpec,
    SideSpec,
    TableId,
    TableSpec,
)


def test_an_entered_column() -> None:
    column = ColumnSpec("amount", "金额")
    assert column.enterable
    assert column.enterable_in("2010101")
    assert column.enterable_in("")


def test_computed_columns_and_the_line_number_are_not_entered() -> None:
    for column in (
        ColumnSpec("total", "合计", sum_of=("a", "b")),
        ColumnSpec("amount", "金额", ref=parse_ref("t4:inc_gpb:amount")),
        ColumnSpec("line", "行次", type=ColumnType.ROWNUM),
    ):
        assert not column.enterable, column
        assert not column.enterable_in(""), column
        assert not column.enterable_in("208"), column


def test_a_column_taken_by_code_is_entered_in_rows_without_a_code() -> None:
    column = ColumnSpec("amount", "金额", ref=parse_ref("t3:{code}:total"))
    assert not column.enterable
    assert not column.enterable_in("208")
    assert column.enterable_in("")


def test_fixed_rows_and_tables_with_inputs() -> None:
    entered = RowSpec("a", "甲")
    worked_out = RowSpec("b", "乙", sum_of=("a",))
    blank = RowSpec("c", "", blank=True)
    assert entered.enterable
    assert not worked_out.enterable
    assert not blank.enterable
    cols = (ColumnSpec("amount", "金额"),)
    with_inputs = TableSpec(
        TableId("x"), "表", RowSource.FIXED, (SideSpec("", cols, (entered, blank)),)
    )
    only_computed = TableSpec(
        TableId("y"), "表", RowSource.FIXED, (SideSpec("", cols, (worked_out,)),)
    )
    assert with_inputs.has_inputs()
    assert not only_computed.has_inputs()
    assert TableSpec(TableId("z"), "表", RowSource.LIST, (SideSpec("", cols),)).has_inputs()

"""The data of one case (one unit, one year): every figure and text the document needs.

Only entered values live here. Figures that follow from others (合计, 类/款 totals, shares,
changes, 执行率) are computed in `calc`, never stored twice. Amounts are `Decimal` 元.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, NewType

if TYPE_CHECKING:
    from collections.abc import Mapping

CaseId = NewType("CaseId", int)

#: A field value: money (Decimal 元), a count (int), a text (str) or paragraphs (tuple of str).
Value = Decimal | int | str | tuple[str, ...]
#: A table cell: an amount or count (Decimal) or a text (str, e.g. a project name column).
Cell = Decimal | str


@dataclass(frozen=True, slots=True)
class Unit:
    """The reporting unit. `name` is the full name used in the text and on the cover."""

    name: str
    year: int


@dataclass(frozen=True, slots=True)
class TableRow:
    """One entered row: a 项/款 code, a fixed row id or a list position, and its input cells."""

    key: str
    label: str = ""
    cells: Mapping[str, Cell] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TableValues:
    """The entered rows of one table, in entry order."""

    rows: tuple[TableRow, ...] = ()

    def row(self, key: str) -> TableRow | None:
        return next((r for r in self.rows if r.key == key), None)


@dataclass(frozen=True, slots=True)
class FundLine:
    """年初预算数 / 全年预算数 / 全年执行数 of one funding source of a project, in 元."""

    initial: Decimal
    full: Decimal
    executed: Decimal

    def __add__(self, other: FundLine) -> FundLine:
        return FundLine(
            self.initial + other.initial, self.full + other.full, self.executed + other.executed
        )


@dataclass(frozen=True, slots=True)
class Indicator:
    """One row of the 绩效指标 grid of a 项目支出绩效自评表."""

    level1: str
    level2: str
    name: str
    nature: str
    direction: str
    target: str
    actual: str
    unit: str
    weight: Decimal
    score: Decimal
    deviation: str = ""


@dataclass(frozen=True, slots=True)
class PerfProject:
    """A project's 绩效自评: funds block, goals, indicators and the 自评综述 texts."""

    name: str
    department: str
    implementer: str
    fiscal: FundLine
    carryover: FundLine
    other: FundLine
    funds_weight: Decimal
    goal_expected: str
    goal_actual: str
    completion: str
    problems: str
    measures: str
    indicators: tuple[Indicator, ...] = ()

    @property
    def total(self) -> FundLine:
        """年度资金总额 = 财政拨款 + 上年结转 + 其他资金."""
        return self.fiscal + self.carryover + self.other


@dataclass(frozen=True, slots=True)
class Performance:
    """预算绩效: the self-evaluated projects, the 部门评价 text and the key project's report."""

    projects: tuple[PerfProject, ...] = ()
    evaluation_text: tuple[str, ...] = ()
    report_title: str = ""
    report: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """One 名词解释 term."""

    term: str
    text: str


@dataclass(frozen=True, slots=True)
class AcceptedFinding:
    """A 警告 the officer accepted with a written explanation (like 审核出错说明): 已说明.

    `key` names the finding (rule and location, `issues.finding_key`), so it stays accepted
    while the same rule finds the same place; it is stored with the case and its versions.
    """

    key: str
    explanation: str


@dataclass(frozen=True, slots=True)
class Case:
    """Everything entered for one unit and year under one template profile."""

    profile_id: str
    unit: Unit
    fields: Mapping[str, Mapping[str, Value]] = field(default_factory=dict)
    tables: Mapping[str, TableValues] = field(default_factory=dict)
    performance: Performance = field(default_factory=Performance)
    glossary: tuple[GlossaryEntry, ...] = ()
    comments: tuple[str, ...] = ()
    #: 警告 accepted with an explanation (已说明); 错误 cannot be accepted.
    accepted: tuple[AcceptedFinding, ...] = ()

    def value(self, section: str, field_id: str) -> Value | None:
        return self.fields.get(section, {}).get(field_id)

    def table(self, table_id: str) -> TableValues:
        return self.tables.get(table_id, TableValues())

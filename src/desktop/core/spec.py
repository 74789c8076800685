"""The shape of a template profile (forms/<profile>/*.toml) as frozen dataclasses.

A profile is data: the parts of the document, its sections in order, each section's fields,
tables and sentence templates. `desktop.sections.loader` builds these objects from the files
and rejects anything it does not know; nothing here reads files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from desktop.core.limits import MAX_SCORE

if TYPE_CHECKING:
    from collections.abc import Mapping

FIELD_TYPES = ("money", "count", "text", "paragraphs")
DEFAULT_SCORE_DECIMALS = 2
DEFAULT_SCORE_MAX = MAX_SCORE
COLUMN_TYPES = ("money", "count", "text", "rownum")
ROW_SOURCES = ("functional", "economic", "fixed", "list")
BLOCK_STYLES = (
    "h2",
    "h3",
    "body",
    "body_noindent",
    "center",
    "right",
    "caption",
    "chart",
    "table",
)


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One entry field of a section."""

    id: str
    label: str
    type: str
    required: bool = False
    help: str = ""
    default: str = ""
    #: In a 部门 case: "sum" adds the members' figures (money and counts), "own" keeps the
    #: department's own value (a figure that does not add up, e.g. a date or an average).
    consolidate: str = "sum"


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """A table column. A column with `sum_of` or `ref` is computed, never entered."""

    id: str
    label: str
    group: str = ""
    type: str = "money"
    sum_of: tuple[str, ...] = ()
    ref: str = ""
    width: str = ""
    printed: bool = True
    #: What the checks call this column (e.g. "fiscal"); by default its id.
    role: str = ""

    @property
    def computed(self) -> bool:
        return bool(self.sum_of or self.ref)


@dataclass(frozen=True, slots=True)
class RowSpec:
    """A fixed row. A row with `sum_of` or `ref` is computed; `blank` rows only carry a 行次."""

    id: str
    label: str
    line: str = ""
    unit: str = ""
    sum_of: tuple[str, ...] = ()
    ref: str = ""
    code: str = ""
    indent: int = 0
    blank: bool = False
    #: What the checks call this row (e.g. "income_total"); by default its id.
    role: str = ""

    @property
    def computed(self) -> bool:
        return bool(self.sum_of or self.ref)


@dataclass(frozen=True, slots=True)
class SideSpec:
    """One block of a table; two-sided tables (收入 | 支出) have two."""

    heading: str
    columns: tuple[ColumnSpec, ...]
    rows: tuple[RowSpec, ...] = ()
    item_header: str = "项目"
    #: Coded tables: the codes this block lists even when zero (a code lists itself and every
    #: code under it in the code table, e.g. "301" every 款 of 301). With several blocks, a
    #: code goes to the block that lists its 类 (else the last block).
    codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TableSpec:
    """A table: its rows come from a code table (functional/economic), a fixed list, or a free list."""

    id: str
    title: str
    rows: str
    sides: tuple[SideSpec, ...]
    number: str = ""
    code_table: str = ""
    code_header: str = "科目编码"
    name_header: str = "科目名称"
    total_label: str = "合计"
    total_position: str = "top"
    footers: tuple[RowSpec, ...] = ()
    orientation: str = "portrait"
    note: str = ""
    empty_note: str = ""
    column_numbers: bool = True
    unit_label: str = "单位：万元"
    unit_name: str = "编制单位：{unit}"
    #: What the checks call this table (e.g. "fiscal_total"); a rule that needs a role the
    #: profile does not give is skipped and listed as such (juesuan check --list-rules --profile).
    role: str = ""


@dataclass(frozen=True, slots=True)
class Block:
    """A narrative block: a sentence template, optionally conditional or repeated over a list fact."""

    style: str = "body"
    text: str = ""
    when: str = ""
    each: str = ""
    blocks: tuple[Block, ...] = ()
    ref: str = ""
    #: When set, the child blocks that are shown are joined with this separator into one
    #: paragraph: ``text`` + the joined children + ``end`` (clauses that do not apply drop out).
    join: str | None = None
    end: str = ""
    #: What happens when an input the text uses was not entered: "" (the default) shows the
    #: marker 【待填写：…】 in a 草稿 and makes the gap a check error; "omit" leaves the block out.
    absent: str = ""


@dataclass(frozen=True, slots=True)
class SectionSpec:
    """One forms/ file: a step of the wizard and a heading (or a table) of the document."""

    id: str
    title: str
    part: str
    file: str
    fields: tuple[FieldSpec, ...] = ()
    tables: tuple[TableSpec, ...] = ()
    facts: str = ""
    params: Mapping[str, str] = field(default_factory=dict)
    values: Mapping[str, str] = field(default_factory=dict)
    reasons: Mapping[str, str] = field(default_factory=dict)
    blocks: tuple[Block, ...] = ()
    rules: tuple[str, ...] = ()
    heading: bool = True


@dataclass(frozen=True, slots=True)
class PartSpec:
    """第一部分 … 第五部分: its title template and whether its sections appear in the 目录."""

    id: str
    title: str
    toc_sections: bool = True


@dataclass(frozen=True, slots=True)
class ChartSpec:
    """A pie chart: slices are (label, cell reference) pairs; zero slices are left out.

    `single` is the sentence written instead of a pie that one slice fills (≥ 99.5 %), with
    {label}, {amount} (万元), {share} (%) and {caption}.
    """

    id: str
    caption: str
    slices: tuple[tuple[str, str], ...]
    single: str = "{label}{amount}万元，占{share}%，故不再以饼图列示。"


@dataclass(frozen=True, slots=True)
class CarrySpec:
    """What “copy from last year” keeps: fields, whole tables, row labels, 上年 figures."""

    fields: tuple[str, ...] = ()
    tables: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    prior: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ReasonRule:
    """When a change needs a written reason (profile.toml ``[reason_required]``).

    A change needs one when it is at least `percent` % of the base or at least `amount` 万元
    (either may be None), or, from a zero base, when `from_zero`. Otherwise the reason is
    optional: when it is empty the clause is left out.
    """

    percent: Decimal | None = Decimal(10)
    amount: Decimal | None = None
    from_zero: bool = True


@dataclass(frozen=True, slots=True)
class FlowSpec:
    """An internal flow that cancels in a 部门 (E1, E2): the payer's and the payee's cell."""

    type: str
    label: str
    payer_table: str
    payer_column: str
    payee_table: str
    payee_column: str


@dataclass(frozen=True, slots=True)
class ConsolidationSpec:
    """部门决算汇总: the 单位构成 table listing the members and the flows that cancel."""

    members_table: str = ""
    flows: tuple[FlowSpec, ...] = ()


@dataclass(frozen=True, slots=True)
class Profile:
    """A province/year template: parts, sections in order, phrases, charts and code tables."""

    id: str
    name: str
    year: int
    wording: str
    template: str
    title: str
    toc_heading: str
    parts: tuple[PartSpec, ...]
    sections: tuple[SectionSpec, ...]
    phrases: Mapping[str, str]
    charts: tuple[ChartSpec, ...] = ()
    code_tables: Mapping[str, str] = field(default_factory=dict)
    glossary: tuple[tuple[str, str], ...] = ()
    rules: tuple[str, ...] = ()
    carry: CarrySpec = field(default_factory=CarrySpec)
    reason_rule: ReasonRule = field(default_factory=ReasonRule)
    #: Decimals of the 自评得分 (every score column prints with this many).
    score_decimals: int = DEFAULT_SCORE_DECIMALS
    #: 满分 of a 自评表 (``[performance] score_max``): the most a weight, a score or the total
    #: may be; the 分值 of a table add up to it. The one home of this limit: the interchange
    #: reader, the window and the rules all read it here.
    score_max: Decimal = DEFAULT_SCORE_MAX
    consolidation: ConsolidationSpec = field(default_factory=ConsolidationSpec)

    def section(self, section_id: str) -> SectionSpec:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    def tables(self) -> tuple[TableSpec, ...]:
        return tuple(t for s in self.sections for t in s.tables)

    def disclosure_tables(self) -> tuple[TableSpec, ...]:
        """The 公开表: the tables of the part “tables”, in the document's order."""
        return tuple(t for s in self.sections if s.part == "tables" for t in s.tables)

    def table_by_role(self, role: str) -> TableSpec | None:
        """The table the profile gives a role (``role = "fiscal_total"``), if any."""
        return next((t for t in self.tables() if t.role == role), None)

    def table(self, table_id: str) -> TableSpec:
        for t in self.tables():
            if t.id == table_id:
                return t
        raise KeyError(table_id)

    def chart(self, chart_id: str) -> ChartSpec:
        for c in self.charts:
            if c.id == chart_id:
                return c
        raise KeyError(chart_id)

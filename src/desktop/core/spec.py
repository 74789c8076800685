"""The shape of a template profile (forms/<profile>/*.toml) as frozen dataclasses.

A profile is data: the parts of the document, its sections in order, each section's fields,
tables and sentence templates. `desktop.sections.loader` builds these objects from the files
and rejects anything it does not know; nothing here reads files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, NewType

from desktop.core.limits import MAX_SCORE
from desktop.core.performance import RatingScale

if TYPE_CHECKING:
    from collections.abc import Mapping

    from desktop.core.expressions import ValueExpr
    from desktop.core.refs import CellRef

DEFAULT_SCORE_DECIMALS = 2
DEFAULT_SCORE_MAX = MAX_SCORE

#: The ids a profile gives its parts: a profile (its folder name), a section (a step of the
#: window, the key of its stored fields) and a table (the key of its stored rows).
ProfileId = NewType("ProfileId", str)
SectionId = NewType("SectionId", str)
TableId = NewType("TableId", str)

#: The part that holds the 公开表 (its sections are tables; the document prints them in order).
TABLES_PART = "tables"


class FieldType(StrEnum):
    """What an entry field holds."""

    MONEY = "money"
    COUNT = "count"
    TEXT = "text"
    PARAGRAPHS = "paragraphs"


class ColumnType(StrEnum):
    """What a table column holds (``rownum``: the printed 行次)."""

    MONEY = "money"
    COUNT = "count"
    TEXT = "text"
    ROWNUM = "rownum"


class RowSource(StrEnum):
    """Where a table's rows come from."""

    FUNCTIONAL = "functional"  # 功能分类 codes (类/款/项)
    ECONOMIC = "economic"  # 经济分类 codes (类/款)
    FIXED = "fixed"  # the profile's rows
    LIST = "list"  # rows the officer adds


class Consolidate(StrEnum):
    """How a 部门 case combines its members' value of a field."""

    SUM = "sum"
    OWN = "own"


class TotalPosition(StrEnum):
    """Where a table prints its 合计 row (``none``: not printed, still referable)."""

    TOP = "top"
    BOTTOM = "bottom"
    NONE = "none"


class Orientation(StrEnum):
    """The page a table is printed on."""

    PORTRAIT = "portrait"
    LANDSCAPE = "landscape"


class BlockStyle(StrEnum):
    """How a narrative block is printed (``chart``/``table``: a figure or table by ``ref``)."""

    H2 = "h2"
    H3 = "h3"
    BODY = "body"
    BODY_NOINDENT = "body_noindent"
    CENTER = "center"
    RIGHT = "right"
    CAPTION = "caption"
    CHART = "chart"
    TABLE = "table"


class Absent(StrEnum):
    """What a block does when an input it uses was not entered."""

    MARK = ""  # 【待填写：…】 in a 草稿, a check error otherwise
    OMIT = "omit"  # the block is left out


FIELD_TYPES = tuple(FieldType)
COLUMN_TYPES = tuple(ColumnType)
ROW_SOURCES = tuple(RowSource)
BLOCK_STYLES = tuple(BlockStyle)
#: Row sources listed by 科目编码 from a code table.
CODED = (RowSource.FUNCTIONAL, RowSource.ECONOMIC)


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One entry field of a section."""

    id: str
    label: str
    type: FieldType
    required: bool = False
    help: str = ""
    default: str = ""
    #: In a 部门 case: "sum" adds the members' figures (money and counts), "own" keeps the
    #: department's own value (a figure that does not add up, e.g. a date or an average).
    consolidate: Consolidate = Consolidate.SUM
    #: A text field edited in a multi-line box (a paragraph of the 说明, a list of 职能).
    multiline: bool = False


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """A table column. A column with `sum_of` or `ref` is computed, never entered."""

    id: str
    label: str
    group: str = ""
    type: ColumnType = ColumnType.MONEY
    sum_of: tuple[str, ...] = ()
    ref: CellRef | None = None
    width: str = ""
    printed: bool = True
    #: What the checks call this column (e.g. "fiscal"); by default its id.
    role: str = ""

    @property
    def computed(self) -> bool:
        return bool(self.sum_of or self.ref)

    @property
    def enterable(self) -> bool:
        """Whether the officer types this column's cells: not worked out and not the 行次."""
        return not self.computed and self.type != ColumnType.ROWNUM

    def enterable_in(self, code: str) -> bool:
        """Whether this column is typed in a row with this code (``""``: a row without one).

        A column taken from ``{code}`` of another table (``ref = "t3:{code}:total"``) has
        nothing to take in a row without a code, so there it is entered.
        """
        if self.type == ColumnType.ROWNUM or self.sum_of:
            return False
        return self.ref is None or (self.ref.needs_code and not code)


@dataclass(frozen=True, slots=True)
class RowSpec:
    """A fixed row. A row with `sum_of` or `ref` is computed; `blank` rows only carry a 行次."""

    id: str
    label: str
    line: str = ""
    unit: str = ""
    sum_of: tuple[str, ...] = ()
    ref: CellRef | None = None
    code: str = ""
    indent: int = 0
    blank: bool = False
    #: What the checks call this row (e.g. "income_total"); by default its id.
    role: str = ""

    @property
    def computed(self) -> bool:
        return bool(self.sum_of or self.ref)

    @property
    def enterable(self) -> bool:
        """Whether the officer types figures in this fixed row (not worked out, not blank)."""
        return not self.computed and not self.blank


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

    id: TableId
    title: str
    rows: RowSource
    sides: tuple[SideSpec, ...]
    number: str = ""
    code_table: str = ""
    code_header: str = "科目编码"
    name_header: str = "科目名称"
    total_label: str = "合计"
    total_position: TotalPosition = TotalPosition.TOP
    footers: tuple[RowSpec, ...] = ()
    orientation: Orientation = Orientation.PORTRAIT
    note: str = ""
    empty_note: str = ""
    column_numbers: bool = True
    unit_label: str = "单位：万元"
    unit_name: str = "编制单位：{unit}"
    #: What the checks call this table (e.g. "fiscal_total"); a rule that needs a role the
    #: profile does not give is skipped and listed as such (juesuan check --list-rules --profile).
    role: str = ""

    @property
    def coded(self) -> bool:
        """Whether the rows are 科目编码 of a code table (functional or economic)."""
        return self.rows in CODED

    def has_inputs(self) -> bool:
        """False when every cell of the table is worked out from other cells or tables."""
        if self.rows != RowSource.FIXED:
            return True
        return any(
            row.enterable and any(c.enterable for c in side.columns)
            for side in self.sides
            for row in side.rows
        )


@dataclass(frozen=True, slots=True)
class Block:
    """A narrative block: a sentence template, optionally conditional or repeated over a list fact."""

    style: BlockStyle = BlockStyle.BODY
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
    absent: Absent = Absent.MARK


@dataclass(frozen=True, slots=True)
class SectionSpec:
    """One forms/ file: a step of the wizard and a heading (or a table) of the document."""

    id: SectionId
    title: str
    part: str
    file: str
    fields: tuple[FieldSpec, ...] = ()
    tables: tuple[TableSpec, ...] = ()
    facts: str = ""
    params: Mapping[str, str] = field(default_factory=dict)
    values: Mapping[str, ValueExpr] = field(default_factory=dict)
    reasons: Mapping[str, str] = field(default_factory=dict)
    blocks: tuple[Block, ...] = ()
    rules: tuple[str, ...] = ()
    heading: bool = True

    def refs(self) -> tuple[CellRef, ...]:
        """Every cell reference of the section: its tables' columns and rows, its values."""
        out = [
            ref
            for table in self.tables
            for side in table.sides
            for ref in (*(c.ref for c in side.columns), *(r.ref for r in side.rows))
            if ref is not None
        ]
        return (*out, *(r for expr in self.values.values() for r in expr.refs))


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
    slices: tuple[tuple[str, CellRef], ...]
    single: str = "{label}{amount}万元，占{share}%，故不再以饼图列示。"


@dataclass(frozen=True, slots=True)
class CarrySpec:
    """What “copy from last year” keeps: fields, whole tables, row labels, 上年 figures."""

    fields: tuple[str, ...] = ()
    tables: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    prior: Mapping[str, CellRef] = field(default_factory=dict)


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
    #: Columns of the per-unit breakdown (收入/支出 by 单位): (table, column) of each table's
    #: 合计 row, e.g. ("t2", "total"). Empty: the profile offers no breakdown.
    breakdown: tuple[tuple[str, str], ...] = ()
    #: Every export of the profile ends with the breakdown (else only when asked for).
    breakdown_appendix: bool = False


@dataclass(frozen=True, slots=True)
class Profile:
    """A province/year template: parts, sections in order, phrases, charts and code tables."""

    id: ProfileId
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
    #: The lowest 总分 of 优, 良 and 合格 (``[performance] rating_*``), for the summary counts.
    ratings: RatingScale = field(default_factory=RatingScale)
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
        return tuple(t for s in self.sections if s.part == TABLES_PART for t in s.tables)

    def part(self, part_id: str) -> PartSpec:
        for p in self.parts:
            if p.id == part_id:
                return p
        raise KeyError(part_id)

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

"""Finding tables, rows, columns and fields by the role the profile gives them, and what a rule needs.

Rules never name a table id (t1 … t12): they ask for a role (``fiscal_total``) that a table of
the profile declares (``role = "fiscal_total"`` in its forms/ file). Rows and columns are found
by their ``role``, or by their id when none declares that role, so a province whose ids differ
gives its rows a role and needs no code. Coded rows are found by their 科目编码 and ``*`` is the
合计 row.

A rule declares what it reads (`needs`): ``table:ROLE``, ``row:ROLE:ROW``, ``column:ROLE:COLUMN``
and ``field:SECTION.FIELD``. `unmet_needs` says in Chinese which of them a profile lacks; the
runner then skips the rule and ``profile-check`` reports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from desktop.core.calc import TOTAL_KEY, _signed
from desktop.core.issues import Location
from desktop.core.money import ZERO

if TYPE_CHECKING:
    from collections.abc import Iterable

    from desktop.core.calc import Figures, Grid, GridRow
    from desktop.core.refs import CellRef
    from desktop.core.spec import ColumnSpec, Profile, RowSpec, TableSpec

#: Roles of the tables the rules read, with the name used in messages (docs/domain.md §1.4).
TABLE_ROLES = {
    "income_expense_total": "收入支出决算总表",
    "income": "收入决算表",
    "expense": "支出决算表",
    "fiscal_total": "财政拨款收入支出决算总表",
    "gpb_expense": "一般公共预算财政拨款支出决算表",
    "gpb_basic": "一般公共预算财政拨款基本支出决算明细表",
    "gpb_project": "一般公共预算财政拨款项目支出决算明细表",
    "fund_expense": "政府性基金预算财政拨款收入支出决算表",
    "soe_expense": "国有资本经营预算财政拨款支出决算表",
    "three_public": "“三公”经费支出决算表",
    "projects": "项目收入支出决算表",
    "operations": "机构运行经费、政府采购和国有资产占用情况表",
    "units": "单位情况表（决算单位构成）",
}


def _rows_of(spec: TableSpec) -> Iterable[RowSpec]:
    for side in spec.sides:
        yield from side.rows
    yield from spec.footers


def row_id(spec: TableSpec, role: str) -> str | None:
    """The id of the row with this role (or id); codes and ``*`` stand for themselves."""
    if role == TOTAL_KEY or (spec.rows != "fixed" and role.isdigit()):
        return role
    rows = list(_rows_of(spec))
    found = next((r for r in rows if r.role == role), None) or next(
        (r for r in rows if r.id == role and not r.role), None
    )
    return found.id if found else None


def column_of(spec: TableSpec, role: str) -> ColumnSpec | None:
    columns = [c for side in spec.sides for c in side.columns]
    return next((c for c in columns if c.role == role), None) or next(
        (c for c in columns if c.id == role and not c.role), None
    )


def column_id(spec: TableSpec, role: str) -> str | None:
    column = column_of(spec, role)
    return column.id if column else None


def has_field(profile: Profile, name: str) -> bool:
    section, _, field = name.partition(".")
    return any(s.id == section and any(f.id == field for f in s.fields) for s in profile.sections)


@dataclass(frozen=True, slots=True)
class Need:
    """What a rule needs of a profile, parsed here and nowhere else.

    ``table:ROLE``, ``row:ROLE:ROW``, ``column:ROLE:COLUMN`` or ``field:SECTION.FIELD``.
    """

    kind: str
    role: str  # the table role, or for a field its ``SECTION.FIELD``
    part: str = ""


def parse_need(need: str) -> Need:
    kind, _, what = need.partition(":")
    if kind == "field":
        return Need(kind, what)
    role, _, part = what.partition(":")
    return Need(kind, role, part)


def unmet_needs(profile: Profile, needs: Iterable[str]) -> list[str]:
    """What a profile lacks of a rule's needs, in the officer's words (empty: every need is met)."""
    out = []
    for need in needs:
        n = parse_need(need)
        kind, role, part, what = n.kind, n.role, n.part, n.role
        name = TABLE_ROLES.get(role, role)
        spec = profile.table_by_role(role) if kind in ("table", "row", "column") else None
        if kind == "field":
            if not has_field(profile, what):
                out.append(f"字段 {what}")
        elif spec is None:
            out.append(f"《{name}》（role = “{role}”）")
        elif kind == "row" and row_id(spec, part) is None:
            out.append(f"《{spec.title}》的行“{part}”")
        elif kind == "column" and column_id(spec, part) is None:
            out.append(f"《{spec.title}》的列“{part}”")
    return out


@dataclass(frozen=True, slots=True)
class Table:
    """A table of the case found by its role: its figures read by row and column roles."""

    figures: Figures
    spec: TableSpec

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def grid(self) -> Grid:
        return self.figures.grid(self.spec.id)

    def key(self, row: str) -> str:
        return row_id(self.spec, row) or row

    def col(self, column: str) -> str:
        return column_id(self.spec, column) or column

    def row(self, row: str) -> GridRow | None:
        return self.grid.row(self.key(row))

    def amount(self, row: str, column: str) -> Decimal:
        return self.grid.amount(self.key(row), self.col(column))

    def at(self, row: str = "", column: str = "") -> Location:
        return Location(
            section=self.figures.table_section(self.spec.id),
            table=self.spec.id,
            row=self.key(row) if row else "",
            column=self.col(column) if column else "",
        )

    def terms(self, row: str, column: str) -> int:
        """How many entered, rounded figures this cell adds up (see `rounded_terms`)."""
        return rounded_terms(self.figures, self.spec.id, self.key(row), self.col(column))


def table(figures: Figures, role: str) -> Table | None:
    spec = figures.profile.table_by_role(role)
    return Table(figures, spec) if spec else None


def need_table(figures: Figures, role: str) -> Table:
    """A table the rule declared in its needs (the runner only calls it when it is there)."""
    found = table(figures, role)
    if found is None:
        raise LookupError(f"模板没有 role = “{role}”的表")
    return found


def field_amount(figures: Figures, name: str) -> Decimal | None:
    """A money field's value; None when it was not entered (unknown is not 0)."""
    section, _, field = name.partition(".")
    value = figures.case.value(section, field)
    return value if isinstance(value, Decimal) else None


def amount_of(figures: Figures, role: str, row: str, column: str) -> Decimal:
    """A cell by roles, or 0 when the profile has no such table (for optional parts of a sum)."""
    found = table(figures, role)
    return found.amount(row, column) if found else ZERO


def rounded_terms(figures: Figures, table_id: str, key: str, column: str, depth: int = 0) -> int:
    """The number of entered non-zero figures a cell is the sum of (1 for an entered figure).

    Each entered figure may be off by 0.005 万元 when it was typed from a printout, so the
    tolerance of a comparison grows with this count (`money.is_rounding_tail`).
    """
    if depth > 20:
        return 1
    grid = figures.grid(table_id)
    row = grid.row(key)
    if row is None:
        return 0
    by_column = _terms_by_column(figures, grid, row, column, depth)
    if by_column is not None:
        return by_column
    if grid.spec.rows == "fixed":
        return _terms_of_fixed_row(figures, grid, row, column, depth)
    leaves = _leaves(grid, row)
    if leaves is None:
        return 1 if row.amount(column) != 0 else 0
    return sum(rounded_terms(figures, table_id, r.key, column, depth + 1) for r in leaves)


def _terms_by_column(
    figures: Figures, grid: Grid, row: GridRow, column: str, depth: int
) -> int | None:
    """The count when the column itself is a reference or a sum of columns; else None."""
    col = _column_for(grid, row, column)
    if col is None:
        return None
    if col.ref is not None and (row.code or not col.ref.needs_code):
        return _terms_of_ref(figures, col.ref.filled(code=row.code or row.key), depth)
    if col.sum_of:
        table_id = grid.spec.id
        return sum(
            rounded_terms(figures, table_id, row.key, c, depth + 1) for _, c in _signed(col.sum_of)
        )
    return None


def _terms_of_fixed_row(figures: Figures, grid: Grid, row: GridRow, column: str, depth: int) -> int:
    rs = next((r for r in _rows_of(grid.spec) if r.id == row.key), None)
    if rs is not None and rs.ref is not None:
        return _terms_of_ref(figures, rs.ref.filled(code=rs.code, column=column), depth)
    if rs is not None and rs.sum_of:
        return sum(
            rounded_terms(figures, grid.spec.id, k, column, depth + 1)
            for _, k in _signed(rs.sum_of)
        )
    return 1 if row.amount(column) != 0 else 0


def _terms_of_ref(figures: Figures, ref: CellRef, depth: int) -> int:
    if ref.is_field:
        return 1 if figures.ref(ref) != 0 else 0
    return rounded_terms(figures, ref.table, ref.row, ref.column, depth + 1)


def _column_for(grid: Grid, row: GridRow, column: str) -> ColumnSpec | None:
    for side in grid.sides:
        if any(r is row for r in side.rows):
            return next((c for c in side.spec.columns if c.id == column), None)
    return next((c for s in grid.spec.sides for c in s.columns if c.id == column), None)


def _leaves(grid: Grid, row: GridRow) -> list[GridRow] | None:
    """The entered rows under a 合计, 类, 款 or footer row; None for an entered row."""
    rows = [r for r in grid.data_rows() if r.level not in ("total", "footer")]
    keys = [r.key for r in rows]

    def is_leaf(r: GridRow) -> bool:
        return r.level == "item" or not any(k != r.key and k.startswith(r.key) for k in keys)

    if row.level == "total":
        return [r for r in rows if is_leaf(r)]
    if row.level == "footer":
        footer = next((f for f in grid.spec.footers if f.id == row.key), None)
        prefixes = [k for _, k in _signed(footer.sum_of)] if footer else []
        return [r for r in rows if is_leaf(r) and any(r.key.startswith(p) for p in prefixes)]
    if row.level in ("类", "款") and not is_leaf(row):
        return [r for r in rows if is_leaf(r) and r.key != row.key and r.key.startswith(row.key)]
    return None


def unit_kinds(figures: Figures) -> tuple[str, ...]:
    """The 单位性质 of every unit in the 单位情况表 / 决算单位构成 (empty when not entered)."""
    units = table(figures, "units")
    if units is None:
        return ()
    kind = units.col("kind")
    kinds = []
    for r in figures.case.table(units.id).rows:
        value = r.cells.get(kind, "")
        if isinstance(value, str) and value.strip():
            kinds.append(value.strip())
    return tuple(kinds)


def is_office(kind: str) -> bool:
    """行政单位 or a 事业单位 managed under the civil-service law (参公): 机关运行经费 covers these."""
    return "行政" in kind or "参照公务员" in kind or "参公" in kind


def unknown_base(f: Figures, ref: CellRef | None) -> bool:
    """True for a ``field:SECTION:FIELD`` reference to a field the profile has but nobody filled."""
    return f.unknown(ref)

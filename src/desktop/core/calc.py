"""Derived figures: every table of a case computed from its entered cells, and cell references.

A table's 类/款 rows, 合计 rows, computed columns (``sum_of``) and cells taken from other tables
(``ref = "t3:{code}:total"``) are worked out here, once, in exact 元. Nothing is stored twice.
A reference is ``TABLE:ROW:COLUMN`` (row ``*`` is the 合计 row) or ``field:SECTION:FIELD``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar, cast

from desktop.core.codetables import CodeTable, level_of
from desktop.core.model import Case, Cell, TableRow
from desktop.core.money import ZERO
from desktop.core.refs import TOTAL_ROW, RefError, parse_ref

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from desktop.core.refs import CellRef
    from desktop.core.spec import ColumnSpec, Profile, RowSpec, SideSpec, TableSpec

TOTAL_KEY = TOTAL_ROW
T = TypeVar("T")


class CellReferenceError(LookupError):
    """A profile reference that names no table, row, column or field."""


@dataclass(frozen=True, slots=True)
class GridRow:
    """A row as published: its code and name (or label), 行次, level and every cell's value."""

    key: str
    label: str
    level: str
    cells: Mapping[str, Cell]
    code: str = ""
    line: str = ""
    unit: str = ""
    indent: int = 0

    def amount(self, column: str) -> Decimal:
        value = self.cells.get(column, ZERO)
        return value if isinstance(value, Decimal) else ZERO


@dataclass(frozen=True, slots=True)
class GridSide:
    """One block of a computed table."""

    spec: SideSpec
    rows: tuple[GridRow, ...]


@dataclass(frozen=True, slots=True)
class Grid:
    """A computed table."""

    spec: TableSpec
    sides: tuple[GridSide, ...]
    by_key: Mapping[str, GridRow] = field(default_factory=dict)
    #: 类/款 subtotals typed in (e.g. copied from a printout): kept to be checked, never used.
    entered_subtotals: Mapping[str, Mapping[str, Cell]] = field(default_factory=dict)

    def row(self, key: str) -> GridRow | None:
        return self.by_key.get(key)

    def amount(self, key: str, column: str) -> Decimal:
        row = self.by_key.get(key)
        return row.amount(column) if row else ZERO

    def data_rows(self) -> tuple[GridRow, ...]:
        """Every printed row of every block, blank rows left out."""
        return tuple(r for s in self.sides for r in s.rows if r.level not in ("blank",))

    @property
    def is_empty(self) -> bool:
        """True when every amount of the table is zero (an empty-table note is then required)."""
        return all(
            v == 0 for r in self.data_rows() for v in r.cells.values() if isinstance(v, Decimal)
        )


def _signed(ids: tuple[str, ...]) -> list[tuple[int, str]]:
    return [(-1, i[1:]) if i.startswith("-") else (1, i) for i in ids]


def _same(a: tuple[object, ...], b: tuple[object, ...]) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))


class FigureCache:
    """What the successive `Figures` of one open case share, keyed by the inputs' identity.

    Cases are immutable and an edit replaces only what changed, so comparing inputs by identity
    tells what to recompute: a keystroke in one table recomputes that table and the tables that
    refer to it, nothing else. The window keeps one per open case and passes it to every
    `Figures` it makes; a `Figures` made without one has its own.
    """

    LIMIT = 256

    def __init__(self) -> None:
        #: table id → (the inputs it was computed from, its grid)
        self._grids: dict[str, tuple[tuple[object, ...], Grid]] = {}
        #: name → (key, value): the last value of each derived list (e.g. the typed texts)
        self._memo: dict[str, tuple[tuple[object, ...], object]] = {}

    def grid(self, table_id: str, inputs: tuple[object, ...]) -> Grid | None:
        shared = self._grids.get(table_id)
        return shared[1] if shared is not None and _same(shared[0], inputs) else None

    def keep_grid(self, table_id: str, inputs: tuple[object, ...], grid: Grid) -> None:
        if len(self._grids) > self.LIMIT:
            self._grids.clear()
        self._grids[table_id] = (inputs, grid)

    def memo(self, name: str, key: tuple[object, ...], compute: Callable[[], T]) -> T:
        """The value of `compute` for `key`, reused while the key's parts are the same objects."""
        kept = self._memo.get(name)
        if kept is not None and _same(kept[0], key):
            return cast("T", kept[1])
        value = compute()
        self._memo[name] = (key, value)
        return value


class Figures:
    """Computes and caches every table of one case under one profile."""

    def __init__(
        self,
        case: Case,
        profile: Profile,
        codes: Mapping[str, CodeTable],
        cache: FigureCache | None = None,
    ) -> None:
        self.case = case
        self.profile = profile
        self.codes = codes
        self.cache = cache if cache is not None else FigureCache()
        self._grids: dict[str, Grid] = {}
        self._busy: set[str] = set()
        self._sections: dict[str, str] | None = None

    def inputs_of(self, table_id: str) -> tuple[object, ...]:
        """The entered data a table's figures depend on (for caches keyed by identity)."""
        tables = sorted(self._depends_on(table_id, set()))
        inputs: list[object] = [self.case.table(t) for t in tables if t != "field"]
        if "field" in tables:
            inputs.append(self.case.fields)
        return tuple(inputs)

    def _depends_on(self, table_id: str, seen: set[str]) -> set[str]:
        if table_id in seen or table_id == "field":
            return seen
        seen.add(table_id)
        spec = self.profile.table(table_id)
        refs = [c.ref for side in spec.sides for c in side.columns]
        refs += [r.ref for side in spec.sides for r in side.rows]
        for ref in refs:
            if ref is not None:
                self._depends_on("field" if ref.is_field else ref.table, seen)
        return seen

    def table_section(self, table_id: str) -> str:
        """The id of the section (step) that owns a table."""
        if self._sections is None:
            self._sections = {t.id: s.id for s in self.profile.sections for t in s.tables}
        return self._sections.get(table_id, "")

    # -- references ---------------------------------------------------------------------------
    def unknown(self, reference: CellRef | str | None) -> bool:
        """True for a ``field:SECTION:FIELD`` the profile has and nobody filled.

        Not entered is unknown, not 0: a comparison with it is not made (W-unknown asks for it).
        """
        if isinstance(reference, str):
            try:
                reference = parse_ref(reference)
            except RefError:
                return False
        if reference is None or not reference.is_field:
            return False
        section = next((s for s in self.profile.sections if s.id == reference.section), None)
        known = section is not None and any(x.id == reference.field for x in section.fields)
        return known and self.case.value(reference.section, reference.field) is None

    def ref(self, reference: CellRef | str) -> Decimal:
        """The value a reference names, in 元 (or a count); text is parsed as the profile's is."""
        if isinstance(reference, str):
            try:
                reference = parse_ref(reference)
            except RefError as exc:
                raise CellReferenceError(str(exc)) from None
        if reference.is_field:
            value = self.case.value(reference.section, reference.field)
            if value is None:
                return ZERO
            if isinstance(value, bool) or not isinstance(value, Decimal | int):
                raise CellReferenceError(f"“{reference}”不是金额或数量字段")
            return Decimal(value)
        return self.grid(reference.table).amount(reference.row, reference.column)

    def grid(self, table_id: str) -> Grid:
        cached = self._grids.get(table_id)
        if cached is not None:
            return cached
        if table_id in self._busy:
            raise CellReferenceError(f"表 {table_id} 的引用形成了循环")
        try:
            spec = self.profile.table(table_id)
        except KeyError as exc:
            raise CellReferenceError(f"没有编号为 {table_id} 的表") from exc
        inputs = (self.profile, self.codes, *self.inputs_of(table_id))
        shared = self.cache.grid(table_id, inputs)
        if shared is not None:
            self._grids[table_id] = shared
            return shared
        self._busy.add(table_id)
        try:
            grid = self._compute(spec)
        finally:
            self._busy.discard(table_id)
        self._grids[table_id] = grid
        self.cache.keep_grid(table_id, inputs, grid)
        return grid

    # -- computing ----------------------------------------------------------------------------
    def _compute(self, spec: TableSpec) -> Grid:
        if spec.rows == "fixed":
            sides = self._fixed(spec)
        elif spec.rows == "list":
            side, total = self._listed(spec)
            by_key = {r.key: r for r in side.rows}
            by_key[TOTAL_KEY] = total
            return Grid(spec, (side,), by_key)
        else:
            coded, total, subtotals = self._coded(spec)
            by_key = {r.key: r for s in coded for r in s.rows}
            by_key[TOTAL_KEY] = total  # a reference to the 合计 works even when it is not printed
            return Grid(spec, coded, by_key, subtotals)
        by_key = {r.key: r for s in sides for r in s.rows}
        return Grid(spec, sides, by_key)

    def _row_cells(
        self, columns: tuple[ColumnSpec, ...], raw: Callable[[str], Cell], code: str = ""
    ) -> dict[str, Cell]:
        """Cells of one row: entered values, then computed columns (in dependency order)."""
        cells: dict[str, Cell] = {}
        by_id = {c.id: c for c in columns}

        def value(col_id: str) -> Cell:
            if col_id in cells:
                return cells[col_id]
            col = by_id.get(col_id)
            if col is None:
                raise CellReferenceError(f"列 {col_id} 不存在")
            result: Cell
            if col.ref is not None and (code or not col.ref.needs_code):
                result = self.ref(col.ref.filled(code=code))
            elif col.sum_of:
                total = ZERO
                for sign, other in _signed(col.sum_of):
                    v = value(other)
                    total += sign * (v if isinstance(v, Decimal) else ZERO)
                result = total
            else:
                result = raw(col_id)
            cells[col_id] = result
            return result

        for c in columns:
            if c.type != "rownum":
                value(c.id)
        return cells

    def _coded(
        self, spec: TableSpec
    ) -> tuple[tuple[GridSide, ...], GridRow, dict[str, Mapping[str, Cell]]]:
        codes = self.codes.get(spec.code_table)
        rows_in = self.case.table(spec.id).rows
        keys = [r.key for r in rows_in]
        # A row whose code heads another entered code is a typed-in subtotal, not an item.
        subtotal_keys = {k for k in keys if any(o != k and o.startswith(k) for o in keys)}
        subtotals = {r.key: r.cells for r in rows_in if r.key in subtotal_keys}
        entered = [r for r in rows_in if r.key not in subtotal_keys]
        side_of = _side_finder(spec)
        money_cols = list(
            dict.fromkeys(
                c.id for side in spec.sides for c in side.columns if c.type in ("money", "count")
            )
        )
        leaves: dict[str, dict[str, Cell]] = {}
        labels: dict[str, str] = {}
        for row in entered:
            columns = spec.sides[side_of(row.key)].columns
            leaves[row.key] = self._row_cells(columns, _raw_of(row), row.key)
            labels[row.key] = row.label or (codes.name_of(row.key) if codes else "")
        # Codes the profile lists even when zero (e.g. every 款 of 301 in a 基本支出 table).
        for code in _listed(spec, codes):
            if code not in leaves and not any(k.startswith(code) for k in leaves):
                zero: dict[str, Cell] = dict.fromkeys(money_cols, ZERO)
                leaves[code] = zero
        sums = _parent_sums(leaves, money_cols)
        rows: list[GridRow] = []
        for key in sorted(set(leaves) | set(sums)):
            cells = leaves.get(key) or dict(sums.get(key, {}))
            label = labels.get(key) or (codes.name_of(key) if codes else "")
            rows.append(GridRow(key, label, level_of(key), cells, code=key))
        classes = [r for r in rows if r.level == "类"]
        total = {c: sum((r.amount(c) for r in classes), ZERO) for c in money_cols}
        total_row = GridRow(TOTAL_KEY, spec.total_label, "total", dict(total))
        last = len(spec.sides) - 1
        parts: list[list[GridRow]] = [[] for _ in spec.sides]
        for grid_row in rows:
            parts[side_of(grid_row.key)].append(grid_row)
        for footer in spec.footers:
            first = next((k.lstrip("-") for k in footer.sum_of), "")
            parts[side_of(first) if first else last].append(self._footer(footer, rows, money_cols))
        if spec.total_position == "top":
            parts[0].insert(0, total_row)
        elif spec.total_position == "bottom":
            parts[last].append(total_row)
        sides = tuple(
            GridSide(side, tuple(part)) for side, part in zip(spec.sides, parts, strict=True)
        )
        return sides, total_row, subtotals

    def _footer(self, spec: RowSpec, rows: list[GridRow], cols: list[str]) -> GridRow:
        by_key = {r.key: r for r in rows}
        cells: dict[str, Cell] = {}
        for c in cols:
            total = ZERO
            for sign, key in _signed(spec.sum_of):
                row = by_key.get(key)
                total += sign * (row.amount(c) if row else ZERO)
            cells[c] = total
        return GridRow(spec.id, spec.label, "footer", cells)

    def _listed(self, spec: TableSpec) -> tuple[GridSide, GridRow]:
        side = spec.sides[0]
        rows: list[GridRow] = []
        for n, row in enumerate(self.case.table(spec.id).rows, start=1):
            cells = self._row_cells(side.columns, _raw_of(row))
            rows.append(GridRow(str(n), row.label, "item", cells, line=str(n)))
        money = [c.id for c in side.columns if c.type in ("money", "count")]
        total = {c: sum((r.amount(c) for r in rows), ZERO) for c in money}
        total_row = GridRow(TOTAL_KEY, spec.total_label, "total", dict(total))
        if spec.total_position == "top":
            rows = [total_row, *rows]
        elif spec.total_position == "bottom":
            rows = [*rows, total_row]
        return GridSide(side, tuple(rows)), total_row

    def _fixed(self, spec: TableSpec) -> tuple[GridSide, ...]:
        entered = self.case.table(spec.id)
        specs = {r.id: (side, r) for side in spec.sides for r in side.rows}
        done: dict[str, dict[str, Cell]] = {}

        def cells_of(row_id: str) -> dict[str, Cell]:
            if row_id in done:
                return done[row_id]
            if row_id not in specs:
                raise CellReferenceError(f"表 {spec.id} 没有行 {row_id}")
            side, row = specs[row_id]
            cells: dict[str, Cell]
            if row.blank:
                cells = {}
            elif row.ref is not None:
                cells = {
                    c.id: self.ref(row.ref.filled(code=row.code, column=c.id))
                    for c in side.columns
                    if c.type != "rownum"
                }
            elif row.sum_of:
                cells = {}
                for c in side.columns:
                    total = ZERO
                    for sign, other in _signed(row.sum_of):
                        v = cells_of(other).get(c.id, ZERO)
                        total += sign * (v if isinstance(v, Decimal) else ZERO)
                    cells[c.id] = total
            else:
                stored = entered.row(row_id) or TableRow(row_id)
                cells = self._row_cells(side.columns, _raw_of(stored), row.code)
            done[row_id] = cells
            return cells

        return tuple(
            GridSide(
                side,
                tuple(
                    GridRow(
                        r.id,
                        r.label,
                        "blank" if r.blank else "fixed",
                        cells_of(r.id),
                        code=r.code,
                        line=r.line,
                        unit=r.unit,
                        indent=r.indent,
                    )
                    for r in side.rows
                ),
            )
            for side in spec.sides
        )


def _parent_sums(
    leaves: Mapping[str, Mapping[str, Cell]], money_cols: list[str]
) -> dict[str, dict[str, Decimal]]:
    """The 类 and 款 totals of the entered 项 (and 款) rows, column by column."""
    sums: dict[str, dict[str, Decimal]] = {}
    for key, cells in leaves.items():
        for parent in {key[:3], key[:5]} - {key}:
            acc = sums.setdefault(parent, {})
            for c in money_cols:
                v = cells.get(c, ZERO)
                acc[c] = acc.get(c, ZERO) + (v if isinstance(v, Decimal) else ZERO)
    return sums


def _side_finder(spec: TableSpec) -> Callable[[str], int]:
    """Which block of a coded table a code belongs to: the one listing its 类, else the last."""
    classes: dict[str, int] = {}
    for n, side in enumerate(spec.sides):
        for code in side.codes:
            classes.setdefault(code[:3], n)
    last = len(spec.sides) - 1

    def side_of(code: str) -> int:
        return classes.get(code[:3], last)

    return side_of


def _listed(spec: TableSpec, codes: CodeTable | None) -> list[str]:
    """The leaf codes a coded table shows even when zero (`SideSpec.codes`)."""
    out: list[str] = []
    for side in spec.sides:
        for code in side.codes:
            below = [e.code for e in (codes.entries if codes else ()) if e.code.startswith(code)]
            out += [c for c in below if not any(o != c and o.startswith(c) for o in below)]
            if not below:
                out.append(code)
    return out


def _raw_of(row: TableRow) -> Callable[[str], Cell]:
    def raw(col_id: str) -> Cell:
        return row.cells.get(col_id, ZERO)

    return raw

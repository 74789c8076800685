"""Table layouts: a computed table (or a 绩效 table) as header rows, body rows and widths.

Pure text and geometry, shared by the Word exporter (and later the Excel one): what each cell
says, what it spans, how it is aligned. It knows the profile's table specs; it writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from desktop.core.money import TEN_THOUSAND, format_decimal, format_percent, format_wan
from desktop.core.narrative.document import common_facts
from desktop.core.narrative.facts import fill

if TYPE_CHECKING:
    from desktop.core.calc import Figures, Grid, GridRow, GridSide
    from desktop.core.spec import ColumnSpec, SideSpec, TableSpec

AMOUNT_UNITS = ("", "万元")
INDENT = "\u3000"


@dataclass(frozen=True, slots=True)
class LayoutCell:
    """One cell: its text, spans, and whether it is a number (right-aligned) or a header."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    number: bool = False
    header: bool = False
    bold: bool = False
    value: Decimal | None = None  # the exact number (万元 unrounded, or a count) behind `text`
    center: bool = False  # 行次, 序号, 栏次: centred like the headers


@dataclass(frozen=True, slots=True)
class TableLayout:
    """Everything needed to draw a table; `rows[:header_rows]` repeat on every page."""

    title: str
    rows: tuple[tuple[LayoutCell | None, ...], ...]
    widths: tuple[Decimal, ...]
    header_rows: int
    number: str = ""
    unit_name: str = ""
    unit_label: str = ""
    orientation: str = "portrait"
    notes: tuple[str, ...] = ()
    heading: str = ""
    subtitle: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def text_width(orientation: str) -> Decimal:
    """Usable width in cm: A4 with the 公文 margins (landscape uses the long side)."""
    return Decimal("15.6") if orientation == "portrait" else Decimal("24.3")


def _exact(value: object, column: ColumnSpec, unit: str = "") -> Decimal | None:
    """The unrounded number behind a cell: 元 as exact 万元 (at most 6 decimals), counts as is."""
    if not isinstance(value, Decimal):
        return None
    if column.type == "count" or unit not in AMOUNT_UNITS:
        return value
    return value / TEN_THOUSAND


def _format(value: object, column: ColumnSpec, unit: str = "") -> str:
    if isinstance(value, Decimal):
        if column.type == "count" or unit not in AMOUNT_UNITS:
            return str(int(value))
        return format_wan(value)
    return str(value) if value is not None else ""


def _printed(side: SideSpec) -> tuple[ColumnSpec, ...]:
    return tuple(c for c in side.columns if c.printed and c.type != "rownum")


def _rownums(side: SideSpec) -> tuple[ColumnSpec, ...]:
    return tuple(c for c in side.columns if c.type == "rownum")


def _item_paths(spec: TableSpec, grid_side: GridSide) -> list[tuple[str, ...]]:
    side = grid_side.spec
    if spec.coded:
        over = (side.item_header,) if side.item_header else ()
        return [(*over, spec.code_header), (*over, spec.name_header)]
    paths: list[tuple[str, ...]] = [(c.label,) for c in _rownums(side)]
    if side.item_header:
        paths.append((side.item_header,))
    if _has_lines(spec, grid_side):
        paths.append(("行次",))
    return paths


def _has_lines(spec: TableSpec, side: GridSide) -> bool:
    return spec.rows == "fixed" and any(r.line for r in side.rows)


def _value_paths(side: SideSpec) -> list[tuple[str, ...]]:
    return [(*[g for g in c.group.split("|") if g], c.label) for c in _printed(side)]


def _header(paths: list[tuple[str, ...]], depth: int) -> list[list[LayoutCell | None]]:
    """Header rows for columns given as label paths; equal prefixes merge across, short paths down."""
    rows: list[list[LayoutCell | None]] = [[None] * len(paths) for _ in range(depth)]
    for level in range(depth):
        col = 0
        while col < len(paths):
            path = paths[col]
            if len(path) <= level:
                col += 1
                continue
            if len(path) == level + 1:
                rows[level][col] = LayoutCell(path[level], rowspan=depth - level, header=True)
                col += 1
                continue
            end = col + 1
            while (
                end < len(paths)
                and len(paths[end]) > level + 1
                and paths[end][: level + 1] == path[: level + 1]
            ):
                end += 1
            rows[level][col] = LayoutCell(path[level], colspan=end - col, header=True)
            col = end
    return rows


def _body_row(
    spec: TableSpec, side: GridSide, row: GridRow | None, n_items: int
) -> list[LayoutCell | None]:
    columns = _printed(side.spec)
    if row is None or row.level == "blank":
        cells: list[LayoutCell | None] = [LayoutCell("") for _ in range(n_items)]
        if row is not None and _has_lines(spec, side):
            cells[-1] = LayoutCell(row.line, center=True)
        return cells + [LayoutCell("", number=True) for _ in columns]
    bold = row.level in ("total", "footer", "类")
    if spec.coded:
        if row.level in ("total", "footer"):
            items: list[LayoutCell | None] = [LayoutCell(row.label, colspan=2, bold=True), None]
        else:
            items = [LayoutCell(row.code, bold=bold), LayoutCell(row.label, bold=bold)]
    else:
        items = [
            LayoutCell(row.line if row.level == "item" else "", center=True)
            for _ in _rownums(side.spec)
        ]
        if side.spec.item_header:
            items.append(LayoutCell(INDENT * row.indent + row.label, bold=bold))
        if _has_lines(spec, side):
            items.append(LayoutCell(row.line, center=True))
    values = [
        LayoutCell(
            _format(row.cells.get(c.id), c, row.unit),
            number=c.type != "text",
            bold=bold,
            value=_exact(row.cells.get(c.id), c, row.unit),
        )
        for c in columns
    ]
    return items + values


def _widths(spec: TableSpec, sides: list[GridSide], total: Decimal) -> list[Decimal]:
    fixed = {"code": Decimal("2.3"), "行次": Decimal("1.0"), "rownum": Decimal("1.3")}
    kinds: list[str] = []
    for side in sides:
        for path in _item_paths(spec, side):
            if path[-1] == spec.code_header and spec.coded:
                kinds.append("code")
            elif path[-1] == "行次":
                kinds.append("行次")
            elif any(c.label == path[-1] for c in _rownums(side.spec)):
                kinds.append("rownum")
            else:
                kinds.append("label")
        for c in _printed(side.spec):
            kinds.append("text" if c.type == "text" else "value")
    rest = total - sum((fixed.get(k, Decimal(0)) for k in kinds), Decimal(0))
    labels = kinds.count("label") + kinds.count("text")
    values = kinds.count("value")
    # A label gets the room of about 2.5 value columns.
    unit = rest / (Decimal("2.5") * labels + values) if (labels or values) else Decimal(0)
    out = []
    for k in kinds:
        if k in fixed:
            out.append(fixed[k])
        elif k in ("label", "text"):
            out.append((unit * Decimal("2.5")).quantize(Decimal("0.01")))
        else:
            out.append(unit.quantize(Decimal("0.01")))
    return out


def _aligned(sides: list[GridSide]) -> list[list[GridRow | None]]:
    """Each block's rows, padded so that the 合计 rows ending the blocks share the last lines."""
    length = max(len(s.rows) for s in sides)
    out: list[list[GridRow | None]] = []
    for side in sides:
        rows: list[GridRow | None] = list(side.rows)
        tail = 0
        while tail < len(rows) and side.rows[len(rows) - 1 - tail].level in ("total", "footer"):
            tail += 1
        if len(sides) > 1 and tail:
            rows[len(rows) - tail : len(rows) - tail] = [None] * (length - len(rows))
        out.append(rows)
    return out


def grid_layout(grid: Grid, figures: Figures, heading: str = "") -> TableLayout:
    """The layout of a profile table for the case in `figures`."""
    spec = grid.spec
    sides = list(grid.sides)
    item_paths = [_item_paths(spec, s) for s in sides]
    value_paths = [_value_paths(s.spec) for s in sides]
    depth = max(len(p) for ps in (*item_paths, *value_paths) for p in ps)
    rows: list[list[LayoutCell | None]] = []
    two_sided = any(s.spec.heading for s in sides)
    if two_sided:
        top: list[LayoutCell | None] = []
        for side, ip, vp in zip(sides, item_paths, value_paths, strict=True):
            span = len(ip) + len(vp)
            top += [LayoutCell(side.spec.heading, colspan=span, header=True)] + [None] * (span - 1)
        rows.append(top)
    header: list[list[LayoutCell | None]] = [[] for _ in range(depth)]
    for ip, vp in zip(item_paths, value_paths, strict=True):
        part = _header(ip + vp, depth)
        for level in range(depth):
            header[level] += part[level]
    rows += header
    if spec.column_numbers:
        numbers: list[LayoutCell | None] = []
        n = 0
        for side, ip in zip(sides, item_paths, strict=True):
            if ip:
                numbers.append(LayoutCell("栏次", colspan=len(ip), header=True))
                numbers += [None] * (len(ip) - 1)
            for _ in _printed(side.spec):
                n += 1
                numbers.append(LayoutCell(str(n), header=True))
        rows.append(numbers)
    header_rows = len(rows)
    columns = _aligned(sides)
    for i in range(max((len(c) for c in columns), default=0)):
        line: list[LayoutCell | None] = []
        for side, ip, column in zip(sides, item_paths, columns, strict=True):
            row = column[i] if i < len(column) else None
            line += _body_row(spec, side, row, len(ip))
        rows.append(line)
    facts = common_facts(figures.case, figures.profile.wording)
    notes = [fill(spec.note, facts)] if spec.note else []
    if spec.empty_note and grid.is_empty:
        notes.append(fill(spec.empty_note, facts))
    return TableLayout(
        title=spec.title,
        rows=tuple(tuple(r) for r in rows),
        widths=tuple(_widths(spec, sides, text_width(spec.orientation))),
        header_rows=header_rows,
        number=spec.number,
        unit_name=fill(spec.unit_name, facts) if spec.unit_label else "",
        unit_label=spec.unit_label,
        orientation=spec.orientation,
        notes=tuple(notes),
        heading=heading,
    )


def percent_text(value: Decimal | None) -> str:
    return f"{format_percent(value)}%" if value is not None else "—"


def score_text(value: Decimal) -> str:
    return format_decimal(value)

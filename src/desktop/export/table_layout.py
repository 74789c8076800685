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
from desktop.export import table_fit as fit

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
    font_pt: float = fit.BODY_PT  # 小五 (9) where only that fits the table on one page
    #: rows[:lead_rows] stand above the table proper as a block of their own (the 自评表's
    #: project, funds and goals), so that rows[lead_rows:lead_rows + header_rows] can repeat.
    lead_rows: int = 0


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


def _kinds(spec: TableSpec, sides: list[GridSide]) -> list[str]:
    """What each column holds: code, 行次, rownum, label, text or value."""
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
    return kinds


def _share_widths(kinds: list[str], total: Decimal) -> list[Decimal]:
    """Widths by kind alone: fixed code/行次/序号 columns, a label as wide as 2.5 values."""
    fixed = {"code": Decimal("2.3"), "行次": Decimal("1.0"), "rownum": Decimal("1.3")}
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


LABEL_MIN_CM = 2.8  # a label column narrower than this wraps every line


def _even_out(widths: list[float], cols: list[int], spare: float) -> None:
    """Give `spare` cm to `cols`, the narrowest first, so that they end as even as it allows."""
    level = sorted(widths[i] for i in cols)
    for k in range(1, len(level) + 1):
        top = level[k] if k < len(level) else float("inf")
        need = sum(max(0.0, top - widths[i]) for i in cols if widths[i] < top)
        if need >= spare or k == len(level):
            low = [i for i in cols if widths[i] < top]
            floor = (spare + sum(widths[i] for i in low)) / len(low)
            for i in low:
                widths[i] = floor
            return


def content_widths(
    kinds: list[str],
    rows: list[list[LayoutCell | None]],
    total: Decimal,
    pt: float = fit.BODY_PT,
) -> list[Decimal] | None:
    """Column widths from what the cells say, summing to `total` (cm); None when they cannot.

    Code, 行次 and value columns get room for their header on at most two lines broken between
    words (“功能分类/科目编码”, “本年收入/合计”) and for their widest figure; label columns share
    what is left, up to their longest line; room left over widens the value columns.
    """
    pad = 2 * fit.PADDING_CM + fit.SLACK_CM
    n = len(kinds)
    head = [0.0] * n  # the header on two lines
    word = [0.0] * n  # the header's longest word
    body = [0.0] * n  # the widest body text, one line
    for row in rows:
        for col, cell in enumerate(row):
            if cell is None or cell.colspan != 1 or col >= n:
                continue
            if cell.header:
                head[col] = max(head[col], fit.two_line_cm(cell.text, pt))
                word[col] = max(word[col], fit.longest_word_cm(cell.text, pt))
            else:
                widest = max((fit.text_cm(t, pt) for t in cell.text.split("\n")), default=0.0)
                body[col] = max(body[col], widest)
    flexible = [k in ("label", "text") for k in kinds]
    want = [max(head[i], body[i]) + pad for i in range(n)]
    least = [
        max(word[i] + pad, LABEL_MIN_CM) if flexible[i] else max(word[i], body[i]) + pad
        for i in range(n)
    ]
    room = float(total)
    for wanted in (want, least):
        fixed = sum(w for w, f in zip(wanted, flexible, strict=True) if not f)
        labels_least = sum(w for w, f in zip(least, flexible, strict=True) if f)
        if fixed + labels_least <= room:
            break
    else:
        return None
    out = [0.0 if f else w for w, f in zip(wanted, flexible, strict=True)]
    rest = room - fixed
    label_cols = [i for i in range(n) if flexible[i]]
    label_want = sum(want[i] for i in label_cols)
    if label_cols and label_want >= rest:
        # Labels wrap: each gets its least and a share of the rest by what it would want.
        spare = rest - labels_least
        extra = sum(want[i] - least[i] for i in label_cols)
        for i in label_cols:
            out[i] = least[i] + (spare * (want[i] - least[i]) / extra if extra else 0.0)
        if not extra:
            for i in label_cols:
                out[i] = rest / len(label_cols)
    else:
        for i in label_cols:
            out[i] = want[i]
        spare = rest - label_want
        grow = [i for i in range(n) if kinds[i] == "value"] or label_cols or list(range(n))
        _even_out(out, grow, spare)
    widths = [fit.quantized(w) for w in out]
    widths[-1] += total - sum(widths, Decimal(0))  # exact sum despite rounding
    return widths


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


def grid_layout(
    grid: Grid, figures: Figures, heading: str = "", *, paged: bool = True
) -> TableLayout:
    """The layout of a profile table for the case in `figures`.

    `paged`: the orientation and text size fit the Word page (`_page`); otherwise the
    profile's orientation in 五号.
    """
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
    kinds = _kinds(spec, sides)
    if paged:
        orientation, pt, widths = _page(spec.orientation, two_sided, kinds, rows)
    else:
        orientation, pt = spec.orientation, fit.BODY_PT
        total = text_width(orientation)
        widths = content_widths(kinds, rows, total, pt) or _share_widths(kinds, total)
    facts = common_facts(figures.case, figures.profile.wording)
    notes = [fill(spec.note, facts)] if spec.note else []
    if spec.empty_note and grid.is_empty:
        notes.append(fill(spec.empty_note, facts))
    return TableLayout(
        title=spec.title,
        rows=tuple(tuple(r) for r in rows),
        widths=tuple(widths),
        header_rows=header_rows,
        number=spec.number,
        unit_name=fill(spec.unit_name, facts) if spec.unit_label else "",
        unit_label=spec.unit_label,
        orientation=orientation,
        notes=tuple(notes),
        heading=heading,
        font_pt=pt,
    )


def _page(
    orientation: str, two_sided: bool, kinds: list[str], rows: list[list[LayoutCell | None]]
) -> tuple[str, float, list[Decimal]]:
    """The page orientation and text size a table is set in.

    A 收支 table (two sides, 公开01/04表) that the profile puts on a landscape page goes on a
    portrait page in 小五 when it fits there, as the provincial templates print it; any table
    that runs over one page in 五号 but fits in 小五 is set in 小五.
    """
    if orientation == "landscape" and two_sided:
        narrow = content_widths(kinds, rows, text_width("portrait"), fit.COMPACT_PT)
        if narrow is not None and fit.fits_page(rows, narrow, fit.COMPACT_PT):
            return "portrait", fit.COMPACT_PT, narrow
    total = text_width(orientation)
    tried: list[Decimal] = []
    for pt in (fit.BODY_PT, fit.COMPACT_PT):
        widths = content_widths(kinds, rows, total, pt) or _share_widths(kinds, total)
        tried = tried or widths
        if fit.fits_page(rows, widths, pt, orientation):
            return orientation, pt, widths
    return orientation, fit.BODY_PT, tried


def percent_text(value: Decimal | None) -> str:
    return f"{format_percent(value)}%" if value is not None else "—"


def score_text(value: Decimal) -> str:
    return format_decimal(value)

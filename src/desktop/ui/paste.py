"""Where a block pasted from Excel/WPS goes, worked out before anything changes.

Rows are matched by 科目编码 when every line of the block starts with one, otherwise the lines
fill consecutive input rows from the current cell, skipping computed rows. Cells keep their
column order. A value that would fall outside the table, cannot be read, or land in a computed
cell (unless it equals what the table works out) refuses the whole paste, naming the cells:
nothing pasted is ever dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from desktop.core.calc import Figures
from desktop.core.codetables import code_lengths, is_code, is_leaf
from desktop.core.edits import Batch, Edit, SetCell, apply_edit
from desktop.core.money import AmountError, evaluate_amount, format_wan

if TYPE_CHECKING:
    from PySide6.QtCore import QModelIndex

    from desktop.ui.table_model import TableModel

LISTED = 8


def parse_block(text: str) -> list[list[str]]:
    """Rows and cells of a block copied from Excel/WPS (tab-separated, CRLF, trailing break)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    return [line.split("\t") for line in text.split("\n")] if text else []


@dataclass
class PastePlan:
    """The edits of a paste, or the reasons it is refused."""

    edits: list[Edit] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    by_code: bool = False

    def message(self) -> str:
        shown = "；".join(self.refused[:LISTED])
        more = f"……共 {len(self.refused)} 处" if len(self.refused) > LISTED else ""
        return f"未粘贴，表格没有改动：{shown}{more}。请调整要粘贴的内容或起始格后再试。"


@dataclass(frozen=True, slots=True)
class _Target:
    """One pasted cell: its place in the block, the row key and model column it lands in."""

    line: int
    cell: int
    key: str
    column: int
    text: str


def _is_number(text: str) -> bool:
    try:
        evaluate_amount(text)
    except (AmountError, ValueError):
        return False
    return True


def _carries_codes(model: TableModel, block: list[list[str]]) -> bool:
    """True when every line starts with a 科目编码 followed by more cells (``30101⇥5``)."""
    lengths = code_lengths(model.spec.rows)
    if not lengths:
        return False
    lines = [cells for cells in block if any(c.strip() for c in cells)]
    codes = model.session.catalog.codes.get(model.spec.code_table)
    keys = {r.key for r in model.rows}
    shaped = all(
        len(cells) > 1 and is_code(cells[0].strip()) and len(cells[0].strip()) in lengths
        for cells in lines
    )
    known = any(
        cells[0].strip() in keys or (codes is not None and bool(codes.name_of(cells[0].strip())))
        for cells in lines
    )
    return bool(lines) and shaped and known


def plan_paste(model: TableModel, start: QModelIndex, block: list[list[str]]) -> PastePlan:
    """The edits pasting `block` at `start` makes, or why it cannot be pasted."""
    plan = PastePlan(by_code=_carries_codes(model, block))
    targets = (
        _by_code(model, start, block, plan) if plan.by_code else _by_rows(model, start, block, plan)
    )
    if plan.refused:
        return plan
    checks: list[_Target] = []
    rows_by_key = {model.key_at(model.index(n, 0)): n for n in range(model.rowCount())}
    for t in targets:
        column = model.columns[t.column]
        n = rows_by_key.get(t.key)
        editable = (
            model.is_editable(model.index(n, t.column))
            if n is not None
            else column.kind == "value" and column.spec is not None and column.spec.enterable
        )
        if not editable:
            if t.text.strip():
                checks.append(t)
            continue
        if n is not None:
            edit, problem = model.edit_for(model.index(n, t.column), t.text)
        else:
            edit, problem = _new_row_edit(model, t)
        if problem:
            plan.refused.append(f"{_where(t)}“{t.text.strip()}”无法识别（{problem.rstrip('。')}）")
        elif edit is not None:
            plan.edits.append(edit)
    if not plan.refused and checks:
        _check_computed(model, plan, checks, rows_by_key)
    if plan.refused:
        plan.edits = []
    return plan


def _where(t: _Target) -> str:
    return f"第 {t.line + 1} 行第 {t.cell + 1} 个数"


def _by_rows(
    model: TableModel, start: QModelIndex, block: list[list[str]], plan: PastePlan
) -> list[_Target]:
    inputs = [n for n in range(start.row(), model.rowCount()) if model.is_input_row(model.rows[n])]
    targets: list[_Target] = []
    for r, cells in enumerate(block):
        for c, text in enumerate(cells):
            column = start.column() + c
            if r >= len(inputs) or column >= model.columnCount():
                if text.strip():
                    plan.refused.append(
                        f"{_where(_Target(r, c, '', 0, text))}“{text.strip()}”超出了表格可填的范围"
                    )
                continue
            targets.append(_Target(r, c, model.key_at(model.index(inputs[r], 0)), column, text))
    return targets


def _by_code(
    model: TableModel, start: QModelIndex, block: list[list[str]], plan: PastePlan
) -> list[_Target]:
    values = [n for n, col in enumerate(model.columns) if col.kind == "value"]
    code_col = next((n for n, col in enumerate(model.columns) if col.kind == "code"), 0)
    named = any(len(cells) > 1 and cells[1].strip() and not _is_number(cells[1]) for cells in block)
    first = values[0] if values else 0
    if not named and start.column() in values:
        first = start.column()
    codes = model.session.catalog.codes.get(model.spec.code_table)
    keys = {model.key_at(model.index(n, 0)) for n in range(model.rowCount())}
    targets: list[_Target] = []
    for r, cells in enumerate(block):
        if not any(c.strip() for c in cells):
            continue
        code = cells[0].strip()
        if code not in keys and (
            codes is None or not codes.name_of(code) or not is_leaf(code, model.spec.rows)
        ):
            plan.refused.append(
                f"第 {r + 1} 行的科目 {code} 不在本表中，也不是科目代码表里的末级科目"
            )
            continue
        targets.append(_Target(r, 0, code, code_col, code))
        rest = cells[1:]
        offset = 1
        if named and rest:
            label_col = next(
                (n for n, col in enumerate(model.columns) if col.kind == "label"), None
            )
            if label_col is not None:
                targets.append(_Target(r, 1, code, label_col, rest[0]))
            rest, offset = rest[1:], 2
        for c, text in enumerate(rest):
            column = first + c
            if column >= model.columnCount():
                if text.strip():
                    plan.refused.append(
                        f"{_where(_Target(r, c + offset, '', 0, text))}“{text.strip()}”超出了表格的列"
                    )
                continue
            targets.append(_Target(r, c + offset, code, column, text))
    return targets


def _new_row_edit(model: TableModel, t: _Target) -> tuple[Edit | None, str]:
    """A figure for a 科目 the table does not list yet: the row is added with its name."""
    column = model.columns[t.column]
    assert column.spec is not None
    text = t.text.strip()
    if not text:
        return None, ""
    try:
        amount = evaluate_amount(text)
    except AmountError as exc:
        return None, exc.message
    codes = model.session.catalog.codes.get(model.spec.code_table)
    name = codes.name_of(t.key) if codes else ""
    return SetCell(model.spec.id, t.key, column.spec.id, amount, name or None), ""


def _same_text(a: str, b: str) -> bool:
    return a.replace("\u3000", "").strip() == b.replace("\u3000", "").strip()


def _check_computed(
    model: TableModel, plan: PastePlan, checks: list[_Target], rows_by_key: dict[str, int]
) -> None:
    """Values in computed cells are accepted only when they equal what the table works out."""
    session = model.session
    trial = apply_edit(session.case, Batch(tuple(plan.edits)))
    grid = Figures(trial, session.profile, session.catalog.codes, session.cache).grid(model.spec.id)
    for t in checks:
        column = model.columns[t.column]
        row = grid.row(t.key)
        n = rows_by_key.get(t.key)
        name = (row.label.strip() or row.code) if row else t.key
        if column.kind == "code":
            if _same_text(t.text, t.key):
                continue
            plan.refused.append(f"{_where(t)}“{t.text.strip()}”落在“{column.title}”列，不能粘贴")
            continue
        if column.kind in ("label", "line"):
            shown = (
                model.data(model.index(n, t.column))
                if n is not None
                else (row.label if row else "")
            )
            if _same_text(t.text, str(shown or "")) or (
                row is not None and _same_text(t.text, row.label)
            ):
                continue
            plan.refused.append(f"{_where(t)}“{t.text.strip()}”落在“{column.title}”列，不能粘贴")
            continue
        assert column.spec is not None
        worked = row.cells.get(column.spec.id) if row else None
        try:
            typed = evaluate_amount(t.text.strip())
        except AmountError:
            typed = None
        if (
            isinstance(worked, Decimal)
            and typed is not None
            and format_wan(typed) == format_wan(worked)
        ):
            continue
        shown = format_wan(worked) if isinstance(worked, Decimal) else "空"
        plan.refused.append(
            f"{_where(t)}“{t.text.strip()}”落在自动计算的“{name}·{column.title}”（本表算得 {shown}）"
        )

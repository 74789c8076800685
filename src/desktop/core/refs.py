"""Cell references: the profile's grammar ``TABLE:ROW:COLUMN`` and ``field:SECTION:FIELD``, parsed.

A reference names one figure: a cell of a profile table (``t1:income_total:amount``; the row
may be ``*`` for the 合计, a 科目编码, or ``{code}`` for the row's own code, and the column may
be ``{col}`` for the column being worked out) or an entered field of a section
(``field:overall:prior_total``); ``SECTION:FIELD`` (the ``text`` verb's argument) names a text
field. The profile loader parses every reference once (`parse_ref`); nothing else splits the
text. Parse errors are Chinese `RefError` messages, which the loader reports with file and key.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

#: The row of a 合计 (of every table kind).
TOTAL_ROW = "*"
#: Placeholders a row or column reference may use, filled in for each row / column.
CODE = "{code}"
COLUMN = "{col}"
FIELD_HEAD = "field"


class RefKind(StrEnum):
    """What a reference names."""

    CELL = "cell"  # TABLE:ROW:COLUMN
    FIELD = "field"  # field:SECTION:FIELD (or SECTION:FIELD for a text)


class RefError(ValueError):
    """A reference that does not follow the grammar; the message is Chinese."""


@dataclass(frozen=True, slots=True)
class CellRef:
    """A parsed reference. For a `FIELD` reference, `table` is the section and `row` the field."""

    kind: RefKind
    table: str
    row: str
    column: str = ""

    @property
    def section(self) -> str:
        """The section of a field reference."""
        return self.table if self.kind is RefKind.FIELD else ""

    @property
    def field(self) -> str:
        """The field id of a field reference."""
        return self.row if self.kind is RefKind.FIELD else ""

    @property
    def is_field(self) -> bool:
        return self.kind is RefKind.FIELD

    @property
    def needs_code(self) -> bool:
        """True when the row is ``{code}``: it stands for the code of the row being worked out."""
        return self.row == CODE

    def filled(self, *, code: str = "", column: str = "") -> CellRef:
        """The reference for one row/column: ``{code}`` and ``{col}`` replaced (when given)."""
        if self.kind is RefKind.FIELD:
            return self
        row = code if code and self.row == CODE else self.row
        col = column if column and self.column == COLUMN else self.column
        if row == self.row and col == self.column:
            return self
        return CellRef(self.kind, self.table, row, col)

    def __str__(self) -> str:
        if self.kind is RefKind.FIELD:
            return f"{FIELD_HEAD}:{self.table}:{self.row}"
        return f"{self.table}:{self.row}:{self.column}"


def _check_part(text: str, part: str, what: str) -> None:
    if not part:
        raise RefError(f"引用“{text}”缺少{what}")
    if part != part.strip() or any(c.isspace() for c in part):
        raise RefError(f"引用“{text}”的{what}“{part}”中不能有空格")


def parse_ref(text: str) -> CellRef:
    """``TABLE:ROW:COLUMN`` or ``field:SECTION:FIELD`` → a `CellRef`; else `RefError`."""
    parts = text.split(":")
    if len(parts) != 3:
        raise RefError(
            f"引用“{text}”应写作 表:行:列（如 t1:income_total:amount）"
            "或 field:章节:字段（如 field:overall:prior_total）"
        )
    head, middle, last = parts
    if head == FIELD_HEAD:
        _check_part(text, middle, "章节")
        _check_part(text, last, "字段")
        return CellRef(RefKind.FIELD, middle, last)
    _check_part(text, head, "表")
    _check_part(text, middle, "行")
    _check_part(text, last, "列")
    return CellRef(RefKind.CELL, head, middle, last)


def parse_field_ref(text: str) -> CellRef:
    """``SECTION:FIELD`` (the field a ``text`` value shows) → a `FIELD` `CellRef`."""
    section, sep, field = text.partition(":")
    if not sep or ":" in field:
        raise RefError(f"“{text}”应写作 章节:字段（如 unit:name）")
    _check_part(text, section, "章节")
    _check_part(text, field, "字段")
    return CellRef(RefKind.FIELD, section, field)


def parse_table_column(text: str) -> tuple[str, str]:
    """``TABLE:COLUMN`` (a flow's payer or payee) → (table, column); else `RefError`."""
    table, sep, column = text.partition(":")
    if not sep or not table or not column or ":" in column:
        raise RefError(f'“{text}”应写成“表:列”，例如 "t3:affiliated"')
    return table, column


# -- table references: what a ``style = "table"`` block prints -------------------------------
#: The 绩效 summary table and one project's 绩效自评表 (``perf_project:N``, N from 1).
PERF_SUMMARY = "perf_summary"
PERF_PROJECT = "perf_project"


def perf_project_ref(number: int) -> str:
    """The table reference of the `number`-th (from 1) 绩效 project: ``perf_project:N``."""
    return f"{PERF_PROJECT}:{number}"


def perf_project_number(ref: str) -> int | None:
    """N of ``perf_project:N`` (also of the template ``perf_project:{index}``: 0); else None."""
    head, sep, tail = ref.partition(":")
    if head != PERF_PROJECT or not sep:
        return None
    return int(tail) if tail.isdigit() else 0


def is_performance_table(ref: str) -> bool:
    """Whether a table reference names a 绩效 table rather than a profile table."""
    return ref == PERF_SUMMARY or perf_project_number(ref) is not None

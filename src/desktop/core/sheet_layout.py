"""Help the officer gave to recognise a workbook sheet, remembered for next year's import."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping


@dataclass(frozen=True, slots=True)
class SheetLayout:
    """The table a sheet holds, and columns (``side.column_id``) by their header text."""

    table: str
    columns: Mapping[str, str] = field(default_factory=dict)

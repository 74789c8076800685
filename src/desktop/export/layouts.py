"""Which layout a table reference stands for: a profile table or a 绩效 table.

Shared by the Word and the Excel exporters; it sits above `table_layout` and `perf_layout`, so
neither exporter has to import the other to find a table.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from desktop.core.issues import Severity
from desktop.core.refs import PERF_SUMMARY, perf_project_number
from desktop.core.rules import RULES, CheckContext
from desktop.export.perf_layout import project_layout, summary_layout
from desktop.export.table_layout import grid_layout

if TYPE_CHECKING:
    from desktop.core.calc import Figures
    from desktop.export.table_layout import TableLayout


#: Under a table whose printed 万元 figures do not add up because of rounding.
TAIL_NOTE = "注：因四舍五入，合计数与各分项之和存在尾差。"
TAIL_RULE = "ALL-tail"


def tail_tables(figures: Figures) -> frozenset[str]:
    """The tables whose printed figures carry a 尾差, as the checks find them (提示 level).

    Kept for the last `figures` asked about: a document asks once per table.
    """
    last = _TAILS.get("figures")
    if last is not None and last[0] is figures:
        return last[1]
    issues = RULES[TAIL_RULE].fn(CheckContext(figures, None))
    found = frozenset(i.location.table for i in issues if i.severity is Severity.INFO)
    _TAILS["figures"] = (figures, found)
    return found


_TAILS: dict[str, tuple[Figures, frozenset[str]]] = {}


def table_layout(ref: str, heading: str, figures: Figures, *, paged: bool = True) -> TableLayout:
    """The layout a table reference stands for (a profile table or a 绩效 table).

    `paged`: laid out for the Word page (portrait or 小五 where only that fits one page);
    otherwise in the profile's orientation and 五号, as the Excel workbook has it.
    """
    perf = figures.case.performance
    if ref == PERF_SUMMARY:
        return summary_layout(perf, figures.profile.score_decimals)
    number = perf_project_number(ref)
    if number:
        return project_layout(
            perf.projects[number - 1], figures.case.unit.year, figures.profile.score_decimals
        )
    layout = grid_layout(figures.grid(ref), figures, heading, paged=paged)
    if ref in tail_tables(figures):
        layout = dataclasses.replace(layout, notes=(*layout.notes, TAIL_NOTE))
    return layout


def disclosure_tables(figures: Figures) -> list[TableLayout]:
    """The 公开表 of the profile's part “tables”, in the document's order, unpaged (Excel)."""
    return [
        table_layout(t.id, "", figures, paged=False) for t in figures.profile.disclosure_tables()
    ]

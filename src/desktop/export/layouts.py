"""Which layout a table reference stands for: a profile table or a 绩效 table.

Shared by the Word and the Excel exporters; it sits above `table_layout` and `perf_layout`, so
neither exporter has to import the other to find a table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.export.perf_layout import project_layout, summary_layout
from desktop.export.table_layout import grid_layout

if TYPE_CHECKING:
    from desktop.core.calc import Figures
    from desktop.export.table_layout import TableLayout


def table_layout(ref: str, heading: str, figures: Figures) -> TableLayout:
    """The layout a table reference stands for (a profile table or a 绩效 table)."""
    perf = figures.case.performance
    if ref == "perf_summary":
        return summary_layout(perf, figures.profile.score_decimals)
    if ref.startswith("perf_project:"):
        index = int(ref.split(":", 1)[1]) - 1
        return project_layout(
            perf.projects[index], figures.case.unit.year, figures.profile.score_decimals
        )
    return grid_layout(figures.grid(ref), figures, heading)


def disclosure_tables(figures: Figures) -> list[TableLayout]:
    """The 公开表 of the profile's part “tables”, in the document's order."""
    return [table_layout(t.id, "", figures) for t in figures.profile.disclosure_tables()]

"""Pie charts (图1 收入决算图, 图2 支出决算图) as matplotlib `Figure` objects, never pyplot.

Slices come from the profile's chart specs and the case's figures; zero slices are left out.
This is the only place where amounts become float, just before matplotlib draws them.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from desktop.core.money import format_percent, format_wan, percent

if TYPE_CHECKING:
    from pathlib import Path

    from desktop.core.calc import Figures
    from desktop.core.spec import ChartSpec

FONT_FILE = "NotoSansSC-Regular.otf"
COLORS = ("#c0504d", "#4f81bd", "#9bbb59", "#f79646", "#8064a2", "#4bacc6", "#7f7f7f", "#d99694")


@dataclass(frozen=True, slots=True)
class Slice:
    """One slice: its name, amount in 元 and share in percent."""

    label: str
    amount: Decimal
    share: Decimal


def chart_slices(chart: ChartSpec, figures: Figures) -> tuple[Slice, ...]:
    """The non-zero slices of a chart with their shares of the total."""
    values = [(label, figures.ref(ref)) for label, ref in chart.slices]
    total = sum((v for _, v in values), Decimal(0))
    return tuple(Slice(label, v, percent(v, total) or Decimal(0)) for label, v in values if v != 0)


def register_font(fonts_dir: Path) -> str:
    """Register the bundled CJK font with matplotlib and return its family name."""
    path = fonts_dir / FONT_FILE
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def build_pie(chart: ChartSpec, figures: Figures, family: str) -> Figure | None:
    """The pie of a chart, or None when every slice is zero."""
    slices = chart_slices(chart, figures)
    if not slices:
        return None
    fig = Figure(figsize=(6.4, 4.0), dpi=100)
    ax = fig.add_subplot()
    labels = [f"{s.label}\n{format_wan(s.amount)}万元，{format_percent(s.share)}%" for s in slices]
    ax.pie(
        [float(s.amount) for s in slices],
        labels=labels,
        colors=COLORS[: len(slices)],
        startangle=90,
        counterclock=False,
        wedgeprops={"edgecolor": "white", "linewidth": 1},
        textprops={"family": family, "fontsize": 10},
    )
    ax.set_aspect("equal")
    fig.tight_layout()
    return fig


def figure_png(fig: Figure, dpi: int = 200) -> bytes:
    """Render a figure to PNG bytes (Agg, no display needed)."""
    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()

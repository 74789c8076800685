"""Pie charts (图1 收入决算图, 图2 支出决算图) as matplotlib `Figure` objects, never pyplot.

Slices come from the profile's chart specs and the case's figures; zero slices are left out.
Each category keeps its colour (by its place in the chart spec) in the window's preview and in
the document, which both draw through `build_pie`. A chart one slice fills (≥ 99.5 %) is not
drawn: the document says it in a sentence (`single_slice_text`). matplotlib is imported only
when a chart is drawn, and a drawn PNG is kept for the same figures (`chart_png`).
This is the only place where amounts become float, just before matplotlib draws them.
"""

from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from desktop.core.money import format_percent, format_wan, percent

if TYPE_CHECKING:
    from pathlib import Path

    from matplotlib.figure import Figure

    from desktop.core.calc import Figures
    from desktop.core.spec import ChartSpec

FONT_FILE = "NotoSansSC-Regular.otf"
COLORS = ("#c0504d", "#4f81bd", "#9bbb59", "#f79646", "#8064a2", "#4bacc6", "#7f7f7f", "#d99694")
#: The picture's width in the document; the figure is drawn at that size, so points are points.
WIDTH_MM = 140
LABEL_PT = 11.0  # ≥ 10.5 pt (五号) in the document, against the 16 pt body
SMALL_SHARE = Decimal(5)  # slices under 5 % go to the legend instead of a label on the pie
SINGLE_SHARE = Decimal("99.5")  # one slice this large: a sentence instead of a pie
DPI = 200
_CACHE_SIZE = 32
#: Part of the disk cache key: raise it whenever the drawing changes (size, fonts, colours).
DRAWING_VERSION = "2"


@dataclass(frozen=True, slots=True)
class Slice:
    """One slice: its name, amount in 元, share in percent and colour."""

    label: str
    amount: Decimal
    share: Decimal
    color: str = COLORS[0]


def chart_slices(chart: ChartSpec, figures: Figures) -> tuple[Slice, ...]:
    """The non-zero slices of a chart with their shares of the total."""
    values = [(label, figures.ref(ref)) for label, ref in chart.slices]
    total = sum((v for _, v in values), Decimal(0))
    return tuple(
        Slice(label, v, percent(v, total) or Decimal(0), COLORS[n % len(COLORS)])
        for n, (label, v) in enumerate(values)
        if v != 0
    )


def dominant_slice(slices: tuple[Slice, ...]) -> Slice | None:
    """The slice that is (almost) the whole chart, when there is one."""
    return next((s for s in slices if s.share >= SINGLE_SHARE), None)


def single_slice_text(chart: ChartSpec, figures: Figures) -> str | None:
    """The profile's sentence for a chart one slice fills, or None when the pie is drawn."""
    dominant = dominant_slice(chart_slices(chart, figures))
    if dominant is None:
        return None
    return chart.single.format(
        label=dominant.label,
        amount=format_wan(dominant.amount),
        share=format_percent(dominant.share),
        caption=chart.caption,
    )


def register_font(fonts_dir: Path) -> str:
    """Register the bundled CJK font with matplotlib and return its family name."""
    from matplotlib import font_manager

    path = fonts_dir / FONT_FILE
    font_manager.fontManager.addfont(str(path))
    return str(font_manager.FontProperties(fname=str(path)).get_name())


def build_pie(chart: ChartSpec, figures: Figures, family: str) -> Figure | None:
    """The pie of a chart; None when every slice is zero or one slice is the whole."""
    slices = chart_slices(chart, figures)
    if not slices or dominant_slice(slices) is not None:
        return None
    return _draw(slices, family)


def _draw(slices: tuple[Slice, ...], family: str) -> Figure:
    from matplotlib.figure import Figure

    small = [s for s in slices if s.share < SMALL_SHARE]
    width = WIDTH_MM / 25.4
    fig = Figure(figsize=(width, width * (0.62 if small else 0.55)), dpi=100)
    ax = fig.add_subplot()

    def text(s: Slice) -> str:
        return f"{s.label}\n{format_wan(s.amount)}万元，{format_percent(s.share)}%"

    wedges, _ = ax.pie(
        [float(s.amount) for s in slices],
        labels=[text(s) if s.share >= SMALL_SHARE else "" for s in slices],
        colors=[s.color for s in slices],
        startangle=90,
        counterclock=False,
        labeldistance=1.12,
        wedgeprops={"edgecolor": "white", "linewidth": 1},
        textprops={"family": family, "fontsize": LABEL_PT},
    )
    if small:
        ax.legend(
            [w for w, s in zip(wedges, slices, strict=True) if s.share < SMALL_SHARE],
            [text(s).replace("\n", "  ") for s in small],
            loc="upper center",
            bbox_to_anchor=(0.5, 0.0),
            frameon=False,
            prop={"family": family, "size": LABEL_PT},
        )
    ax.set_aspect("equal")
    fig.tight_layout()
    return fig


def figure_png(fig: Figure, dpi: int = DPI) -> bytes:
    """Render a figure to PNG bytes (Agg, no display needed)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    # Fast zlib level: the PNG is a little larger, drawn in a fraction of the time.
    fig.savefig(buf, format="png", dpi=dpi, pil_kwargs={"compress_level": 1})
    return buf.getvalue()


_PNGS: dict[tuple[object, ...], bytes] = {}


def chart_png(
    chart: ChartSpec, figures: Figures, fonts_dir: Path, cache_dir: Path | None = None
) -> bytes | None:
    """The chart's PNG, drawn once for the same slices (cached by figures, not by case).

    With `cache_dir`, a drawn PNG is also kept on disk under a hash of its slices, so a new
    process exporting the same figures does not even import matplotlib.
    """
    slices = chart_slices(chart, figures)
    if not slices or dominant_slice(slices) is not None:
        return None
    key = (slices, str(fonts_dir))
    png = _PNGS.get(key)
    if png is None:
        stored = _stored(cache_dir, slices)
        png = stored.read_bytes() if stored is not None and stored.is_file() else None
        if png is None:
            png = figure_png(_draw(slices, register_font(fonts_dir)))
            _store(stored, png)
        if len(_PNGS) >= _CACHE_SIZE:
            _PNGS.clear()
        _PNGS[key] = png
    return png


def _stored(cache_dir: Path | None, slices: tuple[Slice, ...]) -> Path | None:
    if cache_dir is None:
        return None
    digest = hashlib.sha256(repr((DRAWING_VERSION, DPI, slices)).encode("utf-8")).hexdigest()
    return cache_dir / f"{digest[:32]}.png"


def _store(path: Path | None, png: bytes) -> None:
    """Keep a PNG in the disk cache; a cache that cannot be written is simply not used."""
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(png)
        os.replace(tmp, path)
    except OSError:
        return

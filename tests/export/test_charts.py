from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from typing import TYPE_CHECKING, cast

import pytest
from matplotlib.colors import to_hex

from desktop import paths
from desktop.core.refs import parse_ref
from desktop.core.spec import ChartSpec
from desktop.export import charts
from desktop.export.charts import (
    COLORS,
    build_pie,
    chart_png,
    chart_slices,
    figure_png,
    register_font,
    single_slice_text,
)

if TYPE_CHECKING:
    from pathlib import Path

    from desktop.core.calc import Figures
    from desktop.core.refs import CellRef

FONTS = paths.resources_dir() / "fonts"
SLICES = (("甲", "x:*:a"), ("乙", "x:*:b"), ("丙", "x:*:c"), ("丁", "x:*:d"))
CHART = ChartSpec("c", "图9.测试图", tuple((label, parse_ref(ref)) for label, ref in SLICES))


class _Refs:
    """Stands in for Figures: chart_slices only asks it for references."""

    def __init__(self, **values: str) -> None:
        self.values = {k: Decimal(v) for k, v in values.items()}

    def ref(self, reference: CellRef) -> Decimal:
        return self.values.get(reference.column, Decimal(0))


def refs(**values: str) -> Figures:
    return cast("Figures", _Refs(**values))


def test_zero_slices_are_left_out(figures: Figures) -> None:
    income = chart_slices(figures.profile.chart("income"), figures)
    expense = chart_slices(figures.profile.chart("expense"), figures)
    assert [(s.label, s.share) for s in income] == [("一般公共预算财政拨款收入", Decimal("100.00"))]
    assert [(s.label, s.share) for s in expense] == [
        ("基本支出", Decimal("29.50")),
        ("项目支出", Decimal("70.50")),
    ]


def test_pie_draws_chinese_labels_without_missing_glyphs(figures: Figures) -> None:
    # pytest turns warnings into errors, so a "Glyph … missing" warning fails this test.
    family = register_font(FONTS)
    fig = build_pie(figures.profile.chart("expense"), figures, family)
    assert fig is not None
    texts = [t for t in fig.axes[0].texts if t.get_text()]
    assert "基本支出\n232.64万元，29.50%" in [t.get_text() for t in texts]
    # Drawn at its width in the document (140 mm), so the labels are ≥ 10.5 pt there too.
    assert round(fig.get_figwidth() * 25.4) == 140
    assert min(float(t.get_fontsize()) for t in texts) >= 10.5
    assert figure_png(fig).startswith(b"\x89PNG")


def test_one_slice_that_fills_the_chart_is_a_sentence_not_a_pie() -> None:
    full = refs(a="995000", b="5000")  # 99.5 %
    assert build_pie(CHART, full, register_font(FONTS)) is None
    assert chart_png(CHART, full, FONTS) is None
    assert single_slice_text(CHART, full) == "甲99.50万元，占99.50%，故不再以饼图列示。"
    almost = refs(a="994000", b="6000")  # 99.4 %: still a pie
    assert single_slice_text(CHART, almost) is None
    assert build_pie(CHART, almost, register_font(FONTS)) is not None


def test_small_slices_go_to_a_legend() -> None:
    fig = build_pie(CHART, refs(a="600000", b="380000", c="15000", d="5000"), register_font(FONTS))
    assert fig is not None
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.texts if t.get_text()]
    assert labels == ["甲\n60.00万元，60.00%", "乙\n38.00万元，38.00%"]
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == [
        "丙  1.50万元，1.50%",
        "丁  0.50万元，0.50%",
    ]
    assert min(float(t.get_fontsize()) for t in legend.get_texts()) >= 10.5


def test_a_category_keeps_its_colour_when_another_is_zero() -> None:
    both = chart_slices(CHART, refs(a="1", b="1", c="1"))
    without_a = chart_slices(CHART, refs(b="1", c="1"))
    assert [s.color for s in both] == list(COLORS[:3])
    assert [s.color for s in without_a] == [COLORS[1], COLORS[2]]


def test_the_png_is_drawn_once_for_the_same_figures() -> None:
    charts._PNGS.clear()
    first = chart_png(CHART, refs(a="3", b="1"), FONTS)
    assert first is not None
    assert chart_png(CHART, refs(a="3", b="1"), FONTS) is first
    assert chart_png(CHART, refs(a="1", b="3"), FONTS) != first


def test_writing_a_document_does_not_import_matplotlib_until_a_chart_is_drawn() -> None:
    code = "import sys, desktop.export.docx; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_new_process_takes_the_drawn_chart_from_the_disk_cache(tmp_path: Path) -> None:
    charts._PNGS.clear()
    drawn = chart_png(CHART, refs(a="3", b="1"), FONTS, tmp_path)
    assert drawn is not None
    assert [p.read_bytes() for p in tmp_path.glob("*.png")] == [drawn]
    # What a fresh process does: the memory cache is empty, matplotlib is not imported.
    code = (
        "import sys; from decimal import Decimal; from pathlib import Path\n"
        "from desktop.core.spec import ChartSpec; from desktop.export.charts import chart_png\n"
        "from desktop.core.refs import parse_ref\n"
        "class R:\n"
        "    def ref(self, r): return {'a': Decimal(3), 'b': Decimal(1)}.get(r.column, Decimal(0))\n"
        f"c = ChartSpec('c', 'x', tuple((k, parse_ref(v)) for k, v in {SLICES!r}))\n"
        f"png = chart_png(c, R(), Path({str(FONTS)!r}), Path({str(tmp_path)!r}))\n"
        "print(len(png), 'matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == [str(len(drawn)), "False"]


def test_labels_are_at_least_five_hao_at_the_size_the_document_prints() -> None:
    fig = build_pie(CHART, refs(a="600000", b="380000", c="15000", d="5000"), register_font(FONTS))
    assert fig is not None
    # drawn at the picture's width in the document, so a point in matplotlib is a point on paper
    assert fig.get_figwidth() * 25.4 == pytest.approx(charts.WIDTH_MM)
    sizes = [float(t.get_fontsize()) for t in fig.axes[0].texts if t.get_text()]
    assert sizes
    assert min(sizes) >= 10.5


def test_preview_and_document_draw_the_same_colours() -> None:
    """The window's preview is `build_pie`; the document's PNG is drawn by the same code."""
    figures = refs(b="2", c="1")  # 甲 is zero: 乙 and 丙 keep their own colours
    fig = build_pie(CHART, figures, register_font(FONTS))
    assert fig is not None
    wedges = [p for p in fig.axes[0].patches if hasattr(p, "theta1")]
    shown = [to_hex(w.get_facecolor()) for w in wedges]
    assert shown == [COLORS[1], COLORS[2]]
    charts._PNGS.clear()
    png = chart_png(CHART, figures, FONTS)
    assert png is not None
    assert png == figure_png(charts._draw(chart_slices(CHART, figures), register_font(FONTS)))

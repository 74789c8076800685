from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from desktop import paths
from desktop.export.charts import build_pie, chart_slices, figure_png, register_font

if TYPE_CHECKING:
    from desktop.core.calc import Figures


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
    family = register_font(paths.resources_dir() / "fonts")
    fig = build_pie(figures.profile.chart("expense"), figures, family)
    assert fig is not None
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "基本支出\n232.64万元，29.50%" in texts
    assert figure_png(fig).startswith(b"\x89PNG")

"""A read-only window over one case.

The profile's steps on the left, each step's generated text (and chart) on the right. The guided editing wizard builds on this window.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.core.narrative.render import ChartItem, TableItem, TextItem

if TYPE_CHECKING:
    from desktop.core.calc import Figures
    from desktop.core.narrative.document import Document


class PreviewWindow(QMainWindow):
    """Shows the document of a case part by part."""

    def __init__(self, figures: Figures, document: Document) -> None:
        super().__init__()
        self.figures = figures
        self.document = document
        self.setWindowTitle(f"决算公开助手 — {document.title}")
        self.steps = QListWidget()
        self.text = QTextBrowser()
        self.chart_box = QVBoxLayout()
        right = QWidget()
        layout = QVBoxLayout(right)
        layout.addWidget(self.text, 3)
        layout.addLayout(self.chart_box, 2)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.steps)
        splitter.addWidget(right)
        splitter.setSizes([280, 900])
        central = QWidget()
        QHBoxLayout(central).addWidget(splitter)
        self.setCentralWidget(central)
        self._chunks = self._split()
        for title in self._chunks:
            self.steps.addItem(QListWidgetItem(title))
        self.steps.currentRowChanged.connect(self._on_step_changed)
        self.steps.setCurrentRow(0)

    def _split(self) -> dict[str, list[TextItem | ChartItem | TableItem]]:
        chunks: dict[str, list[TextItem | ChartItem | TableItem]] = {}
        current = "封面与目录"
        chunks[current] = [TextItem("part", self.document.title)]
        for item in self.document.items:
            if isinstance(item, TextItem) and item.style in ("part", "h1"):
                current = item.text
                chunks.setdefault(current, [])
            elif isinstance(item, TableItem) and item.heading:
                current = item.heading
                chunks.setdefault(current, [])
            chunks[current].append(item)
        return chunks

    def _on_step_changed(self, row: int) -> None:
        title = self.steps.item(row).text() if row >= 0 else ""
        parts: list[str] = []
        charts: list[str] = []
        for item in self._chunks.get(title, []):
            if isinstance(item, TextItem):
                tag = "h2" if item.style in ("part", "h1") else "p"
                parts.append(f"<{tag}>{html.escape(item.text)}</{tag}>")
            elif isinstance(item, ChartItem):
                charts.append(item.chart_id)
            else:
                parts.append(f"<p><i>［表格：{html.escape(item.heading or item.ref)}］</i></p>")
        self.text.setHtml("".join(parts))
        self._show_charts(charts)

    def _show_charts(self, chart_ids: list[str]) -> None:
        while self.chart_box.count():
            item = self.chart_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        if not chart_ids:
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        from desktop import paths
        from desktop.export.charts import build_pie, register_font

        family = register_font(paths.resources_dir() / "fonts")
        for chart_id in chart_ids:
            fig = build_pie(self.figures.profile.chart(chart_id), self.figures, family)
            if fig is not None:
                canvas = FigureCanvasQTAgg(fig)  # type: ignore[no-untyped-call]  # matplotlib Qt canvas is untyped
                self.chart_box.addWidget(canvas)

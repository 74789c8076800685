from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.ui.preview_window import PreviewWindow

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from desktop.core.calc import Figures
    from desktop.core.narrative.document import Document


def test_preview_lists_every_heading_and_shows_text(
    qtbot: QtBot, figures: Figures, document: Document
) -> None:
    window = PreviewWindow(figures, document)
    qtbot.addWidget(window)
    window.show()
    titles = [window.steps.item(i).text() for i in range(window.steps.count())]
    assert "二、收入决算情况说明" in titles
    window.steps.setCurrentRow(titles.index("二、收入决算情况说明"))
    assert "本年一般公共预算财政拨款收入788.54万元" in window.text.toPlainText()
    assert window.chart_box.count() == 1

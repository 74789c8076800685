"""What a step says about itself comes from the profile: where its table is published, which
text fields get a multi-line box."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit

from desktop.ui.section_page import SectionPage

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from desktop.app import Controller


def _page(controller: Controller, qtbot: QtBot, profile: str, step: str) -> SectionPage:
    window = controller.open_sample(profile)
    qtbot.addWidget(window)
    window.show_step(step)
    page = window.stack.currentWidget()
    assert isinstance(page, SectionPage)
    return page


@pytest.mark.parametrize(
    ("profile", "part", "not_part"),
    [("sh-2024-dept", "第二部分", "第五部分"), ("nmg-2022-unit", "第五部分", "第二部分")],
)
def test_a_table_step_names_the_part_it_is_published_in(
    controller: Controller, qtbot: QtBot, profile: str, part: str, not_part: str
) -> None:
    page = _page(controller, qtbot, profile, "table_t1")
    text = page.preview.toPlainText()
    assert f"本表在文档“{part}" in text
    assert "决算表”中公开" in text
    assert not_part not in text


def test_multi_line_boxes_are_the_profiles_choice(controller: Controller, qtbot: QtBot) -> None:
    page = _page(controller, qtbot, "sh-2024-dept", "overall")
    assert isinstance(page.editors["reason_total"], QPlainTextEdit)  # multiline = true
    unit = _page(controller, qtbot, "sh-2024-dept", "unit")
    assert isinstance(unit.editors["approval_date"], QLineEdit)  # a text field without it


def test_a_computed_step_names_the_part_its_tables_are_entered_in(
    controller: Controller, qtbot: QtBot
) -> None:
    page = _page(controller, qtbot, "sh-2024-dept", "overall")
    note = page.findChild(QLabel, "sources")
    assert note is not None
    assert "《收入支出决算总表》" in note.text()
    assert "（在“第二部分 " in note.text()
    assert "决算表”的各步骤中填写）" in note.text()
    assert "公开表" not in note.text()

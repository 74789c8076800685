from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtTest import QTest

from desktop.ui.fields import AmountEdit, CountEdit

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from desktop.core.model import Value


def test_amount_field_accepts_arithmetic_and_keeps_bad_text(qtbot: QtBot) -> None:
    got: list[Value | None] = []
    edit = AmountEdit(got.append)
    qtbot.addWidget(edit)
    edit.setText("１２．５＋３．２")  # as an IME types it
    edit.editingFinished.emit()
    assert got == [Decimal("157000.00")]
    assert edit.text() == "15.70"
    QTest.keyClicks(edit, "x")
    edit.setText("12.3.4")
    edit.editingFinished.emit()
    assert got == [Decimal("157000.00")]
    assert edit.text() == "12.3.4"
    assert "多个小数点" in edit.toolTip()
    edit.show_value(Decimal(1))  # an invalid entry is not overwritten by a refresh
    assert edit.text() == "12.3.4"


def test_count_field(qtbot: QtBot) -> None:
    got: list[Value | None] = []
    edit = CountEdit(got.append)
    qtbot.addWidget(edit)
    edit.setText("３")
    edit.editingFinished.emit()
    edit.setText("1.5")
    edit.editingFinished.emit()
    assert got == [3]
    assert "整数" in edit.toolTip()

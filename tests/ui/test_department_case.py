"""部门 in the window: new department from unit cases, its 单位构成 and 冲抵 edited in place.

Two units of the 上海 sample split in two (tests.cli.test_dept.units): the 本级 pays the
subordinate a 20 万元 补助 (E1).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QMessageBox,
    QPushButton,
    QTableWidget,
)

from desktop.core.department import Kind, PairStatus
from desktop.storage.cases import save_case
from desktop.storage.departments import load_department
from desktop.storage.interchange import loads_case
from desktop.ui.department_dialog import DepartmentDialog
from tests.department_units import units

if TYPE_CHECKING:
    from pathlib import Path

    import pytest
    from pytestqt.qtbot import QtBot

    from desktop.app import Controller
    from desktop.core.model import CaseId


def _units(controller: Controller, tmp_path: Path) -> list[CaseId]:
    assert controller.db is not None
    assert controller.catalog is not None
    return [
        save_case(controller.db, loads_case(p.read_text("utf-8"), controller.catalog.profiles))
        for p in units(tmp_path)
    ]


def cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None
    return item.text()


def _click(dialog: DepartmentDialog, name: str, qtbot: QtBot) -> None:
    button = dialog.findChild(QPushButton, name)
    assert button is not None, name
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def test_new_department_from_units_and_its_eliminations(
    controller: Controller, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent, child = _units(controller, tmp_path)
    new = controller.new_department()
    new.name.setText("示例区社会工作部")  # pytest-qt cannot type Chinese
    assert new.units.count() == 2
    for n in range(2):
        new.units.item(n).setCheckState(Qt.CheckState.Checked)
    box = new.findChild(QDialogButtonBox)
    assert box is not None
    QTest.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert new.created is not None
    dept_id = new.created
    assert controller.db is not None
    stored = load_department(controller.db, dept_id)
    assert [m.case_id for m in stored.members] == [parent, child]

    assert controller.main is not None  # 新建 opens the department's window
    qtbot.addWidget(controller.main)
    assert controller.catalog is not None
    dialog = DepartmentDialog(controller.db, controller.catalog, dept_id)
    qtbot.addWidget(dialog)
    assert dialog.members.rowCount() == 2
    assert cell(dialog.members, 0, 2) == "（本级）"
    assert dialog.pairs.rowCount() == 1
    assert cell(dialog.pairs, 0, 4) == "建议，待确认"
    assert "相差 20.00 万元" in dialog.open_items.text()

    _click(dialog, "dept:confirm", qtbot)
    pairs = load_department(controller.db, dept_id).eliminations
    assert [(p.payer, p.payee, p.amount, p.status) for p in pairs] == [
        (parent, child, Decimal("200000.00"), PairStatus.CONFIRMED)
    ]
    assert cell(dialog.pairs, 0, 4) == "已确认冲抵"
    assert dialog.open_items.text() == "内部往来都已处理，没有未说明的差额。"

    combo = dialog.members.cellWidget(1, 1)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(1)  # 参照公务员法管理的事业单位
    assert load_department(controller.db, dept_id).members[1].kind is Kind.CIVIL
    assert cell(dialog.members, 1, 2) == "（下属参公事业单位）"

    dialog.pairs.selectRow(0)
    _click(dialog, "dept:delete", qtbot)
    assert load_department(controller.db, dept_id).eliminations == ()
    assert cell(dialog.pairs, 0, 4) == "建议，待确认"  # proposed again

    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    dialog.members.selectRow(1)
    _click(dialog, "dept:remove", qtbot)
    assert [m.case_id for m in load_department(controller.db, dept_id).members] == [parent]
    assert dialog.candidates() == [(child, f"{child}　示例区社会工作服务中心")]


def test_start_screen_opens_a_department_in_the_window(
    controller: Controller, tmp_path: Path, qtbot: QtBot
) -> None:
    parent, _child = _units(controller, tmp_path)
    from desktop.core.department import Department, Level, Member, own_case

    assert controller.db is not None
    assert controller.catalog is not None
    profile = controller.catalog.profile("sh-2024-dept")
    from desktop.storage.cases import load_case
    from desktop.storage.departments import save_department

    own = own_case(profile, "示例部门", 2024, load_case(controller.db, parent))
    dept = save_department(
        controller.db, Department(own, (Member("示例区社会工作部", Kind.ADMIN, Level.OWN, parent),))
    )
    controller.open_listed(dept)
    from desktop.ui.department_session import DepartmentSession

    assert controller.main is not None
    qtbot.addWidget(controller.main)
    assert isinstance(controller.main.session, DepartmentSession)
    controller.open_listed(parent)  # a unit's case opens the editor as before
    assert controller.main is not None
    qtbot.addWidget(controller.main)
    assert not isinstance(controller.main.session, DepartmentSession)

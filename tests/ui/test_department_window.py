"""A 部门 case in the window: its tables a read-only view of its units, its own texts typed here.

Two units of the 上海 sample (tests.department_units): the 本级 pays the subordinate a 20 万元
补助 (E1), recorded on 2013901 (payer) and 2013950 (payee); the pair is confirmed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from docx import Document
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from desktop.core.department import Department, Kind, Level, Member, own_case, propose
from desktop.storage.cases import load_case, save_case
from desktop.storage.departments import load_department, member_cases, save_department
from desktop.storage.interchange import loads_case
from desktop.ui.department_session import DepartmentSession
from desktop.ui.fields import AmountEdit, ParagraphsEdit
from desktop.ui.main_window import DEPARTMENT_STEP
from desktop.ui.section_page import SectionPage
from tests.department_units import units

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from desktop.app import Controller
    from desktop.core.model import CaseId
    from desktop.ui.main_window import MainWindow
    from desktop.ui.table_model import TableModel

PARENT, CHILD = "示例区社会工作部", "示例区社会工作服务中心"
TIP = Qt.ItemDataRole.ToolTipRole


def _department(controller: Controller, tmp_path: Path) -> tuple[CaseId, CaseId, CaseId]:
    db, catalog = controller.db, controller.catalog
    assert db is not None
    assert catalog is not None
    parent, child = (
        save_case(db, loads_case(p.read_text("utf-8"), catalog.profiles)) for p in units(tmp_path)
    )
    profile = catalog.profile("sh-2024-dept")
    own = own_case(profile, "示例区社会工作部门", 2024, load_case(db, parent))
    members = (
        Member(PARENT, Kind.ADMIN, Level.OWN, parent),
        Member(CHILD, Kind.INSTITUTION, Level.SUBORDINATE, child),
    )
    dept = Department(own, members)
    dept = Department(own, members, propose(profile, dept, member_cases(db, dept)))
    return save_department(db, dept), parent, child


@pytest.fixture
def opened(controller: Controller, tmp_path: Path, qtbot: QtBot) -> tuple[MainWindow, CaseId]:
    dept_id, _parent, child = _department(controller, tmp_path)
    controller.open_listed(dept_id)
    main = controller.main
    assert main is not None
    qtbot.addWidget(main)
    return main, child


def _t2(main: MainWindow) -> TableModel:
    page = main.pages["table_t2"]
    assert isinstance(page, SectionPage)
    return page.models[0]


def test_a_department_opens_as_a_view_with_its_units_first(
    opened: tuple[MainWindow, CaseId],
) -> None:
    main, _child = opened
    assert isinstance(main.session, DepartmentSession)
    assert main.current_step() == DEPARTMENT_STEP
    assert main.department_panel is not None
    assert main.department_panel.members.rowCount() == 2
    assert "（部门汇总）" in main.windowTitle()


def test_every_cell_says_which_units_it_comes_from(opened: tuple[MainWindow, CaseId]) -> None:
    main, _child = opened
    t2 = _t2(main)
    upper = t2.index_of("2013950", "upper")
    assert t2.data(upper) == "0.00"  # the child's 20.00 less the E1 pair
    assert not t2.flags(upper) & Qt.ItemFlag.ItemIsEditable
    tip = str(t2.data(upper, TIP))
    assert f"{CHILD}：20.00 万元" in tip
    assert f"E1 冲抵（收款方：{PARENT} → {CHILD}）：20.00 万元" in tip
    assert PARENT + "：" not in tip  # the 本级 has nothing on this cell
    assert not t2.setData(upper, "5")
    # A computed cell (the 合计 row): both units' figures.
    total = t2.index(
        0, next(n for n, c in enumerate(t2.columns) if c.spec and c.spec.id == "fiscal")
    )
    tip = str(t2.data(total, TIP))
    assert tip.startswith(f"部门数 {t2.data(total)} 万元 = 2 家单位之和")
    assert f"{PARENT}：" in tip
    assert f"{CHILD}：" in tip
    # No 新增一行 on a department's tables.
    page = main.pages["table_t2"]
    assert page.findChild(QPushButton, "add:t2") is None


def test_a_member_edited_in_the_window_changes_the_department_at_once(
    opened: tuple[MainWindow, CaseId], controller: Controller, qtbot: QtBot
) -> None:
    main, child = opened
    panel = main.department_panel
    assert panel is not None
    panel.members.selectRow(1)
    button = panel.findChild(QPushButton, "dept:open-member")
    assert button is not None
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(controller.member_windows) == 1
    member = controller.member_windows[0]
    qtbot.addWidget(member)
    assert member.session.case_id == child
    theirs = _t2(member)
    assert theirs.setData(theirs.index_of("2013950", "upper"), "50")  # 万元
    main.show_step("table_t2")
    ours = _t2(main)
    assert ours.data(ours.index_of("2013950", "upper")) == "30.00"  # 50 − 20
    found = {i.rule for i in main.session.issues}
    assert {"D-member", "D-diff"} <= found  # the child's totals no longer balance (T1-d)


def test_export_is_blocked_while_a_member_has_errors_then_exports(
    opened: tuple[MainWindow, CaseId], controller: Controller, qtbot: QtBot, tmp_path: Path
) -> None:
    main, child = opened
    db = controller.db
    assert db is not None
    from desktop.core.edits import SetCell, apply_edit
    from desktop.storage.edits import persist_edit

    before = load_case(db, child).table("t2").row("2013950")
    assert before is not None
    recorded = before.cells["upper"]
    assert isinstance(recorded, Decimal)
    edit = SetCell("t2", "2013950", "upper", recorded * 3)
    persist_edit(db, child, apply_edit(load_case(db, child), edit), edit)
    main.reload_department()
    page = main.export_page
    assert not page.export_button.isEnabled()
    listed = [page.issues.item(n).text() for n in range(page.issues.count())]
    assert any(f"单位“{CHILD}”（填报 {child}）" in text for text in listed)
    assert panel_errors(main) == ["", "1"]

    undo = SetCell("t2", "2013950", "upper", recorded)
    persist_edit(db, child, apply_edit(load_case(db, child), undo), undo)
    main.reload_department()
    assert page.export_button.isEnabled()
    page.path.setText(str(tmp_path / "部门.docx"))
    page.start(draft=False)
    qtbot.waitUntil(lambda: "已导出" in page.result.text(), timeout=120_000)
    document = Document(str(tmp_path / "部门.docx"))
    assert "示例区社会工作部门" in "\n".join(p.text for p in document.paragraphs)
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert CHILD in cells  # the 单位构成 list
    assert "（下属事业单位）" in cells


def panel_errors(main: MainWindow) -> list[str]:
    panel = main.department_panel
    assert panel is not None
    out = []
    for n in range(panel.members.rowCount()):
        item = panel.members.item(n, 4)
        out.append(item.text() if item is not None else "")
    return out


def test_the_departments_own_texts_are_typed_and_kept_with_it(
    opened: tuple[MainWindow, CaseId], controller: Controller, qtbot: QtBot
) -> None:
    main, child = opened
    main.show_step("functions")
    page = main.pages["functions"]
    assert isinstance(page, SectionPage)
    editor = page.editors["functions"]
    assert isinstance(editor, ParagraphsEdit)
    editor.setFocus()
    editor.selectAll()
    QTest.keyClicks(editor, "Department duties")
    qtbot.waitUntil(
        lambda: main.session.case.value("functions", "functions") == ("Department duties",)
    )
    db = controller.db
    assert db is not None
    stored = load_department(db, main.session.case_id).own
    assert stored.value("functions", "functions") == ("Department duties",)
    assert load_case(db, child).value("functions", "functions") != ("Department duties",)
    main.session.undo_stack.undo()
    assert load_department(db, main.session.case_id).own.value("functions", "functions") != (
        "Department duties",
    )


def test_a_summed_field_is_read_only_with_its_units(opened: tuple[MainWindow, CaseId]) -> None:
    main, _child = opened
    session = main.session
    assert isinstance(session, DepartmentSession)
    summed = [
        (s.id, f.id)
        for s in session.profile.sections
        for f in s.fields
        if f.type == "money" and f.consolidate == "sum" and s.id in main.pages
    ]
    assert summed, "the 上海 部门 profile sums its 上年 money fields"
    section, field = summed[0]
    page = main.pages[section]
    assert isinstance(page, SectionPage)
    editor = page.editors[field]
    assert isinstance(editor, AmountEdit)
    assert editor.isReadOnly()
    assert "家单位" in editor.toolTip() or "各单位都没有填写" in editor.toolTip()


def test_the_export_step_adds_the_unit_appendix_when_chosen(
    opened: tuple[MainWindow, CaseId], qtbot: QtBot, tmp_path: Path
) -> None:
    main, _child = opened
    page = main.export_page
    main.show_step("__export__")
    assert page.appendix.isVisible()
    assert page.appendix.isEnabled()  # 上海 does not ask for it: the officer chooses
    warnings = sum(1 for i in main.session.issues if i.severity.value == "警告")
    assert warnings  # the two units share their sample's 自评表 names (P-duplicate)
    assert f"还有 {warnings} 条警告，建议先看一看。" in page.errors.text()
    page.appendix.setChecked(True)
    page.path.setText(str(tmp_path / "部门.docx"))
    page.start(draft=True)
    qtbot.waitUntil(lambda: "已导出" in page.result.text(), timeout=120_000)
    document = Document(str(tmp_path / "部门（草稿）.docx"))
    found = [
        [c.text for c in r.cells]
        for t in document.tables
        for r in t.rows
        if t.rows[0].cells[0].text == "序号" and t.rows[0].cells[-1].text == "本年支出合计"
    ]
    assert [r[1] for r in found] == [
        "单位名称",
        PARENT,
        CHILD,
        "各单位合计",
        "减：内部往来冲抵",
        "部门合计",
    ]
    assert found[4][2:] == ["20.00", "20.00"]


def test_a_units_export_step_offers_no_unit_appendix(window: MainWindow) -> None:
    window.show_step("__export__")
    assert not window.export_page.appendix.isVisible()

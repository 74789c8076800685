"""Step statuses and the title tell the truth; the export step asks, refuses and lists files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QListWidgetItem, QMessageBox, QPushButton

from desktop.core.issues import Severity
from desktop.ui.export_page import ExportPage
from desktop.ui.fields import AmountEdit
from tests.ui.test_wizard import page, table_view, type_into_cell

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from desktop.app import Controller
    from desktop.ui.main_window import MainWindow


@pytest.fixture
def empty(controller: Controller, qtbot: QtBot) -> MainWindow:
    main = controller.new_case("测试局", 2022, "nmg-2022-unit")
    qtbot.addWidget(main)
    return main


def test_an_empty_case_is_not_done(empty: MainWindow) -> None:
    statuses = {
        step: empty.status_of(step) for step in empty.step_ids if step.strip("_") == step and step
    }
    assert statuses["unit"] == "已完成"
    for step in ("functions", "overall", "contact", "table_t2", "table_t6", "performance"):
        assert statuses[step] == "未填", step
    assert statuses["income"] == "自动计算"
    row = empty.step_ids.index("income")
    assert "来自《收入支出决算总表》" in empty.steps.item(row).toolTip()
    assert "已完成" not in [statuses[s] for s in statuses if s.startswith("table_")]
    assert "未填" in empty.check_summary.text()
    assert "可以导出" not in empty.check_summary.text()
    assert "未填" in empty.export_page.errors.text()
    assert "检查没有发现错误" not in empty.export_page.errors.text()


def test_status_follows_the_entries(empty: MainWindow, qtbot: QtBot) -> None:
    overall = page(empty, "overall")
    editor = overall.editors["prior_total"]
    assert isinstance(editor, AmountEdit)
    editor.setText("10")
    editor.editingFinished.emit()
    assert empty.status_of("overall") in ("已完成", "有警告")
    type_into_cell(qtbot, table_view(empty, "table_t4", "t4"), "inc_gpb", "amount", "10")
    assert empty.status_of("table_t4") != "未填"
    assert (
        empty.status_of("table_t1") != "未填"
    )  # its figures now come from 财政拨款收入支出决算总表


def test_title_says_saved_only_after_a_save(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "已保存" not in window.windowTitle()
    view = table_view(window, "table_t2", "t2")
    type_into_cell(qtbot, view, "2081601", "fiscal", "1")
    assert window.windowTitle().endswith("— 已保存")

    def broken(*args: object) -> None:
        raise OSError("磁盘已满")

    monkeypatch.setattr("desktop.ui.session.persist_edit", broken)
    warnings: list[str] = []

    def ask_retry(*args: object) -> bool:
        warnings.append(str(args[2]))
        return False

    monkeypatch.setattr("desktop.ui.messages.ask_retry", ask_retry)
    before = window.session.case
    type_into_cell(qtbot, view, "2081601", "fiscal", "2")
    assert window.windowTitle().endswith("— 保存失败")
    assert "磁盘已满" in window.saved_label.text()
    qtbot.waitUntil(lambda: bool(warnings))
    assert "磁盘已满" in warnings[0]
    assert window.session.case is before  # nothing unsaved is shown as if it were kept


def test_issue_on_the_export_step_jumps_to_its_field(window: MainWindow, qtbot: QtBot) -> None:
    type_into_cell(qtbot, table_view(window, "table_t6", "t6"), "30101", "amount", "abc")
    window.show_step("__export__")
    export = window.export_page
    assert "错误 2 条" in export.counts.text()  # the entry, and 基本支出 ≠ 人员经费 + 公用经费
    item = export.entries()[0]
    assert "abc" in item.text()
    rect = export.issues.visualItemRect(item)
    QTest.mouseClick(export.issues.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_step() == "table_t6"
    view = table_view(window, "table_t6", "t6")
    assert view.table_model.key_at(view.currentIndex()) == "30101"


def test_formal_export_refuses_with_the_list(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    type_into_cell(qtbot, table_view(window, "table_t6", "t6"), "30101", "amount", "abc")
    window.show_step("__export__")
    export = window.export_page
    export.path.setText(str(tmp_path / "a.docx"))
    export.start(draft=False)
    assert not (tmp_path / "a.docx").exists()
    assert "没有导出正式文档：还有 2 条错误" in export.result.text()
    assert export.issues.currentItem() is export.entries()[0]
    assert "abc" in export.entries()[0].text()


def _sparse_window(controller: Controller, qtbot: QtBot, profile_id: str) -> MainWindow:
    """A profile's sample with every reason blank and every count left out, in the window."""
    from desktop import paths
    from desktop.storage.cases import save_case
    from desktop.storage.interchange import loads_case
    from tests.profiles.sparse import sparse_case

    assert controller.db is not None
    assert controller.catalog is not None
    sample = paths.resources_dir() / "samples" / f"{profile_id}.json"
    case = loads_case(sample.read_text(encoding="utf-8"), controller.catalog.profiles)
    case = sparse_case(case, controller.catalog.profile(profile_id))
    main = controller.open_case(save_case(controller.db, case))
    qtbot.addWidget(main)
    qtbot.waitExposed(main)
    return main


def _click(qtbot: QtBot, export: ExportPage, item: QListWidgetItem) -> None:
    export.issues.scrollToItem(item)
    rect = export.issues.visualItemRect(item)
    QTest.mouseClick(export.issues.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_refusal_lists_what_is_missing_as_the_check_panel_does(
    controller: Controller, qtbot: QtBot
) -> None:
    main = _sparse_window(controller, qtbot, "nmg-2022-unit")
    main.show_step("__export__")
    export = main.export_page
    main.dock.reasons_only.setChecked(True)
    panel = [i.message for i in main.dock.visible_issues()]
    assert len(panel) >= 20  # every reason and count of the sparse case
    texts = [export.issues.item(n).text() for n in range(export.issues.count())]
    heading = texts.index(f"缺少原因或内容 {len(panel)} 条（填写后才能导出正式文档）")
    listed = [t.removeprefix("　错误：") for t in texts[heading + 1 : heading + 1 + len(panel)]]
    assert listed == panel  # the same entries, in the same order, none left out
    errors = sum(1 for i in main.session.issues if i.severity is Severity.ERROR)
    warnings = sum(1 for i in main.session.issues if i.severity is Severity.WARNING)
    assert f"错误 {errors} 条" in export.counts.text()
    assert f"警告 {warnings} 条" in export.counts.text()
    assert not export.export_button.isEnabled()


def test_default_glossary_is_not_unfilled(controller: Controller, qtbot: QtBot) -> None:
    """The 上海 sample keeps no terms of its own: the profile's are printed, nothing is missing."""
    main = _sparse_window(controller, qtbot, "sh-2024-dept")
    assert main.session.case.glossary == ()
    assert main.status_of("glossary") != "未填"
    assert "名词解释" not in main.export_page.errors.text()


def test_a_refusal_entry_jumps_to_its_field(controller: Controller, qtbot: QtBot) -> None:
    main = _sparse_window(controller, qtbot, "nmg-2022-unit")
    main.show_step("__export__")
    export = main.export_page
    export.start(draft=False)
    entries = {e.data(Qt.ItemDataRole.UserRole): e for e in export.entries()}
    # a section's reason field
    field = next(loc for loc in entries if loc.field and loc.section == "overall")
    _click(qtbot, export, entries[field])
    assert main.current_step() == "overall"
    editor = page(main, "overall").editors[field.field]
    qtbot.waitUntil(editor.hasFocus)
    # a count (接待批次 not entered) lives on its own step
    main.show_step("__export__")
    count = next(loc for loc in entries if loc.field == "domestic_batches")
    _click(qtbot, export, entries[count])
    assert main.current_step() == count.section
    field_editor = page(main, count.section).editors["domestic_batches"]
    qtbot.waitUntil(field_editor.hasFocus)
    assert not field_editor.visibleRegion().isEmpty()  # scrolled into view, far down the step
    # a warning jumps too
    main.show_step("__export__")
    warning = next(e for e in export.entries() if e.text().startswith("　警告："))
    where = warning.data(Qt.ItemDataRole.UserRole)
    _click(qtbot, export, warning)
    assert main.current_step() == where.section


def test_overwrite_asks_and_the_result_lists_every_file(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    export = window.export_page
    window.show_step("__export__")
    export.xlsx.setChecked(True)
    target = tmp_path / "决算.docx"
    target.write_bytes(b"old")
    export.path.setText(str(target))
    asked: list[str] = []

    def answer(reply: QMessageBox.StandardButton):  # type: ignore[no-untyped-def]  # a Qt slot; the answer's type is Qt's
        def ask(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
            asked.append(str(args[2]))
            return reply

        return ask

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    QTest.mouseClick(export.export_button, Qt.MouseButton.LeftButton)
    assert str(target) in asked[0]
    assert target.read_bytes() == b"old"
    assert "没有导出" in export.result.text()
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    QTest.mouseClick(export.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已导出" in export.result.text(), timeout=60_000)
    assert target.read_bytes() != b"old"
    assert str(target) in export.result.text()
    assert str(target.with_suffix(".xlsx")) in export.result.text()
    opens = {b.objectName() for b in export.findChildren(QPushButton) if b.isVisible()}
    assert {"export:open.docx", "export:open.xlsx", "export:folder"} <= opens
    # A draft goes to its own name and does not ask (nothing is there yet).
    asked.clear()
    QTest.mouseClick(export.draft_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "（草稿）" in export.result.text(), timeout=60_000)
    assert asked == []
    assert (tmp_path / "决算（草稿）.docx").is_file()
    assert (tmp_path / "决算（草稿）.xlsx").is_file()


def test_export_options_are_remembered(window: MainWindow, qtbot: QtBot) -> None:
    window.export_page.xlsx.setChecked(True)
    again = ExportPage(window.session, Path("."))
    qtbot.addWidget(again)
    assert again.xlsx.isChecked()
    window.export_page.xlsx.setChecked(False)
    once_more = ExportPage(window.session, Path("."))
    qtbot.addWidget(once_more)
    assert not once_more.xlsx.isChecked()


def test_copy_from_last_year_asks_and_lists_what_it_carried(
    controller: Controller, window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.ui.new_case_dialog import CopyCaseDialog

    start = controller.show_start(load=False)
    controller.refresh_list()
    start.table.selectRow(0)
    seen: dict[str, object] = {}

    def accept(dialog: CopyCaseDialog) -> int:
        seen["year"] = dialog.year.value()
        seen["profile"] = dialog.profile.currentData()
        return 1

    monkeypatch.setattr(CopyCaseDialog, "exec", accept)
    QTest.mouseClick(start.buttons["copy"], Qt.MouseButton.LeftButton)
    assert seen == {"year": 2023, "profile": "nmg-2023-unit"}
    main = controller.main
    assert main is not None
    qtbot.addWidget(main)
    assert main.session.case.profile_id == "nmg-2023-unit"
    assert main.session.case.unit.year == 2023
    report = controller.copy_report.text()
    assert "上年数" in report
    assert "绩效自评项目" in report
    assert main.status_of("table_t2") == "未填"  # 科目 rows came without figures


@pytest.mark.skipif(
    __import__("shutil").which("soffice") is None, reason="LibreOffice not installed"
)
def test_the_result_lists_the_pdf(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    export = window.export_page
    window.show_step("__export__")
    assert export.pdf.isEnabled()
    export.pdf.setChecked(True)
    target = tmp_path / "决算.docx"
    export.path.setText(str(target))
    QTest.mouseClick(export.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已导出" in export.result.text(), timeout=180_000)
    assert target.with_suffix(".pdf").is_file()
    assert f"PDF：{target.with_suffix('.pdf')}" in export.result.text()
    opens = {b.objectName() for b in export.findChildren(QPushButton) if b.isVisible()}
    assert "export:open.pdf" in opens

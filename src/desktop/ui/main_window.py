"""The main window: steps on the left, the step's page in the centre, 检查结果 on the right."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QBrush, QCloseEvent, QColor, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.issues import Severity
from desktop.core.narrative.numbers import cn_number
from desktop.ui import entry_guard, messages
from desktop.ui.department_session import DepartmentSession
from desktop.ui.export_page import ExportPage
from desktop.ui.issues_dock import IssuesDock
from desktop.ui.section_page import SectionPage
from desktop.ui.step_status import COLORS as STATUS_COLORS
from desktop.ui.step_status import COMPUTED, DONE, UNFILLED, StepStatus, step_status
from desktop.ui.window_layout import NarrowLayout

if TYPE_CHECKING:
    from desktop.core.issues import Location
    from desktop.ui.department_dialog import DepartmentPanel
    from desktop.ui.import_dialog import ImportDialog
    from desktop.ui.session import CaseSession

CHECK_STEP = "__check__"
EXPORT_STEP = "__export__"
DEPARTMENT_STEP = "__department__"


def step_titles(session: CaseSession) -> dict[str, str]:
    """Step titles in profile order, numbered within each part as in the document."""
    common = {
        "year": str(session.case.unit.year),
        "wording": session.profile.wording,
        "unit": session.case.unit.name,
        "prior_year": str(session.case.unit.year - 1),
    }
    titles: dict[str, str] = {}
    for part in session.profile.parts:
        number = 0
        for section in session.profile.sections:
            if section.part != part.id:
                continue
            title = section.title.format_map(common)
            if section.heading and (section.blocks or section.tables):
                number += 1
                title = f"{cn_number(number)}、{title}"
            titles[section.id] = title
    return titles


class MainWindow(QMainWindow):
    """The window of an open case."""

    closed = Signal()
    back_to_start = Signal()
    #: A 部门's window asks for one of its members' cases to be opened.
    member_requested = Signal(int)

    def __init__(self, session: CaseSession, export_folder: Path) -> None:
        super().__init__()
        entry_guard.install()  # every text field of the window is cleaned at entry
        self.session = session
        session.setParent(self)  # the session lives and dies with its window
        self.titles = step_titles(session)
        self.steps = QListWidget()
        self.steps.setObjectName("steps")
        # Long step titles wrap instead of being cut off.
        self.steps.setWordWrap(True)
        self.steps.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.steps.setResizeMode(QListView.ResizeMode.Adjust)
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        self.step_ids: list[str] = []
        self.department_panel: DepartmentPanel | None = None
        if isinstance(session, DepartmentSession):
            self._add_department_step(session)
        parts = {p.id: p.title for p in session.profile.parts}
        last_part = ""
        for section in session.profile.sections:
            if section.part != last_part:
                last_part = section.part
                header = QListWidgetItem(
                    parts[section.part].format_map(
                        {
                            "unit": session.case.unit.name,
                            "year": str(session.case.unit.year),
                            "wording": session.profile.wording,
                        }
                    )
                )
                header.setFlags(Qt.ItemFlag.NoItemFlags)
                header.setForeground(QBrush(QColor("#202124")))
                font = header.font()
                font.setBold(True)
                header.setFont(font)
                self.steps.addItem(header)
                self.step_ids.append("")
            self._add_step(
                section.id,
                self.titles[section.id],
                SectionPage(session, section, self.titles[section.id]),
            )
        self._add_step(CHECK_STEP, "检查", self._check_page())
        self.export_page = ExportPage(session, export_folder)
        self._add_step(EXPORT_STEP, "导出", self.export_page)
        self.export_page.jump_requested.connect(self.jump_to)
        self._lay_out()
        self.steps.currentRowChanged.connect(self._on_step_changed)
        self._build_menus()
        self.save_state = ""  # nothing saved in this window yet
        self.saved_label = QLabel("每次修改都会立即保存")
        self.saved_label.setObjectName("saved")
        self.statusBar().addPermanentWidget(self.saved_label)
        session.case_changed.connect(self._on_case_changed)
        session.issues_changed.connect(self._refresh_statuses)
        session.saved.connect(self._on_saved)
        session.failed.connect(self._on_failed)
        session.notice.connect(lambda note: self.statusBar().showMessage(note, 10_000))
        self._refresh_statuses()
        self._refresh_title()
        self.steps.setCurrentRow(1)
        self._restore_layout()

    def _add_department_step(self, session: DepartmentSession) -> None:
        """A 部门's first step: its units and eliminations; each change consolidates again."""
        from desktop.ui.department_dialog import DepartmentPanel

        header = QListWidgetItem("部门汇总")
        header.setFlags(Qt.ItemFlag.NoItemFlags)
        header.setForeground(QBrush(QColor("#202124")))
        font = header.font()
        font.setBold(True)
        header.setFont(font)
        self.steps.addItem(header)
        self.step_ids.append("")
        panel = DepartmentPanel(session.db, session.catalog, session.case_id)
        panel.changed.connect(session.reload)
        panel.open_member.connect(self.member_requested.emit)
        self.department_panel = panel
        self.titles[DEPARTMENT_STEP] = "单位构成与冲抵"
        self._add_step(DEPARTMENT_STEP, "单位构成与冲抵", panel)

    def reload_department(self) -> None:
        """A member changed elsewhere: consolidate again and show it everywhere."""
        if isinstance(self.session, DepartmentSession):
            self.session.reload()
        if self.department_panel is not None:
            self.department_panel.refresh()

    def _lay_out(self) -> None:
        self.dock = IssuesDock(self.session, {**self.titles})
        self.dock.jump_requested.connect(self.jump_to)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.resizeDocks([self.dock], [340], Qt.Orientation.Horizontal)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self.steps)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([220, 700])
        self.steps.setMinimumWidth(150)
        self.setCentralWidget(self.splitter)
        self.narrow = NarrowLayout(self, self.dock, self.steps)

    def _add_step(self, step_id: str, title: str, page: QWidget) -> None:
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, step_id)
        self.steps.addItem(item)
        self.step_ids.append(step_id)
        self.pages[step_id] = page
        self.stack.addWidget(page)

    def _check_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.check_summary = QLabel()
        self.check_summary.setObjectName("check:summary")
        self.check_summary.setWordWrap(True)
        layout.addWidget(QLabel("<h2>检查</h2>"))
        layout.addWidget(self.check_summary)
        layout.addWidget(QLabel("全部问题列在右侧“检查结果”中，双击可跳到对应位置。"))
        layout.addStretch(1)
        return page

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")
        import_xlsx = QAction("从 Excel 导入公开表…", self)
        import_xlsx.setObjectName("action:import_xlsx")
        import_xlsx.setShortcut(QKeySequence("Ctrl+I"))
        import_xlsx.triggered.connect(self._choose_workbook)
        import_xlsx.setEnabled(not self.session.consolidated)  # a 部门's tables are its members'
        file_menu.addAction(import_xlsx)
        save_as = QAction("另存为交换文件…", self)
        save_as.setObjectName("action:save_as")
        save_as.setShortcut(QKeySequence("Ctrl+Shift+S"))
        save_as.triggered.connect(self._choose_save_as)
        file_menu.addAction(save_as)
        file_menu.addSeparator()
        back = QAction("返回开始页", self)
        back.triggered.connect(self.back_to_start.emit)
        file_menu.addAction(back)
        close = QAction("关闭", self)
        close.setShortcut(QKeySequence.StandardKey.Close)
        close.triggered.connect(self.close)
        file_menu.addAction(close)
        quit_action = QAction("退出", self)
        quit_action.setObjectName("action:quit")
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))  # the guide's key on every system
        quit_action.triggered.connect(self.quit)
        file_menu.addAction(quit_action)
        edit_menu = self.menuBar().addMenu("编辑(&E)")
        undo = self.session.undo_stack.createUndoAction(self, "撤销")
        undo.setShortcuts([QKeySequence("Ctrl+Z")])
        redo = self.session.undo_stack.createRedoAction(self, "重做")
        # Ctrl+Y first: the menu shows it, as the user guide says; Ctrl+Shift+Z works too.
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        self.undo_action, self.redo_action = undo, redo
        view_menu = self.menuBar().addMenu("视图(&V)")
        view_menu.addAction(self.dock.toggleViewAction())
        self.narrow.add_to(view_menu)

    def quit(self) -> None:
        """Ctrl+Q: close every window (this one saves its layout) and leave the program."""
        from PySide6.QtWidgets import QApplication

        self.close()
        QApplication.closeAllWindows()

    # -- behaviour -----------------------------------------------------------------------------
    def current_step(self) -> str:
        row = self.steps.currentRow()
        return self.step_ids[row] if 0 <= row < len(self.step_ids) else ""

    def show_step(self, step_id: str) -> None:
        self.steps.setCurrentRow(self.step_ids.index(step_id))

    def _on_step_changed(self, row: int) -> None:
        step = self.step_ids[row] if 0 <= row < len(self.step_ids) else ""
        if step:
            page = self.pages[step]
            if isinstance(page, SectionPage) and page.property("stale"):
                page.setProperty("stale", False)
                page.refresh()
            self.stack.setCurrentWidget(page)

    def jump_to(self, location: Location) -> None:
        if location.section not in self.pages:
            return
        self.show_step(location.section)
        page = self.pages[location.section]
        if isinstance(page, SectionPage):
            page.focus_location(location)

    def status_of(self, step: str) -> str:
        """未填, 有错误, 有警告, 已完成 or 自动计算 (see `step_status`)."""
        return self.step_status(step).label

    def step_status(self, step: str) -> StepStatus:
        section = next((s for s in self.session.profile.sections if s.id == step), None)
        if section is None:
            return StepStatus(DONE)
        return step_status(self.session.figures, section, self.session.issues)

    def _refresh_statuses(self) -> None:
        unfilled: list[str] = []
        for row, step in enumerate(self.step_ids):
            if not step or step in (CHECK_STEP, EXPORT_STEP, DEPARTMENT_STEP):
                continue
            status = self.step_status(step)
            item = self.steps.item(row)
            item.setText(f"{self.titles[step]}  [{status.label}]")
            tip = f"自动计算：{status.detail}" if status.label == COMPUTED else status.detail
            item.setToolTip(tip)
            item.setForeground(QBrush(QColor(STATUS_COLORS[status.label])))
            item.setData(Qt.ItemDataRole.UserRole + 1, status.label)
            if status.label == UNFILLED:
                unfilled.append(self.titles[step])
        self.unfilled = unfilled
        errors = sum(1 for i in self.session.issues if i.severity is Severity.ERROR)
        warnings = sum(1 for i in self.session.issues if i.severity is Severity.WARNING)
        parts = [f"错误 {errors} 条，警告 {warnings} 条。"]
        if unfilled:
            named = "、".join(unfilled[:6]) + ("等" if len(unfilled) > 6 else "")
            parts.append(f"还有 {len(unfilled)} 个步骤未填：{named}。")
        if errors:
            parts.append("请先改正错误，才能导出正式文档。")
        elif unfilled:
            parts.append("未填的步骤在文档中会缺少内容，请先填写。")
        else:
            parts.append("没有错误，可以导出。")
        self.check_summary.setText("".join(parts))
        self.export_page.set_unfilled(unfilled)

    def _on_case_changed(self) -> None:
        page = self.stack.currentWidget()
        if isinstance(page, SectionPage):
            page.refresh()
        for other in self.pages.values():
            if isinstance(other, SectionPage) and other is not page:
                other.setProperty("stale", True)
        self._refresh_title()

    def _choose_workbook(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            "选择要导入的 Excel 工作簿",
            "",
            "Excel 工作簿 (*.xlsx *.xls *.xlsm);;所有文件 (*)",
        )
        if chosen:
            self.import_workbook(Path(chosen))

    def import_workbook(self, path: Path) -> None:
        """Read the workbook off the UI thread, then show the import preview."""
        from desktop.importing.workbook import read_workbook
        from desktop.ui.tasks import run_task

        self.statusBar().showMessage(f"正在读取“{path.name}”……")
        self.import_dialog: ImportDialog | None = None

        def done(sheets: object) -> None:
            from desktop.ui.import_dialog import ImportDialog

            self.statusBar().clearMessage()
            assert isinstance(sheets, list)
            self.import_dialog = ImportDialog(self.session, path, sheets, self)
            self.import_dialog.open()

        def failed(message: str) -> None:
            self.statusBar().clearMessage()
            QMessageBox.warning(self, "无法导入", f"{message}\n\n案卷未作任何修改。")

        self.import_task = run_task(lambda: read_workbook(path), done, failed)

    def _choose_save_as(self) -> None:
        from desktop.core.filenames import safe_file_name

        unit = self.session.case.unit
        suggested = safe_file_name(f"{unit.year}年度{unit.name}.json")
        chosen, _ = QFileDialog.getSaveFileName(
            self, "另存为交换文件", suggested, "交换文件 (*.json)"
        )
        if chosen:
            self.save_as(Path(chosen if chosen.lower().endswith(".json") else chosen + ".json"))

    def save_as(self, target: Path) -> bool:
        """Write the case as an interchange file (what ``juesuan dump`` writes); say why not."""
        from desktop.files import (
            FileWriteError,
            ReadOnlyTargetError,
            allow_replacing,
            write_text_atomically,
        )
        from desktop.services.cases import dump_text

        text = dump_text(self.session.case, self.session.db, self.session.case_id)
        try:
            try:
                write_text_atomically(target, text)
            except ReadOnlyTargetError:
                if not messages.ask_replace_read_only(self, [target]):
                    return False
                allow_replacing(target)
                write_text_atomically(target, text)
        except FileWriteError as exc:
            messages.show_error(self, "另存失败", f"{exc}\n\n填报仍完整保存在数据库中。")
            return False
        except OSError as exc:  # allow_replacing: not the file's owner
            messages.show_error(self, "另存失败", messages.failure_text(exc, target))
            return False
        self.statusBar().showMessage(f"已另存为：{target}", 8000)
        return True

    def _refresh_title(self) -> None:
        unit = self.session.case.unit
        state = f" — {self.save_state}" if self.save_state else ""
        kind = "（部门汇总）" if self.session.consolidated else ""
        self.setWindowTitle(f"决算公开助手 — {unit.year}年度{unit.name}{kind}{state}")

    def _on_saved(self) -> None:
        """Only after an edit was really written to the database."""
        self.save_state = "已保存"
        self.saved_label.setText("已保存")
        self._refresh_title()

    def _on_failed(self, message: str) -> None:
        """Say so at once; ask about retrying once the failed step is off the undo stack."""
        self.save_state = "保存失败"
        self.saved_label.setText(f"保存失败：{message}")
        self._refresh_title()
        QTimer.singleShot(0, lambda: self._offer_retry(message))

    def _offer_retry(self, message: str) -> None:
        text = (
            f"{message}\n\n刚才填写的内容还在程序中。处理好上面的问题（例如清理磁盘）后选“重试”，"
            "就会再保存一次；选“放弃”则这处修改不保存。"
        )
        if messages.ask_retry(self, "保存失败", text) and self.session.retry():
            self.statusBar().showMessage("已重新保存。", 5000)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        settings = QSettings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/state", self.saveState())
        settings.setValue("main/splitter", self.splitter.saveState())
        self.closed.emit()
        super().closeEvent(event)

    def _restore_layout(self) -> None:
        settings = QSettings()
        for key, restore in (
            ("main/geometry", self.restoreGeometry),
            ("main/state", self.restoreState),
            ("main/splitter", self.splitter.restoreState),
        ):
            value = settings.value(key)
            if isinstance(value, QByteArray):
                restore(value)

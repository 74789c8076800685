"""The 导出 step: what still stands in the way, the files to write, and every file written.

错误 and 警告 are listed here under headings with their counts (the missing reasons and inputs first,
the check panel's 仅缺少原因 list), each one click away from its field; a formal export is refused
while 错误 remain (a 草稿 can still be written, under its own name). A file that already exists
is overwritten only after asking. The options (PDF, Excel) are remembered between sessions.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import paths
from desktop.core.checks import REASON_RULES, missing_of
from desktop.core.filenames import safe_file_name
from desktop.core.issues import Location, Severity
from desktop.files import allow_replacing, is_read_only
from desktop.ui import messages
from desktop.ui.department_session import DepartmentSession
from desktop.ui.tasks import Task, run_task
from desktop.ui.versions_box import VersionsBox

if TYPE_CHECKING:
    from desktop.core.calc import Figures
    from desktop.core.issues import Issue
    from desktop.export.table_layout import TableLayout
    from desktop.services.export import ExportResult
    from desktop.ui.session import CaseSession

DRAFT_MARK = "（草稿）"
KINDS = {".docx": "Word 文档", ".pdf": "PDF", ".xlsx": "公开表 Excel"}
COLORS = {Severity.ERROR: "#d93025", Severity.WARNING: "#e37400"}
LISTED = 50


def default_file_name(session: CaseSession) -> str:
    unit = session.case.unit
    return safe_file_name(f"{unit.year}年度{unit.name}{session.profile.wording}决算公开.docx")


def draft_path(path: Path) -> Path:
    """Where a draft of `path` goes: the same name with （草稿） before the extension."""
    return (
        path if DRAFT_MARK in path.stem else path.with_name(f"{path.stem}{DRAFT_MARK}{path.suffix}")
    )


class ExportPage(QWidget):
    """Export the Word document (and PDF, and the tables as Excel)."""

    jump_requested = Signal(object)

    def __init__(self, session: CaseSession, default_folder: Path) -> None:
        super().__init__()
        self.session = session
        self.task: Task | None = None
        self.last_output: Path | None = None
        self.written: list[Path] = []
        self.unfilled: list[str] = []
        self.path = QLineEdit(str(default_folder / default_file_name(session)))
        self.path.setObjectName("export:path")
        browse = QPushButton("浏览…")
        browse.clicked.connect(self._on_browse)
        self._build_options()
        self.counts = QLabel()
        self.counts.setObjectName("export:counts")
        self.errors = QLabel()
        self.errors.setWordWrap(True)
        self.errors.setObjectName("export:errors")
        self.issues = QListWidget()
        self.issues.setObjectName("export:issues")
        self.issues.setWordWrap(True)
        self.issues.setMaximumHeight(300)  # the refusal's list: a dozen entries in view
        self.issues.itemClicked.connect(self._on_issue_clicked)
        self.issues.itemActivated.connect(self._on_issue_clicked)
        self.export_button = QPushButton("导出正式文档")
        self.export_button.setObjectName("export:go")
        self.draft_button = QPushButton("导出草稿")
        self.draft_button.setObjectName("export:draft")
        self.draft_button.setToolTip("草稿的页眉标有“草稿”，文件名带“（草稿）”，不会覆盖正式文档。")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.result = QLabel()
        self.result.setObjectName("export:result")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.files = QGridLayout()
        self.versions = VersionsBox(session)
        self.export_button.clicked.connect(lambda: self.start(draft=False))
        self.draft_button.clicked.connect(lambda: self.start(draft=True))
        self._lay_out(browse)
        session.issues_changed.connect(self.refresh)
        self.refresh()

    def _build_options(self) -> None:
        from desktop.export.pdf import find_soffice

        settings = QSettings()
        self.pdf = QCheckBox("同时生成 PDF（需要 LibreOffice）")
        self.pdf.setObjectName("export:pdf")
        self.pdf.setEnabled(find_soffice() is not None)
        if not self.pdf.isEnabled():
            self.pdf.setToolTip(
                "未找到 LibreOffice。安装后可直接生成 PDF，也可在 Word/WPS 中另存为 PDF。"
            )
        self.xlsx = QCheckBox("同时导出公开表 Excel")
        self.xlsx.setObjectName("export:xlsx")
        self.xlsx.setToolTip("在 Word 文档旁边保存同名的 .xlsx 工作簿，每张公开表一个工作表。")
        self.appendix = QCheckBox("文末附“各单位收入支出决算情况表”（部门填报，按单位列示，万元）")
        self.appendix.setObjectName("export:unit-appendix")
        cons = self.session.profile.consolidation
        self.appendix.setVisible(self.session.consolidated and bool(cons.breakdown))
        if cons.breakdown_appendix:  # the profile asks for it: always there
            self.appendix.setChecked(True)
            self.appendix.setEnabled(False)
            self.appendix.setToolTip("本模板要求部门决算附此表。")
        for box, key in ((self.pdf, "export/pdf"), (self.xlsx, "export/xlsx")):
            box.setChecked(str(settings.value(key, "false")).lower() == "true")
            box.toggled.connect(
                lambda on, key=key: QSettings().setValue(key, "true" if on else "false")
            )

    def _lay_out(self, browse: QPushButton) -> None:
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.draft_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>导出</h2>"))
        layout.addWidget(self.counts)
        layout.addWidget(self.errors)
        layout.addWidget(self.issues)
        layout.addWidget(QLabel("保存为："))
        layout.addLayout(row)
        layout.addWidget(self.pdf)
        layout.addWidget(self.xlsx)
        layout.addWidget(self.appendix)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.result)
        layout.addLayout(self.files)
        layout.addWidget(self.versions)
        layout.addStretch(1)

    # -- what stands in the way ----------------------------------------------------------------
    def set_unfilled(self, steps: list[str]) -> None:
        """The steps still 未填 (from the window's step statuses)."""
        self.unfilled = steps
        self.refresh()

    def error_issues(self) -> list[Issue]:
        return [i for i in self.session.issues if i.severity is Severity.ERROR]

    def refresh(self) -> None:
        issues = [i for i in self.session.issues if i.severity in COLORS]
        errors = [i for i in issues if i.severity is Severity.ERROR]
        missing = missing_of(errors)  # the check panel's 仅缺少原因 list, every entry
        others = [i for i in errors if i.rule not in REASON_RULES]
        warnings = [i for i in issues if i.severity is Severity.WARNING]
        self.counts.setText(
            f"<b><span style='color:#d93025'>错误 {len(errors)} 条</span>　"
            f"<span style='color:#e37400'>警告 {len(warnings)} 条</span></b>"
            + ("　（点击下面的一条，跳到要改的地方）" if issues else "")
        )
        self.issues.clear()
        self._add_group(f"缺少原因或内容 {len(missing)} 条（填写后才能导出正式文档）", missing)
        self._add_group(f"其他错误 {len(others)} 条", others, LISTED)
        self._add_group(f"警告 {len(warnings)} 条", warnings, LISTED)
        self.issues.setVisible(bool(issues))
        self.export_button.setEnabled(not errors and self.task is None)
        self.draft_button.setEnabled(self.task is None)
        notes: list[str] = []
        if errors:
            notes.append(
                f"<p style='color:#d93025'>还有 {len(errors)} 条错误，改正后才能导出正式文档"
                "（可先导出草稿）。下面列出每一条，点击一条跳到要改的地方。</p>"
            )
        if self.unfilled:
            named = "、".join(self.unfilled[:6]) + ("等" if len(self.unfilled) > 6 else "")
            notes.append(
                f"<p style='color:#80868b'>还有 {len(self.unfilled)} 个步骤未填：{named}。"
                "未填的内容在文档中会空缺。</p>"
            )
        if not notes:
            notes.append(
                "检查没有发现错误，可以导出。"
                + (f"还有 {len(warnings)} 条警告，建议先看一看。" if warnings else "")
            )
        self.errors.setText("".join(notes))

    def _add_group(self, title: str, issues: list[Issue], limit: int | None = None) -> None:
        """A heading with the count, then one clickable entry per issue (all of them, or `limit`)."""
        if not issues:
            return
        heading = QListWidgetItem(title)
        heading.setFlags(Qt.ItemFlag.ItemIsEnabled)  # not selectable: it goes nowhere
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.issues.addItem(heading)
        for issue in issues[:limit]:
            item = QListWidgetItem(f"　{issue.severity.value}：{issue.message}")
            item.setForeground(QBrush(QColor(COLORS[issue.severity])))
            item.setData(Qt.ItemDataRole.UserRole, issue.location)
            item.setToolTip("点击跳到这里")
            self.issues.addItem(item)
        if limit is not None and len(issues) > limit:
            more = QListWidgetItem(f"　……共 {len(issues)} 条，全部见右侧“检查结果”。")
            more.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.issues.addItem(more)

    def entries(self) -> list[QListWidgetItem]:
        """The list's clickable entries (not its headings)."""
        items = (self.issues.item(n) for n in range(self.issues.count()))
        return [i for i in items if isinstance(i.data(Qt.ItemDataRole.UserRole), Location)]

    def _on_issue_clicked(self, item: QListWidgetItem) -> None:
        location = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(location, Location):
            self.jump_requested.emit(location)

    # -- exporting -----------------------------------------------------------------------------
    def _on_browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, "保存 Word 文档", self.path.text(), "Word 文档 (*.docx)"
        )
        if chosen:
            self.path.setText(chosen if chosen.endswith(".docx") else chosen + ".docx")

    def targets(self, *, draft: bool) -> list[Path]:
        """The files an export writes: the document, then its PDF and workbook if chosen."""
        document = Path(self.path.text().strip())
        if document.suffix.lower() != ".docx":
            document = document.with_name(document.name + ".docx")
        if draft:
            document = draft_path(document)
        files = [document]
        if self.pdf.isChecked() and self.pdf.isEnabled():
            files.append(document.with_suffix(".pdf"))
        if self.xlsx.isChecked():
            files.append(document.with_suffix(".xlsx"))
        return files

    def _may_overwrite(self, files: list[Path]) -> bool:
        existing = [f for f in files if f.exists()]
        if not existing:
            return True
        if any(is_read_only(f) for f in existing):
            return self._may_replace_read_only(existing)
        names = "\n".join(str(f) for f in existing)
        answer = QMessageBox.question(
            self,
            "文件已存在",
            f"以下文件已经存在：\n{names}\n\n要用这次导出覆盖它们吗？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _may_replace_read_only(self, existing: list[Path]) -> bool:
        """A read-only target is replaced only after asking (the CLI: --overwrite-read-only)."""
        if not messages.ask_replace_read_only(self, existing):
            return False
        for path in existing:
            try:
                allow_replacing(path)
            except OSError as exc:  # not the file's owner: say so, replace nothing
                messages.show_error(self, "无法替换只读文件", messages.failure_text(exc, path))
                return False
        return True

    def start(self, *, draft: bool) -> None:
        """Export in the background (desktop.services.export); the window stays responsive."""
        from desktop.services.export import ExportRequest, export_case

        errors = self.error_issues()
        if errors and not draft:
            self._refuse(len(errors))
            return
        files = self.targets(draft=draft)
        if not self._may_overwrite(files):
            self.result.setText("没有导出：已有的文件保持不变。可以换一个文件名再导出。")
            return
        target = files[0]
        workbook = target.with_suffix(".xlsx")
        figures = self.session.figures
        request = ExportRequest(
            target,
            pdf=target.with_suffix(".pdf") in files,
            workbook=workbook if workbook in files else None,
            draft=draft,
            appendix=self._appendix(figures),
        )
        chart_cache = paths.user_data_dir() / "chart-cache"

        def work() -> ExportResult:
            return export_case(figures, request, prepare_version=True, chart_cache=chart_cache)

        self.progress.show()
        self.result.setText("正在导出……")
        self.export_button.setEnabled(False)
        self.draft_button.setEnabled(False)
        self._clear_files()
        self.task = run_task(work, self._on_done, self._on_failed)

    def _appendix(self, figures: Figures) -> TableLayout | None:
        """The 分单位收支 appendix of a department's export, when chosen or asked for."""
        from desktop.export.unit_appendix import appendix_wanted, department_appendix

        session = self.session
        if not isinstance(session, DepartmentSession):
            return None
        if not appendix_wanted(session.profile, asked=self.appendix.isChecked()):
            return None
        return department_appendix(session.state.dept, figures, session.member_figures())

    def _refuse(self, errors: int) -> None:
        """No formal export: say so, and put the cursor on the first entry of the list."""
        self.refresh()
        self.result.setText(
            f"<span style='color:#d93025'>没有导出正式文档：还有 {errors} 条错误，见上面的列表，"
            "点击一条跳到要改的地方；也可先导出草稿。</span>"
        )
        entries = self.entries()
        if entries:
            self.issues.setCurrentItem(entries[0])
            self.issues.scrollToItem(entries[0])
        self.issues.setFocus()

    def _on_done(self, result: object) -> None:
        from desktop.services.export import ExportResult

        self.task = None
        self.progress.hide()
        if not isinstance(result, ExportResult):  # the task returns what `work` returned
            self._on_failed(f"导出没有返回结果（{type(result).__name__}）")
            return
        written = list(result.written)
        self.last_output = result.document
        self.written = written
        lines = "".join(f"<li>{KINDS.get(f.suffix, '文件')}：{f}</li>" for f in written)
        notes = [f"PDF 未能生成：{result.pdf_error}"] if result.pdf_error else list(result.notes)
        extra = "".join(f"<p style='color:#d93025'>{n}</p>" for n in notes)
        if result.pdf_error:
            messages.show_error(self, "PDF 未能生成", f"Word 文档已导出。{notes[0]}")
        self.result.setText(
            f"已导出 {len(written)} 个文件（Word 校验码 {result.sha256[:16]}{self._record(result)}）："
            f"<ul>{lines}</ul>{extra}"
        )
        self._show_files(written)
        self.refresh()

    def _clear_files(self) -> None:
        while self.files.count():
            item = self.files.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()

    def _show_files(self, written: list[Path]) -> None:
        self._clear_files()
        for n, path in enumerate(written):
            button = QPushButton(f"打开{KINDS.get(path.suffix, '文件')}")
            button.setObjectName(f"export:open{path.suffix}")
            button.clicked.connect(lambda _=False, p=path: self._open(p))
            self.files.addWidget(button, 0, n)
            button.show()
        folder = QPushButton("打开所在文件夹")
        folder.setObjectName("export:folder")
        folder.clicked.connect(lambda: self._open(written[0].parent))
        self.files.addWidget(folder, 0, len(written))
        folder.show()
        self.files.setColumnStretch(len(written) + 1, 1)

    def _record(self, result: ExportResult) -> str:
        """Record the export as a version (one quick write); the words to add to the result."""
        from desktop.services.export import store_version

        try:
            version = store_version(self.session.db, self.session.case_id, result)
        except Exception as exc:  # the document is there; only its history entry is missing
            return f"；未能记录历史版本：{exc}"
        self.versions.refresh()
        return f"；已记录为历史版本 {version}"

    def _on_failed(self, message: str) -> None:
        self.task = None
        self.progress.hide()
        self.result.setText(f"<span style='color:#d93025'>导出失败：{message}</span>")
        self.refresh()
        messages.show_error(self, "导出失败", f"导出失败：{message}\n\n填报没有受影响。")

    def _open(self, path: Path | None) -> None:
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

"""The 导出 step: choose the file, export off the UI thread, then open it or its folder."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import paths
from desktop.core.filenames import safe_file_name
from desktop.core.issues import Severity
from desktop.ui.tasks import Task, run_task
from desktop.ui.versions_box import VersionsBox

if TYPE_CHECKING:
    from desktop.core.calc import Figures
    from desktop.ui.session import CaseSession


def default_file_name(session: CaseSession) -> str:
    unit = session.case.unit
    return safe_file_name(f"{unit.year}年度{unit.name}{session.profile.wording}决算公开.docx")


class ExportPage(QWidget):
    """Export the Word document (and PDF)."""

    def __init__(self, session: CaseSession, default_folder: Path) -> None:
        super().__init__()
        self.session = session
        self.task: Task | None = None
        self.last_output: Path | None = None
        self.path = QLineEdit(str(default_folder / default_file_name(session)))
        self.path.setObjectName("export:path")
        browse = QPushButton("浏览…")
        browse.clicked.connect(self._on_browse)
        from desktop.export.pdf import find_soffice

        self.pdf = QCheckBox("同时生成 PDF（需要 LibreOffice）")
        self.pdf.setEnabled(find_soffice() is not None)
        if not self.pdf.isEnabled():
            self.pdf.setToolTip(
                "未找到 LibreOffice。安装后可直接生成 PDF，也可在 Word/WPS 中另存为 PDF。"
            )
        self.xlsx = QCheckBox("同时导出公开表 Excel")
        self.xlsx.setObjectName("export:xlsx")
        self.xlsx.setToolTip("在 Word 文档旁边保存同名的 .xlsx 工作簿，每张公开表一个工作表。")
        self.errors = QLabel()
        self.errors.setWordWrap(True)
        self.errors.setObjectName("export:errors")
        self.export_button = QPushButton("导出 Word 文档")
        self.export_button.setObjectName("export:go")
        self.draft_button = QPushButton("导出草稿")
        self.draft_button.setObjectName("export:draft")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.result = QLabel()
        self.result.setObjectName("export:result")
        self.result.setWordWrap(True)
        self.versions = VersionsBox(session)
        self.exporting: tuple[Figures, bool] | None = None
        self.open_doc = QPushButton("打开文档")
        self.open_folder = QPushButton("打开所在文件夹")
        for button in (self.open_doc, self.open_folder):
            button.hide()
        self._connect()
        self._lay_out(browse)
        session.issues_changed.connect(self.refresh)
        self.refresh()

    def _connect(self) -> None:
        self.export_button.clicked.connect(lambda: self.start(draft=False))
        self.draft_button.clicked.connect(lambda: self.start(draft=True))
        self.open_doc.clicked.connect(lambda: self._open(self.last_output))
        self.open_folder.clicked.connect(
            lambda: self._open(self.last_output.parent if self.last_output else None)
        )

    def _lay_out(self, browse: QPushButton) -> None:
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.draft_button)
        buttons.addStretch(1)
        after = QHBoxLayout()
        after.addWidget(self.open_doc)
        after.addWidget(self.open_folder)
        after.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>导出</h2>"))
        layout.addWidget(QLabel("保存为："))
        layout.addLayout(row)
        layout.addWidget(self.pdf)
        layout.addWidget(self.xlsx)
        layout.addWidget(self.errors)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.result)
        layout.addLayout(after)
        layout.addWidget(self.versions)
        layout.addStretch(1)

    def refresh(self) -> None:
        errors = [i for i in self.session.issues if i.severity is Severity.ERROR]
        self.export_button.setEnabled(not errors and self.task is None)
        self.draft_button.setVisible(bool(errors))
        if errors:
            listed = "".join(f"<li>{i.message}</li>" for i in errors[:8])
            more = f"<p>……共 {len(errors)} 条错误。</p>" if len(errors) > 8 else ""
            self.errors.setText(
                f"<p style='color:#d93025'>还有错误，改正后才能导出正式文档（可先导出草稿）：</p><ul>{listed}</ul>{more}"
            )
        else:
            self.errors.setText("检查没有发现错误，可以导出。")

    def _on_browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, "保存 Word 文档", self.path.text(), "Word 文档 (*.docx)"
        )
        if chosen:
            self.path.setText(chosen if chosen.endswith(".docx") else chosen + ".docx")

    def start(self, *, draft: bool) -> None:
        """Export in the background; the window stays responsive."""
        from desktop.core.narrative.document import build_document
        from desktop.export.docx import export_docx
        from desktop.export.pdf import convert_to_pdf
        from desktop.export.xlsx import export_xlsx

        target = Path(self.path.text().strip())
        figures = self.session.figures
        template = paths.resources_dir() / "templates" / self.session.profile.template
        fonts = paths.resources_dir() / "fonts"
        want_pdf = self.pdf.isChecked() and self.pdf.isEnabled()
        workbook = target.with_suffix(".xlsx") if self.xlsx.isChecked() else None

        def work() -> tuple[Path, Path | None]:
            export_docx(build_document(figures), figures, template, fonts, target, draft=draft)
            if workbook is not None:
                export_xlsx(figures, workbook, draft=draft)
            if want_pdf:
                convert_to_pdf(target, fonts)
            return target, workbook

        self.exporting = (figures, draft)  # what is exported, recorded when done
        self.progress.show()
        self.result.setText("正在导出……")
        self.export_button.setEnabled(False)
        self.task = run_task(work, self._on_done, self._on_failed)

    def _on_done(self, result: object) -> None:
        self.task = None
        self.progress.hide()
        assert isinstance(result, tuple)
        document, workbook = result
        assert isinstance(document, Path)
        self.last_output = document
        digest = hashlib.sha256(document.read_bytes()).hexdigest()[:16]
        also = f"；公开表 Excel：{workbook}" if isinstance(workbook, Path) else ""
        self.result.setText(f"已导出：{document}（校验码 {digest}）{also}{self._record(document)}")
        self.open_doc.show()
        self.open_folder.show()
        self.refresh()

    def _record(self, document: Path) -> str:
        """Record the export as a version; the words to add to the result line."""
        from desktop.history import record_version

        assert self.exporting is not None
        figures, draft = self.exporting
        self.exporting = None
        try:
            version = record_version(
                self.session.db, self.session.case_id, figures, document, draft=draft
            )
        except Exception as exc:  # the document is there; only its history entry is missing
            return f"；未能记录历史版本：{exc}"
        self.versions.refresh()
        return f"；已记录为历史版本 {version}"

    def _on_failed(self, message: str) -> None:
        self.task = None
        self.progress.hide()
        self.result.setText(f"<span style='color:#d93025'>导出失败：{message}</span>")
        self.refresh()

    def _open(self, path: Path | None) -> None:
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

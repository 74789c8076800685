"""历史版本 on the export step: every export of the case, and re-exporting one exactly as it was."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.ui import messages
from desktop.ui.tasks import Task, run_task

if TYPE_CHECKING:
    from desktop.ui.session import CaseSession

COLUMNS = ("版本", "导出时间", "文件名", "类型", "校验码（SHA-256 前 16 位）")


def _local_time(created: str) -> str:
    try:
        return datetime.fromisoformat(created).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return created


class VersionsBox(QGroupBox):
    """The list of recorded exports with a 按此版本重新导出 button."""

    def __init__(self, session: CaseSession) -> None:
        super().__init__("历史版本（每次导出都会记录，可按原样重新导出已审批的版本）")
        self.session = session
        self.task: Task | None = None
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("versions:list")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setMaximumHeight(160)
        self.button = QPushButton("按此版本重新导出…")
        self.button.setObjectName("versions:reexport")
        self.button.clicked.connect(self._choose_target)
        self.table.itemSelectionChanged.connect(self._update_button)
        self.result = QLabel()
        self.result.setObjectName("versions:result")
        self.result.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addWidget(self.result, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        from desktop.storage.versions import list_versions

        versions = list_versions(self.session.db, self.session.case_id)
        self.table.setRowCount(len(versions))
        for n, v in enumerate(reversed(versions)):  # newest first
            texts = (str(v.id), _local_time(v.created), v.file_name,
                     "草稿" if v.draft else "正式", v.sha256[:16])  # fmt: skip
            for col, text in enumerate(texts):
                self.table.setItem(n, col, QTableWidgetItem(text))
        self.setVisible(bool(versions))
        self._update_button()

    def selected_version(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        item = self.table.item(rows[0].row(), 0) if rows else None
        return int(item.text()) if item is not None else None

    def _update_button(self) -> None:
        self.button.setEnabled(self.selected_version() is not None and self.task is None)

    def _choose_target(self) -> None:
        version = self.selected_version()
        if version is None:
            return
        row = self.table.selectionModel().selectedRows()[0].row()
        item = self.table.item(row, 2)
        name = Path(item.text() if item is not None else "决算公开.docx")
        suggested = name.with_name(f"{name.stem}（版本{version}）.docx")
        chosen, _ = QFileDialog.getSaveFileName(
            self, "重新导出历史版本", str(suggested), "Word 文档 (*.docx)"
        )
        if chosen:
            self.reexport(version, Path(chosen))

    def reexport(self, version: int, target: Path) -> None:
        """Re-export a version in the background (its data is read here, on the UI thread)."""
        from desktop.services.history import VersionNotFoundError, reexport, stored_version

        try:
            case_json, archive = stored_version(self.session.db, self.session.case_id, version)
        except VersionNotFoundError as exc:
            self.result.setText(f"<span style='color:#d93025'>{exc}</span>")
            return
        self.result.setText(f"正在按版本 {version} 重新导出……")
        self.task = run_task(
            lambda: reexport(case_json, archive, target),
            lambda _r: self._done(version, target),
            self._failed,
        )
        self._update_button()

    def _done(self, version: int, target: Path) -> None:
        self.task = None
        self.result.setText(f"已按版本 {version} 重新导出：{target}")
        self._update_button()

    def _failed(self, message: str) -> None:
        self.task = None
        self.result.setText(f"<span style='color:#d93025'>重新导出失败：{message}</span>")
        self._update_button()
        messages.show_error(self, "重新导出失败", f"重新导出失败：{message}")

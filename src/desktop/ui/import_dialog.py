"""The Excel import preview: what was recognised, what was not, what would be overwritten.

Nothing changes until the officer presses 导入; then the whole import is one undo step. Where
recognition needed help (a sheet without a recognisable title, a column whose header was not
understood) the officer picks the table or column here; that help is remembered for the
workbook's layout, so next year's export of the same platform is recognised by itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.sheet_layout import SheetLayout
from desktop.services.importing import preview_import, remember_layouts, remembered_layouts

if TYPE_CHECKING:
    from pathlib import Path

    from desktop.importing.recognise import ImportReport
    from desktop.importing.workbook import Sheet
    from desktop.ui.session import CaseSession

NOT_IMPORTED = "（不导入）"


class ImportDialog(QDialog):
    """Preview of one workbook's import into the open case."""

    def __init__(
        self, session: CaseSession, path: Path, sheets: list[Sheet], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("import_dialog")
        self.setWindowTitle(f"从 Excel 导入公开表：{path.name}")
        self.session = session
        self.sheets = sheets
        self.tables = session.profile.disclosure_tables()
        self.remembered = remembered_layouts(session.db, session.profile.id)
        self.given: dict[str, SheetLayout] = {}
        self.report = self._recognise()
        self.summary = QLabel()
        self.summary.setObjectName("import:summary")
        self.summary.setWordWrap(True)
        self.found = QTableWidget(0, 4)
        self.found.setObjectName("import:found")
        self.found.setHorizontalHeaderLabels(["公开表", "工作表", "单位", "数的个数"])
        self.found.verticalHeader().hide()
        header = self.found.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.found.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.help_box = QGroupBox("请帮助识别（会记住，明年同样的工作簿自动识别）")
        self.help_form = QFormLayout(self.help_box)
        self.details = QPlainTextEdit()
        self.details.setObjectName("import:details")
        self.details.setReadOnly(True)
        self.partial = QCheckBox("只导入已识别的表（其余表保持不变）")
        self.partial.setObjectName("import:partial")
        self.refusal = QLabel()
        self.refusal.setObjectName("import:refusal")
        self.refusal.setWordWrap(True)
        self.refusal.setStyleSheet("color:#d93025")
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton("导入", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("import:apply")
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._apply)
        self.buttons.rejected.connect(self.reject)
        self.partial.toggled.connect(self._refresh_state)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.found, 2)
        layout.addWidget(self.help_box)
        layout.addWidget(QLabel("详细报告（未识别的内容注明了工作表和单元格）："))
        layout.addWidget(self.details, 3)
        layout.addWidget(self.partial)
        layout.addWidget(self.refusal)
        layout.addWidget(self.buttons)
        self.resize(820, 640)
        self._show_report()

    # -- recognition ---------------------------------------------------------------------------
    def _recognise(self) -> ImportReport:
        layouts = {**self.remembered, **self.given}
        return preview_import(self.sheets, self.session.case, self.session.catalog, layouts)

    def _table_choice(self, signature: str, current: str) -> QComboBox:
        box = QComboBox()
        box.addItem(NOT_IMPORTED, "")
        for spec in self.tables:
            box.addItem(f"{spec.number} {spec.title}".strip(), spec.id)
        box.setCurrentIndex(max(box.findData(current), 0))
        box.currentIndexChanged.connect(
            lambda _i, s=signature, b=box: self._set_table(s, str(b.currentData()))
        )
        return box

    def _column_choice(
        self, signature: str, table: str, key: str, spare: tuple[str, ...]
    ) -> QComboBox:
        box = QComboBox()
        box.addItem("（没有这一列）", "")
        for header in spare:
            box.addItem(header.strip("|").replace("|", " / "), header)
        box.currentIndexChanged.connect(
            lambda _i, b=box: self._set_column(signature, table, key, str(b.currentData()))
        )
        return box

    def _set_table(self, signature: str, table: str) -> None:
        if table:
            self.given[signature] = SheetLayout(table)
        else:
            self.given.pop(signature, None)
        self._rerun()

    def _set_column(self, signature: str, table: str, key: str, header: str) -> None:
        old = self.given.get(signature) or self.remembered.get(signature) or SheetLayout(table)
        columns = {k: v for k, v in old.columns.items() if k != key}
        if header:
            columns[key] = header
        self.given[signature] = SheetLayout(table, columns)
        self._rerun()

    def _rerun(self) -> None:
        # later, not now: the choice that asked for this is deleted when the form is rebuilt
        QTimer.singleShot(0, self._rerun_now)

    def _rerun_now(self) -> None:
        self.report = self._recognise()
        self._show_report()

    # -- showing -------------------------------------------------------------------------------
    def _show_report(self) -> None:
        report = self.report
        self.summary.setText(
            f"识别出 {len(report.found)} 张表，共 {len(report.edits)} 个数；"
            f"将覆盖已填写的 {len(report.overwrites)} 个数；"
            f"需要注意 {len(report.problems)} 处。"
        )
        self.found.setRowCount(len(report.found))
        for n, found in enumerate(report.found):
            for col, text in enumerate((found.title, found.sheet, found.unit, str(found.cells))):
                self.found.setItem(n, col, QTableWidgetItem(text))
        while self.help_form.rowCount():
            self.help_form.removeRow(0)
        titles: dict[str, str] = {t.id: t.title for t in self.tables}
        for info in report.sheets:
            if not info.table_id:
                self.help_form.addRow(
                    f"工作表“{info.sheet}”是：", self._table_choice(info.signature, "")
                )
            for key, label in info.missing:
                self.help_form.addRow(
                    f"《{titles[info.table_id]}》的“{label}”在：",
                    self._column_choice(info.signature, info.table_id, key, info.spare),
                )
        self.help_box.setVisible(self.help_form.rowCount() > 0)
        self.details.setPlainText(report.text())
        self.partial.setVisible(bool(report.missing))
        self._refresh_state()

    def _refresh_state(self) -> None:
        refusal = self.report.refusal(partial=self.partial.isChecked())
        self.refusal.setText(refusal)
        self.refusal.setVisible(bool(refusal))
        self.import_button.setEnabled(not refusal)

    # -- applying ------------------------------------------------------------------------------
    def _apply(self) -> None:
        if self.report.refusal(partial=self.partial.isChecked()):
            return
        remember_layouts(self.session.db, self.session.profile.id, self.given)
        self.session.apply(self.report.edit, f"导入 Excel（{len(self.report.edits)} 个数）")
        self.accept()

"""导入科目代码表: check a year's code list from Excel/CSV, show the report, then import it.

The same work as `juesuan import-codes`: nothing is written until 导入 is pressed, and a list
with problems that must be corrected cannot be imported. The imported codes are laid over the
bundled tables from the user data folder; the window reloads the code tables afterwards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from pathlib import Path

TABLES = {
    "functional_classification": "支出功能分类科目（类/款/项）",
    "economic_classification": "部门预算支出经济分类科目（类/款）",
}
FROM_TITLE = 0


class CodeListDialog(QDialog):
    """The report of one code list file, with 导入 when it can be imported."""

    imported = Signal()

    def __init__(self, path: Path, table: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("codes_dialog")
        self.setWindowTitle(f"导入科目代码表：{path.name}")
        self.path = path
        self.table = table
        self.code = 2
        self.year = QSpinBox()
        self.year.setObjectName("codes:year")
        self.year.setRange(FROM_TITLE, 2100)
        self.year.setSpecialValueText("从标题读出")
        self.year.setValue(FROM_TITLE)
        self.year.valueChanged.connect(self._check)
        self.report = QPlainTextEdit()
        self.report.setObjectName("codes:report")
        self.report.setReadOnly(True)
        self.verdict = QLabel()
        self.verdict.setObjectName("codes:verdict")
        self.verdict.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton("导入", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("codes:import")
        self.close_button = self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._import)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("代码表：", QLabel(TABLES.get(table, table)))
        form.addRow("科目年度：", self.year)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.verdict)
        layout.addWidget(self.buttons)
        self.resize(720, 520)
        self._check()

    def _year(self) -> str | None:
        return str(self.year.value()) if self.year.value() != FROM_TITLE else None

    def _check(self) -> None:
        from desktop.importing.codetable_store import import_code_list_command

        self.code, text = import_code_list_command(
            self.path, table=self.table, year=self._year(), dry_run=True
        )
        self.report.setPlainText(text)
        self.import_button.setEnabled(self.code == 0)
        if self.code == 0:
            self.verdict.setText("检查通过。点“导入”写入代码表；现在还没有写入任何内容。")
        elif "没有找到年度" in text:
            self.verdict.setText("请在上面选择科目的年度。")
        else:
            self.verdict.setText("有必须改正的问题，不能导入。请按报告改正文件后重新导入。")

    def _import(self) -> None:
        from desktop.importing.codetable_store import import_code_list_command

        self.code, text = import_code_list_command(
            self.path, table=self.table, year=self._year(), dry_run=False
        )
        self.report.setPlainText(text)
        if self.code == 0:
            self.verdict.setText("已导入。")
            self.import_button.setEnabled(False)
            self.close_button.setText("关闭")
            self.imported.emit()
        else:
            self.verdict.setText("导入失败，代码表没有改变。")

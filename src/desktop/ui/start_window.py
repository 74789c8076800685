"""The start screen: the cases in the database, new case, copy from last year, the sample."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Signal

# Only what the first window needs is imported here: each PySide6 class costs time on first use,
# and the start screen must appear fast (even the `Qt` namespace takes ~20 ms to load). The list, buttons and dialogs import theirs when built.
from PySide6.QtWidgets import QLabel, QMainWindow, QPushButton, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from desktop.sections.catalog import Catalog
    from desktop.ui.codes_dialog import CodeListDialog


class StartWindow(QMainWindow):
    """Choose or create the case to work on."""

    open_requested = Signal(int)
    new_requested = Signal(str, int, str)
    copy_requested = Signal(int, int, str)
    sample_requested = Signal()
    delete_requested = Signal(int)
    restore_requested = Signal()
    codes_imported = Signal()
    department_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("决算公开助手")
        self.catalog: Catalog | None = None
        self.status = QLabel("正在打开数据库……")
        self.status.setObjectName("start:status")
        self.status.setWordWrap(True)
        self._body = QWidget()
        self._layout = QVBoxLayout(self._body)
        title = QLabel("决算公开助手")
        font = title.font()
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        title.setFont(font)
        self._layout.addWidget(title)
        self._layout.addWidget(self.status)
        self.setCentralWidget(self._body)
        self.buttons: dict[str, QPushButton] = {}
        self._built = False
        self.resize(900, 560)

    def ensure_built(self) -> None:
        """Build the case list and buttons; done after the window is first shown, to open fast."""
        if self._built:
            return
        from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QTableWidget

        self._built = True
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("cases")
        self.table.setHorizontalHeaderLabels(["单位", "年度", "模板", "最后修改", "错误"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.cellDoubleClicked.connect(lambda row, _c: self._open_row(row))
        buttons = QHBoxLayout()
        for key, text, slot in (
            ("open", "打开", self._on_open),
            ("new", "新建…", self._on_new),
            ("copy", "从上年复制", self._on_copy),
            ("department", "新建部门…", self.department_requested.emit),
            ("sample", "打开内置样例", self.sample_requested.emit),
            ("delete", "删除…", self._on_delete),
            ("restore", "从备份恢复…", self.restore_requested.emit),
            ("codes", "导入科目代码表…", self._on_import_codes),
        ):
            button = QPushButton(text)
            button.setObjectName(f"start:{key}")
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[key] = button
        buttons.addStretch(1)
        intro = QLabel("<p>选择一份填报，或新建一份。每次修改都自动保存。</p>")
        self._layout.insertWidget(1, intro)
        self._layout.insertWidget(2, self.table, 1)
        self._layout.insertLayout(3, buttons)

    def _on_import_codes(self) -> None:
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog, QInputDialog

        from desktop.ui.codes_dialog import TABLES

        chosen, _ = QFileDialog.getOpenFileName(
            self, "选择科目代码表", "", "科目代码表 (*.xlsx *.xls *.xlsm *.csv);;所有文件 (*)"
        )
        if not chosen:
            return
        names = list(TABLES.values())
        name, ok = QInputDialog.getItem(self, "导入科目代码表", "导入到：", names, 0, False)
        if ok:
            table = next(k for k, v in TABLES.items() if v == name)
            self.import_codes(Path(chosen), table)

    def import_codes(self, path: Path, table: str) -> CodeListDialog:
        """Show the check of a code list; importing it reloads the code tables."""
        from desktop.ui.codes_dialog import CodeListDialog

        dialog = CodeListDialog(path, table, self)
        dialog.imported.connect(self.codes_imported.emit)
        dialog.open()
        return dialog

    def show_cases(
        self, rows: Sequence[tuple[int, str, int, str, str, int]], catalog: Catalog
    ) -> None:
        """(id, unit, year, profile, updated, errors) per case; recent ones first."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QTableWidgetItem

        self.ensure_built()
        self.catalog = catalog
        stored = QSettings().value("recent", [])
        recent = [int(v) for v in stored] if isinstance(stored, list) else []
        order = {case_id: n for n, case_id in enumerate(recent)}
        rows = sorted(rows, key=lambda r: (order.get(r[0], len(order)), -r[0]))
        self.table.setRowCount(len(rows))
        for n, (case_id, unit, year, profile, updated, errors) in enumerate(rows):
            name = catalog.profiles[profile].name if profile in catalog.profiles else profile
            for c, text in enumerate(
                (unit, str(year), name, updated.replace("T", " ")[:16], str(errors))
            ):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, case_id)
                item.setData(Qt.ItemDataRole.UserRole + 1, profile)
                self.table.setItem(n, c, item)
        self.status.setText(
            f"共 {len(rows)} 份填报。" if rows else "还没有填报：请新建，或打开内置样例看看。"
        )
        if rows:
            self.table.selectRow(0)

    def selected_case(self) -> int | None:
        from PySide6.QtCore import Qt

        items = self.table.selectedItems()
        return int(items[0].data(Qt.ItemDataRole.UserRole)) if items else None

    def _open_row(self, row: int) -> None:
        from PySide6.QtCore import Qt

        item = self.table.item(row, 0)
        if item is not None:
            self.open_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def _on_open(self) -> None:
        case_id = self.selected_case()
        if case_id is not None:
            self.open_requested.emit(case_id)

    def _on_new(self) -> None:
        from desktop.ui.new_case_dialog import NewCaseDialog

        if self.catalog is None:
            return
        dialog = NewCaseDialog(self.catalog, self)
        if dialog.exec():
            self.new_requested.emit(
                dialog.name.text().strip(), dialog.year.value(), dialog.profile.currentData()
            )

    def _on_copy(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        from desktop.ui.new_case_dialog import CopyCaseDialog

        case_id = self.selected_case()
        if case_id is None or self.catalog is None:
            QMessageBox.information(self, "从上年复制", "请先选中上一年度的填报。")
            return
        row = self.table.currentRow()
        item = self.table.item(row, 1)
        year = int(item.text()) if item is not None and item.text().isdigit() else 0
        profile_item = self.table.item(row, 2)
        profile = str(profile_item.data(Qt.ItemDataRole.UserRole + 1)) if profile_item else ""
        dialog = CopyCaseDialog(self.catalog, profile, year, self)
        if dialog.exec():
            self.copy_requested.emit(case_id, dialog.year.value(), dialog.profile.currentData())

    def _on_delete(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        case_id = self.selected_case()
        if case_id is None:
            return
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        unit = item.text() if item is not None else ""
        answer = QMessageBox.question(
            self, "删除填报", f"确定删除“{unit}”的这份填报吗？删除后可从自动备份中恢复。",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
        )  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_requested.emit(case_id)

"""选择科目: a search box and the matching codes; 导入科目代码表… right there when none match.

The dialog opens empty with the cursor in the search box; the list sits inside the dialog (no
drop-down popup), so it never covers the dialog's own buttons.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class CodePickerDialog(QDialog):
    """Choose a 科目 by code or name (type part of either)."""

    import_requested = Signal()

    def __init__(
        self, choices: list[tuple[str, str]], parent: QWidget | None = None, note: str = ""
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("选择科目")
        self.setMinimumSize(420, 380)
        self.choices = choices
        self.search = QLineEdit()
        self.search.setObjectName("picker:search")
        self.search.setPlaceholderText("输入科目编码或名称中的几个字，例如 2010601 或 档案")
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setObjectName("picker:list")
        self.note = QLabel(note)
        self.note.setObjectName("picker:note")
        self.note.setWordWrap(True)
        self.note.setVisible(bool(note))
        self.none = QLabel()
        self.none.setObjectName("picker:none")
        self.none.setWordWrap(True)
        self.import_button = QPushButton("导入科目代码表…")
        self.import_button.setObjectName("picker:import")
        self.import_button.clicked.connect(self._on_import)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("输入科目编码或名称中的几个字，从列表中选择："))
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.none)
        layout.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.buttons)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._on_accept)
        self.list.itemDoubleClicked.connect(lambda _item: self._on_accept())
        self._filter("")
        self.search.setFocus()

    def _filter(self, text: str) -> None:
        words = text.strip()
        self.list.clear()
        for code, name in self.choices:
            if not words or words in code or words in name:
                item = QListWidgetItem(f"{code} {name}")
                item.setData(Qt.ItemDataRole.UserRole, code)
                self.list.addItem(item)
        found = self.list.count() > 0
        if found:
            self.list.setCurrentRow(0)
        self.none.setText(
            ""
            if found
            else f"没有找到“{words}”。科目代码表里可能还没有这个科目：可导入当年的科目代码表后再选。"
        )
        self.none.setVisible(not found)
        self.import_button.setVisible(not found)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(found)

    def chosen(self) -> str:
        item = self.list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def choose(self, code: str) -> None:
        """Select `code` (as a click in the list does)."""
        for n in range(self.list.count()):
            if self.list.item(n).data(Qt.ItemDataRole.UserRole) == code:
                self.list.setCurrentRow(n)
                return

    def _on_accept(self) -> None:
        if self.chosen():
            self.accept()

    def _on_import(self) -> None:
        self.import_requested.emit()
        self.reject()

"""The 新建填报 and 从上年复制 dialogs: unit, year and template profile of a new case."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QWidget,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop.sections.catalog import Catalog


def ok_cancel(dialog: QDialog, ok_text: str, on_ok: Callable[[], None]) -> QDialogButtonBox:
    """OK (named `ok_text`) and Cancel buttons of a dialog."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    return buttons


class NewCaseDialog(QDialog):
    """Unit, year and profile of a new case."""

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("新建填报")
        self.name = QLineEdit()
        self.name.setObjectName("new:name")
        self.name.setPlaceholderText("例如：内蒙古自治区鄂尔多斯市红十字会(本级)")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.profile = QComboBox()
        for profile in catalog.profiles.values():
            self.profile.addItem(profile.name, profile.id)
        self.profile.currentIndexChanged.connect(self._on_profile_changed)
        self._catalog = catalog
        self._on_profile_changed()
        buttons = ok_cancel(self, "创建", self._on_accept)
        form = QFormLayout(self)
        form.addRow("单位全称", self.name)
        form.addRow("决算年度", self.year)
        form.addRow("公开模板", self.profile)
        form.addRow(buttons)

    def _on_profile_changed(self) -> None:
        profile = self._catalog.profiles.get(self.profile.currentData())
        if profile is not None:
            self.year.setValue(profile.year)

    def _on_accept(self) -> None:
        if not self.name.text().strip():
            QMessageBox.warning(self, "新建填报", "请填写单位全称。")
            return
        self.accept()


class CopyCaseDialog(QDialog):
    """从上年复制: the new year and the template, by default the newest of the same family."""

    def __init__(
        self, catalog: Catalog, profile_id: str, year: int, parent: QWidget | None = None
    ) -> None:
        from desktop.core.carry import newest_of_family

        super().__init__(parent)
        self.setWindowTitle("从上年复制")
        self.year = QSpinBox()
        self.year.setObjectName("copy:year")
        self.year.setRange(2000, 2100)
        self.year.setValue(year + 1 if year else 2000)
        self.profile = QComboBox()
        self.profile.setObjectName("copy:profile")
        for profile in catalog.profiles.values():
            self.profile.addItem(profile.name, profile.id)
        newest = newest_of_family(catalog.profiles, profile_id)
        self.profile.setCurrentIndex(max(self.profile.findData(newest), 0))
        note = QLabel(
            "将带入：上年的决算数（作为今年的“上年数”）、单位概况等文字、各表的科目行（不含数字）、"
            "绩效自评项目（保留目标，清空实际完成值和得分）和联系方式。复制后会列出带入的内容。"
        )
        note.setWordWrap(True)
        buttons = ok_cancel(self, "复制", self.accept)
        form = QFormLayout(self)
        form.addRow(note)
        form.addRow("新的决算年度", self.year)
        form.addRow("公开模板", self.profile)
        form.addRow(buttons)

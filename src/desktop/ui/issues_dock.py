"""The 检查结果 dock: every issue of the case, filterable; a double-click jumps to its place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.checks import missing_of
from desktop.core.issues import Issue, Location, Severity

if TYPE_CHECKING:
    from desktop.ui.session import CaseSession

COLORS = {Severity.ERROR: "#d93025", Severity.WARNING: "#e37400", Severity.INFO: "#1a73e8"}


class WrapDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text at the column's current width."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(  # noqa: N802 - Qt override
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        width = max(self.tree.header().sectionSize(index.column()) - 10, 40)
        text = str(index.data() or "")
        bound = option.fontMetrics.boundingRect(
            QRect(0, 0, width, 100_000), int(Qt.TextFlag.TextWordWrap), text
        )
        return QSize(width, bound.height() + 8)


class CompactCombo(QComboBox):
    """A combo box that does not demand the width of its longest step name."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(80, super().minimumSizeHint().height())


class IssuesDock(QDockWidget):
    """Lists the session's issues."""

    jump_requested = Signal(object)

    def __init__(self, session: CaseSession, step_titles: dict[str, str]) -> None:
        super().__init__("检查结果")
        self.setObjectName("issues_dock")
        self.session = session
        self.step_titles = step_titles
        self.severity = QComboBox()
        self.severity.addItems(["全部", "错误", "警告", "提示"])
        self.step = CompactCombo()
        self.step.addItem("全部步骤", "")
        for section_id, title in step_titles.items():
            self.step.addItem(title, section_id)
        self.reasons_only = QCheckBox("仅缺少原因")
        self.summary = QLabel()
        self.tree = QTreeWidget()
        self.tree.setObjectName("issues")
        # Two columns, the problem wrapped with its step under it: nothing is cut off or hidden
        # behind a splitter on a small screen.
        self.tree.setHeaderLabels(["级别", "问题（所在步骤）"])
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        # Wrapped rows get their heights again when the dock is made narrower or wider.
        header.sectionResized.connect(lambda *_: self.tree.doItemsLayout())
        self.tree.setItemDelegateForColumn(1, WrapDelegate(self.tree))
        self.tree.itemDoubleClicked.connect(self._on_item_double_clicked)
        filters = QHBoxLayout()
        filters.addWidget(self.severity)
        filters.addWidget(self.step, 1)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(filters)
        layout.addWidget(self.reasons_only)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self.setWidget(body)
        self.setMinimumWidth(220)
        # Long step names must not force a wide dock on a small screen.
        self.step.setMinimumWidth(100)
        self.severity.setMinimumWidth(60)
        self.step.setMinimumContentsLength(6)
        self.step.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        for signal in (self.severity.currentIndexChanged, self.step.currentIndexChanged):
            signal.connect(self._refresh)
        self.reasons_only.toggled.connect(self._refresh)
        session.issues_changed.connect(self._refresh)
        self._refresh()

    def visible_issues(self) -> list[Issue]:
        issues = self.session.issues
        if self.severity.currentIndex() > 0:
            wanted = Severity(self.severity.currentText())
            issues = [i for i in issues if i.severity is wanted]
        section = self.step.currentData()
        if section:
            issues = [i for i in issues if i.location.section == section]
        if self.reasons_only.isChecked():
            issues = missing_of(issues)
        return issues

    def _refresh(self) -> None:
        counts = {s: sum(1 for i in self.session.issues if i.severity is s) for s in Severity}
        self.summary.setText("，".join(f"{s.value} {n}" for s, n in counts.items()))
        self.tree.clear()
        for issue in self.visible_issues():
            step = self.step_titles.get(issue.location.section, "全文")
            item = QTreeWidgetItem([issue.severity.value, f"{issue.message}\n（{step}）"])
            item.setForeground(0, QBrush(QColor(COLORS[issue.severity])))
            item.setToolTip(1, f"{issue.message}\n所在步骤：{step}\n双击跳到这里。")
            item.setData(0, Qt.ItemDataRole.UserRole, issue.location)
            self.tree.addTopLevelItem(item)

    def _on_item_double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        location = item.data(0, Qt.ItemDataRole.UserRole)
        if isinstance(location, Location):
            self.jump_requested.emit(location)

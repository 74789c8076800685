"""The 检查结果 dock: every issue of the case, filterable; a double-click jumps to its place.

A 警告 can be explained (说明…, like the 部门决算软件's 审核出错说明): it stays listed as 已说明 with
the officer's words, stored with the case. A 错误 cannot be explained away; it must be corrected.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.checks import accept_finding, missing_of, withdraw_acceptance
from desktop.core.edits import SetAccepted
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


class ExplainDialog(QDialog):
    """Asks for the written explanation of one 警告 (why the figures are right as they are)."""

    def __init__(self, issue: Issue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("explain_dialog")
        self.setWindowTitle("说明警告")
        self.issue = issue
        question = QLabel(
            f"警告 {issue.rule}：{issue.message}\n\n"
            "数字确实无误时，请写明原因（例如“上年决算经审计调整”）。说明随填报保存，"
            "检查结果中列为“已说明”。"
        )
        question.setWordWrap(True)
        self.text = QPlainTextEdit(issue.accepted)
        self.text.setObjectName("explanation")
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #d93025")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("保存说明")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(460, 280)

    def explanation(self) -> str:
        return self.text.toPlainText().strip()

    def _on_ok(self) -> None:
        if not self.explanation():
            self.problem.setText("请写明数字无误的原因，再保存。")
            return
        self.accept()


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
        counts = QHBoxLayout()  # one line: the list under the page keeps most of its height
        counts.addWidget(self.summary, 1)
        counts.addWidget(self.reasons_only)
        layout.addLayout(counts)
        layout.addWidget(self.tree, 1)
        layout.addLayout(self._explain_buttons())
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

    def _explain_buttons(self) -> QHBoxLayout:
        """说明… (a 警告 only) and 撤销说明 (an explained one), for the selected issue."""
        self.explain_button = QPushButton("说明…")
        self.explain_button.setObjectName("explain")
        self.explain_button.setToolTip("选中一条警告，写明数字无误的原因；错误不能说明，须改正。")
        self.explain_button.clicked.connect(self.explain_selected)
        self.withdraw_button = QPushButton("撤销说明")
        self.withdraw_button.setObjectName("withdraw")
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.dialog: ExplainDialog | None = None
        actions = QHBoxLayout()
        actions.addWidget(self.explain_button)
        actions.addWidget(self.withdraw_button)
        actions.addStretch(1)
        return actions

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
        explained = sum(1 for i in self.session.issues if i.accepted)
        summary = "，".join(f"{s.value} {n}" for s, n in counts.items())
        self.summary.setText(summary + (f"（已说明 {explained}）" if explained else ""))
        self.tree.clear()
        for issue in self.visible_issues():
            step = self.step_titles.get(issue.location.section, "全文")
            level = f"{issue.severity.value}\n已说明" if issue.accepted else issue.severity.value
            text = f"{issue.message}\n（{step}）"
            if issue.accepted:
                text += f"\n已说明：{issue.accepted}"
            item = QTreeWidgetItem([level, text])
            item.setForeground(0, QBrush(QColor(COLORS[issue.severity])))
            if issue.accepted:
                item.setForeground(1, QBrush(QColor("#5f6368")))
            tip = "双击跳到这里。"
            if issue.severity is Severity.WARNING:
                tip += "数字无误时可点“说明…”写明原因。"
            item.setToolTip(1, f"{issue.message}\n所在步骤：{step}\n{tip}")
            item.setData(0, Qt.ItemDataRole.UserRole, issue.location)
            item.setData(1, Qt.ItemDataRole.UserRole, issue)
            self.tree.addTopLevelItem(item)
        self._update_buttons()

    def selected_issue(self) -> Issue | None:
        item = self.tree.currentItem()
        issue = item.data(1, Qt.ItemDataRole.UserRole) if item is not None else None
        return issue if isinstance(issue, Issue) else None

    def _update_buttons(self) -> None:
        issue = self.selected_issue()
        self.explain_button.setEnabled(issue is not None and issue.severity is Severity.WARNING)
        self.withdraw_button.setEnabled(issue is not None and bool(issue.accepted))

    def explain_selected(self) -> None:
        """Open the explanation dialog for the selected 警告 (a 错误 is refused)."""
        issue = self.selected_issue()
        if issue is None or issue.severity is not Severity.WARNING:
            return
        self.dialog = ExplainDialog(issue, self)
        self.dialog.accepted.connect(lambda: self._save_explanation(issue))
        self.dialog.open()

    def _save_explanation(self, issue: Issue) -> None:
        assert self.dialog is not None
        case = accept_finding(self.session.case, issue, self.dialog.explanation())
        self.session.apply(SetAccepted(case.accepted), "说明警告")

    def withdraw_selected(self) -> None:
        issue = self.selected_issue()
        if issue is not None and issue.accepted:
            case = withdraw_acceptance(self.session.case, issue)
            self.session.apply(SetAccepted(case.accepted), "撤销说明")

    def _on_item_double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        location = item.data(0, Qt.ItemDataRole.UserRole)
        if isinstance(location, Location):
            self.jump_requested.emit(location)

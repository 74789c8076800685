"""部门填报 in the window: its units (单位构成) and its internal flows (冲抵), edited in place.

A department's figures are never typed: they are the sum of its units less the confirmed
eliminations (desktop.core.department). This dialog changes what the department is made of;
every change is saved at once, and checks and export then work on the consolidated figures.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.department import (
    Department,
    DepartmentEditError,
    Elimination,
    Kind,
    Level,
    Member,
    PairStatus,
    open_differences,
    own_case,
    propose,
    with_changed_member,
    with_elimination,
    with_member,
    without_member,
)
from desktop.core.money import ZERO, format_wan

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlite_utils import Database

    from desktop.core.model import Case, CaseId
    from desktop.sections.catalog import Catalog

KINDS = tuple(Kind)


def _button(text: str, name: str, slot: Callable[[], None]) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.clicked.connect(slot)
    return button


def _table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setVisible(False)
    return table


class DepartmentPanel(QWidget):
    """The units and the eliminations of one department case (a step of its window).

    `changed` is emitted after every saved change, so the window consolidates again at once;
    `open_member` asks for a member's own case to be opened (to change its figures).
    """

    changed = Signal()
    open_member = Signal(int)

    def __init__(
        self, db: Database, catalog: Catalog, dept_id: CaseId, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db, self.catalog, self.dept_id = db, catalog, dept_id
        self.setObjectName("department")
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)

        units = QGroupBox("单位构成（部门数字 = 各单位之和 − 已确认的冲抵）")
        box = QVBoxLayout(units)
        self.members = _table(["单位名称", "单位性质", "备注", "填报", "错误"], "dept:members")
        box.addWidget(self.members)
        row = QHBoxLayout()
        for text, name, slot in (
            ("加入单位…", "dept:add", self._on_add),
            ("加入不单列单位…", "dept:add-merged", self._on_add_merged),
            ("设为本级", "dept:own", self._on_own),
            ("移出部门", "dept:remove", self._on_remove),
            ("打开该单位的填报", "dept:open-member", self._on_open_member),
        ):
            row.addWidget(_button(text, name, slot))
        row.addStretch(1)
        box.addLayout(row)
        layout.addWidget(units, 1)

        flows = QGroupBox("内部往来冲抵（付款方和收款方都在部门内时互相抵消）")
        box = QVBoxLayout(flows)
        self.pairs = _table(["往来", "付款单位（科目）", "收款单位（科目）", "金额（万元）", "处理", "说明"],
                            "dept:pairs")  # fmt: skip
        box.addWidget(self.pairs)
        row = QHBoxLayout()
        for text, name, slot in (
            ("确认全部建议的冲抵", "dept:confirm", self._on_confirm),
            ("标为外部往来（不冲抵）", "dept:external", self._on_external),
            ("说明经费差额…", "dept:explain", self._on_explain),
            ("删除这笔冲抵", "dept:delete", self._on_delete),
        ):
            row.addWidget(_button(text, name, slot))
        row.addStretch(1)
        box.addLayout(row)
        self.open_items = QLabel()
        self.open_items.setObjectName("dept:open")
        self.open_items.setWordWrap(True)
        box.addWidget(self.open_items)
        layout.addWidget(flows, 1)
        self.refresh()

    # -- state -------------------------------------------------------------------------------

    def _state(self) -> tuple[Department, dict[CaseId, Case]]:
        from desktop.storage.departments import load_department, member_cases

        dept = load_department(self.db, self.dept_id)
        return dept, member_cases(self.db, dept)

    def _save(self, change: Callable[[Department], Department]) -> None:
        from desktop.storage.departments import DepartmentError, save_department

        dept, _ = self._state()
        try:
            save_department(self.db, change(dept), self.dept_id)
        except (DepartmentEditError, DepartmentError) as exc:
            QMessageBox.warning(self, "无法修改部门", str(exc))
            self.refresh()
            return
        self.refresh()
        self.changed.emit()

    def _errors(self, cases: dict[CaseId, Case]) -> dict[CaseId, int]:
        from desktop.core.issues import Severity
        from desktop.storage.check_cache import checks_of_cases

        profile = self.catalog.profile(self.dept.own.profile_id)
        found = checks_of_cases(self.db, cases, profile, self.catalog.codes)
        return {
            i: sum(1 for x in issues if x.severity is Severity.ERROR) for i, issues in found.items()
        }

    def refresh(self) -> None:
        dept, cases = self._state()
        profile = self.catalog.profile(dept.own.profile_id)
        self.dept, self.cases = dept, cases
        self.heading.setText(
            f"<b>{dept.own.unit.name}</b>　{dept.own.unit.year} 年度部门填报（编号 {self.dept_id}），"
            f"共 {len(dept.members)} 家单位。修改单位的数字请打开该单位的填报。"
        )
        errors = self._errors(cases)
        self.members.setRowCount(len(dept.members))
        for n, m in enumerate(dept.members):
            self.members.setItem(n, 0, QTableWidgetItem(m.name))
            combo = QComboBox()
            combo.addItems([k.value for k in KINDS])
            combo.setCurrentIndex(KINDS.index(m.kind))
            combo.setObjectName(f"dept:kind:{n}")
            combo.currentIndexChanged.connect(lambda i, m=m: self._on_kind(m, KINDS[i]))
            self.members.setCellWidget(n, 1, combo)
            self.members.setItem(n, 2, QTableWidgetItem(m.note))
            self.members.setItem(
                n, 3, QTableWidgetItem(str(m.case_id) if m.case_id else "无单独填报")
            )
            count = errors.get(m.case_id, 0) if m.case_id is not None else 0
            self.members.setItem(n, 4, QTableWidgetItem(str(count) if count else ""))
        names = {m.case_id: m.name for m in dept.members}
        labels = {f.type: f.label for f in profile.consolidation.flows}
        proposals = propose(profile, dept, cases)
        rows = [(e, False) for e in dept.eliminations] + [(e, True) for e in proposals]
        self.rows = rows
        self.pairs.setRowCount(len(rows))
        for n, (e, proposed) in enumerate(rows):
            status = "建议，待确认" if proposed else (
                "外部往来，不冲抵" if e.status is PairStatus.EXTERNAL else "已确认冲抵"
            )  # fmt: skip
            cells = (
                labels.get(e.type.value, e.type.value),
                f"{names.get(e.payer, e.payer)}（{e.payer_code}）",
                f"{names.get(e.payee, e.payee)}（{e.payee_code}）",
                format_wan(e.amount),
                status,
                e.explanation,
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 3:  # 金额
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.pairs.setItem(n, c, item)
        diffs = open_differences(profile, dept, cases)
        lines = [
            f"“{names.get(d.member, d.member)}”{labels.get(d.type.value, '')}记录 "
            f"{format_wan(d.recorded)} 万元，已处理 {format_wan(d.paired)} 万元，"
            f"相差 {format_wan(d.open)} 万元：请确认冲抵，或说明经费差额。"
            for d in diffs
        ]
        self.open_items.setText(
            "\n".join(lines) if lines else "内部往来都已处理，没有未说明的差额。"
        )

    # -- members -----------------------------------------------------------------------------

    def _selected_member(self) -> Member | None:
        row = self.members.currentRow()
        if 0 <= row < len(self.dept.members):
            return self.dept.members[row]
        QMessageBox.information(self, "请选择单位", "请先在“单位构成”中选中一个单位。")
        return None

    def _on_open_member(self) -> None:
        member = self._selected_member()
        if member is None:
            return
        if member.case_id is None:
            QMessageBox.information(
                self, "无单独填报", f"“{member.name}”预算不单列，已并入本级，没有自己的填报。"
            )
            return
        self.open_member.emit(member.case_id)

    def _on_kind(self, member: Member, kind: Kind) -> None:
        if kind is not member.kind:
            self._save(lambda d: with_changed_member(d, member, kind))

    def _on_own(self) -> None:
        member = self._selected_member()
        if member is not None:
            self._save(lambda d: with_changed_member(d, member, own=True))

    def _on_remove(self) -> None:
        member = self._selected_member()
        if member is None:
            return
        answer = QMessageBox.question(
            self, "移出部门",
            f"把“{member.name}”移出部门？与它有关的冲抵一并删除；该单位自己的填报仍保留。",
        )  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            self._save(lambda d: without_member(d, member)[0])

    def candidates(self) -> list[tuple[CaseId, str]]:
        """Unit cases of the department's year and profile that are not members yet."""
        from desktop.storage.cases import list_cases
        from desktop.storage.departments import is_department

        taken = {m.case_id for m in self.dept.members}
        own = self.dept.own
        return [
            (s.id, f"{s.id}　{s.unit_name}")
            for s in list_cases(self.db)
            if s.year == own.unit.year and s.profile == own.profile_id
            and s.id not in taken and s.id != self.dept_id and not is_department(self.db, s.id)
        ]  # fmt: skip

    def _on_add(self) -> None:
        choices = self.candidates()
        if not choices:
            QMessageBox.information(
                self, "没有可加入的单位",
                f"数据库中没有其他 {self.dept.own.unit.year} 年度、同一模板的单位填报。"
                "请先新建或载入该单位的填报。",
            )  # fmt: skip
            return
        text, ok = QInputDialog.getItem(
            self, "加入单位", "单位填报：", [c[1] for c in choices], 0, False
        )
        if ok:
            self.add_member(next(c[0] for c in choices if c[1] == text))

    def add_member(self, case_id: CaseId) -> None:
        from desktop.storage.cases import load_case

        case = load_case(self.db, case_id)
        member = Member(case.unit.name, Kind.INSTITUTION, Level.SUBORDINATE, case_id)
        self._save(lambda d: with_member(d, member))

    def _on_add_merged(self) -> None:
        name, ok = QInputDialog.getText(
            self, "加入不单列单位", "预算不单列、已并入本级的单位名称："
        )
        if ok and name.strip():
            member = Member(name.strip(), Kind.INSTITUTION, Level.MERGED)
            self._save(lambda d: with_member(d, member))

    # -- eliminations --------------------------------------------------------------------------

    def _selected_pair(self) -> tuple[Elimination, bool] | None:
        row = self.pairs.currentRow()
        if 0 <= row < len(self.rows):
            return self.rows[row]
        QMessageBox.information(self, "请选择冲抵", "请先在“内部往来冲抵”中选中一行。")
        return None

    def _on_confirm(self) -> None:
        proposals = [e for e, proposed in self.rows if proposed]
        if not proposals:
            QMessageBox.information(self, "没有待确认的冲抵", "没有程序建议、尚待确认的冲抵。")
            return

        def confirm(d: Department) -> Department:
            for e in proposals:
                d = with_elimination(d, e)
            return d

        self._save(confirm)

    def _record(self, new: Elimination) -> None:
        """Store `new` in place of the pair (or proposal) of the same units and 科目."""
        self._save(lambda d: with_elimination(d, new))

    def _on_external(self) -> None:
        chosen = self._selected_pair()
        if chosen is None:
            return
        pair = chosen[0]
        reason, ok = QInputDialog.getText(
            self, "外部往来", "说明这笔往来来自（或付给）部门以外的哪里：", text=pair.explanation
        )
        if ok:
            self._record(replace(pair, status=PairStatus.EXTERNAL, explanation=reason.strip()))

    def _on_explain(self) -> None:
        chosen = self._selected_pair()
        if chosen is None:
            return
        pair = chosen[0]
        reason, ok = QInputDialog.getText(
            self, "说明经费差额", "付款方与收款方金额不一致的原因：", text=pair.explanation
        )
        if ok:
            self._record(replace(pair, explanation=reason.strip()))

    def _on_delete(self) -> None:
        chosen = self._selected_pair()
        if chosen is None or chosen[1]:
            return
        self._record(replace(chosen[0], amount=ZERO))


class DepartmentDialog(QDialog):
    """The department's units and eliminations in a dialog of their own."""

    def __init__(
        self, db: Database, catalog: Catalog, dept_id: CaseId, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("部门填报：单位构成与内部往来冲抵")
        self.resize(980, 640)
        layout = QVBoxLayout(self)
        self.panel = DepartmentPanel(db, catalog, dept_id, self)
        layout.addWidget(self.panel)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.members, self.pairs = self.panel.members, self.panel.pairs
        self.open_items = self.panel.open_items

    def candidates(self) -> list[tuple[CaseId, str]]:
        return self.panel.candidates()


class NewDepartmentDialog(QDialog):
    """Name, year, template and the unit cases a new department is made of (the first is 本级)."""

    def __init__(self, db: Database, catalog: Catalog, parent: QWidget | None = None) -> None:
        from desktop.storage.cases import list_cases
        from desktop.storage.departments import is_department

        super().__init__(parent)
        self.db, self.catalog = db, catalog
        self.setWindowTitle("新建部门填报")
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setObjectName("newdept:name")
        self.name.setPlaceholderText("例如：上海市示例区民政局")
        form.addRow("部门名称：", self.name)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.profile = QComboBox()
        self.profiles = [p for p in catalog.profiles.values() if p.consolidation.flows]
        self.profile.addItems([p.name for p in self.profiles])
        form.addRow("决算年度：", self.year)
        form.addRow("部门模板：", self.profile)
        self.units = QListWidget()
        self.units.setObjectName("newdept:units")
        form.addRow("纳入的单位（勾选；第一个为本级）：", self.units)
        self.summaries = [s for s in list_cases(db) if not is_department(db, s.id)]
        newest = max((s.year for s in self.summaries), default=2024)
        self.year.setValue(newest)
        self.year.valueChanged.connect(self._fill)
        self.profile.currentIndexChanged.connect(self._fill)
        self._fill()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("新建")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept_input)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.created: CaseId | None = None

    def _fill(self) -> None:

        self.units.clear()
        if not self.profiles:
            return
        profile = self.profiles[self.profile.currentIndex()]
        for s in self.summaries:
            if s.year == self.year.value() and s.profile == profile.id:
                item = QListWidgetItem(f"{s.id}　{s.unit_name}")
                item.setData(Qt.ItemDataRole.UserRole, s.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.units.addItem(item)

    def checked(self) -> list[CaseId]:

        return [
            self.units.item(n).data(Qt.ItemDataRole.UserRole)
            for n in range(self.units.count())
            if self.units.item(n).checkState() is Qt.CheckState.Checked
        ]

    def accept_input(self) -> None:
        """Create the department from what was filled in (新建), or say what is missing."""
        from desktop.storage.cases import load_case
        from desktop.storage.departments import DepartmentError, save_department

        name, ids = self.name.text().strip(), self.checked()
        if not name or not ids or not self.profiles:
            QMessageBox.warning(
                self, "请补充", "请填写部门名称，并至少勾选一个单位（第一个为本级）。"
            )
            return
        profile = self.profiles[self.profile.currentIndex()]
        first = load_case(self.db, ids[0])
        members = tuple(
            Member(load_case(self.db, i).unit.name, Kind.ADMIN if n == 0 else Kind.INSTITUTION,
                   Level.OWN if n == 0 else Level.SUBORDINATE, i)
            for n, i in enumerate(ids)
        )  # fmt: skip
        own = own_case(profile, name, self.year.value(), first)
        try:
            self.created = save_department(self.db, Department(own, members))
        except DepartmentError as exc:
            QMessageBox.warning(self, "无法新建部门", str(exc))
            return
        self.accept()

"""Editors for the data behind generated tables.

The 预算绩效 self-evaluation (projects, funds, indicators, evaluation texts) and the 名词解释
terms. Each change replaces that data in one undoable edit.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.carry import ZERO_LINE
from desktop.core.edits import SetGlossary, SetPerformance
from desktop.core.issues import Location
from desktop.core.limits import LimitError, parse_score
from desktop.core.model import FundLine, GlossaryEntry, Indicator, PerfProject
from desktop.core.money import AmountError, evaluate_amount, format_decimal, format_wan
from desktop.ui.session import InvalidMark, MarkKey, perf_key
from desktop.ui.table_model import header_lines
from desktop.ui.table_view import AMOUNT_PADDING, AMOUNT_SAMPLE

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from desktop.ui.session import CaseSession

FUND_ROWS = (("fiscal", "财政拨款"), ("carryover", "上年结转资金"), ("other", "其他资金"))
FUND_COLUMNS = (("initial", "年初预算数"), ("full", "全年预算数"), ("executed", "全年执行数"))
INDICATOR_COLUMNS = (
    ("level1", "一级指标"), ("level2", "二级指标"), ("name", "三级指标"), ("nature", "指标性质"),
    ("direction", "指标方向"), ("target", "年度指标值"), ("actual", "实际完成值"), ("unit", "计量单位"),
    ("weight", "分值"), ("score", "得分"), ("deviation", "偏差原因分析及改进措施"),
)  # fmt: skip
#: Column of each indicator field in the indicator table (the one place that knows the order).
INDICATOR_COLUMN = {key: n for n, (key, _) in enumerate(INDICATOR_COLUMNS)}
#: What a new indicator row starts with.
NEW_INDICATOR = {
    "level1": "产出指标",
    "level2": "数量指标",
    "nature": "正向",
    "direction": "大于等于",
    "weight": "0",
    "score": "0",
}
#: Column labels of the scores, for the messages.
_SCORE_LABELS = dict(INDICATOR_COLUMNS)
TEXTS = (("goal_expected", "预期目标"), ("goal_actual", "实际完成情况"), ("completion", "绩效目标完成情况"),
         ("problems", "发现的主要问题及原因"), ("measures", "下一步改进措施"))  # fmt: skip
INVALID = QBrush(QColor("#fde2e1"))
PERF_MARK = "perf"


def _project_of(key: MarkKey) -> int:
    return int(key[1])


def _renumbered(
    marks: Mapping[MarkKey, InvalidMark], new_index: Mapping[int, int | None]
) -> dict[MarkKey, InvalidMark]:
    """The marks with the 绩效 ones moved to their project's new place (None: project deleted)."""
    out: dict[MarkKey, InvalidMark] = {}
    for key, mark in marks.items():
        if key[0] != PERF_MARK:
            out[key] = mark
            continue
        n = new_index.get(_project_of(key), _project_of(key))
        if n is None:
            continue
        location = dataclasses.replace(mark.location, table=f"perf_project:{n}")
        out[perf_key(n, key[2], key[3])] = dataclasses.replace(mark, location=location)
    return out


def _number(text: str, maximum: Decimal) -> Decimal:
    """A weight or score typed here: the limits of ``load`` (0…the profile's 满分)."""
    return parse_score(text, maximum)


class PerformanceEditor(QGroupBox):
    """Projects of the 项目支出绩效自评表, one at a time."""

    def __init__(self, session: CaseSession) -> None:
        super().__init__("项目支出绩效自评表（每个公开的项目一张）")
        self.session = session
        self._loading = False
        self.projects = QListWidget()
        self.projects.setObjectName("perf:projects")
        self.projects.setMaximumHeight(110)
        self.empty = QLabel("还没有项目：点“新增项目”添加每个公开自评的项目。")
        self.empty.setObjectName("perf:empty")
        self.empty.setWordWrap(True)
        left = QVBoxLayout()
        left.addWidget(self.projects)
        left.addWidget(self.empty)
        project_buttons = QHBoxLayout()
        for name, text, slot in (
            ("add", "新增项目", self._on_add),
            ("remove", "删除项目", self._on_remove),
            ("up", "上移", lambda: self._on_move_project(-1)),
            ("down", "下移", lambda: self._on_move_project(1)),
        ):
            button = QPushButton(text)
            button.setObjectName(f"perf:{name}")
            button.clicked.connect(slot)
            project_buttons.addWidget(button)
        project_buttons.addStretch(1)
        left.addLayout(project_buttons)
        self._build_fields()
        self._lay_out(left)
        self._connect()
        self.refresh()

    def _build_fields(self) -> None:
        self.name, self.department, self.implementer, self.weight = (QLineEdit() for _ in range(4))
        self.name.setObjectName("perf:name")
        self.funds = QTableWidget(len(FUND_ROWS), len(FUND_COLUMNS))
        self.funds.setObjectName("perf:funds")
        self.funds.setVerticalHeaderLabels([label for _, label in FUND_ROWS])
        self.funds.setHorizontalHeaderLabels(
            [header_lines(f"{label}（万元）") for _, label in FUND_COLUMNS]
        )
        self._fit_funds()
        self.texts = {key: QPlainTextEdit() for key, _ in TEXTS}
        self.indicators = QTableWidget(0, len(INDICATOR_COLUMNS))
        self.indicators.setObjectName("perf:indicators")
        self.indicators.setHorizontalHeaderLabels([label for _, label in INDICATOR_COLUMNS])
        self.indicators.setMinimumHeight(220)
        self.indicator_buttons: list[QPushButton] = []
        for name, text, slot in (
            ("add_indicator", "新增指标", self._on_add_indicator),
            ("remove_indicator", "删除所选指标", self._on_remove_indicator),
            ("indicator_up", "上移指标", lambda: self._on_move_indicator(-1)),
            ("indicator_down", "下移指标", lambda: self._on_move_indicator(1)),
        ):
            button = QPushButton(text)
            button.setObjectName(f"perf:{name}")
            button.clicked.connect(slot)
            self.indicator_buttons.append(button)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #d93025;")

    def _fit_funds(self) -> None:
        """The three 资金 rows shown whole, titles readable, room for "99,999,999.99"."""
        table = self.funds
        amount = table.fontMetrics().horizontalAdvance(AMOUNT_SAMPLE) + AMOUNT_PADDING
        table.resizeColumnsToContents()
        for c in range(table.columnCount()):
            table.setColumnWidth(c, max(table.columnWidth(c), amount))
        header = table.horizontalHeader()
        table.setFixedHeight(
            header.sizeHint().height()
            + sum(table.rowHeight(r) for r in range(table.rowCount()))
            + 2 * table.frameWidth()
        )
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _lay_out(self, left: QVBoxLayout) -> None:
        form = QFormLayout()
        form.addRow("项目名称", self.name)
        form.addRow("主管部门", self.department)
        form.addRow("实施单位", self.implementer)
        form.addRow("项目资金", self.funds)
        form.addRow("资金分值", self.weight)
        for key, label in TEXTS:
            self.texts[key].setMaximumHeight(60)
            form.addRow(label, self.texts[key])
        buttons = QHBoxLayout()
        for button in self.indicator_buttons:
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.detail = QWidget()
        right = QVBoxLayout(self.detail)
        right.setContentsMargins(0, 0, 0, 0)
        right.addLayout(form)
        right.addWidget(QLabel("绩效指标"))
        right.addWidget(self.indicators)
        right.addLayout(buttons)
        right.addWidget(self.problem)
        layout = QVBoxLayout(self)
        layout.addLayout(left)
        layout.addWidget(self.detail, 1)

    def _connect(self) -> None:
        self.projects.currentRowChanged.connect(self._on_project_chosen)
        for line in (self.name, self.department, self.implementer, self.weight):
            line.editingFinished.connect(self.commit)
        self.funds.cellChanged.connect(lambda *_: self.commit())
        self.indicators.cellChanged.connect(lambda *_: self.commit())
        for key, text in self.texts.items():
            # Typing a text is one undo step per field, not one per keystroke.
            text.textChanged.connect(lambda key=key: self.commit(merge=key))

    # -- showing -----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the case's projects; fields being typed into are left alone."""
        projects = self.session.case.performance.projects
        names = [p.name or "（未命名项目）" for p in projects]
        shown = [self.projects.item(n).text() for n in range(self.projects.count())]
        row = self.projects.currentRow()
        if names != shown:
            self._loading = True
            self.projects.blockSignals(True)
            self.projects.clear()
            self.projects.addItems(names)
            self.projects.blockSignals(False)
            self._loading = False
        row = min(max(row, 0), len(projects) - 1)
        if row != self.projects.currentRow():
            self.projects.blockSignals(True)
            self.projects.setCurrentRow(row)
            self.projects.blockSignals(False)
        self.empty.setVisible(not projects)
        self.detail.setEnabled(bool(projects))
        for button in self.findChildren(QPushButton):
            if button.objectName() in ("perf:remove", "perf:up", "perf:down"):
                button.setEnabled(bool(projects))
        self._show_project(row)

    def _on_project_chosen(self, row: int) -> None:
        self.problem.setText("")
        self._show_project(row, chosen=True)

    def _show_project(self, row: int, *, chosen: bool = False) -> None:
        """Fill the fields from project `row`.

        Unless a project was just chosen, a line being typed into and a cell being edited keep
        what the officer is typing.
        """
        projects = self.session.case.performance.projects
        if not 0 <= row < len(projects):
            self._clear()
            return
        p = projects[row]
        self._loading = True

        def put_line(edit: QLineEdit, text: str) -> None:
            if chosen or not edit.hasFocus():
                edit.setText(text)

        put_line(self.name, p.name)
        put_line(self.department, p.department)
        put_line(self.implementer, p.implementer)
        weight_mark = self.session.mark_of(perf_key(row, "funds_weight", "weight"))
        put_line(self.weight, weight_mark.text if weight_mark else format_decimal(p.funds_weight))
        if chosen or self.funds.state() != QTableWidget.State.EditingState:
            self._show_funds(row, p)
        for key, _ in TEXTS:
            text = getattr(p, key)
            if self.texts[key].toPlainText() != text:
                self.texts[key].setPlainText(text)
        if chosen or self.indicators.state() != QTableWidget.State.EditingState:
            self._show_indicators(row, p)
        self._loading = False

    def _show_funds(self, row: int, p: PerfProject) -> None:
        for r, (key, _) in enumerate(FUND_ROWS):
            line: FundLine = getattr(p, key)
            for c, (attr, _) in enumerate(FUND_COLUMNS):
                mark = self.session.mark_of(perf_key(row, key, attr))
                if mark is None:
                    self.funds.setItem(r, c, QTableWidgetItem(format_wan(getattr(line, attr))))
                else:  # the unreadable text stays on screen, in red, with the reason
                    item = QTableWidgetItem(mark.text)
                    item.setBackground(INVALID)
                    item.setToolTip(mark.problem)
                    self.funds.setItem(r, c, item)

    def _show_indicators(self, row: int, p: PerfProject) -> None:
        self.indicators.setRowCount(len(p.indicators))
        for r, indicator in enumerate(p.indicators):
            for c, (key, _) in enumerate(INDICATOR_COLUMNS):
                mark = self.session.mark_of(perf_key(row, f"indicator:{r}", key))
                if mark is not None:  # the unreadable text stays on screen, in red
                    item = QTableWidgetItem(mark.text)
                    item.setBackground(INVALID)
                    item.setToolTip(mark.problem)
                    self.indicators.setItem(r, c, item)
                    continue
                value = getattr(indicator, key)
                text = format_decimal(value) if isinstance(value, Decimal) else value
                self.indicators.setItem(r, c, QTableWidgetItem(text))

    def _clear(self) -> None:
        self._loading = True
        for edit in (self.name, self.department, self.implementer, self.weight):
            edit.clear()
        for text in self.texts.values():
            text.clear()
        self.funds.clearContents()
        self.indicators.setRowCount(0)
        self._loading = False

    # -- editing -----------------------------------------------------------------------------
    def _cell(self, table: QTableWidget, r: int, c: int) -> str:
        item = table.item(r, c)
        return item.text() if item is not None else ""

    def _read_funds(self, row: int) -> tuple[dict[str, FundLine], dict[MarkKey, InvalidMark]]:
        """The 资金 lines typed, and a mark for every cell that cannot be read.

        An unreadable cell counts as 0 (as an empty one does) and is marked: the session shows
        a 错误 there, so a formal export is refused until it is corrected, and the typed text
        stays on screen.
        """
        lines: dict[str, FundLine] = {}
        marks: dict[MarkKey, InvalidMark] = {}
        name = self.name.text().strip() or "（未命名项目）"
        for r, (key, label) in enumerate(FUND_ROWS):
            values = []
            for c, (attr, column) in enumerate(FUND_COLUMNS):
                text = self._cell(self.funds, r, c)
                try:
                    values.append(evaluate_amount(text) if text.strip() else Decimal("0.00"))
                    self._unmark(self.funds, r, c)
                except AmountError as exc:
                    values.append(Decimal("0.00"))
                    where = Location(
                        section="performance", table=f"perf_project:{row}", row=key, column=attr
                    )
                    marks[perf_key(row, key, attr)] = InvalidMark(
                        text.strip(), exc.message, f"{name}·{label}{column}", where
                    )
                    self._mark(self.funds, r, c, f"{label}{column}：{exc.message}")
            lines[key] = FundLine(*values)
        return lines, marks

    def _read_project(
        self, row: int, lines: Mapping[str, FundLine], marks: dict[MarkKey, InvalidMark]
    ) -> PerfProject:
        """The project as typed.

        A 分值 or 得分 that cannot be read counts as 0 and is marked in `marks`, as an
        unreadable 资金 cell is: a 错误 there blocks the formal export.
        """
        name = self.name.text().strip() or "（未命名项目）"
        top = self.session.profile.score_max
        indicators = []
        for r in range(self.indicators.rowCount()):
            cells = {
                key: self._cell(self.indicators, r, c)
                for c, (key, _) in enumerate(INDICATOR_COLUMNS)
            }
            scores: dict[str, Decimal] = {}
            for key in ("weight", "score"):
                text = cells.pop(key)
                try:
                    scores[key] = _number(text, top)
                    self._unmark(self.indicators, r, INDICATOR_COLUMN[key])
                except LimitError as exc:
                    scores[key] = Decimal(0)
                    what = f"第 {r + 1} 个指标的{_SCORE_LABELS[key]}"
                    where = Location(
                        section="performance",
                        table=f"perf_project:{row}",
                        row=f"indicator:{r}",
                        column=key,
                    )
                    marks[perf_key(row, f"indicator:{r}", key)] = InvalidMark(
                        text.strip(), exc.message, f"{name}·{what}", where
                    )
                    self._mark(
                        self.indicators, r, INDICATOR_COLUMN[key], f"{what}：{exc.message}。"
                    )
            indicators.append(Indicator(**cells, weight=scores["weight"], score=scores["score"]))
        try:
            weight = _number(self.weight.text(), top)
        except LimitError as exc:
            weight = Decimal(0)
            where = Location(section="performance", table=f"perf_project:{row}", row="funds_weight")
            marks[perf_key(row, "funds_weight", "weight")] = InvalidMark(
                self.weight.text().strip(), exc.message, f"{name}·资金分值", where
            )
            self.problem.setText(f"资金分值：{exc.message}。")
        typed = {key: self.texts[key].toPlainText() for key, _ in TEXTS}
        return PerfProject(
            name=self.name.text().strip(),
            department=self.department.text().strip(),
            implementer=self.implementer.text().strip(),
            fiscal=lines["fiscal"],
            carryover=lines["carryover"],
            other=lines["other"],
            funds_weight=weight,
            goal_expected=typed["goal_expected"],
            goal_actual=typed["goal_actual"],
            completion=typed["completion"],
            problems=typed["problems"],
            measures=typed["measures"],
            indicators=tuple(indicators),
        )

    def _mark(self, table: QTableWidget, r: int, c: int, message: str) -> None:
        item = table.item(r, c)
        if item is not None:
            loading, self._loading = self._loading, True
            item.setBackground(INVALID)
            item.setToolTip(message)
            self._loading = loading
        self.problem.setText(message)

    def _unmark(self, table: QTableWidget, r: int, c: int) -> None:
        item = table.item(r, c)
        if item is not None and item.toolTip():
            loading, self._loading = self._loading, True
            item.setData(Qt.ItemDataRole.BackgroundRole, None)
            item.setToolTip("")
            self._loading = loading

    def commit(self, merge: str = "") -> None:
        row = self.projects.currentRow()
        perf = self.session.case.performance
        if self._loading or not 0 <= row < len(perf.projects):
            return
        lines, fund_marks = self._read_funds(row)
        project = self._read_project(row, lines, fund_marks)
        mine = {k for k in self.session.invalid if k[:2] == (PERF_MARK, str(row))}
        marks_changed = {k: self.session.invalid[k] for k in mine} != fund_marks
        if project == perf.projects[row] and not marks_changed:
            return
        if not fund_marks:
            self.problem.setText("")
        projects = list(perf.projects)
        projects[row] = project
        marks = None
        if marks_changed:
            marks = {k: m for k, m in self.session.invalid.items() if k not in mine} | fund_marks
        self.session.apply(
            SetPerformance(dataclasses.replace(perf, projects=tuple(projects))),
            "修改绩效自评表",
            merge=f"perf:{row}:{merge}" if merge and marks is None else "",
            marks=marks,
        )

    def focus(self, location: Location) -> None:
        """Show the project and put the cursor in the 资金 cell an issue points to."""
        if not location.table.startswith("perf_project:"):
            return
        n = int(location.table.split(":", 1)[1])
        if 0 <= n < self.projects.count():
            self.projects.setCurrentRow(n)
        if location.row.startswith("indicator:") and location.column in INDICATOR_COLUMN:
            self.indicators.setFocus()
            r = int(location.row.split(":", 1)[1])
            self.indicators.setCurrentCell(r, INDICATOR_COLUMN[location.column])
            return
        if location.row == "funds_weight":
            self.weight.setFocus()
            return
        rows = [key for key, _ in FUND_ROWS]
        columns = [attr for attr, _ in FUND_COLUMNS]
        if location.row in rows and location.column in columns:
            self.funds.setFocus()
            self.funds.setCurrentCell(rows.index(location.row), columns.index(location.column))

    def _replace_projects(
        self,
        projects: tuple[PerfProject, ...],
        title: str,
        row: int,
        new_index: Mapping[int, int | None] | None = None,
    ) -> None:
        """Replace the projects; `new_index` says where each old project went (its marks too)."""
        perf = self.session.case.performance
        marks = _renumbered(self.session.invalid, new_index) if new_index else None
        self.session.apply(
            SetPerformance(dataclasses.replace(perf, projects=projects)), title, marks=marks
        )
        self.projects.blockSignals(True)
        self.projects.setCurrentRow(row)
        self.projects.blockSignals(False)
        self.refresh()
        self._show_project(self.projects.currentRow(), chosen=True)

    def _on_add(self) -> None:
        projects = self.session.case.performance.projects
        new = PerfProject(
            name="新项目",
            department="",
            implementer="",
            fiscal=ZERO_LINE,
            carryover=ZERO_LINE,
            other=ZERO_LINE,
            funds_weight=Decimal(10),
            goal_expected="",
            goal_actual="",
            completion="",
            problems="",
            measures="",
        )
        self._replace_projects((*projects, new), "新增项目", len(projects))
        self.name.setFocus()
        self.name.selectAll()

    def _on_remove(self) -> None:
        row = self.projects.currentRow()
        projects = self.session.case.performance.projects
        if 0 <= row < len(projects):
            moved: dict[int, int | None] = {n: n - 1 for n in range(row + 1, len(projects))}
            moved[row] = None
            self._replace_projects(
                projects[:row] + projects[row + 1 :],
                "删除项目",
                min(row, len(projects) - 2),
                moved,
            )

    def _on_move_project(self, step: int) -> None:
        row = self.projects.currentRow()
        projects = list(self.session.case.performance.projects)
        if 0 <= row < len(projects) and 0 <= row + step < len(projects):
            projects[row], projects[row + step] = projects[row + step], projects[row]
            self._replace_projects(
                tuple(projects), "调整项目顺序", row + step, {row: row + step, row + step: row}
            )

    def _on_add_indicator(self) -> None:
        self._loading = True
        self.indicators.insertRow(self.indicators.rowCount())
        last = self.indicators.rowCount() - 1
        for key, text in NEW_INDICATOR.items():
            self.indicators.setItem(last, INDICATOR_COLUMN[key], QTableWidgetItem(text))
        self._loading = False
        self.commit()
        self.indicators.setCurrentCell(last, INDICATOR_COLUMN["name"])

    def _on_remove_indicator(self) -> None:
        rows = sorted({i.row() for i in self.indicators.selectedIndexes()}, reverse=True)
        self._loading = True
        for r in rows:
            self.indicators.removeRow(r)
        self._loading = False
        self.commit()

    def _on_move_indicator(self, step: int) -> None:
        row = self.projects.currentRow()
        projects = list(self.session.case.performance.projects)
        at = self.indicators.currentRow()
        if not 0 <= row < len(projects):
            return
        indicators = list(projects[row].indicators)
        if not (0 <= at < len(indicators) and 0 <= at + step < len(indicators)):
            return
        indicators[at], indicators[at + step] = indicators[at + step], indicators[at]
        projects[row] = dataclasses.replace(projects[row], indicators=tuple(indicators))
        self._replace_projects(tuple(projects), "调整指标顺序", row)
        self.indicators.setCurrentCell(at + step, self.indicators.currentColumn())


class EvaluationEditor(QGroupBox):
    """The 部门评价 paragraphs and the key project's report."""

    def __init__(self, session: CaseSession) -> None:
        super().__init__("项目绩效评价结果与重点项目评价报告")
        self.session = session
        self.evaluation = QPlainTextEdit()
        self.report_title = QLineEdit()
        self.report = QPlainTextEdit()
        self.report.setMinimumHeight(160)
        form = QFormLayout(self)
        form.addRow("评价结果（每段一行）", self.evaluation)
        form.addRow("评价报告标题", self.report_title)
        form.addRow("评价报告（每段一行）", self.report)
        self.evaluation.textChanged.connect(lambda: self.commit(merge="evaluation"))
        self.report.textChanged.connect(lambda: self.commit(merge="report"))
        self.report_title.editingFinished.connect(self.commit)
        self._loading = False
        self.refresh()

    def refresh(self) -> None:
        perf = self.session.case.performance
        self._loading = True
        if not self.evaluation.hasFocus():
            self.evaluation.setPlainText("\n".join(perf.evaluation_text))
        if not self.report_title.hasFocus():
            self.report_title.setText(perf.report_title)
        if not self.report.hasFocus():
            self.report.setPlainText("\n".join(perf.report))
        self._loading = False

    def commit(self, merge: str = "") -> None:
        if self._loading:
            return
        perf = self.session.case.performance
        edited = dataclasses.replace(
            perf,
            evaluation_text=tuple(
                line for line in self.evaluation.toPlainText().split("\n") if line.strip()
            ),
            report_title=self.report_title.text().strip(),
            report=tuple(line for line in self.report.toPlainText().split("\n") if line.strip()),
        )
        if edited != perf:
            self.session.apply(
                SetPerformance(edited), "修改评价报告", merge=f"evaluation:{merge}" if merge else ""
            )


class GlossaryEditor(QGroupBox):
    """名词解释: one term per row; the profile's terms are the defaults."""

    def __init__(self, session: CaseSession) -> None:
        super().__init__("名词解释（可修改、增删）")
        self.session = session
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("glossary")
        self.table.setHorizontalHeaderLabels(["名词", "解释"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(260)
        add = QPushButton("新增名词")
        add.clicked.connect(self._on_add)
        remove = QPushButton("删除所选")
        remove.clicked.connect(self._on_remove)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._loading = False
        self.table.cellChanged.connect(lambda *_: self.commit())
        self.refresh()

    def _entries(self) -> tuple[GlossaryEntry, ...]:
        case = self.session.case
        return case.glossary or tuple(GlossaryEntry(t, x) for t, x in self.session.profile.glossary)

    def refresh(self) -> None:
        if self.table.state() == QTableWidget.State.EditingState:
            return
        self._loading = True
        entries = self._entries()
        self.table.setRowCount(len(entries))
        for r, entry in enumerate(entries):
            self.table.setItem(r, 0, QTableWidgetItem(entry.term))
            item = QTableWidgetItem(entry.text)
            item.setToolTip(entry.text)
            self.table.setItem(r, 1, item)
        self._loading = False

    def commit(self) -> None:
        if self._loading:
            return
        entries = []
        for r in range(self.table.rowCount()):
            term, text = (self.table.item(r, c) for c in (0, 1))
            if term is not None and term.text().strip():
                entries.append(
                    GlossaryEntry(term.text().strip(), text.text().strip() if text else "")
                )
        if tuple(entries) != self._entries():
            self.session.apply(SetGlossary(tuple(entries)), "修改名词解释")

    def _on_add(self) -> None:
        self._loading = True
        self.table.insertRow(self.table.rowCount())
        self._loading = False
        self.table.setCurrentCell(self.table.rowCount() - 1, 0)

    def _on_remove(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        self._loading = True
        for r in rows:
            self.table.removeRow(r)
        self._loading = False
        self.commit()


EDITORS_BY_PROVIDER: dict[str, tuple[Callable[[CaseSession], QWidget], ...]] = {
    "performance": (PerformanceEditor, EvaluationEditor),
    "glossary": (GlossaryEditor,),
}

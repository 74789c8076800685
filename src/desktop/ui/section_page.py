"""A step's page, generated from its forms/ definition.

Fields, tables, and a live preview of the sentences (and chart) the step produces.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.core.codetables import coverage_note
from desktop.core.edits import SetCell, SetField, SetUnit
from desktop.core.issues import Location
from desktop.core.money import ZERO
from desktop.core.narrative.document import part_title, published_in, section_preview
from desktop.core.narrative.render import ChartItem, TableItem, TextItem
from desktop.core.performance_summary import SECTION as SUMMARY_SECTION
from desktop.core.performance_summary import computed_fields
from desktop.core.refs import is_performance_table
from desktop.core.spec import TABLES_PART
from desktop.ui.code_picker import CodePickerDialog
from desktop.ui.fields import AmountEdit, CountEdit, ParagraphsEdit, TextEdit
from desktop.ui.performance_editor import EDITORS_BY_PROVIDER, PerformanceEditor
from desktop.ui.row_form import RowFormView, is_one_row_wide
from desktop.ui.session import InvalidMark, field_key
from desktop.ui.step_status import source_parts, source_tables
from desktop.ui.table_model import TableModel
from desktop.ui.table_view import TableEditView

if TYPE_CHECKING:
    from collections.abc import Callable
    from decimal import Decimal

    from desktop.core.model import Value
    from desktop.core.spec import FieldSpec, SectionSpec, TableSpec
    from desktop.ui.session import CaseSession

EDITORS = {"money": AmountEdit, "count": CountEdit, "text": TextEdit, "paragraphs": ParagraphsEdit}


def _show_computed(editor: QLineEdit, computed: str | None) -> None:
    """An empty field whose figure is computed shows it (“按自评表计算：99.15”), else its hint."""
    if editor.property("plain_placeholder") is None:
        editor.setProperty("plain_placeholder", editor.placeholderText())
    plain = str(editor.property("plain_placeholder"))
    editor.setPlaceholderText(f"按自评表计算：{computed}" if computed else plain)


def _show_problem(label: QLabel, text: str) -> None:
    """A refused paste in red; where a computed figure comes from in blue."""
    label.setStyleSheet("color: #1a73e8;" if text.startswith("自动计算") else "color: #d93025;")
    label.setText(text)


class SectionPage(QWidget):
    """The page of one section of the profile."""

    def __init__(self, session: CaseSession, section: SectionSpec, title: str) -> None:
        super().__init__()
        self.session = session
        self.section = section
        self.editors: dict[str, QWidget] = {}
        self.views: dict[str, list[TableEditView | RowFormView]] = {}
        self.models: list[TableModel] = []
        self.problem_labels: dict[str, QLabel] = {}
        self._chart_ids: tuple[str, ...] = ()
        self._canvases: list[QWidget] = []
        body = QWidget()
        self.form_layout = QVBoxLayout(body)
        heading = QLabel(f"<h2>{html.escape(title)}</h2>")
        heading.setWordWrap(True)
        self.form_layout.addWidget(heading)
        sources = source_tables(session.profile, section)
        if sources and section.part != TABLES_PART:
            asked = (
                "上年数和说明文字"
                if any(f.type == "money" and "上年" in f.label for f in section.fields)
                else ""
            )
            where = "、".join(
                f"“{part_title(session.case, session.profile, p)}”"
                for p in source_parts(session.profile, section)
            )
            note = QLabel(
                f"本节的本年数字自动取自{''.join(sources)}（在{where}的各步骤中填写）"
                + (f"；这里只需填写{asked}。" if asked else "。")
            )
            note.setObjectName("sources")
            note.setWordWrap(True)
            note.setStyleSheet("color: #1a73e8;")
            self.form_layout.addWidget(note)
        if session.consolidated:
            self._department_note()
        if section.id == "unit":
            self._build_unit()
        if section.fields:
            self._build_fields()
        for table in section.tables:
            self._build_table(table)
        self._build_data_editors()
        self.preview = QTextBrowser()
        self.preview.setObjectName("preview")
        self.preview.setMinimumHeight(120)
        self.chart_box = QHBoxLayout()
        preview_box = QGroupBox("生成的文字（随填写即时更新）")
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.addWidget(self.preview)
        preview_layout.addLayout(self.chart_box)
        self.form_layout.addWidget(preview_box)
        self.form_layout.addStretch(1)
        self.scroll_area = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.refresh()

    # -- building ------------------------------------------------------------------------------
    def _build_data_editors(self) -> None:
        """The section's own editors (绩效 projects, 名词解释); a 部门's projects are its members'."""
        session = self.session
        self.data_editors = [
            make(session) for make in EDITORS_BY_PROVIDER.get(self.section.facts, ())
        ]
        for widget in self.data_editors:
            if session.consolidated and isinstance(widget, PerformanceEditor):
                widget.setEnabled(False)
                widget.setToolTip("绩效自评的项目来自各单位的填报，请在该单位的填报中修改。")
            self.form_layout.addWidget(widget)

    def _department_note(self) -> None:
        """A 部门's step: its figures are its members', only its own texts are typed here."""
        sid = self.section.id
        own_fields = [f for f in self.section.fields if self.session.is_own_field(sid, f.id)]
        summed = bool(self.section.tables) or len(own_fields) < len(self.section.fields)
        if not summed:
            return
        count = self.session.member_count()
        typed = "；文字说明在这里填写，随部门保存" if own_fields else ""
        note = QLabel(
            f"部门的数字 = {count} 家单位的填报之和 − 已确认的内部往来冲抵，不能在这里修改"
            f"{typed}。把鼠标停在一个数字上，可看到它来自哪些单位。"
        )
        note.setObjectName("department:note")
        note.setWordWrap(True)
        note.setStyleSheet("color: #1a73e8;")
        self.form_layout.addWidget(note)

    def _build_unit(self) -> None:
        box = QGroupBox("单位")
        form = QFormLayout(box)
        self.unit_name = QLineEdit()
        self.unit_name.setObjectName("unit:name")
        self.unit_year = QSpinBox()
        self.unit_year.setRange(2000, 2100)
        self.unit_year.setObjectName("unit:year")
        self.unit_name.editingFinished.connect(self._commit_unit)
        self.unit_year.editingFinished.connect(self._commit_unit)
        form.addRow("单位全称（用于封面和正文）", self.unit_name)
        form.addRow("决算年度", self.unit_year)
        self.form_layout.addWidget(box)

    def _build_fields(self) -> None:
        box = QGroupBox("填写")
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for spec in self.section.fields:
            if spec.multiline:
                editor: QWidget = ParagraphsEdit(self._committer(spec), as_text=True)
                editor.setMaximumHeight(72)
            elif spec.type in ("money", "count"):
                editor = EDITORS[spec.type](self._committer(spec), reject=self._rejecter(spec))
            else:
                editor = EDITORS[spec.type](self._committer(spec))
            editor.setObjectName(f"field:{spec.id}")
            if spec.help:
                editor.setToolTip(spec.help)
            if self.session.consolidated and not self.session.is_own_field(
                self.section.id, spec.id
            ):
                editor.setReadOnly(True)  # type: ignore[attr-defined]
                editor.setProperty("consolidated", True)
            self.editors[spec.id] = editor
            form.addRow(spec.label + ("（必填）" if spec.required else ""), editor)
        self.form_layout.addWidget(box)

    def _commit_unit(self) -> None:
        name, year = self.unit_name.text().strip(), self.unit_year.value()
        unit = self.session.case.unit
        if name and (name, year) != (unit.name, unit.year):
            self.session.apply(SetUnit(name, year), "修改单位信息")

    def _committer(self, spec: FieldSpec) -> Callable[[Value | None], None]:
        def commit(value: Value | None) -> None:
            if isinstance(value, tuple) and not any(v.strip() for v in value):
                value = None
            if value == "":
                value = None
            if self.session.case.value(self.section.id, spec.id) != value:
                self.session.apply(SetField(self.section.id, spec.id, value), f"修改“{spec.label}”")

        return commit

    def _rejecter(self, spec: FieldSpec) -> Callable[[str, str], None]:
        """An unreadable amount: the field stores no value and the checks show a 错误 there."""

        def reject(text: str, problem: str) -> None:
            mark = InvalidMark(
                text.strip(), problem, spec.label, Location(self.section.id, field=spec.id)
            )
            self.session.apply(
                SetField(self.section.id, spec.id, None),
                f"修改“{spec.label}”",
                mark=(field_key(self.section.id, spec.id), mark),
            )

        return reject

    def _build_table(self, table: TableSpec) -> None:
        money = any(c.type == "money" for side in table.sides for c in side.columns)
        box = QGroupBox(f"{table.title}（金额单位：万元）" if money else table.title)
        layout = QVBoxLayout(box)
        if table.rows in ("functional", "economic", "list") and not self.session.consolidated:
            bar = QHBoxLayout()
            add = QPushButton("新增一行")
            add.setObjectName(f"add:{table.id}")
            add.clicked.connect(lambda _=False, t=table: self._add_row(t))
            remove = QPushButton("删除所选行")
            remove.setObjectName(f"remove:{table.id}")
            remove.clicked.connect(lambda _=False, t=table: self._remove_rows(t))
            bar.addWidget(add)
            bar.addWidget(remove)
            bar.addStretch(1)
            hint = QLabel(
                "提示：可从 Excel/WPS 复制整块数字后 Ctrl+V 粘贴；灰色为自动计算的行和列。"
                if money
                else "提示：选中一格直接输入，Tab 到下一格；可从 Excel/WPS 复制后 Ctrl+V 粘贴。"
            )
            hint.setWordWrap(True)
            layout.addLayout(bar)
            layout.addWidget(hint)
        views: list[TableEditView | RowFormView] = []
        for side in range(len(table.sides)):
            model = TableModel(self.session, table, side)
            view: TableEditView | RowFormView = (
                RowFormView(model) if is_one_row_wide(model) else TableEditView(model)
            )
            view.setObjectName(f"table:{table.id}:{side}")
            if table.sides[side].heading:
                layout.addWidget(QLabel(f"<b>{html.escape(table.sides[side].heading)}</b>"))
            layout.addWidget(view)
            self.models.append(model)
            views.append(view)
        label = QLabel()
        label.setObjectName(f"problem:{table.id}")
        label.setStyleSheet("color: #d93025;")
        label.setWordWrap(True)
        layout.addWidget(label)
        for view in views:
            view.problem.connect(lambda text, label=label: _show_problem(label, text))
        self.problem_labels[table.id] = label
        self.problem_label = label
        self.views[table.id] = views
        self.form_layout.addWidget(box)

    def _add_row(self, table: TableSpec) -> None:
        side = table.sides[0]
        first = next((c for c in side.columns if c.enterable), None)
        if first is None:
            return
        if table.rows == "list":
            keys = {r.key for r in self.session.case.table(table.id).rows}
            n = len(keys) + 1
            while str(n) in keys:
                n += 1
            value: str | Decimal = "" if first.type == "text" else ZERO
            label = "新项目" if side.item_header else ""
            self.session.apply(SetCell(table.id, str(n), first.id, value, label=label), "新增一行")
            self._edit_new_row(table, str(n), first.id)
            return
        codes = self.session.catalog.codes.get(table.code_table)
        choices = [(e.code, e.name) for e in (codes.leaves(table.rows) if codes else ())]
        note = coverage_note(codes, self.session.case.unit.year)
        dialog = CodePickerDialog(choices, self, note)
        dialog.import_requested.connect(lambda: self._import_codes(table.code_table))
        if dialog.exec() and dialog.chosen():
            code = dialog.chosen()
            name = codes.name_of(code) if codes else ""
            self.session.apply(SetCell(table.id, code, first.id, ZERO, label=name), "新增一行")
            self._edit_new_row(table, code, first.id)

    def _import_codes(self, table: str) -> None:
        """导入科目代码表… from the picker: check and import a year's list, as on the start page."""
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from desktop.ui.codes_dialog import CodeListDialog

        chosen, _ = QFileDialog.getOpenFileName(
            self, "选择科目代码表", "", "科目代码表 (*.xlsx *.xls *.xlsm *.csv);;所有文件 (*)"
        )
        if not chosen:
            return
        dialog = CodeListDialog(Path(chosen), table, self)
        dialog.imported.connect(
            lambda: QMessageBox.information(
                self,
                "导入科目代码表",
                "科目代码表已导入。请关闭本填报后重新打开，新的科目即可选用。",
            )
        )
        dialog.open()

    def _edit_new_row(self, table: TableSpec, key: str, column: str) -> None:
        """Put the cursor in the new row, ready to type."""
        self.refresh()
        for view in self.views.get(table.id, []):
            index = view.table_model.index_of(key, column)
            if index.isValid() and view.table_model.key_at(index) == key:
                view.focus_cell(index)
                return

    def _remove_rows(self, table: TableSpec) -> None:
        for view in self.views.get(table.id, []):
            if isinstance(view, TableEditView):
                view.remove_selected_rows()

    # -- refreshing ----------------------------------------------------------------------------
    def refresh(self) -> None:
        case = self.session.case
        if self.section.id == "unit":
            if not self.unit_name.hasFocus():
                self.unit_name.setText(case.unit.name)
            if not self.unit_year.hasFocus():
                self.unit_year.setValue(case.unit.year)
        summary = self.section.id == SUMMARY_SECTION
        computed = computed_fields(case, self.session.profile) if summary else {}
        for field_id, editor in self.editors.items():
            value = case.value(self.section.id, field_id)
            if summary and isinstance(editor, QLineEdit):
                _show_computed(editor, computed.get(field_id))
            if isinstance(editor, AmountEdit):
                mark = self.session.mark_of(field_key(self.section.id, field_id))
                editor.show_value(value, (mark.text, mark.problem) if mark else None)
            else:
                editor.show_value(value)  # type: ignore[attr-defined]  # every fields.py editor has show_value
            if editor.property("consolidated"):
                editor.setToolTip(self._department_field_tip(field_id))
        for model in self.models:
            model.refresh()
        for widget in self.data_editors:
            widget.refresh()  # type: ignore[attr-defined]  # the performance_editor.py editors all refresh()
        self._refresh_preview()

    def _department_field_tip(self, field_id: str) -> str:
        spec = next(f for f in self.section.fields if f.id == field_id)
        return self.session.field_tooltip(self.section.id, field_id, money=spec.type == "money")

    def _refresh_preview(self) -> None:
        try:
            items = section_preview(self.session.figures, self.section.id)
        except Exception as exc:
            self.preview.setPlainText(f"暂时无法生成本节文字：{exc}")
            return
        parts: list[str] = []
        charts: list[str] = []
        for item in items:
            if isinstance(item, TextItem):
                tag = "h4" if item.style in ("h2", "h3") else "p"
                parts.append(f"<{tag}>{html.escape(item.text)}</{tag}>")
            elif isinstance(item, ChartItem):
                charts.append(item.chart_id)
            elif isinstance(item, TableItem) and is_performance_table(item.ref):
                parts.append("<p><i>［自评表］</i></p>")
        if not parts and self.section.part == TABLES_PART:
            where = published_in(self.session.case, self.session.profile, self.section)
            parts.append(
                f"<p>本表在文档“{html.escape(where)}”中公开；合计、小计和计算列自动得出。</p>"
            )
        self.preview.setHtml("".join(parts))
        self._show_charts(tuple(charts))

    def _show_charts(self, chart_ids: tuple[str, ...]) -> None:
        for canvas in self._canvases:
            canvas.setParent(None)
            canvas.deleteLater()
        self._canvases = []
        if not chart_ids:
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        from desktop import paths
        from desktop.export.charts import build_pie, register_font

        family = register_font(paths.resources_dir() / "fonts")
        for chart_id in chart_ids:
            fig = build_pie(self.session.profile.chart(chart_id), self.session.figures, family)
            if fig is not None:
                canvas = FigureCanvasQTAgg(fig)  # type: ignore[no-untyped-call]  # matplotlib Qt canvas is untyped
                canvas.setObjectName(f"chart:{chart_id}")
                canvas.setMinimumSize(320, 220)
                self.chart_box.addWidget(canvas)
                self._canvases.append(canvas)

    def focus_location(self, location: Location) -> None:
        """Put the cursor where an issue points: a field, or a table cell."""
        if location.field and location.field in self.editors:
            self.editors[location.field].setFocus()
            self.scroll_area.ensureWidgetVisible(self.editors[location.field])  # a field far down
            return
        if location.table.startswith("perf_project:"):
            for editor in self.data_editors:
                if isinstance(editor, PerformanceEditor):
                    editor.focus(location)
            return
        for view in self.views.get(location.table, []):
            index = view.table_model.index_of(location.row, location.column)
            if index.isValid():
                view.focus_cell(index)
                self.scroll_area.ensureWidgetVisible(view)
                return

"""The open 部门 case: a read-only view of its members' figures, with its own texts editable.

The department's figures are Σ members − the confirmed eliminations (desktop.core.department),
worked out again whenever a member, the 单位构成 or the 冲抵 change (`reload`). The officer edits
only what is the department's own: 概况, 职能, reasons, 名词解释, contact and the other texts
(and a money field the profile marks `consolidate = "own"`); these are saved with the department.
Every cell knows where it comes from (`cell_sources`), shown in the tables' tooltips.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

from desktop.core.calc import Figures
from desktop.core.department_sources import (
    CellSources,
    MemberFigure,
    cell_sources,
    field_sources,
    list_row_member,
)
from desktop.core.edits import Batch, SetField, SetGlossary, SetPerformance, SetUnit, apply_edit
from desktop.core.issues import Severity
from desktop.core.money import ZERO, format_wan
from desktop.storage.department_view import department_state, with_own
from desktop.storage.edits import persist_edit
from desktop.ui.session import CaseSession

if TYPE_CHECKING:
    from sqlite_utils import Database

    from desktop.core.edits import Edit
    from desktop.core.issues import Issue
    from desktop.core.model import CaseId
    from desktop.sections.catalog import Catalog
    from desktop.ui.session import InvalidMark, MarkKey

READ_ONLY = (
    "部门的数字由各单位的填报汇总（减去已确认的冲抵），不能在这里修改。"
    "请在“单位构成与冲抵”步骤中打开该单位的填报修改。"
)
LISTED = 12


class DepartmentSession(CaseSession):
    """A department case in the window."""

    consolidated = True

    def __init__(self, db: Database, dept_id: CaseId, catalog: Catalog) -> None:
        self.state = department_state(db, dept_id, catalog.profiles, catalog.codes)
        self._member_figures: dict[CaseId, Figures] | None = None
        super().__init__(db, dept_id, self.state.consolidated, catalog)

    # -- the members -----------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the department again (a member, the 单位构成 or the 冲抵 changed) and re-check."""
        self.state = department_state(self.db, self.case_id, self.catalog.profiles,
                                      self.catalog.codes)  # fmt: skip
        self._member_figures = None
        self.case = self.state.consolidated
        self.figures = Figures(self.case, self.profile, self.catalog.codes)
        self.issues = self._check()
        self.case_changed.emit()
        self.issues_changed.emit()

    def member_figures(self) -> dict[CaseId, Figures]:
        if self._member_figures is None:
            codes = self.catalog.codes
            self._member_figures = {
                i: Figures(c, self.profile, codes) for i, c in self.state.cases.items()
            }
        return self._member_figures

    def member_count(self) -> int:
        return len(self.state.cases)

    def member_errors(self) -> dict[CaseId, int]:
        return {
            i: sum(1 for x in found if x.severity is Severity.ERROR)
            for i, found in self.state.member_issues.items()
        }

    # -- where a figure comes from -------------------------------------------------------------
    def sources(self, table: str, side: int, key: str, column: str) -> CellSources:
        return cell_sources(self.profile, self.state.dept, self.figures, self.member_figures(),
                            (table, side, key, column))  # fmt: skip

    def cell_tooltip(self, table: str, side: int, key: str, column: str, *, money: bool) -> str:
        """The tooltip of a department cell: each member's figure and the eliminations."""
        cons = self.profile.consolidation
        if table == cons.members_table:
            return "单位构成由部门的单位列表生成：在“单位构成与冲抵”步骤中修改。"
        if self.profile.table(table).rows == "list":
            who = list_row_member(self.state.dept, self.member_figures(), table, key)
            return f"来自：{who}（在该单位的填报中修改）。" if who else READ_ONLY
        found = self.sources(table, side, key, column)
        return _describe(found.members, found, money=money)

    def field_tooltip(self, section: str, field: str, *, money: bool) -> str:
        found = field_sources(self.state.dept, self.member_figures(), section, field)
        return _describe(found, None, money=money)

    def is_own_field(self, section: str, field: str) -> bool:
        """A field the department states itself (texts; a money field marked consolidate = own)."""
        spec = next((f for f in self.profile.section(section).fields if f.id == field), None)
        return spec is None or spec.type not in ("money", "count") or spec.consolidate != "sum"

    # -- editing its own texts -------------------------------------------------------------------
    def refusal(self, edit: Edit) -> str:
        """Why `edit` cannot be made on a department ("" when it can)."""
        if isinstance(edit, Batch):
            return next((r for r in map(self.refusal, edit.edits) if r), "")
        if isinstance(edit, SetField):
            return "" if self.is_own_field(edit.section, edit.field) else READ_ONLY
        if isinstance(edit, SetGlossary):
            return ""
        if isinstance(edit, SetUnit):
            if edit.year != self.case.unit.year:
                return "部门的年度由其单位的填报决定，不能修改；请新建该年度的部门填报。"
            return ""
        if isinstance(edit, SetPerformance):
            if edit.performance.projects != self.case.performance.projects:
                return "绩效自评的项目来自各单位的填报，请在该单位的填报中修改。"
            return ""
        return READ_ONLY

    def write(
        self,
        edit: Edit,
        mark: tuple[MarkKey, InvalidMark] | None = None,
        *,
        marks: dict[MarkKey, InvalidMark] | None = None,
    ) -> bool:
        """Apply an edit of the department's own texts and save it with the department."""
        problem = self.refusal(edit)
        if problem:
            self.failed.emit(problem)
            return False
        own = self.state.dept.own
        edited = apply_edit(own, edit)
        edited = replace(edited, performance=replace(edited.performance, projects=()))
        if edited != own:
            try:
                persist_edit(self.db, self.case_id, edited, edit)
            except Exception as exc:
                self.failed.emit(f"{exc}。刚才的修改没有保存，请检查磁盘空间和文件权限后重试。")
                return False
            self.state = with_own(self.state, edited)
            self.case = self.state.consolidated
            self.figures = Figures(self.case, self.profile, self.catalog.codes)
        if marks is not None:
            self.invalid = dict(marks)
        elif mark is not None:
            self.invalid[mark[0]] = mark[1]
        self.issues = self._check()
        if edited != own:
            self.saved.emit()
        self.case_changed.emit()
        self.issues_changed.emit()
        return True

    def _check(self) -> list[Issue]:
        """The profile's checks on the consolidated case, then the department's own findings."""
        return self.state.findings + super()._check()


def _amount(value: Decimal, *, money: bool) -> str:
    return f"{format_wan(value)} 万元" if money else str(int(value))


def _describe(members: tuple[MemberFigure, ...], found: CellSources | None, *, money: bool) -> str:
    """“部门合计 … = 单位A … + 单位B … − 冲抵 …”, one line each."""
    having = [m for m in members if m.value]
    lines = [f"{m.name}：{_amount(m.value, money=money)}" for m in having[:LISTED] if m.value]
    if len(having) > LISTED:
        rest = sum((m.value for m in having[LISTED:] if m.value), Decimal(0))
        lines.append(f"其余 {len(having) - LISTED} 家单位：{_amount(rest, money=money)}")
    empty = len(members) - len(having)
    if found is not None:
        for what, amount in found.eliminations:
            lines.append(f"减 {what}：{_amount(amount, money=money)}")
        named = sum((a for _w, a in found.eliminations), Decimal(0))
        if found.eliminated and found.eliminated != named:
            lines.append(f"减 内部往来冲抵：{_amount(found.eliminated - named, money=money)}")
    total = found.total if found is not None else sum((m.value or ZERO for m in having), ZERO)
    shown = f"{_amount(total, money=money)} " if total is not None else ""
    minus = "，减去内部往来冲抵" if found and found.eliminated else ""
    head = f"部门数 {shown}= {len(having)} 家单位之和{minus}："
    if not having:
        head = "各单位都没有填写此项。"
    tail = f"（另有 {empty} 家单位此处为空。）" if empty and having else ""
    return "\n".join([head, *lines]) + ("\n" + tail if tail else "") + "\n修改请打开该单位的填报。"

"""The open case: its data, figures and issues, every edit saved at once and undoable.

Pages never call each other: they send edits here and listen to `case_changed` and
`issues_changed`. Each edit is written to SQLite in its own transaction before the signal is
emitted (`saved`, or `failed` with the reason); QUndoStack undoes and redoes edits the same way.

An entry the officer typed that cannot be read is kept here as an *invalid mark* (the typed text
and the reason) while the case stores "no value" for it: the checks then show a 错误 at that
place until it is corrected, so no stale figure is exported. Marks live only in the window.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.core.calc import FigureCache, Figures
from desktop.core.checks import run_checks
from desktop.core.edits import (
    Batch,
    DeleteRow,
    Edit,
    SetCell,
    SetField,
    apply_edit,
    inverse_of,
)
from desktop.core.issues import SEVERITY_ORDER, Issue, Location, Severity
from desktop.core.limits import cleaned
from desktop.storage.edits import persist_edit
from desktop.ui.messages import database_path, failure_text

if TYPE_CHECKING:
    from sqlite_utils import Database

    from desktop.core.model import Case, CaseId
    from desktop.sections.catalog import Catalog

MERGE_ID = 4242
INVALID_RULE = "invalid-entry"

#: ("cell", table, row, column) or ("field", section, field).
MarkKey = tuple[str, str, str, str]


@dataclass(frozen=True, slots=True)
class InvalidMark:
    """What the officer typed that could not be read, why, and where it is."""

    text: str
    problem: str
    label: str
    location: Location


def cell_key(table: str, row: str, column: str) -> MarkKey:
    return ("cell", table, row, column)


def field_key(section: str, field: str) -> MarkKey:
    return ("field", section, field, "")


def perf_key(project: int, line: str, column: str) -> MarkKey:
    """A cell of project `project`'s 资金 table (`line` e.g. fiscal, `column` e.g. initial)."""
    return ("perf", str(project), line, column)


@dataclass(frozen=True, slots=True)
class MarkChange:
    """What an edit does to the unreadable-entry marks (see `CaseSession.apply`)."""

    mark: tuple[MarkKey, InvalidMark] | None = None
    marks: dict[MarkKey, InvalidMark] | None = None


class EditCommand(QUndoCommand):
    """One undoable edit; consecutive edits of the same field or cell merge into one step."""

    def __init__(
        self,
        session: CaseSession,
        edit: Edit,
        title: str,
        *,
        marks: MarkChange = MarkChange(),  # frozen: one shared default is safe
        merge: str = "",
    ) -> None:
        super().__init__(title)
        self.session = session
        self.edit = edit
        self.mark = marks.mark
        self.marks_after = marks.marks
        self.merge = merge
        self.inverse = inverse_of(session.case, edit)
        self.first_inverse = self.inverse
        self.marks_before = dict(session.invalid)
        self.ok = True

    def redo(self) -> None:
        self.ok = self.session.write(self.edit, self.mark, marks=self.marks_after)

    def undo(self) -> None:
        self.session.write(self.first_inverse, marks=self.marks_before)

    def id(self) -> int:
        return MERGE_ID if self.merge or isinstance(self.edit, SetField | SetCell) else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        if not isinstance(other, EditCommand) or not other.ok:
            return False
        if self.marks_after is not None or other.marks_after is not None:
            return False  # an edit that rewrites the marks stays its own step
        if self.merge or other.merge:
            if self.merge != other.merge:
                return False
        elif not _same_target(self.edit, other.edit) or self.mark or other.mark:
            return False
        self.edit = other.edit
        return True


def _same_target(a: Edit, b: Edit) -> bool:
    if isinstance(a, SetField) and isinstance(b, SetField):
        return (a.section, a.field) == (b.section, b.field)
    if isinstance(a, SetCell) and isinstance(b, SetCell):
        return (a.table, a.key, a.column) == (b.table, b.key, b.column)
    return False


def _touched(edit: Edit) -> list[MarkKey | tuple[str, str, str]]:
    """The marks an edit replaces: the cells and fields it sets, the rows it deletes."""
    if isinstance(edit, Batch):
        return [k for inner in edit.edits for k in _touched(inner)]
    if isinstance(edit, SetCell):
        return [cell_key(edit.table, edit.key, edit.column)]
    if isinstance(edit, SetField):
        return [field_key(edit.section, edit.field)]
    if isinstance(edit, DeleteRow):
        return [("cell", edit.table, edit.key)]
    return []


class CaseSession(QObject):
    """The case being edited in the window."""

    #: A 部门 case's figures are its members' (desktop.ui.department_session): read-only.
    consolidated = False

    case_changed = Signal()
    issues_changed = Signal()
    saved = Signal()
    failed = Signal(str)
    #: Something the officer should know about an edit that was saved (text cleaned…).
    notice = Signal(str)

    def __init__(self, db: Database, case_id: CaseId, case: Case, catalog: Catalog) -> None:
        super().__init__()
        self.db = db
        self.case_id = case_id
        self.case = case
        self.catalog = catalog
        self.profile = catalog.profile(case.profile_id)
        self.undo_stack = QUndoStack(self)
        self.invalid: dict[MarkKey, InvalidMark] = {}
        #: The last edit that could not be saved (`retry` saves it again).
        self.unsaved: Edit | None = None
        self.cache = FigureCache()  # grids and texts shared by this case's successive Figures
        self.figures = Figures(case, self.profile, catalog.codes, self.cache)
        self.issues: list[Issue] = self._check()

    def apply(
        self,
        edit: Edit,
        title: str = "修改",
        *,
        mark: tuple[MarkKey, InvalidMark] | None = None,
        merge: str = "",
        marks: dict[MarkKey, InvalidMark] | None = None,
    ) -> bool:
        """Apply an edit as one undo step (it is saved at once); False when saving failed.

        Args:
            edit: the change of the case.
            title: the undo step's name.
            mark: an unreadable entry to remember at the place the edit clears.
            merge: consecutive edits with the same non-empty key make one undo step (a text
                being typed), whatever they change.
            marks: every unreadable entry after the edit (replacing all of them), for an editor
                that rewrites a whole block at once (the 绩效 projects).
        """
        command = EditCommand(self, edit, title, marks=MarkChange(mark, marks), merge=merge)
        self.undo_stack.push(command)
        if not command.ok:  # nothing was saved: the step must not stay on the stack
            command.setObsolete(True)
            self.undo_stack.undo()
        return command.ok

    def write(
        self,
        edit: Edit,
        mark: tuple[MarkKey, InvalidMark] | None = None,
        *,
        marks: dict[MarkKey, InvalidMark] | None = None,
    ) -> bool:
        """Apply and save an edit; the marks it touches are replaced (or all set to `marks`).

        Texts are cleaned first (`desktop.core.limits.cleaned`): whatever way a text came in
        (typed, pasted, imported), no control character or lone surrogate is stored.
        """
        clean = cleaned(edit)
        if clean is not edit:
            edit = clean
            self.notice.emit("已去掉文字中无法保存的字符（控制字符或无效字符）；其余内容已保存。")
        edited = apply_edit(self.case, edit)
        persisted = edited != self.case
        if persisted:
            try:
                persist_edit(self.db, self.case_id, edited, edit)
            except Exception as exc:  # the disk is full, the file read-only or locked…
                self.unsaved = edit
                reason = failure_text(exc, database_path(self.db)).rstrip("。")
                self.failed.emit(f"刚才的修改没有保存：{reason}。")
                return False
        if marks is not None:
            self.invalid = dict(marks)
        else:
            for touched in _touched(edit):
                for key in [k for k in self.invalid if k[: len(touched)] == touched]:
                    del self.invalid[key]
            if mark is not None:
                self.invalid[mark[0]] = mark[1]
        if persisted:
            self.case = edited
            self.figures = Figures(edited, self.profile, self.catalog.codes, self.cache)
        self.issues = self._check()
        if persisted:
            self.saved.emit()
        self.case_changed.emit()
        self.issues_changed.emit()
        return True

    def retry(self) -> bool:
        """Save again the edit whose saving failed (after the officer freed the disk…)."""
        edit, self.unsaved = self.unsaved, None
        return edit is not None and self.apply(edit, "重试保存")

    def _check(self) -> list[Issue]:
        """The checks' issues, with a 错误 first for every unreadable entry."""
        found = run_checks(self.figures)
        typed = [
            Issue(
                Severity.ERROR,
                INVALID_RULE,
                f"“{m.label}”填写的“{m.text}”无法识别：{m.problem.rstrip('。')}。"
                "该处按未填处理，请改正。",
                m.location,
            )
            for m in self.invalid.values()
        ]
        order: dict[str, int] = {s.id: n for n, s in enumerate(self.profile.sections)}
        return sorted(
            typed + found,
            key=lambda i: (order.get(i.location.section, len(order)), SEVERITY_ORDER[i.severity]),
        )

    # A unit's case types every figure; a 部门 case (DepartmentSession) overrides these.
    def is_own_field(self, section: str, field: str) -> bool:
        """Whether the officer types this field here (always, for a unit's case)."""
        return True

    def field_tooltip(self, section: str, field: str, *, money: bool) -> str:
        """Where a field's value comes from when it is not typed here."""
        return ""

    def member_count(self) -> int:
        """How many unit cases the figures are summed from (0: typed here)."""
        return 0

    def mark_of(self, key: MarkKey) -> InvalidMark | None:
        return self.invalid.get(key)

"""The open case: its data, figures and issues, every edit saved at once and undoable.

Pages never call each other: they send edits here and listen to `case_changed` and
`issues_changed`. Each edit is written to SQLite in its own transaction before the signal is
emitted (the title bar then says 已保存); QUndoStack undoes and redoes edits the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.core.calc import Figures
from desktop.core.checks import run_checks
from desktop.core.edits import Edit, SetCell, SetField, apply_edit, inverse_of
from desktop.storage.edits import persist_edit

if TYPE_CHECKING:
    from sqlite_utils import Database

    from desktop.core.issues import Issue
    from desktop.core.model import Case, CaseId
    from desktop.sections.catalog import Catalog

MERGE_ID = 4242


class EditCommand(QUndoCommand):
    """One undoable edit; consecutive edits of the same field or cell merge into one step."""

    def __init__(self, session: CaseSession, edit: Edit, title: str) -> None:
        super().__init__(title)
        self.session = session
        self.edit = edit
        self.inverse = inverse_of(session.case, edit)
        self.first_inverse = self.inverse

    def redo(self) -> None:
        self.session.write(self.edit)

    def undo(self) -> None:
        self.session.write(self.first_inverse)

    def id(self) -> int:
        return MERGE_ID if isinstance(self.edit, SetField | SetCell) else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        if not isinstance(other, EditCommand) or not _same_target(self.edit, other.edit):
            return False
        self.edit = other.edit
        return True


def _same_target(a: Edit, b: Edit) -> bool:
    if isinstance(a, SetField) and isinstance(b, SetField):
        return (a.section, a.field) == (b.section, b.field)
    if isinstance(a, SetCell) and isinstance(b, SetCell):
        return (a.table, a.key, a.column) == (b.table, b.key, b.column)
    return False


class CaseSession(QObject):
    """The case being edited in the window."""

    case_changed = Signal()
    issues_changed = Signal()
    saved = Signal()
    failed = Signal(str)

    def __init__(self, db: Database, case_id: CaseId, case: Case, catalog: Catalog) -> None:
        super().__init__()
        self.db = db
        self.case_id = case_id
        self.case = case
        self.catalog = catalog
        self.profile = catalog.profile(case.profile_id)
        self.undo_stack = QUndoStack(self)
        self.figures = Figures(case, self.profile, catalog.codes)
        self.issues: list[Issue] = run_checks(self.figures)

    def apply(self, edit: Edit, title: str = "修改") -> None:
        """Apply an edit as one undo step (it is saved at once)."""
        self.undo_stack.push(EditCommand(self, edit, title))

    def write(self, edit: Edit) -> None:
        edited = apply_edit(self.case, edit)
        try:
            persist_edit(self.db, self.case_id, edited, edit)
        except Exception as exc:
            self.failed.emit(f"保存失败：{exc}。刚才的修改没有保存，请检查磁盘后重试。")
            return
        self.case = edited
        self.figures = Figures(edited, self.profile, self.catalog.codes)
        self.issues = run_checks(self.figures)
        self.saved.emit()
        self.case_changed.emit()
        self.issues_changed.emit()

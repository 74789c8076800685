"""Slow work (export, PDF) off the UI thread: run a callable on QThreadPool, call back in the UI.

The callable never touches widgets; its result or its error comes back through signals, which
Qt delivers on the UI thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desktop.ui.messages import failure_text

if TYPE_CHECKING:
    from collections.abc import Callable


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(str)


class Task(QRunnable):
    """A callable run on the thread pool."""

    def __init__(self, work: Callable[[], object]) -> None:
        super().__init__()
        self.work = work
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # the reason in Chinese (an OS or SQLite error translated)
            self.signals.failed.emit(failure_text(exc))
        else:
            self.signals.finished.emit(result)


def run_task(
    work: Callable[[], object], on_done: Callable[[object], None], on_error: Callable[[str], None]
) -> Task:
    """Start `work` in the background; `on_done(result)` or `on_error(message)` follow."""
    task = Task(work)
    task.signals.finished.connect(on_done)
    task.signals.failed.connect(on_error)
    QThreadPool.globalInstance().start(task)
    return task

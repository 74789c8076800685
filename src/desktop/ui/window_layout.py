"""The window on a small screen: the 检查结果 list below the page, the step list hideable.

Below `NARROW` logical pixels (1024×700, or 1366×768 at 150 % scaling) the 检查结果 dock moves
under the page so that a wide table such as 收入决算表 gets the window's width; it moves back
to the right when the window is widened again (unless the officer placed it elsewhere). 视图 →
步骤列表 (Ctrl+L) hides and shows the step list; 上一步/下一步 (Ctrl+PgUp/Ctrl+PgDown) move
between steps with the list hidden.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDockWidget, QListWidget, QMainWindow, QMenu

NARROW = 1280
BOTTOM_DOCK_HEIGHT = 190  # at most; a quarter of a low window (the page keeps the rest)


class NarrowLayout(QObject):
    """Watches the window's width and places the dock; owns the step-list actions."""

    def __init__(self, window: QMainWindow, dock: QDockWidget, steps: QListWidget) -> None:
        super().__init__(window)
        self.window = window
        self.dock = dock
        self.steps = steps
        self.moved = False  # the dock was put at the bottom by this, not by the officer
        self.steps_action = QAction("步骤列表", window)
        self.steps_action.setObjectName("action:steps")
        self.steps_action.setCheckable(True)
        self.steps_action.setChecked(True)
        self.steps_action.setShortcut(QKeySequence("Ctrl+L"))
        self.steps_action.toggled.connect(steps.setVisible)
        self.previous_action = QAction("上一步", window)
        self.previous_action.setShortcut(QKeySequence("Ctrl+PgUp"))
        self.previous_action.triggered.connect(lambda: self.step(-1))
        self.next_action = QAction("下一步", window)
        self.next_action.setShortcut(QKeySequence("Ctrl+PgDown"))
        self.next_action.triggered.connect(lambda: self.step(1))
        window.installEventFilter(self)

    def add_to(self, menu: QMenu) -> None:
        menu.addAction(self.steps_action)
        menu.addAction(self.previous_action)
        menu.addAction(self.next_action)
        for action in (self.steps_action, self.previous_action, self.next_action):
            self.window.addAction(action)  # the keys work with the menu bar closed

    def step(self, direction: int) -> None:
        """Go to the next (1) or previous (-1) step, skipping the part headings."""
        row = self.steps.currentRow() + direction
        while 0 <= row < self.steps.count():
            item = self.steps.item(row)
            if item is not None and item.flags() & Qt.ItemFlag.ItemIsEnabled:
                self.steps.setCurrentRow(row)
                return
            row += direction

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.window and event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        """Dock at the bottom on a narrow window, back on the right on a wide one."""
        if self.dock.isFloating():
            return
        area = self.window.dockWidgetArea(self.dock)
        narrow = self.window.width() < NARROW
        right = Qt.DockWidgetArea.RightDockWidgetArea
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        if narrow and area == right:
            self.window.addDockWidget(bottom, self.dock)
            height = min(BOTTOM_DOCK_HEIGHT, self.window.height() // 4)
            self.window.resizeDocks([self.dock], [height], Qt.Orientation.Vertical)
            self.moved = True
        elif not narrow and self.moved and area == bottom:
            self.window.addDockWidget(right, self.dock)
            self.window.resizeDocks([self.dock], [340], Qt.Orientation.Horizontal)
            self.moved = False

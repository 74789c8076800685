"""Editors for the field types of a profile: amount, count, text and paragraphs.

Each editor commits through a callback; a value the officer typed that cannot be read stays in
the editor, marked red, with the reason in its tooltip — nothing typed is thrown away — and is
reported through `reject` (the session then stores "no value" and shows a 错误 there).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from desktop.core.model import Value
from desktop.core.money import AmountError, evaluate_amount, format_wan, parse_count
from desktop.ui.entry_guard import guard

if TYPE_CHECKING:
    from PySide6.QtGui import QFocusEvent

INVALID_STYLE = "background: #fde2e1; border: 1px solid #d93025;"
TYPING_DELAY_MS = 400

Commit = Callable[[Value | None], None]
Reject = Callable[[str, str], None]


class AmountEdit(QLineEdit):
    """An amount in 万元: IME full-width digits, 1,234.56, a trailing 万元/元, 12.5+3.2."""

    def __init__(
        self, commit: Commit, parent: QWidget | None = None, *, reject: Reject | None = None
    ) -> None:
        super().__init__(parent)
        self._commit = commit
        self._reject = reject
        self.setPlaceholderText("单位：万元，可写算式如 12.5+3.2")
        guard(self)  # control characters and lone surrogates never reach the case
        self.editingFinished.connect(self._on_editing_finished)

    def show_value(self, value: Value | None, invalid: tuple[str, str] | None = None) -> None:
        """Show the stored value, or the unreadable text typed there (`invalid`: text, reason).

        Without a `reject` callback the editor itself keeps an unreadable entry on screen.
        """
        if self.hasFocus():
            return
        if invalid is not None:
            self.setText(invalid[0])
            self._mark(invalid[1])
            return
        if self.property("invalid") and self._reject is None:
            return
        self._mark(None)
        self.setText(self._shown(value))

    def _shown(self, value: Value | None) -> str:
        return format_wan(value) if isinstance(value, Decimal) else ""

    def _parse(self, text: str) -> Value:
        return evaluate_amount(text)

    def _on_editing_finished(self) -> None:
        text = self.text().strip()
        if not text:
            self._mark(None)
            self._commit(None)
            return
        try:
            value = self._parse(text)
        except AmountError as exc:
            self._mark(exc.message)
            if self._reject is not None:
                self._reject(text, exc.message)
            return
        self._mark(None)
        self._commit(value)
        self.setText(self._shown(value))

    def _mark(self, problem: str | None) -> None:
        self.setProperty("invalid", bool(problem))
        self.setStyleSheet(INVALID_STYLE if problem else "")
        self.setToolTip(problem or "")


class CountEdit(AmountEdit):
    """A whole number (辆、个、人次)."""

    def __init__(
        self, commit: Commit, parent: QWidget | None = None, *, reject: Reject | None = None
    ) -> None:
        super().__init__(commit, parent, reject=reject)
        self.setPlaceholderText("整数")

    def _shown(self, value: Value | None) -> str:
        return str(value) if isinstance(value, int) else ""

    def _parse(self, text: str) -> Value:
        return parse_count(text)


class TextEdit(QLineEdit):
    """One line of text, committed shortly after the officer stops typing."""

    def __init__(self, commit: Commit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._commit = commit
        self._timer = QTimer(self, singleShot=True, interval=TYPING_DELAY_MS)
        self._timer.timeout.connect(self._flush)
        self.textEdited.connect(lambda _: self._timer.start())
        guard(self)  # control characters and lone surrogates never reach the case
        self.editingFinished.connect(self._flush)

    def show_value(self, value: Value | None) -> None:
        if not self.hasFocus():
            self.setText(value if isinstance(value, str) else "")

    def _flush(self) -> None:
        self._timer.stop()
        self._commit(self.text())


class ParagraphsEdit(QPlainTextEdit):
    """Several paragraphs, one per line."""

    def __init__(
        self, commit: Commit, parent: QWidget | None = None, *, as_text: bool = False
    ) -> None:
        super().__init__(parent)
        self._commit = commit
        self._as_text = as_text
        self.setTabChangesFocus(True)
        guard(self)  # control characters and lone surrogates never reach the case
        self.setMinimumHeight(70)
        self._timer = QTimer(self, singleShot=True, interval=TYPING_DELAY_MS)
        self._timer.timeout.connect(self._flush)
        self.textChanged.connect(self._on_text_changed)
        self._loading = False

    def show_value(self, value: Value | None) -> None:
        if self.hasFocus():
            return
        text = (
            "\n".join(value)
            if isinstance(value, tuple)
            else (value if isinstance(value, str) else "")
        )
        if text != self.toPlainText():
            self._loading = True
            self.setPlainText(text)
            self._loading = False

    def _on_text_changed(self) -> None:
        if not self._loading:
            self._timer.start()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        self._flush()
        super().focusOutEvent(event)

    def _flush(self) -> None:
        if not self._timer.isActive() and self._loading:
            return
        self._timer.stop()
        text = self.toPlainText()
        if self._as_text:
            self._commit(text)
        else:
            self._commit(tuple(line for line in text.split("\n")))

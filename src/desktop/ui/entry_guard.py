"""Text typed or pasted into any field of the window is cleaned at entry, with a message.

The limits of `desktop.core.limits` (the same as ``load`` and the Excel import): lone surrogates
and control characters other than tab and newline are removed as soon as they appear (text
pasted from another program often carries them), and a text longer than the limit is cut; the
field says what was removed (tooltip, and the window's status bar). One application-wide event
filter guards every line and paragraph editor when it is first polished, so editors made later
(table cells, dialogs) are covered too; `guard` attaches to one editor directly.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QToolTip,
    QWidget,
)

from desktop.core.limits import MAX_TEXT, clean_text

NOTE = "entry_note"
_GUARDED = "entry_guarded"


def clean_entry(text: str) -> tuple[str, str]:
    """(the storable text, the message saying what was removed; empty when nothing was)."""
    kept = clean_text(text)
    notes = []
    if kept != text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n"):
        removed = len(text) - len(kept)
        notes.append(
            f"已去掉 {removed} 个无法保存的字符（控制字符或无效字符，常见于从其他程序粘贴的文字）；"
            "文字中只能有制表符和换行"
        )
    if len(kept) > MAX_TEXT:
        notes.append(f"文字过长，只保留了前 {MAX_TEXT} 个字符")
        kept = kept[:MAX_TEXT]
    return kept, "；".join(notes) + ("。" if notes else "")


def _say(widget: QWidget, note: str) -> None:
    widget.setProperty(NOTE, note)
    if widget.isVisible():
        QToolTip.showText(widget.mapToGlobal(widget.rect().bottomLeft()), note, widget)
    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(note, 10_000)


def _check_line(edit: QLineEdit) -> None:
    text = edit.text()
    kept, note = clean_entry(text)
    if note and kept != text:
        position = edit.cursorPosition()
        edit.setText(kept)
        edit.setCursorPosition(min(position, len(kept)))
        _say(edit, note)


def _check_paragraphs(edit: QPlainTextEdit) -> None:
    text = edit.toPlainText()
    kept, note = clean_entry(text)
    if note and kept != text:
        cursor = edit.textCursor()
        position = cursor.position()
        edit.setPlainText(kept)
        cursor = edit.textCursor()
        cursor.setPosition(min(position, len(kept)))
        edit.setTextCursor(cursor)
        _say(edit, note)


def guard(widget: QWidget) -> None:
    """Clean the text of `widget` (a line or paragraph editor) whenever it changes."""
    if widget.property(_GUARDED):
        return
    if isinstance(widget, QLineEdit):
        widget.setProperty(_GUARDED, True)
        widget.textChanged.connect(lambda _text, w=widget: _check_line(w))
        _check_line(widget)
    elif isinstance(widget, QPlainTextEdit):
        widget.setProperty(_GUARDED, True)
        widget.textChanged.connect(lambda w=widget: _check_paragraphs(w))
        _check_paragraphs(widget)


class _Filter(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Polish and isinstance(watched, QLineEdit | QPlainTextEdit):
            guard(watched)
        return False


_FILTER: list[_Filter] = []


def install() -> None:
    """Guard every line and paragraph editor of the application (once; idempotent)."""
    app = QApplication.instance()
    if app is None or (_FILTER and _FILTER[-1].parent() is app):
        return
    _FILTER.append(_Filter(app))
    app.installEventFilter(_FILTER[-1])

"""Composition root of the window: QApplication, Chinese translations and font, the sample case."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from desktop import paths

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from desktop.ui.preview_window import PreviewWindow


def make_application(argv: list[str]) -> QApplication:
    """A QApplication with Qt's Chinese translations and the bundled font."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    app = QApplication(argv)
    translator = QTranslator(app)
    if translator.load(
        QLocale(QLocale.Language.Chinese, QLocale.Country.China),
        "qtbase",
        "_",
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
    ):
        app.installTranslator(translator)
    font_id = QFontDatabase.addApplicationFont(
        str(paths.resources_dir() / "fonts" / "NotoSansSC-Regular.otf")
    )
    families = QFontDatabase.applicationFontFamilies(font_id)
    if families:
        app.setFont(QFont(families[0], 10))
    return app


def sample_window() -> PreviewWindow:
    """The window on the built-in sample."""
    from desktop.core.calc import Figures
    from desktop.core.narrative.document import build_document
    from desktop.sections.catalog import load_catalog
    from desktop.storage.interchange import loads_case
    from desktop.ui.preview_window import PreviewWindow

    catalog = load_catalog(paths.forms_dir(), paths.resources_dir() / "codetables")
    sample = paths.resources_dir() / "samples" / "nmg-2022-unit.json"
    case = loads_case(sample.read_text(encoding="utf-8"), catalog.profiles)
    figures = Figures(case, catalog.profile(case.profile_id), catalog.codes)
    window = PreviewWindow(figures, build_document(figures))
    window.resize(1280, 800)
    return window


def run_gui() -> int:
    """Open the window on the built-in sample and run the event loop."""
    app = make_application(sys.argv)
    window = sample_window()
    window.show()
    return app.exec()

"""Screenshots of the window on the built-in sample, for review and for the user guide.

Runs offscreen (no display needed) and writes PNGs to docs/screenshots/ (or the folder given):
python scripts/screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop import paths
from desktop.core.calc import Figures
from desktop.core.narrative.document import build_document
from desktop.sections.catalog import load_catalog
from desktop.storage.interchange import loads_case
from desktop.ui.preview_window import PreviewWindow

STEPS = (
    "一、收入支出决算总体情况说明",
    "三、支出决算情况说明",
    "八、财政拨款“三公”经费支出决算情况说明",
)


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    font_id = QFontDatabase.addApplicationFont(
        str(paths.resources_dir() / "fonts" / "NotoSansSC-Regular.otf")
    )
    app.setFont(QFont(QFontDatabase.applicationFontFamilies(font_id)[0], 10))
    catalog = load_catalog(paths.forms_dir(), paths.resources_dir() / "codetables")
    sample = paths.resources_dir() / "samples" / "nmg-2022-unit.json"
    case = loads_case(sample.read_text(encoding="utf-8"), catalog.profiles)
    figures = Figures(case, catalog.profile(case.profile_id), catalog.codes)
    window = PreviewWindow(figures, build_document(figures))
    window.resize(1280, 800)
    window.show()
    titles = [window.steps.item(i).text() for i in range(window.steps.count())]
    for n, step in enumerate(STEPS, start=1):
        window.steps.setCurrentRow(titles.index(step))
        app.processEvents()
        path = out / f"preview-{n}.png"
        window.grab().save(str(path))
        print(path)


if __name__ == "__main__":
    main()

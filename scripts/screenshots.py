"""Screenshots of the window on the built-in sample, for review and for the user guide.

Runs offscreen (no display needed) and writes PNGs to docs/screenshots/ (or the folder given):
python scripts/screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.app import make_application, sample_window

STEPS = (
    "一、收入支出决算总体情况说明",
    "三、支出决算情况说明",
    "八、财政拨款“三公”经费支出决算情况说明",
)


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = make_application([])
    window = sample_window()
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

"""Entry script of the frozen app: the same entry point as the ``juesuan`` console script.

``JUESUAN_SELFTEST=<file.png>`` runs a self-test instead: the window on the built-in sample and a
matplotlib QtAgg chart, each saved as a PNG (<file.png> and <file.png>.chart.png), then exit 0.
installer/smoke-test and installer/build-windows.ps1 use it to check a build's Qt plugins and the
QtAgg backend without a person at the screen. It runs here, after PyInstaller's run-time hooks
(PySide6's sets up the Qt plugin path), not in rthook_juesuan.py, which runs before them.
"""

from __future__ import annotations

import os
import sys


def self_test(target: str) -> int:
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure

    from desktop import paths
    from desktop.app import make_application, sample_window
    from desktop.export.charts import register_font

    app = make_application(sys.argv[:1])
    window = sample_window()
    family = register_font(paths.resources_dir() / "fonts")
    figure = Figure(figsize=(4, 3), dpi=100)
    figure.add_subplot().pie(
        [5, 3, 2], labels=["基本支出", "项目支出", "其他"], textprops={"family": family}
    )
    canvas = FigureCanvasQTAgg(figure)  # type: ignore[no-untyped-call]
    canvas.draw()  # type: ignore[no-untyped-call]
    window.show()
    canvas.show()
    app.processEvents()
    saved = window.grab().save(target) and canvas.grab().save(target + ".chart.png")
    canvas.close()
    window.close()
    return 0 if saved else 1


if __name__ == "__main__":
    if os.environ.get("JUESUAN_SELFTEST"):
        sys.exit(self_test(os.environ["JUESUAN_SELFTEST"]))
    from desktop.__main__ import main

    main()

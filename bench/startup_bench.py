"""Benchmark: time until the first window is on screen, as whole processes.

Baseline: a bare PySide6 QMainWindow shown and the process ended (same interpreter, same
offscreen platform). Measured: `python -m desktop` (the start screen) with
JUESUAN_EXIT_AFTER_SHOW=1, which ends the program once its first window is shown. Medians of N
fresh processes each, in the same run; the ratio is what the issue bounds (≤ 1.3).
Run: python bench/startup_bench.py [N]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

BARE = (
    "import sys\n"
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication(sys.argv)\n"
    "w = QMainWindow(); w.setWindowTitle('x'); w.show()\n"
    "QTimer.singleShot(0, app.quit)\n"
    "app.exec()\n"
)


def _median(cmd: list[str], env: dict[str, str], runs: int) -> float:
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": home, "XDG_DATA_HOME": home,
               "XDG_CONFIG_HOME": home, "JUESUAN_EXIT_AFTER_SHOW": "1"}  # fmt: skip
        bare = _median([sys.executable, "-c", BARE], env, runs)
        app = _median([sys.executable, "-m", "desktop"], env, runs)
    print(f"bare QMainWindow shown     median of {runs}: {bare * 1000:7.1f} ms (1.00× baseline)")
    print(
        f"juesuan start screen shown median of {runs}: {app * 1000:7.1f} ms ({app / bare:4.2f}× baseline)"
    )


if __name__ == "__main__":
    main()

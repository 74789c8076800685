"""Benchmark: export of the built-in sample and `juesuan --version`, as whole processes.

Each measurement is the median of N fresh processes, reported next to a baseline measured in
the same run (`python -c pass`), and as a ratio to it. Run: python bench/export_bench.py [N]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _median_seconds(cmd: list[str], runs: int) -> float:
    subprocess.run(cmd, check=True, capture_output=True)  # warm-up, discarded
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "sample.docx")
        rows = [
            ("baseline: python -c pass", [py, "-c", "pass"]),
            ("juesuan --version", [py, "-m", "desktop", "--version"]),
            ("juesuan export --sample", [py, "-m", "desktop", "export", "--sample", "-o", out]),
        ]
        base = None
        for name, cmd in rows:
            seconds = _median_seconds(cmd, runs)
            base = base or seconds
            print(
                f"{name:32s} median of {runs}: {seconds * 1000:8.1f} ms  ({seconds / base:5.1f}× baseline)"
            )


if __name__ == "__main__":
    main()

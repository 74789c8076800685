"""Benchmark: the Word export, warm and cold, against python-docx's own open-and-save floor.

In one run, for each installed sample:
- warm export: build the document and write the .docx in a process that has already exported
  once (as the window does), median of N; also with the chart cache emptied each time;
- floor: python-docx opening and saving the same finished .docx, median of N;
- the ratio warm / floor (target ≤ 6);
and once: the cold process `juesuan export --sample -o …`, median of N fresh processes (target
≤ 1.0 s), next to `python -c pass` measured the same way.

Run: python bench/export_bench.py [N]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import docx

from desktop import paths
from desktop.core.calc import Figures
from desktop.core.narrative.document import build_document
from desktop.export import charts
from desktop.export.docx import export_docx
from desktop.sections.catalog import load_catalog
from desktop.storage.interchange import loads_case

if TYPE_CHECKING:
    from collections.abc import Callable


def _median(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm-up, discarded
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _process(cmd: list[str], runs: int) -> float:
    return _median(lambda: subprocess.run(cmd, check=True, capture_output=True), runs)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    catalog = load_catalog(paths.forms_dir(), paths.resources_dir() / "codetables")
    fonts = paths.resources_dir() / "fonts"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        print(f"{'sample':16s} {'warm':>9s} {'no cache':>9s} {'floor':>9s} {'ratio':>6s}")
        for sample in sorted((paths.resources_dir() / "samples").glob("*.json")):
            case = loads_case(sample.read_text(encoding="utf-8"), catalog.profiles)
            figures = Figures(case, catalog.profile(case.profile_id), catalog.codes)
            template = paths.resources_dir() / "templates" / figures.profile.template
            target = out / f"{sample.stem}.docx"

            def export(f: Figures = figures, t: Path = template, o: Path = target) -> None:
                export_docx(build_document(f), f, t, fonts, o)

            def redraw(e: Callable[[], None] = export) -> None:
                charts._PNGS.clear()
                e()

            def floor(o: Path = target) -> None:
                docx.Document(str(o)).save(str(o.with_suffix(".floor.docx")))

            warm = _median(export, runs)
            uncached = _median(redraw, runs)
            base = _median(floor, runs)
            print(
                f"{sample.stem:16s} {warm * 1000:7.0f}ms {uncached * 1000:7.0f}ms "
                f"{base * 1000:7.0f}ms {warm / base:5.1f}×"
            )
        py = sys.executable
        cold = [py, "-m", "desktop", "export", "--sample", "-o", str(out / "cold.docx")]
        baseline = _process([py, "-c", "pass"], runs)
        seconds = _process(cold, runs)
        print(f"cold `juesuan export --sample`, median of {runs}: {seconds * 1000:.0f} ms")
        print(f"baseline `python -c pass`, median of {runs}: {baseline * 1000:.0f} ms")


if __name__ == "__main__":
    main()

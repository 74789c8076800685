"""Benchmark: the Word export, warm and cold, against python-docx's own open-and-save floor.

In one run, for each installed sample:
- warm export: build the document and write the .docx in a process that has already exported
  once (as the window does), median of N; also with the chart cache emptied each time;
- floor: python-docx opening and saving the same finished .docx, median of N;
- the ratio warm / floor (target ≤ 6);
and once: the cold process `juesuan export --sample -o …`, median of N fresh processes (target
≤ 1.0 s), wall-clock and CPU (user + system: what the process itself cost, less disturbed by
other work on the machine), next to `python -c "import desktop"` and `python -c pass` measured
the same way, with the load average before and after (the machine is shared).

The processes run with bytecode caching on, as an installed program does (pip and the frozen
build ship compiled modules): the sources are compiled once before the runs.

Run: python bench/export_bench.py [N]
"""

from __future__ import annotations

import compileall
import os
import resource
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


def _process(cmd: list[str], runs: int) -> tuple[float, float]:
    """Median wall-clock and median CPU (user + system) seconds of fresh processes."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    walls: list[float] = []
    cpus: list[float] = []
    for n in range(runs + 1):  # the first run is a warm-up (file cache), discarded
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if n:
            walls.append(wall)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


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
        compileall.compile_dir(str(Path(paths.__file__).parent), quiet=1)
        load_before = _load()
        cold = [py, "-m", "desktop", "export", "--sample", "-o", str(out / "cold.docx")]
        rows = [
            ("cold `juesuan export --sample`", cold),
            ('baseline `python -c "import desktop"`', [py, "-c", "import desktop"]),
            ("baseline `python -c pass`", [py, "-c", "pass"]),
        ]
        measured = [(name, *_process(cmd, runs)) for name, cmd in rows]
        print(f"load average before: {load_before}, after: {_load()} (1, 5, 15 min; 2 cores)")
        print(f"{'process, median of ' + str(runs):44s} {'wall':>8s} {'cpu':>8s}")
        for name, wall, cpu in measured:
            print(f"{name:44s} {wall * 1000:6.0f}ms {cpu * 1000:6.0f}ms")
        cold_wall, cold_cpu = measured[0][1:]
        base_wall, base_cpu = measured[1][1:]
        print(
            f"cold / import desktop: {cold_wall / base_wall:.1f}× wall, "
            f"{cold_cpu / base_cpu:.1f}× cpu (target: cold ≤ 1000 ms on an idle machine)"
        )


if __name__ == "__main__":
    main()

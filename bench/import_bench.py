"""Benchmark: importing the sample's 公开表 workbook (12 sheets), as the window's preview does.

The workbook is the sample exported by `export_xlsx`. Measured in the same run, median of N:
the baseline (python-calamine reading every sheet into Python lists, nothing else), our reader
(the same plus Decimal conversion), and the whole preview (read + recognise every table against
the case + apply the edits to a copy). Reported with ratios to the baseline.
Run: python bench/import_bench.py [N]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from python_calamine import CalamineWorkbook

from desktop import paths
from desktop.core.calc import Figures
from desktop.core.edits import apply_edit
from desktop.core.model import Case
from desktop.export.xlsx import export_xlsx
from desktop.importing.recognise import recognise
from desktop.importing.workbook import read_workbook
from desktop.sections.catalog import load_catalog
from desktop.storage.interchange import loads_case


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    catalog = load_catalog(paths.forms_dir(), paths.resources_dir() / "codetables")
    sample = paths.resources_dir() / "samples" / "nmg-2022-unit.json"
    case = loads_case(sample.read_text(encoding="utf-8"), catalog.profiles)
    profile = catalog.profile(case.profile_id)
    book = Path(tempfile.mkdtemp(prefix="juesuan-bench-")) / "sample.xlsx"
    export_xlsx(Figures(case, profile, catalog.codes), book)
    empty = Case(profile.id, case.unit)

    def baseline() -> None:
        workbook = CalamineWorkbook.from_path(str(book))
        for name in workbook.sheet_names:
            workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)

    def read() -> None:
        read_workbook(book)

    def preview() -> None:
        report = recognise(read_workbook(book), profile, empty)
        apply_edit(empty, report.edit)

    results = {}
    for name, fn in (
        ("baseline: calamine reads the sheets", baseline),
        ("read_workbook (cells as Decimal)", read),
        ("read + recognise + apply (the preview)", preview),
    ):
        for _ in range(3):
            fn()
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        results[name] = statistics.median(times)
    base = results["baseline: calamine reads the sheets"]
    print(f"sample workbook {book.stat().st_size / 1024:.1f} KB, median of {runs} runs")
    for name, seconds in results.items():
        print(f"{name:42s} {seconds * 1000:8.2f} ms  {seconds / base:6.2f}×")


if __name__ == "__main__":
    main()

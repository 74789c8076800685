"""Benchmark: a full re-check of the sample after one edit, as the window does on a keystroke.

One "edit" replaces one field of the case (a new immutable Case), then the figures are rebuilt
and every rule of the profile runs. Reported: median of N runs, next to a baseline measured in
the same run (rebuilding the figures alone), and the ratio. Run: python bench/check_bench.py [N]
"""

from __future__ import annotations

import dataclasses
import statistics
import sys
import time
from decimal import Decimal

from desktop import paths
from desktop.core.calc import FigureCache, Figures
from desktop.core.checks import run_checks
from desktop.core.model import Case, TableValues
from desktop.sections.catalog import load_catalog
from desktop.storage.interchange import loads_case


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    catalog = load_catalog(paths.forms_dir(), paths.resources_dir() / "codetables")
    sample = paths.resources_dir() / "samples" / "nmg-2022-unit.json"
    case = loads_case(sample.read_text(encoding="utf-8"), catalog.profiles)
    profile = catalog.profile(case.profile_id)

    t5 = case.tables["t5"]

    def edited(n: int) -> Case:
        """Alternately a field (a 上年 figure) and a table cell (a 项 of table 六) changes."""
        if n % 2:
            fields = {
                **case.fields,
                "overall": {**case.fields["overall"], "prior_total": Decimal(5412400 + n % 7)},
            }
            return dataclasses.replace(case, fields=fields)
        row = dataclasses.replace(
            t5.rows[0], cells={**t5.rows[0].cells, "budget": Decimal(45500 + n % 7)}
        )
        rows = TableValues((row, *t5.rows[1:]))
        return dataclasses.replace(case, tables={**case.tables, "t5": rows})

    cache = FigureCache()  # what the window keeps for an open case

    def grids_only(n: int) -> None:
        figures = Figures(edited(n), profile, catalog.codes, cache)
        for table in profile.tables():
            figures.grid(table.id)

    def full_check(n: int) -> None:
        run_checks(Figures(edited(n), profile, catalog.codes))  # type: ignore[arg-type]  # edited() returns a Case built by dataclasses.replace

    results = {}
    for name, fn in (
        ("baseline: edit + figures", grids_only),
        ("edit + figures + all rules", full_check),
    ):
        for n in range(20):
            fn(n)  # warm-up
        times = []
        for n in range(runs):
            start = time.perf_counter()
            fn(n)
            times.append(time.perf_counter() - start)
        results[name] = statistics.median(times)
    base = results["baseline: edit + figures"]
    for name, seconds in results.items():
        print(
            f"{name:30s} median of {runs}: {seconds * 1000:6.2f} ms  ({seconds / base:4.2f}× baseline)"
        )


if __name__ == "__main__":
    main()

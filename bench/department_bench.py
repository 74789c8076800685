"""Benchmark: a district's department of 200 units, consolidated and checked.

Builds (once, in a temp folder) a database of 200 units × 5 years made from the 上海 sample with
varied figures (every amount of a unit scaled by a whole factor, so each unit stays consistent),
and one department of the 200 units of the newest year, its 本级 paying each subordinate a 补助.
Then, each the median of N runs in this process, reported with the baseline measured in the same
run (reading the 200 member cases from the database):
- open the database, consolidate the department and run every check (the department's rules,
  each member's own checks, the profile's rules on the consolidated case);
- list the 1,000 cases with their 错误/警告 counts as the start screen shows them (after the
  first listing, which checks every case once and is reported on its own);
and the peak memory of the process. Run: python bench/department_bench.py [N] [DB]
(with DB, the database is built there once and reused by later runs, e.g. for profiling).
"""

from __future__ import annotations

import copy
import json
import resource
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop import paths
from desktop.core.calc import Figures
from desktop.core.checks import run_checks
from desktop.core.department import (
    Department,
    Elimination,
    FlowType,
    Kind,
    Level,
    Member,
    own_case,
)
from desktop.core.model import CaseId
from desktop.sections.catalog import load_catalog
from desktop.services.departments import checked_department
from desktop.storage.case_list import case_statuses
from desktop.storage.cases import load_case, save_case
from desktop.storage.db import close_db, open_db
from desktop.storage.departments import (
    load_department,
    member_cases,
    save_department,
)
from desktop.storage.interchange import loads_case

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlite_utils import Database

UNITS, YEARS = 200, 5
SUBSIDY = Decimal("10000.00")


def _scaled(data: dict[str, Any], k: int) -> None:
    for section in data["fields"].values():
        for key, value in list(section.items()):
            if isinstance(value, str) and value.replace(".", "", 1).isdigit() and "." in value:
                section[key] = str(Decimal(value) * k)
    for rows in data["tables"].values():
        for r in rows:
            for col, value in list(r["cells"].items()):
                if (
                    isinstance(value, str)
                    and value.replace(".", "", 1).replace("-", "", 1).isdigit()
                ):
                    r["cells"][col] = str(Decimal(value) * k)


def _bump(rows: list[dict[str, Any]], key: str, col: str, amount: Decimal) -> None:
    for r in rows:
        if r["key"] == key:
            r["cells"][col] = str(Decimal(r["cells"].get(col, "0")) + amount)
            return
    rows.append({"key": key, "label": "", "cells": {col: str(amount)}})


def build(db: Database, catalog: Any) -> CaseId:
    base = json.loads((paths.resources_dir() / "samples" / "sh-2024-dept.json").read_text("utf-8"))
    newest: list[CaseId] = []
    with db.atomic():
        for year in range(2024 - YEARS + 1, 2025):
            for n in range(UNITS):
                data = copy.deepcopy(base)
                data["unit"] = {"name": f"示例单位{n:03d}", "year": year}
                _scaled(data, 1 + n % 7)
                if n == 0:  # the 本级 pays each subordinate a 补助
                    _bump(data["tables"]["t3"], "2013901", "affiliated", SUBSIDY * (UNITS - 1))
                    _bump(data["tables"]["t2"], "2013901", "other", SUBSIDY * (UNITS - 1))
                else:
                    _bump(data["tables"]["t2"], "2013950", "upper", SUBSIDY)
                    _bump(data["tables"]["t3"], "2013950", "basic", SUBSIDY)
                case_id = save_case(db, loads_case(json.dumps(data), catalog.profiles))
                if year == 2024:
                    newest.append(case_id)
    members = tuple(
        Member(f"示例单位{n:03d}", Kind.ADMIN if n == 0 else Kind.INSTITUTION,
               Level.OWN if n == 0 else Level.SUBORDINATE, cid)
        for n, cid in enumerate(newest)
    )  # fmt: skip
    pairs = tuple(
        Elimination(FlowType.E1, newest[0], cid, SUBSIDY, "2013901", "2013950")
        for cid in newest[1:]
    )
    # The department's own texts start as its 本级's (as 新建部门 does).
    own = own_case(catalog.profile("sh-2024-dept"), "示例部门", 2024, load_case(db, newest[0]))
    return save_department(db, Department(own, members, pairs))


def _median(fn: Callable[[], object], runs: int) -> float:
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    catalog = load_catalog(paths.forms_dir(), paths.resources_dir() / "codetables")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tmp) / "district.sqlite3"
        db = open_db(path)
        if db["cases"].count == 0:
            start = time.perf_counter()
            build(db, catalog)
            print(f"built {UNITS} units × {YEARS} years + 1 department in "
                  f"{time.perf_counter() - start:.1f} s")  # fmt: skip
        dept_id = CaseId(
            db.execute("SELECT max(id) FROM cases WHERE kind = 'department'").fetchone()[0]
        )
        close_db(db)

        def read_members() -> None:
            store = open_db(path, backups=False)
            try:
                dept = load_department(store, dept_id)
                member_cases(store, dept)
            finally:
                close_db(store)

        def consolidate_and_check() -> None:
            store = open_db(path, backups=False)
            try:
                found = checked_department(store, dept_id, catalog)
                assert found is not None
                case, issues = found
                profile = catalog.profile(case.profile_id)
                issues += run_checks(Figures(case, profile, catalog.codes))
            finally:
                close_db(store)
            if any(i.severity.value == "错误" for i in issues):
                raise SystemExit(f"unexpected 错误: {issues[:3]}")

        def list_all() -> None:
            store = open_db(path, backups=False)
            try:
                listed = case_statuses(store, catalog.profiles, catalog.codes)
            finally:
                close_db(store)
            assert len(listed) == UNITS * YEARS + 1

        start = time.perf_counter()
        list_all()  # the first listing checks every case once and fills the check cache
        print(f"first listing of {UNITS * YEARS + 1} cases (checks every case): "
              f"{time.perf_counter() - start:.1f} s")  # fmt: skip
        base = _median(read_members, runs)
        rows = [
            ("baseline: read the 200 member cases", base),
            ("open + consolidate + every check", _median(consolidate_and_check, runs)),
            (f"start screen: list {UNITS * YEARS + 1} cases + counts", _median(list_all, runs)),
        ]
        for name, seconds in rows:
            print(
                f"{name:42s} median of {runs}: {seconds * 1000:8.1f} ms  ({seconds / base:5.2f}× baseline)"
            )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory (max RSS): {peak:.0f} MB")


if __name__ == "__main__":
    main()

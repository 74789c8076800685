"""What a cold `juesuan export --sample` loads: its own profile only, no database library.

Speed itself is measured in bench/export_bench.py; these tests check the causes, in a fresh
process, so that a later import cannot slow the cold export down again unnoticed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING

from desktop import paths
from desktop.sections.catalog import load_catalog

if TYPE_CHECKING:
    from pathlib import Path

PROBE = (
    "import json, sys\n"
    "from desktop.cli.main import main\n"
    "code = main(['export', '--sample', 'nmg-2023-unit', '-o', sys.argv[1]])\n"
    "heavy = ('sqlite_utils', 'numpy', 'matplotlib', 'openpyxl', 'PySide6')\n"
    "print(json.dumps([code, [m for m in heavy if m in sys.modules]]))\n"
)


def test_a_cold_sample_export_loads_no_database_chart_or_window_library(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "a.docx")],
        capture_output=True, text=True, check=True, env=env,
    )  # fmt: skip
    code, loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert code == 0
    assert (tmp_path / "a.docx").stat().st_size > 10_000
    # the sample's two pies are drawn once and kept in the chart cache (then no matplotlib)
    assert set(loaded) <= {"matplotlib", "numpy"}  # matplotlib brings numpy
    again = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "b.docx")],
        capture_output=True, text=True, check=True, env=env,
    )  # fmt: skip
    assert json.loads(again.stdout.strip().splitlines()[-1]) == [0, []]


def test_the_catalog_can_load_one_profile_only() -> None:
    forms, codes = paths.forms_dir(), paths.resources_dir() / "codetables"
    assert sorted(load_catalog(forms, codes, only="sh-2024-dept").profiles) == ["sh-2024-dept"]
    # an unknown id loads them all, so the message can list what is installed
    everything = load_catalog(forms, codes, only="no-such-profile").profiles
    assert sorted(everything) == sorted(load_catalog(forms, codes).profiles)
    assert len(everything) >= 3

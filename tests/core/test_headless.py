"""The core and its tests need neither Qt nor the export, storage or Excel libraries."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# What the core may not need (pyproject's "Core is pure" contract checks the core's own imports;
# this also covers the core tests and the fixtures they use).
NOT_NEEDED = ("PySide6", "pytestqt", "docxtpl", "docx", "matplotlib", "sqlite_utils", "openpyxl",
              "python_calamine", "jinja2")  # fmt: skip

PROGRAM = f"""
import importlib, pkgutil, sys
import desktop.core, tests.core
import tests.conftest
for package in (desktop.core, tests.core):
    for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(module.name)
loaded = sorted({{name.split(".")[0] for name in sys.modules}} & set({NOT_NEEDED!r}))
print(",".join(loaded))
"""


def test_core_and_core_tests_load_none_of_the_heavy_libraries() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"loaded by the core or its tests: {result.stdout}"

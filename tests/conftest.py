"""Shared fixtures: the installed profiles, the built-in sample and its exported document."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from typing import TYPE_CHECKING

from desktop import paths
from desktop.core.calc import Figures
from desktop.core.narrative.document import Document, build_document
from desktop.sections.catalog import Catalog, load_catalog
from desktop.storage.interchange import loads_case

if TYPE_CHECKING:
    from desktop.core.model import Case

# No timed tests (speed is measured in bench/): hypothesis must not fail an example for taking
# longer than its default 200 ms deadline on a busy machine.
settings.register_profile("juesuan", deadline=None)
settings.load_profile("juesuan")

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "samples" / "nmg-2022-unit.json"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files")
    if importlib.util.find_spec("pytestqt") is None:  # scripts/test --no-qt: no pytest-qt there
        parser.addini("qt_api", "pytest-qt's setting, unused without pytest-qt")


@pytest.fixture(autouse=True)
def _user_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An empty user data folder per test (imported code tables, default database), never ~."""
    folder = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    monkeypatch.setenv("APPDATA", str(folder))


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(paths.forms_dir(), paths.resources_dir() / "codetables")


@pytest.fixture(scope="session")
def sample_case(catalog: Catalog) -> Case:
    return loads_case(SAMPLE.read_text(encoding="utf-8"), catalog.profiles)


@pytest.fixture(scope="session")
def figures(catalog: Catalog, sample_case: Case) -> Figures:
    return Figures(sample_case, catalog.profile(sample_case.profile_id), catalog.codes)


@pytest.fixture(scope="session")
def document(figures: Figures) -> Document:
    return build_document(figures)


def export_case(case: Case, catalog: Catalog, target: Path) -> Path:
    # here: the core tests run without docxtpl
    from desktop.export.docx import DocxOptions, export_docx
    from desktop.sections.templates import profile_template

    figures = Figures(case, catalog.profile(case.profile_id), catalog.codes)
    options = DocxOptions(profile_template(figures.profile), paths.resources_dir() / "fonts")
    export_docx(build_document(figures), figures, target, options)
    return target


@pytest.fixture(scope="session")
def sample_docx(
    tmp_path_factory: pytest.TempPathFactory, catalog: Catalog, sample_case: Case
) -> Path:
    return export_case(sample_case, catalog, tmp_path_factory.mktemp("export") / "sample.docx")

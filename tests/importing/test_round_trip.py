"""Round trip: the sample's 公开表 workbook, exported and imported again, gives the same case."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from desktop.core.calc import Figures
from desktop.core.edits import apply_edit
from desktop.core.model import Case, TableRow, TableValues, Unit
from desktop.core.narrative.document import build_document
from desktop.export.xlsx import export_xlsx
from desktop.importing.recognise import recognise
from desktop.importing.workbook import read_workbook

if TYPE_CHECKING:
    from pathlib import Path

    from desktop.core.spec import Profile
    from desktop.sections.catalog import Catalog

Figure = tuple[str, str, str, object]


@pytest.fixture(scope="module")
def sample_xlsx(tmp_path_factory: pytest.TempPathFactory, figures: Figures) -> Path:
    target = tmp_path_factory.mktemp("round-trip") / "sample.xlsx"
    export_xlsx(figures, target)
    return target


def printed_figures(case: Case, catalog: Catalog) -> set[Figure]:
    """Every figure the 公开表 print: (table, row, column, value); blank and 0 both print 0."""
    profile = catalog.profile(case.profile_id)
    out: set[Figure] = set()
    for spec in profile.disclosure_tables():
        printed = {c.id for side in spec.sides for c in side.columns if c.printed}
        for row in case.table(spec.id).rows:
            name = row.label or _code_name(catalog, spec.code_table, row.key)
            for column in printed:
                value = row.cells.get(column, Decimal("0.00"))
                if value not in (Decimal(0), ""):
                    out.add((spec.id, f"{row.key} {name}", column, value))
    return out


def _code_name(catalog: Catalog, table: str, code: str) -> str:
    return catalog.codes[table].name_of(code) if table else ""


def without_printed_figures(case: Case, profile: Profile) -> Case:
    """The sample with every figure the 公开表 carry removed (texts, reasons, 年初预算 stay)."""
    tables = dict(case.tables)
    for spec in profile.disclosure_tables():
        printed = {c.id for side in spec.sides for c in side.columns if c.printed}
        rows = []
        for row in case.table(spec.id).rows:
            kept = {k: v for k, v in row.cells.items() if k not in printed}
            if kept:
                rows.append(TableRow(row.key, row.label, kept))
        tables[spec.id] = TableValues(tuple(rows))
    return replace(case, tables=tables)


def test_an_empty_case_gets_every_printed_figure(
    sample_xlsx: Path, catalog: Catalog, sample_case: Case
) -> None:
    profile = catalog.profile(sample_case.profile_id)
    empty = Case(profile.id, Unit(sample_case.unit.name, sample_case.unit.year))
    report = recognise(read_workbook(sample_xlsx), profile, empty)
    assert report.refusal() == ""
    assert len(report.found) == len(profile.disclosure_tables())
    imported = apply_edit(empty, report.edit)
    assert printed_figures(imported, catalog) == printed_figures(sample_case, catalog)


def test_the_document_text_is_the_samples(
    sample_xlsx: Path, catalog: Catalog, sample_case: Case
) -> None:
    profile = catalog.profile(sample_case.profile_id)
    stripped = without_printed_figures(sample_case, profile)
    assert printed_figures(stripped, catalog) != printed_figures(sample_case, catalog)
    report = recognise(read_workbook(sample_xlsx), profile, stripped)
    assert report.refusal() == ""
    imported = apply_edit(stripped, report.edit)
    assert printed_figures(imported, catalog) == printed_figures(sample_case, catalog)
    want = build_document(Figures(sample_case, profile, catalog.codes))
    got = build_document(Figures(imported, profile, catalog.codes))
    assert got == want


def test_a_second_export_is_the_same_workbook(
    sample_xlsx: Path, catalog: Catalog, sample_case: Case, tmp_path: Path
) -> None:
    profile = catalog.profile(sample_case.profile_id)
    empty = Case(profile.id, sample_case.unit)
    imported = apply_edit(empty, recognise(read_workbook(sample_xlsx), profile, empty).edit)
    again = tmp_path / "again.xlsx"
    export_xlsx(Figures(imported, profile, catalog.codes), again)
    first = {s.name: s.rows for s in read_workbook(sample_xlsx)}
    second = {s.name: s.rows for s in read_workbook(again)}
    assert second == first

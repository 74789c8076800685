"""The code tables shipped in resources/codetables/: each loads, nests 类/款/项, names its source,
and says which 科目年度 it covers (the years without a public source are not pretended)."""

from __future__ import annotations

from desktop import paths
from desktop.core.codetables import ancestors, coverage_note, level_of, years_of
from desktop.sections.codetables import load_code_tables

LEAF = {"functional_classification": 7, "economic_classification": 5}


def test_each_shipped_table_loads_and_nests_by_level() -> None:
    tables = load_code_tables(paths.bundled_codetables_dir())
    assert set(tables) == set(LEAF)
    for name, table in tables.items():
        codes = {e.code for e in table.entries}
        assert any(len(c) == LEAF[name] for c in codes), name
        for entry in table.entries:
            assert entry.level == level_of(entry.code), entry
            assert len(entry.code) <= LEAF[name], entry
            assert entry.name, entry
            assert entry.source, f"{entry.code} has no source"
            for parent in ancestors(entry.code):
                assert parent in codes, f"{name}: {entry.code} without its {level_of(parent)}"


def test_each_shipped_year_loads_and_the_years_are_the_attested_ones() -> None:
    tables = load_code_tables(paths.bundled_codetables_dir())
    for table in tables.values():
        years = years_of(table)
        assert years == ("2022",)  # docs/code-tables.md: no public source for 2023–2026
        for year in years:
            assert any(e.year == year and len(e.code) == 3 for e in table.entries)


def test_the_picker_note_names_a_year_without_a_list() -> None:
    table = load_code_tables(paths.bundled_codetables_dir())["functional_classification"]
    assert coverage_note(table, 2022) == "可选科目来自 2022 年的科目代码表。"
    note = coverage_note(table, 2025)
    assert "程序没有附带 2025 年的科目清单" in note
    assert "导入当年的科目代码表" in note
    assert "导入科目代码表" in coverage_note(None, 2025)

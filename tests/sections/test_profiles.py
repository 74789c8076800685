from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest
from docxtpl import DocxTemplate

from desktop import paths
from desktop.core.narrative.facts import parse_expression
from desktop.core.narrative.providers import known_providers
from desktop.export.context import TEMPLATE_VARIABLES
from desktop.sections.catalog import Catalog, load_catalog
from desktop.sections.codetables import load_code_tables
from desktop.sections.errors import ProfileError
from desktop.sections.loader import load_profile

if TYPE_CHECKING:
    from pathlib import Path

PROFILE = "nmg-2022-unit"


def test_reference_profile_shape(catalog: Catalog) -> None:
    profile = catalog.profile(PROFILE)
    explanation = [s for s in profile.sections if s.part == "explanation"]
    tables = profile.disclosure_tables()
    assert len(explanation) == 15
    assert len(tables) == 12
    assert tables[0].title == "收入支出决算总表"
    assert tables[4].title == "项目收入支出决算表"
    assert tables[-1].title == "机构运行经费支出、国有资产占用情况及政府采购支出信息表"


def test_every_reference_resolves(catalog: Catalog) -> None:
    """Value expressions, providers and code tables named by the profile all exist."""
    for profile in catalog.profiles.values():
        for section in profile.sections:
            for expr in section.values.values():
                assert parse_expression(str(expr)) == expr  # the parsed form reads back
            if section.facts:
                assert section.facts in known_providers(), section.file
        for table in profile.tables():
            if table.code_table:
                assert table.code_table in catalog.codes


def test_template_declares_exactly_the_context_variables(catalog: Catalog) -> None:
    for profile in catalog.profiles.values():
        tpl = DocxTemplate(str(paths.resources_dir() / "templates" / profile.template))
        assert tpl.get_undeclared_template_variables() == set(TEMPLATE_VARIABLES)


def _copy_profile(tmp_path: Path) -> Path:
    forms = tmp_path / "forms"
    shutil.copytree(paths.forms_dir() / PROFILE, forms / PROFILE)
    return forms


def _load(forms: Path) -> Catalog:
    """Load the catalog; the profile's loading error (which disables it there) is raised."""
    catalog = load_catalog(forms, paths.resources_dir() / "codetables")
    if PROFILE in catalog.disabled:
        codes = set(load_code_tables(paths.resources_dir() / "codetables"))
        load_profile(forms / PROFILE, codes)
    return catalog


def test_unknown_key_names_file_and_key(tmp_path: Path) -> None:
    forms = _copy_profile(tmp_path)
    f = forms / PROFILE / "220_running.toml"
    f.write_text('colour = "red"\n' + f.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        _load(forms)
    assert info.value.file == f"{PROFILE}/220_running.toml"
    assert info.value.key == "colour"
    assert "不认识的配置项" in str(info.value)


def test_duplicate_field_id_is_refused(tmp_path: Path) -> None:
    forms = _copy_profile(tmp_path)
    f = forms / PROFILE / "400_contact.toml"
    text = f.read_text(encoding="utf-8").replace('id = "phone"', 'id = "person"')
    f.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError, match="重复") as info:
        _load(forms)
    assert info.value.file.endswith("400_contact.toml")


def test_missing_code_table_is_refused(tmp_path: Path) -> None:
    forms = _copy_profile(tmp_path)
    f = forms / PROFILE / "520_table_t2.toml"
    text = f.read_text(encoding="utf-8").replace('"functional_classification"', '"gongneng_2099"')
    f.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError, match="gongneng_2099") as info:
        _load(forms)
    assert info.value.key == "tables[0].code_table"


def test_template_text_cannot_reach_into_objects(tmp_path: Path) -> None:
    forms = _copy_profile(tmp_path)
    f = forms / PROFILE / "400_contact.toml"
    text = f.read_text(encoding="utf-8").replace("联系人：{person}", "联系人：{person.__class__}")
    f.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError, match="占位符"):
        _load(forms)


def test_broken_toml_names_the_file(tmp_path: Path) -> None:
    forms = _copy_profile(tmp_path)
    (forms / PROFILE / "400_contact.toml").write_text("id = ", encoding="utf-8")
    with pytest.raises(ProfileError, match="不是有效的 TOML") as info:
        _load(forms)
    assert info.value.file.endswith("400_contact.toml")


def _break(forms: Path, file: str, old: str, new: str) -> None:
    f = forms / PROFILE / file
    text = f.read_text(encoding="utf-8")
    assert old in text, old
    f.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "old", "new", "key", "words"),
    [
        (
            "510_table_t1.toml",
            'ref = "t4:inc_gpb:amount"',
            'ref = "t4:inc_gpb"',
            "tables[0].sides[0].row[0].ref",
            "“t4:inc_gpb”应写作 表:行:列",
        ),
        (
            "110_overall.toml",
            "field:overall:prior_total",
            "field::prior_total",
            "values.total_vs_prior",
            "缺少章节",
        ),
        (
            "profile.toml",
            'ref = "t1:inc_gpb:amount"',
            'ref = "t1::amount"',
            "charts[0].slices[0].ref",
            "缺少行",
        ),
        (
            "profile.toml",
            '"overall.prior_total" = "t1:income_grand:amount"',
            '"overall.prior_total" = "t1:income_grand"',
            "carry.prior.overall.prior_total",
            "应写作 表:行:列",
        ),
    ],
)
def test_a_malformed_reference_names_file_and_key(
    tmp_path: Path, file: str, old: str, new: str, key: str, words: str
) -> None:
    forms = _copy_profile(tmp_path)
    _break(forms, file, old, new)
    with pytest.raises(ProfileError) as info:
        _load(forms)
    assert info.value.file == f"{PROFILE}/{file}"
    assert info.value.key == key
    assert words in str(info.value)
    assert str(info.value).startswith("模板配置有误")

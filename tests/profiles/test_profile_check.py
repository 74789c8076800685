"""``juesuan profile-check DIR``: the installed profiles pass; a broken copy fails naming file and key."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from typing import TYPE_CHECKING

import docx
import pytest

from desktop import paths
from desktop.services.profiles import check_profile_folder

if TYPE_CHECKING:
    from pathlib import Path

PROFILES = ("nmg-2022-unit", "nmg-2023-unit", "sh-2024-dept")


def juesuan(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _copy(tmp_path: Path, profile: str = "nmg-2022-unit") -> Path:
    folder = tmp_path / "forms" / profile
    shutil.copytree(paths.forms_dir() / profile, folder)
    return folder


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("profile", PROFILES)
def test_installed_profiles_pass(profile: str) -> None:
    report = check_profile_folder(paths.forms_dir() / profile)
    assert report.problems == ()
    assert report.sample is not None
    assert report.sample.name == f"{profile}.json"


def test_command_passes_a_valid_profile() -> None:
    result = juesuan("profile-check", str(paths.forms_dir() / "sh-2024-dept"))
    assert result.returncode == 0, result.stderr
    assert "检查通过" in result.stdout
    assert "9 张公开表" in result.stdout
    assert result.stderr == ""


# (file, old text, new text, expected file, expected key, words in the message)
BROKEN = [
    pytest.param(
        "110_overall.toml",
        'total = "amount t1:income_grand:amount"',
        'total = "amount t1:income_grnd:amount"',
        "110_overall.toml",
        "values.total",
        "income_grnd",
        id="row-of-a-cell-reference",
    ),
    pytest.param(
        "120_income.toml",
        'gpb = "amount t1:inc_gpb:amount"',
        'gpb = "amount t13:inc_gpb:amount"',
        "120_income.toml",
        "values.gpb",
        "t13",
        id="table-of-a-cell-reference",
    ),
    pytest.param(
        "140_fiscal.toml",
        'vs_prior = "compare total_prior t4:income_grand:amount field:fiscal:prior_total"',
        'vs_prior = "compare total_prior t4:income_grand:amount field:fiscal:prior_totl"',
        "140_fiscal.toml",
        "values.vs_prior",
        "prior_totl",
        id="field-reference",
    ),
    pytest.param(
        "510_table_t1.toml",
        'ref = "t2:*:upper"',
        'ref = "t2:*:uper"',
        "510_table_t1.toml",
        "tables[0].sides[0].row[3].ref",
        "uper",
        id="table-row-reference",
    ),
    pytest.param(
        "540_table_t4.toml",
        'ref = "t8:{code}:spend"',
        'ref = "t8:{code}:spent"',
        "540_table_t4.toml",
        "tables[0].sides[1].columns[2].ref",
        "spent",
        id="table-column-reference",
    ),
    pytest.param(
        "400_contact.toml",
        'text = "联系电话：{phone}"',
        'text = "联系电话：{telephone}"',
        "400_contact.toml",
        "blocks[2].text",
        "telephone",
        id="sentence-placeholder",
    ),
    pytest.param(
        "150_gpb.toml",
        'each = "items"',
        'each = "lines"',
        "150_gpb.toml",
        "blocks[1].blocks[2].each",
        "lines",
        id="each-list",
    ),
    pytest.param(
        "250_performance.toml",
        'when = "has_report"',
        'when = "has_reprot"',
        "250_performance.toml",
        "blocks[10].when",
        "has_reprot",
        id="when-condition",
    ),
    pytest.param(
        "160_basic.toml",
        'groups = "footers"',
        'groups = "footer"',
        "160_basic.toml",
        "params.groups",
        "footer",
        id="provider-parameter",
    ),
    pytest.param(
        "150_gpb.toml",
        'facts = "budget_classes"',
        'facts = "budget_class"',
        "150_gpb.toml",
        "facts",
        "budget_class",
        id="provider",
    ),
    pytest.param(
        "120_income.toml",
        'ref = "income"',
        'ref = "incomes"',
        "120_income.toml",
        "blocks[9].ref",
        "incomes",
        id="chart-reference",
    ),
    pytest.param(
        "030_structure.toml",
        'ref = "unit_list"',
        'ref = "unit_lists"',
        "030_structure.toml",
        "blocks[1].ref",
        "unit_lists",
        id="table-reference",
    ),
    pytest.param(
        "230_procurement.toml",
        'sme_share = "phrase sme_share',
        'sme_share = "phrase sme_part',
        "230_procurement.toml",
        "values.sme_share",
        "sme_part",
        id="phrase",
    ),
    pytest.param(
        "profile.toml",
        '{ label = "经营收入", ref = "t1:inc_operating:amount" }',
        '{ label = "经营收入", ref = "t1:inc_operation:amount" }',
        "profile.toml",
        "charts[0].slices[5].ref",
        "inc_operation",
        id="chart-slice",
    ),
    pytest.param(
        "profile.toml",
        'title = "第五部分 {year}年度{wording}决算表"',
        'title = "第五部分 {yaer}年度{wording}决算表"',
        "profile.toml",
        "parts[4].title",
        "yaer",
        id="part-title-placeholder",
    ),
    pytest.param(
        "590_table_t8.toml",
        'empty_note = "说明：{unit}本年无',
        'empty_note = "说明：{units}本年无',
        "590_table_t8.toml",
        "tables[0].empty_note",
        "units",
        id="table-note-placeholder",
    ),
    pytest.param(
        "570_table_t6.toml",
        'sum_of = ["301", "303"]',
        'sum_of = ["301", "人员"]',
        "570_table_t6.toml",
        "tables[0].footers[0].sum_of",
        "人员",
        id="footer-codes",
    ),
    pytest.param(
        "110_overall.toml",
        'id = "overall"',
        'id = "overall"\ncolour = "red"',
        "110_overall.toml",
        "colour",
        "不认识的配置项",
        id="unknown-key",
    ),
    pytest.param(
        "profile.toml",
        '"X10",',
        '"X99",',
        "profile.toml",
        "rules",
        "X99",
        id="rule",
    ),
    pytest.param(
        "profile.toml",
        '"running.prior_running" = "t12:running:amount"',
        '"running.prior_runing" = "t12:running:amount"',
        "profile.toml",
        "carry.prior.running.prior_runing",
        "running.prior_runing",
        id="carry-field",
    ),
    pytest.param(
        "520_table_t2.toml",
        'code_table = "functional_classification"',
        'code_table = "gongneng_2099"',
        "520_table_t2.toml",
        "tables[0].code_table",
        "gongneng_2099",
        id="code-table",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "where", "key", "words"), BROKEN)
def test_broken_copy_names_file_and_key(
    tmp_path: Path, file: str, old: str, new: str, where: str, key: str, words: str
) -> None:
    folder = _copy(tmp_path)
    _edit(folder / file, old, new)
    report = check_profile_folder(folder)
    assert not report.ok
    problems = [p for p in report.problems if p.file == f"nmg-2022-unit/{where}" and p.key == key]
    assert problems, [str(p) for p in report.problems]
    assert words in problems[0].message


def test_command_reports_on_stderr_and_exits_2(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder / "400_contact.toml", "联系人：{person}", "联系人：{contact_person}")
    _edit(folder / "220_running.toml", "t12:running:amount field", "t12:runing:amount field")
    result = juesuan("profile-check", str(folder))
    assert result.returncode == 2
    assert result.stdout == ""
    assert (
        "nmg-2022-unit/400_contact.toml，blocks[1].text：占位符“{contact_person}”" in result.stderr
    )
    assert "nmg-2022-unit/220_running.toml，values.vs_prior：" in result.stderr
    assert "Traceback" not in result.stderr
    missing = juesuan("profile-check", str(tmp_path / "nowhere"))
    assert missing.returncode == 2
    assert "找不到模板文件夹" in missing.stderr


def test_word_template_variable_that_the_program_does_not_provide(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "sh-2024-dept")
    template = docx.Document(str(paths.resources_dir() / "templates" / "sh-2024-dept.docx"))
    template.add_paragraph("报送日期：{{ submitted_on }}")
    template.save(str(folder / "sh-2024-draft.docx"))
    _edit(
        folder / "profile.toml", 'template = "sh-2024-dept.docx"', 'template = "sh-2024-draft.docx"'
    )
    report = check_profile_folder(folder)
    messages = [str(p) for p in report.problems]
    assert any(
        m.startswith("sh-2024-dept/profile.toml，template：") and "submitted_on" in m
        for m in messages
    ), messages


def test_missing_word_template(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "nmg-2023-unit")
    _edit(folder / "profile.toml", 'template = "nmg-2023-unit.docx"', 'template = "nmg-2024.docx"')
    report = check_profile_folder(folder)
    assert [(p.file, p.key) for p in report.problems] == [
        ("nmg-2023-unit/profile.toml", "template")
    ]
    assert "nmg-2024.docx" in report.problems[0].message


def test_sample_that_does_not_load(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "sh-2024-dept")
    samples = tmp_path / "resources" / "samples"
    samples.mkdir(parents=True)
    data = json.loads(
        (paths.resources_dir() / "samples" / "sh-2024-dept.json").read_text(encoding="utf-8")
    )
    data["tables"]["t6"][0]["cells"]["amout"] = "1.00"
    (samples / "sh-2024-dept.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    report = check_profile_folder(folder)
    assert [(p.file, p.key) for p in report.problems] == [
        ("samples/sh-2024-dept.json", "$.tables.t6[0].cells.amout")
    ]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "sh-2024-dept")
    _edit(folder / "320_income.toml", "{fiscal_share}", "{fiscal_part}")
    _edit(folder / "410_other.toml", 'when = "!works_nz"', 'when = "!work_nz"')
    _edit(folder / "350_gpb.toml", 'completion = "completion"', 'completion = "finished"')
    report = check_profile_folder(folder)
    keys = {(p.file.split("/")[1], p.key) for p in report.problems}
    assert ("320_income.toml", "blocks[0].blocks[0].text") in keys
    assert ("410_other.toml", "blocks[4].blocks[0].when") in keys
    assert ("350_gpb.toml", "params.completion") in keys

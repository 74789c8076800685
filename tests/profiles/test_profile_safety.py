"""A crafted profile cannot run code or read outside its folders; one broken profile disables
only itself, and profile-check rejects what loading rejects."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import jinja2
import pytest
from jinja2.exceptions import SecurityError

from desktop import cli, paths
from desktop.export.docx import template_environment
from desktop.sections.catalog import load_catalog
from desktop.sections.codetables import load_code_tables
from desktop.sections.errors import ProfileError
from desktop.sections.loader import load_profile
from desktop.services.profiles import check_profile_folder

if TYPE_CHECKING:
    from pathlib import Path

PROFILE = "nmg-2022-unit"


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the program's forms/ and resources/ (fonts linked), used instead of the real one."""
    root = tmp_path / "app"
    resources = root / "resources"
    resources.mkdir(parents=True)
    for sub in ("codetables", "samples", "templates"):
        shutil.copytree(paths.resources_dir() / sub, resources / sub)
    (resources / "fonts").symlink_to(paths.resources_dir() / "fonts")
    shutil.copytree(paths.forms_dir(), root / "forms")
    monkeypatch.setattr(paths, "app_root", lambda: root)
    return root


def _set_in_profile(app: Path, key: str, value: str) -> None:
    path = app / "forms" / PROFILE / "profile.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [f"{key} = {value}" if line.startswith(f"{key} =") else line for line in lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _add_to_template(app: Path, text: str) -> None:
    from docx import Document

    path = app / "resources" / "templates" / f"{PROFILE}.docx"
    doc = Document(str(path))
    doc.add_paragraph(text)
    doc.save(str(path))


PAYLOADS = [
    "{{ title.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.system('touch MARKER') }}",
    "{{ (title|attr('__class__')).__subclasses__() }}",
    "{{ title['__class__'] }}",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_sandbox_refuses_dunder_access(payload: str, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    env = template_environment()
    with pytest.raises((SecurityError, jinja2.UndefinedError)):
        env.from_string(payload.replace("MARKER", str(marker))).render(title="年度决算")
    assert not marker.exists()


def test_the_sandbox_refuses_huge_results() -> None:
    env = template_environment()
    with pytest.raises(SecurityError):
        env.from_string("{{ title * 100000000 }}").render(title="决算")
    with pytest.raises(SecurityError):
        env.from_string("{{ 9 ** 9999999 }}").render()
    assert env.from_string("{{ a }}").render(a="<&>") == "&lt;&amp;&gt;"  # autoescape
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ missing }}").render()  # StrictUndefined


def test_a_crafted_word_template_cannot_run_code(
    app: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    marker = tmp_path / "ran"
    _add_to_template(app, PAYLOADS[1].replace("MARKER", str(marker)))
    out = tmp_path / "out.docx"
    assert cli.main(["export", "--sample", PROFILE, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：")
    assert "不允许" in err
    assert "Traceback" not in err
    assert not marker.exists()
    assert not out.exists()
    assert cli.main(["profile-check", str(app / "forms" / PROFILE)]) == 2
    err = capsys.readouterr().err
    assert "__init__" in err
    assert "检查通过" not in err


@pytest.mark.parametrize(
    "name",
    [
        "../../forms/evil/evil.docx",
        "../templates/nmg-2022-unit.docx",
        "/etc/passwd.docx",
        "sub/nmg-2022-unit.docx",
        "C:\\\\evil.docx",
        ".hidden.docx",
        "nmg-2022-unit.dotm",
    ],
)
def test_the_template_must_be_a_bare_file_name(app: Path, name: str) -> None:
    _set_in_profile(app, "template", f'"{name}"')
    with pytest.raises(ProfileError, match="不能含路径"):
        load_profile(app / "forms" / PROFILE, set(load_code_tables(paths.bundled_codetables_dir())))
    report = check_profile_folder(app / "forms" / PROFILE)
    assert not report.ok
    assert report.problems[0].key == "template"


def test_a_broken_profile_disables_only_itself(
    app: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _set_in_profile(app, "template", '"../../forms/evil/evil.docx"')
    catalog = load_catalog(app / "forms", app / "resources" / "codetables")
    assert PROFILE not in catalog.profiles
    assert {"nmg-2023-unit", "sh-2024-dept"} <= set(catalog.profiles)
    assert PROFILE in catalog.disabled
    assert any("已停用" in w and "template" in w for w in catalog.warnings)
    out = tmp_path / "out.docx"
    assert cli.main(["export", "--sample", PROFILE, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "已停用" in err
    assert "Traceback" not in err
    assert cli.main(["export", "--sample", "nmg-2023-unit", "-o", str(out)]) == 0
    assert out.is_file()


def test_an_unknown_placeholder_disables_the_profile_at_load(
    app: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = app / "forms" / PROFILE / "220_running.toml"
    text = path.read_text(encoding="utf-8")
    assert "{running}" in text
    path.write_text(text.replace("{running}", "{running_typo}", 1), encoding="utf-8")
    assert cli.main(["profiles"]) == 0
    captured = capsys.readouterr()
    assert PROFILE not in captured.out
    assert "nmg-2023-unit" in captured.out
    assert "running_typo" in captured.err
    assert cli.main(["export", "--sample", PROFILE, "-o", str(tmp_path / "o.docx")]) == 2
    err = capsys.readouterr().err
    assert "running_typo" in err
    assert "Traceback" not in err


def test_deeply_nested_toml_is_a_message(app: Path) -> None:
    path = app / "forms" / PROFILE / "220_running.toml"
    path.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    catalog = load_catalog(app / "forms", app / "resources" / "codetables")
    assert PROFILE in catalog.disabled
    assert "220_running.toml" in catalog.disabled[PROFILE]
    assert "nmg-2023-unit" in catalog.profiles


def test_a_jinja_syntax_error_in_the_template_is_a_message(
    app: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _add_to_template(app, "{{ title }")
    assert cli.main(["export", "--sample", PROFILE, "-o", str(tmp_path / "o.docx")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：")
    assert "模板语句有误" in err or "无法读取" in err
    assert "Traceback" not in err


def _own_template(app: Path, name: str, marker: str) -> Path:
    """A copy of the bundled template with `marker` added, in the profile's own folder."""
    from docx import Document

    own = app / "forms" / PROFILE / name
    doc = Document(str(app / "resources" / "templates" / f"{PROFILE}.docx"))
    doc.add_paragraph(marker)
    doc.save(str(own))
    return own


def test_a_profile_may_carry_its_own_template(app: Path, tmp_path: Path) -> None:
    from tests.export.docx_text import body_paragraphs, open_docx

    _own_template(app, "own.docx", "本模板自带的 Word 模板")
    _set_in_profile(app, "template", '"own.docx"')
    assert check_profile_folder(app / "forms" / PROFILE).ok
    out = tmp_path / "out.docx"
    assert cli.main(["export", "--sample", PROFILE, "-o", str(out)]) == 0
    texts = [text for _style, text in body_paragraphs(open_docx(out))]
    assert "本模板自带的 Word 模板" in texts


def test_the_profile_folder_is_searched_before_resources(app: Path, tmp_path: Path) -> None:
    from desktop.sections.templates import profile_template
    from tests.export.docx_text import body_paragraphs, open_docx

    own = _own_template(app, f"{PROFILE}.docx", "模板文件夹中的同名模板")
    catalog = load_catalog(app / "forms", app / "resources" / "codetables")
    assert profile_template(catalog.profile(PROFILE)) == own
    out = tmp_path / "out.docx"
    assert cli.main(["export", "--sample", PROFILE, "-o", str(out)]) == 0
    assert "模板文件夹中的同名模板" in [t for _s, t in body_paragraphs(open_docx(out))]


@pytest.mark.parametrize("name", ["../x.docx", "sub/x.docx", "/tmp/x.docx", "..", ""])
def test_find_template_takes_no_path(app: Path, name: str) -> None:
    from desktop.sections.templates import find_template

    with pytest.raises(ProfileError, match="不能含路径"):
        find_template(name, [app / "forms" / PROFILE, app / "resources" / "templates"])


def test_a_link_out_of_the_profile_folder_is_refused(
    app: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside.docx"
    shutil.copy(app / "resources" / "templates" / f"{PROFILE}.docx", outside)
    (app / "forms" / PROFILE / "linked.docx").symlink_to(outside)
    _set_in_profile(app, "template", '"linked.docx"')
    catalog = load_catalog(app / "forms", app / "resources" / "codetables")
    assert PROFILE in catalog.disabled
    assert "以外" in catalog.disabled[PROFILE]
    assert "nmg-2023-unit" in catalog.profiles
    report = check_profile_folder(app / "forms" / PROFILE)
    assert not report.ok
    assert "以外" in report.problems[0].message
    out = tmp_path / "out.docx"
    assert cli.main(["export", "--sample", PROFILE, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "以外" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_a_link_out_of_resources_templates_is_refused(app: Path, tmp_path: Path) -> None:
    from desktop.sections.templates import profile_template

    bundled = app / "resources" / "templates" / f"{PROFILE}.docx"
    outside = tmp_path / "outside.docx"
    shutil.move(bundled, outside)
    bundled.symlink_to(outside)
    catalog = load_catalog(app / "forms", app / "resources" / "codetables")
    with pytest.raises(ProfileError, match="以外"):
        profile_template(catalog.profile(PROFILE))


def test_a_missing_template_is_a_message(
    app: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (app / "resources" / "templates" / f"{PROFILE}.docx").unlink()
    assert cli.main(["export", "--sample", PROFILE, "-o", str(tmp_path / "o.docx")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：")
    assert "找不到 Word 模板" in err

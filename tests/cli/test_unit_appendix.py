"""分单位收支附表: a department's 收入/支出 by 单位 in 万元, at the end of its Word document.

Two units of the 上海 sample (tests.department_units), the 本级 paying the subordinate a 20 万元
补助 (E1), confirmed. Expected figures are added up here from each unit's entered cells.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

import docx
import pytest

from desktop.core.money import format_wan
from desktop.sections.errors import ProfileError
from desktop.services import workspace
from desktop.storage.cases import load_case
from desktop.storage.db import close_db, open_db
from tests.cli.test_dept import dept_db, run  # noqa: F401 - the fixture is used by name

if TYPE_CHECKING:
    from pathlib import Path

    from desktop.core.model import Case
    from desktop.sections.catalog import Catalog

INCOME = ("fiscal", "upper", "business", "operating", "affiliated", "other")  # t2 本年收入合计
EXPENSE = ("basic", "project", "upper_paid", "operating", "affiliated")  # t3 本年支出合计
HEADER = ["序号", "单位名称", "本年收入合计", "本年支出合计"]


def _entered(case: Case, table: str, columns: tuple[str, ...]) -> Decimal:
    return sum(
        (v for r in case.table(table).rows for c, v in r.cells.items()
         if c in columns and isinstance(v, Decimal)),
        Decimal(0),
    )  # fmt: skip


def appendix(document: Path) -> list[list[str]] | None:
    for t in docx.Document(str(document)).tables:
        rows = [[c.text for c in r.cells] for r in t.rows]
        if rows and rows[0] == HEADER:
            return rows
    return None


def _figures(db_path: Path) -> list[tuple[Decimal, Decimal]]:
    db = open_db(db_path)
    try:
        cases = [load_case(db, i) for i in (1, 2)]  # type: ignore[arg-type]
    finally:
        close_db(db)
    return [(_entered(c, "t2", INCOME), _entered(c, "t3", EXPENSE)) for c in cases]


def test_the_appendix_lists_each_unit_and_adds_up_to_the_department(
    dept_db: Path,  # noqa: F811 - the fixture
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = str(dept_db)
    assert run(capsys, "dept", "confirm", "3", "--db", db)[0] == 0
    out = tmp_path / "部门.docx"
    code, _, err = run(
        capsys, "export", "--case", "3", "--db", db, "-o", str(out), "--draft", "--unit-appendix"
    )
    assert code == 0, err
    rows = appendix(out)
    assert rows is not None
    (pi, pe), (ci, ce) = _figures(dept_db)
    subsidy = Decimal("200000.00")
    assert rows[1] == ["1", "示例区社会工作部", format_wan(pi), format_wan(pe)]
    assert rows[2] == ["2", "示例区社会工作服务中心", format_wan(ci), format_wan(ce)]
    assert rows[3] == ["", "各单位合计", format_wan(pi + ci), format_wan(pe + ce)]
    assert rows[4] == ["", "减：内部往来冲抵", format_wan(subsidy), format_wan(subsidy)]
    assert rows[5] == ["", "部门合计", format_wan(pi + ci - subsidy), format_wan(pe + ce - subsidy)]
    text = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "附表：各单位收入支出决算情况表" in text
    assert "编制部门：示例区社会工作部\t金额单位：万元" in text


def test_without_the_option_the_shanghai_document_has_no_appendix(
    dept_db: Path,  # noqa: F811 - the fixture
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "部门.docx"
    code, _, err = run(
        capsys, "export", "--case", "3", "--db", str(dept_db), "-o", str(out), "--draft"
    )
    assert code == 0, err
    assert appendix(out) is None


def test_a_profile_that_asks_for_it_always_gets_it(
    dept_db: Path,  # noqa: F811 - the fixture
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    catalog: Catalog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    profile = catalog.profile("sh-2024-dept")
    asks = replace(profile, consolidation=replace(profile.consolidation, breakdown_appendix=True))
    patched = replace(catalog, profiles={**catalog.profiles, profile.id: asks})
    monkeypatch.setattr(workspace, "installed_catalog", lambda warn=None, only=None: patched)
    out = tmp_path / "部门.docx"
    code, _, err = run(
        capsys, "export", "--case", "3", "--db", str(dept_db), "-o", str(out), "--draft"
    )
    assert code == 0, err
    rows = appendix(out)
    assert rows is not None
    assert [r[1] for r in rows[1:3]] == ["示例区社会工作部", "示例区社会工作服务中心"]


def test_a_units_case_has_no_appendix_and_says_so(
    dept_db: Path,  # noqa: F811 - the fixture
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "单位.docx"
    code, _, err = run(
        capsys, "export", "--case", "1", "--db", str(dept_db), "-o", str(out), "--draft",
        "--unit-appendix",
    )  # fmt: skip
    assert code == 2
    assert err.startswith("错误：")
    assert "是单位填报，不是部门填报" in err
    assert not out.exists()
    code, _, err = run(
        capsys, "export", "--sample", "nmg-2022-unit", "-o", str(out), "--unit-appendix"
    )
    assert code == 2
    assert "只用于部门填报" in err


def _profile_with(tmp_path: Path, catalog: Catalog, lines: str) -> object:
    """The 上海 部门 profile copied, with `lines` in place of its breakdown settings."""
    import shutil

    from desktop import paths
    from desktop.sections.loader import load_profile

    folder = tmp_path / "sh-2024-dept"
    shutil.copytree(paths.forms_dir() / "sh-2024-dept", folder)
    toml = folder / "profile.toml"
    text = toml.read_text("utf-8")
    text = text.replace('breakdown = ["t2:total", "t3:total"]\n', "")
    text = text.replace("breakdown_appendix = false\n", lines)
    toml.write_text(text, "utf-8")
    return load_profile(folder, set(catalog.codes))


def test_the_profile_setting_is_checked_when_loaded(tmp_path: Path, catalog: Catalog) -> None:
    with pytest.raises(ProfileError, match="breakdown"):
        _profile_with(tmp_path / "a", catalog, "breakdown_appendix = true\n")
    with pytest.raises(ProfileError, match="表:列"):
        _profile_with(tmp_path / "b", catalog, 'breakdown = ["t2"]\n')
    with pytest.raises(ProfileError, match="没有列"):
        _profile_with(tmp_path / "c", catalog, 'breakdown = ["t2:nothing"]\n')
    profile = _profile_with(
        tmp_path / "d", catalog, 'breakdown = ["t2:total"]\nbreakdown_appendix = true\n'
    )
    cons = profile.consolidation  # type: ignore[attr-defined]
    assert (cons.breakdown, cons.breakdown_appendix) == ((("t2", "total"),), True)

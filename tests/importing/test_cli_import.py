"""`juesuan import-xlsx`: the report, what is written, and that a refused import changes nothing."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pytest

from desktop import paths
from desktop.cli import main
from desktop.core.model import CaseId, TableValues
from desktop.export.xlsx import export_xlsx
from desktop.sections.catalog import load_catalog
from desktop.storage.cases import load_case, save_case
from desktop.storage.db import close_db, open_db
from tests.importing.make_fixtures import build_all
from tests.importing.test_round_trip import printed_figures

if TYPE_CHECKING:
    from pathlib import Path

    from desktop.core.calc import Figures
    from desktop.core.model import Case
    from desktop.sections.catalog import Catalog


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory, figures: Figures) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("cli-workbooks")
    out = build_all(folder)
    out["sample"] = folder / "sample.xlsx"
    export_xlsx(figures, out["sample"])
    return out


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["import-xlsx", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def stored(db_path: Path, case_id: int) -> tuple[Case, str]:
    db = open_db(db_path)
    try:
        updated = db.execute("SELECT updated FROM cases WHERE id = ?", [case_id]).fetchone()[0]
        return load_case(db, CaseId(case_id)), str(updated)
    finally:
        close_db(db)


def sample_in(db_path: Path, case: Case) -> int:
    db = open_db(db_path)
    try:
        return save_case(db, case)
    finally:
        close_db(db)


def test_dry_run_of_a_new_case_prints_the_report_and_writes_nothing(
    books: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "cases.sqlite3"
    code, out, _ = run(
        capsys, str(books["sample"]), "--new", "--unit", "某单位", "--year", "2022",
        "--dry-run", "--db", str(db),
    )  # fmt: skip
    assert code == 0
    assert "识别出 12 张表" in out
    assert "《收入决算表》：工作表“公开02表”，单位万元" in out
    assert "（预览，未写入。去掉 --dry-run 即可导入。）" in out
    assert not db.exists()


def test_a_new_case_gets_the_workbook_figures(
    books: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    catalog: Catalog,
    sample_case: Case,
) -> None:
    db = tmp_path / "cases.sqlite3"
    code, out, err = run(
        capsys, str(books["sample"]), "--new", "--unit", "某单位", "--year", "2022",
        "--db", str(db),
    )  # fmt: skip
    assert code == 0, err
    case_id = int(out.rsplit("已新建填报 ", 1)[1].split("，")[0])
    case, _ = stored(db, case_id)
    assert case.unit.name == "某单位"
    assert case.profile_id == "nmg-2022-unit"
    assert printed_figures(case, catalog) == printed_figures(sample_case, catalog)


@pytest.mark.parametrize(
    ("book", "says"),
    [
        ("text_in_amount", "“公开02表”D8：“约五万”"),
        ("wrong_headers", "找不到这些列：财政拨款收入"),
        ("platform", "工作簿中缺少 9 张表"),
    ],
)
def test_a_refused_import_changes_nothing(
    books: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    sample_case: Case,
    book: str,
    says: str,
) -> None:
    db = tmp_path / "cases.sqlite3"
    case_id = sample_in(db, sample_case)
    before = stored(db, case_id)
    code, out, err = run(capsys, str(books[book]), "--case", str(case_id), "--db", str(db))
    assert code == 1
    assert says in out + err
    assert "未导入：" in err
    assert "案卷未作任何修改" in err
    assert stored(db, case_id) == before


def test_partial_imports_the_tables_found(
    books: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    sample_case: Case,
    catalog: Catalog,
) -> None:
    db = tmp_path / "cases.sqlite3"
    without_t2 = replace(sample_case, tables={**sample_case.tables, "t2": TableValues()})
    case_id = sample_in(db, without_t2)
    code, out, err = run(
        capsys, str(books["platform"]), "--case", str(case_id), "--db", str(db), "--partial"
    )
    assert code == 0, err
    assert f"已导入填报 {case_id}" in out
    assert "将覆盖" not in out  # t1 and t3 hold the sample's own figures
    case, _ = stored(db, case_id)
    assert printed_figures(case, catalog) == printed_figures(sample_case, catalog)


@pytest.mark.parametrize(
    ("book", "says"), [("encrypted", "设有密码保护"), ("corrupt", "无法作为 Excel 工作簿读取")]
)
def test_an_unreadable_file_exits_2_with_the_reason(
    books: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    sample_case: Case,
    book: str,
    says: str,
) -> None:
    db = tmp_path / "cases.sqlite3"
    case_id = sample_in(db, sample_case)
    before = stored(db, case_id)
    code, _, err = run(capsys, str(books[book]), "--case", str(case_id), "--db", str(db))
    assert code == 2
    assert says in err
    assert stored(db, case_id) == before


def test_a_sheet_named_once_is_recognised_next_year(
    books: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], sample_case: Case
) -> None:
    db = tmp_path / "cases.sqlite3"
    case_id = sample_in(db, sample_case)
    code, out, _ = run(capsys, str(books["untitled"]), "--case", str(case_id), "--db", str(db))
    assert code == 1
    assert "“Sheet1”：没有找到可识别的公开表标题" in out
    code, out, err = run(
        capsys, str(books["untitled"]), "--case", str(case_id), "--db", str(db),
        "--sheet", "Sheet1=公开02表", "--partial",
    )  # fmt: skip
    assert code == 0, err
    assert "《收入决算表》：工作表“Sheet1”" in out
    code, out, err = run(
        capsys, str(books["untitled_next_year"]), "--case", str(case_id), "--db", str(db),
        "--partial", "--dry-run",
    )  # fmt: skip
    assert code == 0, err
    assert "《收入决算表》：工作表“Sheet1”" in out


def test_import_codes_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.importing.codelist_fixtures import functional_xlsx

    book = functional_xlsx(tmp_path / "2024科目.xlsx")
    stored_file = paths.user_codetables_dir() / "functional_classification.csv"
    assert main(["import-codes", str(book), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "新增（3 个）：\n  2010101 行政运行" in out
    assert "没有写入任何内容" in out
    assert not stored_file.exists()
    assert main(["import-codes", str(book)]) == 0
    capsys.readouterr()
    catalog = load_catalog(
        paths.forms_dir(), paths.resources_dir() / "codetables", paths.user_codetables_dir()
    )
    assert catalog.codes["functional_classification"].name_of("2010650") == "事业运行"
    assert main(["import-codes", str(tmp_path / "没有这个文件.xlsx")]) == 2
    assert "没有这个文件.xlsx" in capsys.readouterr().err

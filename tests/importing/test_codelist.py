"""Importing a year's 政府收支分类科目 list into the user's code tables (juesuan import-codes)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from desktop import paths
from desktop.core.codetables import CodeTable, parse_code_table
from desktop.importing.codelist import CodeListError, load_current_table, read_code_list
from desktop.importing.codetable_store import import_code_list_command
from desktop.sections.catalog import load_catalog
from desktop.sections.codetables import load_code_table, load_code_tables
from desktop.sections.errors import ProfileError
from tests.importing import codelist_fixtures as fx

if TYPE_CHECKING:
    from pathlib import Path

FUNCTIONAL = "functional_classification"
ECONOMIC = "economic_classification"
BUNDLED = paths.resources_dir() / "codetables"


@pytest.fixture(autouse=True)
def user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh user data folder (XDG_DATA_HOME on Linux, APPDATA on Windows)."""
    data = tmp_path / "userdata"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.setenv("APPDATA", str(data))
    return paths.user_codetables_dir()


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return fx.build_all(tmp_path_factory.mktemp("codelists"))


@pytest.fixture(scope="module")
def bundled() -> dict[str, CodeTable]:
    return load_code_tables(BUNDLED)


def codes_and_names(table: CodeTable | tuple[object, ...]) -> dict[str, str]:
    entries = table.entries if isinstance(table, CodeTable) else table
    return {e.code: e.name for e in entries}  # type: ignore[attr-defined]  # CodeEntry


def test_seven_digit_code_column(files: dict[str, Path], bundled: dict[str, CodeTable]) -> None:
    report = read_code_list(
        files["functional"], table=FUNCTIONAL, year=None, current=bundled[FUNCTIONAL]
    )
    assert report.year == "2024"  # from the title
    assert report.sheet == "功能分类"
    assert not report.problems
    assert codes_and_names(report.entries) == {code: name.strip() for code, name in fx.FUNCTIONAL}
    assert {e.code: e.level for e in report.entries}["20101"] == "款"
    assert all(e.year == "2024" and e.source == f"导入：{files['functional'].name}"
               for e in report.entries)  # fmt: skip
    assert [e.code for e in report.added()] == ["2010101", "2010102", "2010650"]
    assert [(o.name, n.name) for o, n in report.renamed()] == [
        ("财政委托业务支出", "财政委托业务支出（含代理业务）")
    ]
    text = report.text()
    assert "类 1 个、款 2 个、项 5 个" in text
    assert "新增 3 个，名称有变化 1 个，名称未变 4 个" in text
    assert "2010608 财政委托业务支出 → 财政委托业务支出（含代理业务）" in text


def test_codes_stored_as_numbers(files: dict[str, Path]) -> None:
    report = read_code_list(files["numbers"], table=FUNCTIONAL, year=None)
    assert not report.problems
    assert codes_and_names(report.entries) == {code: name.strip() for code, name in fx.FUNCTIONAL}


def test_split_lei_kuan_xiang_columns(files: dict[str, Path]) -> None:
    report = read_code_list(files["split"], table=FUNCTIONAL, year=None)
    assert not report.problems, report.text()
    assert [e.code for e in report.entries] == fx.SPLIT_CODES
    names = codes_and_names(report.entries)
    assert names["2010650"] == "事业运行"  # 项 “50” under the 款 “06” of the row above
    assert names["2080501"] == "行政单位离退休"  # 208 / 5 / 1 as numbers
    assert names["2210201"] == "住房公积金"  # full codes in each column
    assert report.year == "2024"


def test_gbk_csv_from_a_platform(files: dict[str, Path]) -> None:
    assert files["gbk"].read_bytes().decode("gbk")  # really GBK, not UTF-8
    with pytest.raises(UnicodeDecodeError):
        files["gbk"].read_bytes().decode("utf-8")
    report = read_code_list(files["gbk"], table=FUNCTIONAL, year=None)
    assert not report.problems
    assert codes_and_names(report.entries) == {
        "20106": "财政事务",
        "2010601": "行政运行",
        "2010650": "事业运行",
    }
    assert report.year == "2024"


def test_utf8_csv_with_code_and_name_in_one_cell(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(
        "科目编码,科目名称\n[2010650]事业运行,\n2010699.0,其他财政事务支出\n", encoding="utf-8-sig"
    )
    report = read_code_list(path, table=FUNCTIONAL, year="2025年")
    assert codes_and_names(report.entries) == {
        "2010650": "事业运行",
        "2010699": "其他财政事务支出",
    }
    assert report.year == "2025"


def test_bad_code_and_duplicate_block_and_nothing_is_written(
    files: dict[str, Path], user_data: Path
) -> None:
    code, text = import_code_list_command(
        files["mistakes"], table=FUNCTIONAL, year=None, dry_run=False
    )
    assert code == 1
    assert "第 5 行（A5）：科目编码“20106011”应为 3、5 或 7 位数字" in text
    assert "第 7 行（A7）：科目编码“2010601”与第 4 行重复" in text
    assert "第 8 行（A8）：科目“2010699”没有名称" in text
    assert "未导入任何科目" in text
    assert not (user_data / f"{FUNCTIONAL}.csv").exists()


def test_missing_parent_is_a_warning_and_still_imported(tmp_path: Path, user_data: Path) -> None:
    path = tmp_path / "local.csv"
    path.write_text("科目编码,科目名称\n2990101,本地试点支出\n", encoding="utf-8")
    code, text = import_code_list_command(path, table=FUNCTIONAL, year="2024", dry_run=False)
    assert code == 0, text
    assert "上级款“29901”不在清单中" in text
    saved = load_code_table(user_data / f"{FUNCTIONAL}.csv")
    assert saved.name_of("2990101") == "本地试点支出"


def test_import_merges_and_the_catalog_names_the_new_code(
    files: dict[str, Path], user_data: Path, tmp_path: Path
) -> None:
    code, text = import_code_list_command(
        files["functional"], table=FUNCTIONAL, year=None, dry_run=False
    )
    assert code == 0, text
    assert "已导入 8 个科目" in text
    later = tmp_path / "later.csv"
    later.write_text("2025年科目\n科目编码,科目名称\n2010650,事业运行（新）\n2010699,其他财政事务支出\n",
                     encoding="utf-8")  # fmt: skip
    code, text = import_code_list_command(later, table=FUNCTIONAL, year=None, dry_run=False)
    assert code == 0, text
    assert "名称有变化 1 个" in text  # 2010650 was imported before

    saved = load_code_table(user_data / f"{FUNCTIONAL}.csv")
    assert saved.name_of("2010650") == "事业运行（新）"  # replaced by the later import
    assert saved.get("2010650").year == "2025"  # type: ignore[union-attr]  # get() is None only for a code not in the table
    assert saved.name_of("2010101") == "行政运行"  # kept from the first import
    assert saved.name_of("2080501") == ""  # bundled codes are not copied into the user file

    catalog = load_catalog(paths.forms_dir(), BUNDLED, user_data)
    assert catalog.warnings == ()
    codes = catalog.codes[FUNCTIONAL]
    assert codes.name_of("2010699") == "其他财政事务支出"  # a new 项
    assert codes.name_of("2010608") == "财政委托业务支出（含代理业务）"  # renamed
    assert codes.name_of("2080501") == "行政单位离退休"  # a bundled 2022 code stays usable
    assert codes.get("2080501").year == "2022"  # type: ignore[union-attr]  # get() is None only for a code not in the table
    assert codes.name_of("301") == ""  # economic codes stay in their own table
    listed = [e.code for e in codes.entries]
    assert listed == sorted(listed)  # every 类 before its 款 before its 项
    assert listed.index("20106") < listed.index("2010699") < listed.index("20139")
    assert catalog.codes[ECONOMIC] == load_code_table(BUNDLED / f"{ECONOMIC}.csv")
    # the bundled tables alone, as before an import
    plain = load_catalog(paths.forms_dir(), BUNDLED)
    assert plain.codes[FUNCTIONAL].name_of("2010699") == ""


def test_economic_codes_keep_their_group(files: dict[str, Path], user_data: Path) -> None:
    code, text = import_code_list_command(
        files["economic"], table=ECONOMIC, year=None, dry_run=False
    )
    assert code == 0, text
    codes = load_catalog(paths.forms_dir(), BUNDLED, user_data).codes[ECONOMIC]
    assert codes.name_of("30101") == "基本工资（含岗位工资）"
    assert codes.get("30101").group == "人员经费"  # type: ignore[union-attr]  # get() is None only for a code not in the table
    assert codes.get("30115").group == "人员经费"  # type: ignore[union-attr]  # from its 类
    assert codes.group_of("30115") == "人员经费"
    assert codes.name_of("30201") == "办公费"


def test_dry_run_writes_nothing(files: dict[str, Path], user_data: Path) -> None:
    code, text = import_code_list_command(
        files["functional"], table=FUNCTIONAL, year=None, dry_run=True
    )
    assert code == 0
    assert "新增 3 个" in text
    assert "没有写入" in text
    assert not user_data.exists()


def test_year_is_required_when_no_title_has_one(tmp_path: Path, user_data: Path) -> None:
    path = tmp_path / "list.xlsx"
    fx.functional_xlsx(path)
    untitled = tmp_path / "codes.csv"
    untitled.write_text("科目编码,科目名称\n2010650,事业运行\n", encoding="utf-8")
    code, text = import_code_list_command(untitled, table=FUNCTIONAL, year=None, dry_run=False)
    assert code == 1
    assert "没有找到年度" in text
    assert "--year" in text
    assert not user_data.exists()
    code, text = import_code_list_command(untitled, table=FUNCTIONAL, year="2024", dry_run=False)
    assert code == 0, text
    assert load_code_table(user_data / f"{FUNCTIONAL}.csv").get("2010650").year == "2024"  # type: ignore[union-attr]  # get() is None only for a code not in the table


def test_a_given_year_wins_over_the_title(files: dict[str, Path]) -> None:
    report = read_code_list(files["functional"], table=FUNCTIONAL, year="2023")
    assert {e.year for e in report.entries} == {"2023"}
    assert "标题中的年度是 2024 年，按指定的 2023 年导入" in report.text()
    assert not report.blocking


def test_economic_list_into_the_functional_table_is_refused(files: dict[str, Path]) -> None:
    report = read_code_list(files["economic"], table=FUNCTIONAL, year=None)
    assert report.blocking
    assert "看起来是经济分类科目" in report.text()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("broken.xlsx", b"PK\x03\x04 not really a workbook", "无法作为 Excel 工作簿读取"),
        ("list.txt", "科目编码,科目名称\n".encode(), "不是 Excel 或 CSV 文件"),
        ("nohead.csv", "编号,金额\n1,2\n".encode(), "没有找到科目代码清单的表头"),
        ("missing.csv", None, "找不到文件"),
    ],
)
def test_unreadable_files_exit_2(
    tmp_path: Path, user_data: Path, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, text = import_code_list_command(path, table=FUNCTIONAL, year="2024", dry_run=False)
    assert code == 2
    assert message in text
    assert not user_data.exists()
    if content is not None and name.endswith(".csv"):
        with pytest.raises(CodeListError):
            read_code_list(path, table=FUNCTIONAL, year="2024")


def test_damaged_user_table_is_skipped_by_the_app_and_replaced_by_an_import(
    files: dict[str, Path], user_data: Path
) -> None:
    user_data.mkdir(parents=True)
    damaged = user_data / f"{FUNCTIONAL}.csv"
    garbage = b"code,name,level,year,group,source\r\n2010650,\xff\xfe broken"
    damaged.write_bytes(garbage)

    catalog = load_catalog(paths.forms_dir(), BUNDLED, user_data)  # does not raise
    assert len(catalog.warnings) == 1
    assert str(damaged) in catalog.warnings[0]
    assert "改用内置代码表" in catalog.warnings[0]
    assert "重新导入" in catalog.warnings[0]
    assert catalog.codes[FUNCTIONAL] == load_code_table(BUNDLED / f"{FUNCTIONAL}.csv")
    assert catalog.codes[FUNCTIONAL].name_of("2080501") == "行政单位离退休"

    current, note = load_current_table(FUNCTIONAL, BUNDLED, user_data)
    assert current.name_of("2010650") == ""
    assert "已损坏" in note

    code, text = import_code_list_command(
        files["functional"], table=FUNCTIONAL, year=None, dry_run=False
    )
    assert code == 0, text
    assert "已改名为" in text
    kept = [p for p in user_data.iterdir() if p.name.startswith(f"{FUNCTIONAL}.csv.damaged-")]
    assert len(kept) == 1
    assert kept[0].read_bytes() == garbage  # the damaged file is kept, not overwritten
    catalog = load_catalog(paths.forms_dir(), BUNDLED, user_data)
    assert catalog.warnings == ()
    assert catalog.codes[FUNCTIONAL].name_of("2010650") == "事业运行"


def test_truncated_row_in_a_code_table_is_a_profile_error(tmp_path: Path) -> None:
    path = tmp_path / f"{FUNCTIONAL}.csv"
    path.write_text("code,name,level,year,group,source\r\n2010650,事业运行\r\n", encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        load_code_table(path)
    assert info.value.key == "第 2 行"
    assert "应有 6 列" in info.value.problem


def test_user_table_is_written_atomically_in_the_bundled_format(
    files: dict[str, Path], user_data: Path
) -> None:
    code, _ = import_code_list_command(files["split"], table=FUNCTIONAL, year=None, dry_run=False)
    assert code == 0
    target = user_data / f"{FUNCTIONAL}.csv"
    assert os.listdir(user_data) == [target.name]  # no temporary file left behind
    text = target.read_bytes().decode("utf-8")
    assert text.startswith("code,name,level,year,group,source\r\n")
    table = parse_code_table(FUNCTIONAL, text)
    assert [e.code for e in table.entries] == sorted(fx.SPLIT_CODES)
    assert {e.source for e in table.entries} == {"导入：split.xlsx"}


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (",01,,人大事务", "第 2 行（B2）：款编码“01”前面没有类编码"),
        ("201,20201,,外交管理事务", "第 2 行（B2）：款编码“20201”与同一行的上级编码“201”不一致"),
        ("201,,01,行政运行", "第 2 行（C2）：项编码“01”前面没有款编码"),
        ("2011,01,,人大事务", "第 2 行（A2）：类列的“2011”不是有效的类编码"),
    ],
)
def test_split_columns_that_do_not_make_a_code(tmp_path: Path, rows: str, message: str) -> None:
    path = tmp_path / "split.csv"
    path.write_text(f"类,款,项,科目名称\n{rows}\n", encoding="utf-8")
    report = read_code_list(path, table=FUNCTIONAL, year="2024")
    assert report.blocking
    assert message in report.text()
    assert report.entries == ()

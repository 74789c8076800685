"""`juesuan dept`: two units of one department, the parent paying the child a 补助 (E1).

The units are the 上海 sample split in two, each consistent on its own: the 本级 pays 20 万元
对附属单位补助支出 on 2013901, the subordinate records it as 上级补助收入 on 2013950.
"""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import docx
import pytest

from desktop.cli import main
from desktop.core.calc import Figures
from desktop.core.checks import run_checks
from desktop.core.model import Case, CaseId, TableRow, TableValues
from desktop.core.money import format_wan
from desktop.storage.cases import load_case, save_case
from desktop.storage.db import close_db, open_db
from desktop.storage.departments import effective_case

if TYPE_CHECKING:
    from pathlib import Path

    from desktop.sections.catalog import Catalog

from tests.department_units import SUBSIDY, units


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def dept_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A database with the two units (1, 2) and their department (3)."""
    db = tmp_path / "d.sqlite3"
    parent, child = units(tmp_path)
    assert run(capsys, "load", str(parent), "--db", str(db))[1].strip() == "1"
    assert run(capsys, "load", str(child), "--db", str(db))[1].strip() == "2"
    code, out, err = run(
        capsys, "dept", "create", "--name", "示例区社会工作部", "--year", "2024",
        "--members", "1,2", "--db", str(db),
    )  # fmt: skip
    assert (code, out.strip()) == (0, "已新建部门填报 3"), err
    return db


def table_rows(document: Path, first_header: str) -> list[list[str]]:
    for t in docx.Document(str(document)).tables:
        # a header's lines break between words (“本年收入/合计”): compare without the breaks
        rows = [[c.text.replace("\n", "") for c in r.cells] for r in t.rows]
        if any(first_header in cell for cell in rows[0] + (rows[1] if len(rows) > 1 else [])):
            return rows
    raise AssertionError(first_header)


def test_show_proposes_the_internal_pair_and_warns_until_confirmed(
    dept_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(dept_db)
    code, out, _ = run(capsys, "dept", "show", "3", "--db", db)
    assert code == 0
    assert "1. 示例区社会工作部\t行政单位\t（本级）\t填报 1" in out
    assert "示例区社会工作部（2013901）→ 示例区社会工作服务中心（2013950）20.00 万元" in out
    code, out, _ = run(capsys, "check", "--case", "3", "--db", db)
    assert code == 0  # warnings only
    assert out.count("警告 D-diff") == 2
    assert "提示 D-proposed：找到 1 笔可冲抵的内部往来，共 20.00 万元" in out
    assert run(capsys, "dept", "confirm", "3", "--db", db)[1].strip() == "已确认 1 笔冲抵。"
    code, out, _ = run(capsys, "check", "--case", "3", "--db", db)
    assert "D-diff" not in out
    assert "D-proposed" not in out


def test_department_exports_the_sum_less_the_internal_flow(
    dept_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], catalog: Catalog
) -> None:
    db = str(dept_db)
    run(capsys, "dept", "eliminate", "3", "--payer", "1", "--payee", "2", "--type", "E1",
        "--amount", SUBSIDY, "--db", db)  # fmt: skip
    target = tmp_path / "部门.docx"
    code, _, err = run(capsys, "export", "--case", "3", "--db", db, "-o", str(target))
    assert code == 0, err
    profile = catalog.profile("sh-2024-dept")
    store = open_db(dept_db)
    try:
        members = [Figures(load_case(store, CaseId(i)), profile, catalog.codes) for i in (1, 2)]
    finally:
        close_db(store)
    income = sum((f.ref("t2:*:total") for f in members), Decimal(0)) - Decimal(SUBSIDY)
    expense = sum((f.ref("t3:*:total") for f in members), Decimal(0)) - Decimal(SUBSIDY)
    fiscal = sum((f.ref("t2:*:fiscal") for f in members), Decimal(0))  # never eliminated
    t2 = table_rows(target, "本年收入合计")
    total = next(r for r in t2 if "合计" in r[0] or "合计" in r[1])
    assert format_wan(income) in total
    assert format_wan(fiscal) in total
    t3 = table_rows(target, "本年支出合计")
    total3 = next(r for r in t3 if "合计" in r[0] or "合计" in r[1])
    assert format_wan(expense) in total3
    units_table = table_rows(target, "单位名称")
    assert units_table[1:] == [
        ["1", "示例区社会工作部", "（本级）"],
        ["2", "示例区社会工作服务中心", "（下属行政单位）"],
    ]
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "纳入示例区社会工作部2024年度部门决算编制范围的单位共2家，其中行政单位2家" in text


def test_kind_own_and_merged_unit(dept_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(dept_db)
    code, out, _ = run(capsys, "dept", "set", "3", "--member", "2", "--kind", "事业", "--db", db)
    assert (code, out.strip()) == (0, "已修改“示例区社会工作服务中心”：事业单位（下属事业单位）。")
    code, out, _ = run(capsys, "dept", "add", "3", "--merged", "示例区社工站", "--kind", "参公",
                       "--db", db)  # fmt: skip
    assert code == 0
    out = run(capsys, "dept", "show", "3", "--db", db)[1]
    assert "3. 示例区社工站\t参照公务员法管理的事业单位\t预算不单列，并入本级\t无单独填报" in out
    out = run(capsys, "check", "--case", "3", "--db", db)[1]
    assert "错误 D-" not in out


def test_unmatched_pair_warns_until_explained(
    dept_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(dept_db)
    args = ["dept", "eliminate", "3", "--payer", "1", "--payee", "2", "--type", "E1", "--db", db]
    assert run(capsys, *args, "--amount", "150000")[0] == 0
    out = run(capsys, "check", "--case", "3", "--db", db)[1]
    assert "相差 5.00 万元" in out
    assert out.count("警告 D-diff") == 2
    assert run(capsys, *args, "--amount", "150000", "--explain", "年末在途资金5万元")[0] == 0
    out = run(capsys, "check", "--case", "3", "--db", db)[1]
    assert "D-diff" not in out
    # an elimination larger than what the payee recorded is an 错误
    assert run(capsys, *args, "--amount", "250000")[0] == 0
    code, out, _ = run(capsys, "check", "--case", "3", "--db", db)
    assert code == 1
    assert "错误 D-pair" in out


def test_external_flow_stays_in_the_department(
    dept_db: Path, capsys: pytest.CaptureFixture[str], catalog: Catalog
) -> None:
    db = str(dept_db)
    run(capsys, "dept", "eliminate", "3", "--payer", "1", "--payee", "2", "--type", "E1",
        "--amount", SUBSIDY, "--external", "--explain", "市级补助经本级转拨", "--db", db)  # fmt: skip
    store = open_db(dept_db)
    try:
        case = effective_case(store, CaseId(3), catalog.profiles)
    finally:
        close_db(store)
    figures = Figures(case, catalog.profile("sh-2024-dept"), catalog.codes)
    assert figures.ref("t2:*:upper") == Decimal(SUBSIDY)
    assert "D-diff" not in run(capsys, "check", "--case", "3", "--db", db)[1]


def test_member_edit_changes_the_department_at_once(dept_db: Path, catalog: Catalog) -> None:
    store = open_db(dept_db)
    try:
        before = effective_case(store, CaseId(3), catalog.profiles)
        child = load_case(store, CaseId(2))
        rows = [
            replace(r, cells={**r.cells, "fiscal": Decimal(str(r.cells["fiscal"])) + Decimal("12.34")})
            if r.key == "2013950" else r
            for r in child.table("t2").rows
        ]  # fmt: skip
        save_case(store, _with_table(child, "t2", rows), CaseId(2))
        after = effective_case(store, CaseId(3), catalog.profiles)
    finally:
        close_db(store)
    profile = catalog.profile("sh-2024-dept")
    delta = Figures(after, profile, catalog.codes).ref("t2:*:fiscal") - Figures(
        before, profile, catalog.codes
    ).ref("t2:*:fiscal")
    assert delta == Decimal("12.34")


def _with_table(case: Case, table: str, rows: list[TableRow]) -> Case:
    return replace(case, tables={**case.tables, table: TableValues(tuple(rows))})


def test_dump_and_load_recreate_the_department(
    dept_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], catalog: Catalog
) -> None:
    db = str(dept_db)
    run(capsys, "dept", "confirm", "3", "--db", db)
    run(capsys, "dept", "add", "3", "--merged", "示例区社工站", "--db", db)
    first = tmp_path / "dept.json"
    assert run(capsys, "dump", "--case", "3", "--db", db, "-o", str(first))[0] == 0
    data = json.loads(first.read_text(encoding="utf-8"))
    assert [m["name"] for m in data["department"]["members"]] == [
        "示例区社会工作部", "示例区社会工作服务中心", "示例区社工站",
    ]  # fmt: skip
    assert data["department"]["eliminations"][0]["amount"] == SUBSIDY
    other = tmp_path / "other.sqlite3"
    code, out, err = run(capsys, "load", str(first), "--db", str(other))
    assert code == 0, err
    new_id = out.strip()
    second = tmp_path / "again.json"
    assert run(capsys, "dump", "--case", new_id, "--db", str(other), "-o", str(second))[0] == 0
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")


def test_plain_reader_accepts_the_consolidated_figures(
    dept_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(dept_db)
    first = tmp_path / "dept.json"
    run(capsys, "dump", "--case", "3", "--db", db, "-o", str(first))
    data = json.loads(first.read_text(encoding="utf-8"))
    del data["department"]
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    # the top level alone is an ordinary case file of the consolidated figures
    code, out, _ = run(capsys, "check", "--file", str(plain))
    assert code == 0
    assert "错误 0 条" in out or "未发现问题" in out


def test_member_errors_block_the_department_export(
    dept_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(dept_db)
    assert run(capsys, "check", "--case", "3", "--db", db)[0] == 0  # fills the check cache
    store = open_db(dept_db)
    try:
        child = load_case(store, CaseId(2))
        # t5 (一般公共预算) more than the whole 支出决算表 on that 科目: the unit's own 错误
        rows = [r for r in child.table("t3").rows if r.key != "2080505"]
        save_case(store, _with_table(child, "t3", rows), CaseId(2))
    finally:
        close_db(store)
    code, out, _ = run(capsys, "check", "--case", "3", "--db", db)
    assert code == 1
    assert "错误 D-member：单位“示例区社会工作服务中心”（填报 2）：" in out
    code, _, err = run(capsys, "export", "--case", "3", "--db", db, "-o", str(tmp_path / "x.docx"))
    assert code == 2
    assert err.startswith("错误：部门填报 3 还有")
    assert "D-member" in err
    assert not (tmp_path / "x.docx").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["dept", "create", "--name", "X", "--year", "2024", "--members", "1,9"], "没有编号为 9"),
        (["dept", "create", "--name", "X", "--year", "2024", "--members", "a,b"], "用逗号分隔的填报编号"),
        (["dept", "create", "--name", "X", "--year", "2024", "--members", "1,1"], "列了两次"),
        (["dept", "create", "--name", "X", "--year", "2024", "--members", "3"], "本身是部门填报"),
        (["dept", "show", "1"], "是单位填报，不是部门填报"),
        (["dept", "eliminate", "3", "--payer", "1", "--payee", "1", "--type", "E1", "--amount", "1"],
         "不能是同一个单位"),
        (["dept", "eliminate", "3", "--payer", "1", "--payee", "2", "--type", "E1", "--amount", "1e5"],
         "无法识别"),
        (["dept", "set", "3", "--member", "7", "--kind", "事业"], "没有单位“7”"),
        (["dept", "set", "3", "--member", "2", "--kind", "企业"], "不认识的单位性质“企业”"),
    ],
)  # fmt: skip
def test_refusals_say_what_to_do(
    dept_db: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _, err = run(capsys, *args, "--db", str(dept_db))
    assert code == 2
    assert err.startswith("错误：")
    assert message in err


def test_check_cache_recomputes_only_what_changed(dept_db: Path, catalog: Catalog) -> None:
    from desktop.storage.check_cache import cached_checks, context_key

    profile = catalog.profile("sh-2024-dept")
    store = open_db(dept_db)
    try:
        case = load_case(store, CaseId(2))
        context = context_key(profile, catalog.codes)
        calls: list[int] = []

        def compute() -> list[Any]:
            calls.append(1)
            return run_checks(Figures(case, profile, catalog.codes))

        first = cached_checks(store, CaseId(2), case, context, compute)
        again = cached_checks(store, CaseId(2), case, context, compute)
        assert (len(calls), again) == (1, first)
        edited = _with_table(case, "t3", list(case.table("t3").rows[1:]))
        cached_checks(store, CaseId(2), edited, context, compute)
        cached_checks(store, CaseId(2), case, context_key(profile, {}), compute)
        assert len(calls) == 3
    finally:
        close_db(store)


def test_check_cache_key_is_the_same_in_another_process(dept_db: Path) -> None:
    """The key must not depend on the process (no hash randomisation, no object ids)."""
    import sqlite3
    import subprocess
    import sys

    def keys() -> list[tuple[int, str]]:
        subprocess.run(
            [sys.executable, "-m", "desktop", "check", "--case", "3", "--db", str(dept_db)],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        con = sqlite3.connect(dept_db)
        try:
            return con.execute("SELECT case_id, key FROM check_cache ORDER BY case_id").fetchall()
        finally:
            con.close()

    first = keys()
    assert [case_id for case_id, _ in first] == [1, 2]
    assert keys() == first

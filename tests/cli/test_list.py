"""`juesuan list`: every case of a database with its 错误/警告 counts; wrong ids point to it."""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING

from tests.cli.test_cli import juesuan

if TYPE_CHECKING:
    from pathlib import Path

HEADER = "编号\t单位\t年度\t模板\t部门/单位\t最后修改\t错误\t警告"


def _load(db: Path, data: dict[str, object], tmp_path: Path, name: str) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    loaded = juesuan("load", str(path), "--db", str(db))
    assert loaded.returncode == 0, loaded.stderr
    return loaded.stdout.strip()


def test_list_shows_every_case_with_its_counts(tmp_path: Path) -> None:
    db = tmp_path / "cases.sqlite3"
    dumped = tmp_path / "sample.json"
    assert juesuan("dump", "--sample", "-o", str(dumped)).returncode == 0
    sample = json.loads(dumped.read_text(encoding="utf-8"))
    first = _load(db, sample, tmp_path, "a.json")
    broken = json.loads(json.dumps(sample))
    broken["unit"]["name"] = "某某旗财政局"
    broken["unit"]["year"] = 2021
    broken["tables"]["t1"][3]["cells"]["amount"] = "100000.00"  # 收入总计 ≠ 支出总计
    second = _load(db, broken, tmp_path, "b.json")
    tiny = {"format": "juesuan-case", "version": 1, "profile": "sh-2024-dept",
            "unit": {"name": "上海市某某局", "year": 2024}}  # fmt: skip
    third = _load(db, tiny, tmp_path, "c.json")

    listed = juesuan("list", "--db", str(db))
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0] == HEADER
    rows = [line.split("\t") for line in lines[1:]]
    assert [r[0] for r in rows] == [first, second, third]
    assert rows[0][1:5] == ["内蒙古自治区鄂尔多斯市红十字会(本级)", "2022", "nmg-2022-unit", "单位"]
    assert rows[0][6:] == ["0", "0"]
    assert rows[1][1:3] == ["某某旗财政局", "2021"]
    assert rows[2][3:5] == ["sh-2024-dept", "单位"]  # a unit's case, in a 部门-worded template
    for row, case_id in ((rows[1], second), (rows[2], third)):  # the same counts as `check`
        issues = json.loads(juesuan("check", "--case", case_id, "--db", str(db), "--json").stdout)
        assert row[6] == str(sum(1 for i in issues if i["severity"] == "错误"))
        assert row[7] == str(sum(1 for i in issues if i["severity"] == "警告"))
    assert int(rows[1][6]) >= 1
    assert len(rows[0][5]) == len("2026-01-01 12:00")


def test_a_case_of_a_profile_no_longer_installed_is_still_listed(tmp_path: Path) -> None:
    db = tmp_path / "cases.sqlite3"
    dumped = tmp_path / "sample.json"
    juesuan("dump", "--sample", "-o", str(dumped))
    assert juesuan("load", str(dumped), "--db", str(db)).returncode == 0
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE cases SET profile = 'gs-2019-unit'")
    conn.close()
    rows = juesuan("list", "--db", str(db)).stdout.splitlines()
    assert rows[1].split("\t")[3:5] == ["gs-2019-unit（未安装）", "单位"]
    assert rows[1].split("\t")[6:] == ["—", "—"]


def test_a_department_is_listed_as_one_with_its_consolidated_counts(tmp_path: Path) -> None:
    db = tmp_path / "cases.sqlite3"
    dumped = tmp_path / "sample.json"
    juesuan("dump", "--sample", "sh-2024-dept", "-o", str(dumped))
    first = juesuan("load", str(dumped), "--db", str(db)).stdout.strip()
    second = juesuan("load", str(dumped), "--db", str(db)).stdout.strip()
    made = juesuan("dept", "create", "--name", "某某部门", "--year", "2024",
                   "--members", f"{first},{second}", "--db", str(db))  # fmt: skip
    assert made.returncode == 0, made.stderr
    rows = [r.split("\t") for r in juesuan("list", "--db", str(db)).stdout.splitlines()[1:]]
    department = next(r for r in rows if r[1] == "某某部门")
    assert department[4] == "部门"
    issues = json.loads(juesuan("check", "--case", department[0], "--db", str(db), "--json").stdout)
    assert department[6] == str(sum(1 for i in issues if i["severity"] == "错误"))


def test_an_empty_or_missing_database(tmp_path: Path) -> None:
    empty = juesuan("list")  # the default database (a fresh user data folder) does not exist yet
    assert empty.returncode == 0
    assert "还没有填报" in empty.stdout
    typo = juesuan("list", "--db", str(tmp_path / "nowhere.sqlite3"))
    assert typo.returncode == 2
    assert typo.stderr.startswith("错误：数据库")


def test_a_wrong_id_points_to_list(tmp_path: Path) -> None:
    db = tmp_path / "cases.sqlite3"
    dumped = tmp_path / "sample.json"
    juesuan("dump", "--sample", "-o", str(dumped))
    juesuan("load", str(dumped), "--db", str(db))
    wrong = juesuan("export", "--case", "9", "--db", str(db), "-o", str(tmp_path / "x.docx"))
    assert wrong.returncode == 2
    assert wrong.stderr.startswith("错误：数据库中没有编号为 9 的填报。")
    assert f"juesuan list --db {db}" in wrong.stderr

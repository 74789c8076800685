"""The command line, run as a separate process like an officer (or a script) would."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import TYPE_CHECKING

import docx

if TYPE_CHECKING:
    from pathlib import Path


def juesuan(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_version_and_profiles() -> None:
    assert juesuan("--version").stdout.startswith("决算公开助手 juesuan ")
    listed = juesuan("profiles")
    assert listed.returncode == 0
    assert "nmg-2022-unit\t内蒙古 2022 单位决算公开（12 张公开表）" in listed.stdout


def test_dump_load_export_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "cases.sqlite3"
    dumped = tmp_path / "sample.json"
    assert juesuan("dump", "--sample", "-o", str(dumped)).returncode == 0
    assert json.loads(dumped.read_text(encoding="utf-8"))["unit"]["year"] == 2022
    loaded = juesuan("load", str(dumped), "--db", str(db))
    assert loaded.returncode == 0, loaded.stderr
    case_id = loaded.stdout.strip()
    assert case_id == "1"
    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    assert juesuan("export", "--case", case_id, "--db", str(db), "-o", str(a)).returncode == 0
    assert juesuan("export", "--file", str(dumped), "-o", str(b)).returncode == 0
    texts = [[p.text for p in docx.Document(str(x)).paragraphs] for x in (a, b)]
    assert texts[0] == texts[1]


def test_errors_are_chinese_and_exit_2(tmp_path: Path) -> None:
    cases = [
        ("export", "-o", str(tmp_path / "x.docx")),
        ("export", "--sample", "-o", str(tmp_path / "x.txt")),
        ("export", "--sample", "nowhere-2020", "-o", str(tmp_path / "x.docx")),
        (
            "export",
            "--case",
            "7",
            "--db",
            str(tmp_path / "none.sqlite3"),
            "-o",
            str(tmp_path / "x.docx"),
        ),
        ("export", "--file", str(tmp_path / "missing.json"), "-o", str(tmp_path / "x.docx")),
        ("export", "--sample", "-o", str(tmp_path / "no" / "such" / "dir.docx")),
        ("load", str(tmp_path / "missing.json")),
        ("frobnicate",),
    ]
    for args in cases:
        result = juesuan(*args)
        assert result.returncode == 2, args
        assert any("\u4e00" <= ch <= "\u9fff" for ch in result.stderr), result.stderr
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.docx").exists()


def test_bad_file_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    db = tmp_path / "cases.sqlite3"
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"format": "juesuan-case", "version": 1, "profile": "nmg-2022-unit", '
        '"unit": {"name": "x", "year": 2022}, "tables": {"t4": [{"key": "inc_gpb", '
        '"cells": {"amount": 1.5}}]}}',
        encoding="utf-8",
    )
    result = juesuan("load", str(bad), "--db", str(db))
    assert result.returncode == 2
    assert "$.tables.t4[0].cells.amount" in result.stderr
    assert not db.exists()


def test_check_the_sample_and_a_broken_file(tmp_path: Path) -> None:
    ok = juesuan("check", "--sample")
    assert ok.returncode == 0, ok.stderr
    assert "【一般公共预算财政拨款基本支出决算明细表】" in ok.stdout
    assert "共 6 条：错误 0 条，警告 0 条，提示 6 条。" in ok.stdout
    as_json = json.loads(juesuan("check", "--sample", "--json").stdout)
    assert {row["rule"] for row in as_json} == {"ALL-tail", "X5", "X5-project", "N10-cover"}
    assert as_json[0]["rule"] == "N10-cover"
    assert as_json[1]["table"] == "t6"
    dumped = tmp_path / "sample.json"
    juesuan("dump", "--sample", "-o", str(dumped))
    data = json.loads(dumped.read_text(encoding="utf-8"))
    data["tables"]["t1"][3]["cells"]["amount"] = "100000.00"  # 年末结转和结余 out of balance
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    bad = juesuan("check", "--file", str(broken))
    assert bad.returncode == 1
    assert "错误 T1-d：收入总计 788.54 万元 ≠ 支出总计 798.54 万元，相差 10.00 万元。" in bad.stdout
    assert juesuan("check", "--file", str(tmp_path / "none.json")).returncode == 2


def test_list_rules() -> None:
    listed = juesuan("check", "--list-rules")
    assert listed.returncode == 0
    lines = listed.stdout.splitlines()
    assert len(lines) >= 30
    assert any(
        line.startswith(
            "T1-d\t错误\t收入支出决算总表：收入总计 = 支出总计\t需要：《收入支出决算总表》"
        )
        for line in lines
    )
    sh = juesuan("check", "--list-rules", "--profile", "sh-2024-dept").stdout.splitlines()
    x10 = next(line for line in sh if line.startswith("X10\t"))
    assert x10.endswith("未列入，也不能运行：模板缺少《项目收入支出决算表》（role = “projects”）")


def test_check_sample_with_profile_is_refused_not_ignored() -> None:
    """`check --sample --profile P` used to check the default sample and say nothing about P."""
    refused = juesuan("check", "--sample", "--profile", "sh-2024-dept")
    assert refused.returncode == 2
    assert "juesuan check --sample sh-2024-dept" in refused.stderr
    assert refused.stdout == ""
    chosen = juesuan("check", "--sample", "sh-2024-dept")
    assert chosen.returncode == 0
    assert "错误 0 条，警告 0 条" in chosen.stdout


def test_check_accepts_a_warning_with_a_reason(tmp_path: Path) -> None:
    """check --case N --accept 标识 --reason …: the 警告 is listed as 已说明 from then on; a 错误
    cannot be accepted; --withdraw takes the explanation back."""
    db = str(tmp_path / "cases.sqlite3")
    dumped = tmp_path / "case.json"
    juesuan("dump", "--sample", "-o", str(dumped))
    data = json.loads(dumped.read_text(encoding="utf-8"))
    data["fields"]["overall"]["prior_closing"] = "10000.00"  # X12: 年初 ≠ 上年年末
    data["tables"]["t1"][3]["cells"]["amount"] = "100000.00"  # T1-d: an 错误
    dumped.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    case = juesuan("load", str(dumped), "--db", db).stdout.strip()
    before = juesuan("check", "--case", case, "--db", db, "--json")
    [x12] = [r for r in json.loads(before.stdout) if r["rule"] == "X12"]
    assert (x12["severity"], x12["accepted"]) == ("警告", "")
    no_reason = juesuan("check", "--case", case, "--db", db, "--accept", "X12")
    assert no_reason.returncode == 2
    assert no_reason.stderr.startswith("错误：请用 --reason")
    error = juesuan("check", "--case", case, "--db", db, "--accept", "T1-d", "--reason", "无误")
    assert error.returncode == 2
    assert "只有“警告”可以" in error.stderr
    reason = "上年决算经审计调整。"
    done = juesuan("check", "--case", case, "--db", db, "--accept", "X12", "--reason", reason)
    assert done.returncode == 1, done.stderr  # the 错误 T1-d is still there
    assert "警告 X12：" in done.stdout
    assert f"（已说明：{reason}）" in done.stdout
    after = json.loads(juesuan("check", "--case", case, "--db", db, "--json").stdout)
    assert [r["accepted"] for r in after if r["rule"] == "X12"] == [reason]
    back = juesuan("check", "--case", case, "--db", db, "--withdraw", x12["key"])
    assert "已说明" not in back.stdout
    sample = juesuan("check", "--sample", "--accept", "X12", "--reason", reason)
    assert sample.returncode == 2
    assert "--case" in sample.stderr
    unknown = juesuan("check", "--case", case, "--db", db, "--accept", "F4", "--reason", reason)
    assert unknown.returncode == 2
    assert "没有“F4”" in unknown.stderr

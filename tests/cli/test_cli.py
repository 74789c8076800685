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

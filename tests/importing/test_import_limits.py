"""A crafted workbook cannot exhaust memory or time: it is measured before it is parsed."""

from __future__ import annotations

import zipfile
from typing import TYPE_CHECKING

import openpyxl
import pytest

from desktop.importing import workbook
from desktop.importing.recognise import recognise
from desktop.importing.workbook import WorkbookError, read_workbook

if TYPE_CHECKING:
    from pathlib import Path

    from desktop.core.model import Case
    from desktop.sections.catalog import Catalog


def _book(path: Path, rows: int) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in range(1, rows + 1):
        ws.append([r, "甲", r * 2])
    wb.save(path)
    return path


def test_too_many_cells_are_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _book(tmp_path / "many.xlsx", 400)  # 1200 cells
    monkeypatch.setattr(workbook, "MAX_CELLS", 1000)
    with pytest.raises(WorkbookError, match="单元格"):
        read_workbook(path)
    monkeypatch.setattr(workbook, "MAX_CELLS", 1300)
    assert len(read_workbook(path)[0].rows) == 400


def test_a_small_file_that_unpacks_huge_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _book(tmp_path / "bomb.xlsx", 3)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/padding.xml", b" " * 3_000_000)  # 3 MB → a few KB
    assert path.stat().st_size < 100_000
    monkeypatch.setattr(workbook, "MAX_UNPACKED", 2_000_000)
    with pytest.raises(WorkbookError, match="解压后超过"):
        read_workbook(path)


def test_declared_sizes_that_lie_are_caught_while_streaming(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _book(tmp_path / "liar.xlsx", 3)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/padding.xml", b"<c>" * 1_000_000)
    monkeypatch.setattr(workbook, "MAX_CELLS", 500_000)
    with pytest.raises(WorkbookError, match="单元格"):
        workbook.check_size(path)


def test_recognition_is_time_boxed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, catalog: Catalog, sample_case: Case
) -> None:
    sheets = read_workbook(_book(tmp_path / "slow.xlsx", 3))
    monkeypatch.setattr(workbook, "TIME_LIMIT", -1.0)
    with pytest.raises(WorkbookError, match="秒"):
        recognise(sheets, catalog.profile(sample_case.profile_id), sample_case)


def test_the_command_line_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop import cli

    path = _book(tmp_path / "many.xlsx", 400)
    monkeypatch.setattr(workbook, "MAX_CELLS", 1000)
    code = cli.main(
        ["import-xlsx", str(path), "--new", "--dry-run", "--db", str(tmp_path / "d.sqlite3")]
    )
    err = capsys.readouterr().err
    assert code == 2, err
    assert "单元格" in err
    assert "Traceback" not in err

"""Every written file goes through one helper: temp file, fsync, rename, normal permissions.

Each write path (Word, Excel, PDF, dump, database backup, code table) is tested with each OS
error of `tests.faults`: a Chinese message, exit 2 on the command line, the old file untouched,
no temporary file left.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from desktop import cli
from desktop.core.filenames import safe_file_name
from desktop.files import (
    FileWriteError,
    ReadOnlyTargetError,
    clean_stale_temps,
    write_atomically,
    write_text_atomically,
)
from tests.faults import KINDS, SAYS, STAGES, fail_at, leftovers

if TYPE_CHECKING:
    from desktop.core.calc import Figures
    from desktop.core.narrative.document import Document

OLD = "旧文件的内容"


def _says(kind: str, message: str) -> bool:
    return SAYS[kind] in message or (kind in ("EACCES", "EPERM") and "Word 或 WPS" in message)


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_every_stage_and_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stage: str, kind: str
) -> None:
    target = tmp_path / "报告.json"
    target.write_text(OLD, encoding="utf-8")
    fail_at(monkeypatch, stage, kind)
    with pytest.raises(FileWriteError) as info:
        write_text_atomically(target, "新内容")
    monkeypatch.undo()
    assert _says(kind, str(info.value)), str(info.value)
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path) == []


def test_new_and_replaced_files_get_normal_permissions(tmp_path: Path) -> None:
    if sys.platform == "win32":
        pytest.skip("POSIX permissions")
    old = os.umask(0o022)
    try:
        fresh = write_text_atomically(tmp_path / "new.json", "x")
        replaced = tmp_path / "old.json"
        replaced.write_text("x", encoding="utf-8")
        replaced.chmod(0o600)
        write_text_atomically(replaced, "y")
    finally:
        os.umask(old)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
    assert stat.S_IMODE(replaced.stat().st_mode) == 0o644
    assert replaced.read_text(encoding="utf-8") == "y"


def test_stale_temp_files_of_our_pattern_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "a.docx"
    stale = tmp_path / ".a.docx.0123456789abcdef.tmp"
    stale.write_bytes(b"half")
    others = [
        tmp_path / ".a.docx.tmp",
        tmp_path / ".b.docx.0123456789abcdef.tmp",
        tmp_path / "a.tmp",
    ]
    for other in others:
        other.write_bytes(b"not ours")
    write_atomically(target, lambda tmp: tmp.write_bytes(b"done"))
    assert not stale.exists()
    assert all(other.exists() for other in others)
    assert clean_stale_temps(target) == []


def test_a_read_only_target_is_not_replaced_unless_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "case.json"
    target.write_text(OLD, encoding="utf-8")
    target.chmod(0o444)
    with pytest.raises(ReadOnlyTargetError, match="只读文件"):
        write_text_atomically(target, "新")
    assert cli.main(["dump", "--sample", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "只读文件" in err
    assert "--overwrite-read-only" in err
    assert target.read_text(encoding="utf-8") == OLD
    assert cli.main(["dump", "--sample", "-o", str(target), "--overwrite-read-only"]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "juesuan-case"
    assert target.stat().st_mode & stat.S_IWUSR


@pytest.mark.parametrize("kind", KINDS)
def test_dump_faults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    target = tmp_path / "case.json"
    target.write_text(OLD, encoding="utf-8")
    fail_at(monkeypatch, "replace", kind)
    assert cli.main(["dump", "--sample", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：")
    assert _says(kind, err), err
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("kind", KINDS)
def test_word_faults(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    document: Document,
    figures: Figures,
    kind: str,
) -> None:
    from desktop import paths
    from desktop.export.docx import DocxOptions, export_docx

    target = tmp_path / "报告.docx"
    target.write_text(OLD, encoding="utf-8")
    template = paths.resources_dir() / "templates" / figures.profile.template
    fail_at(monkeypatch, "replace", kind)
    with pytest.raises(FileWriteError) as info:
        export_docx(
            document, figures, target, DocxOptions(template, paths.resources_dir() / "fonts")
        )
    assert _says(kind, str(info.value))
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_excel_faults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, figures: Figures, stage: str, kind: str
) -> None:
    from desktop.export.xlsx import export_xlsx

    target = tmp_path / "公开表.xlsx"
    target.write_text(OLD, encoding="utf-8")
    fail_at(monkeypatch, stage, kind)
    with pytest.raises(FileWriteError) as info:
        export_xlsx(figures, target)
    monkeypatch.undo()
    assert _says(kind, str(info.value))
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path) == []


@pytest.fixture
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in for LibreOffice that writes a PDF and records its arguments."""
    import desktop.export.pdf

    log = tmp_path / "argv.json"
    script = tmp_path / "soffice"
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, sys, pathlib\n"
        f"pathlib.Path({str(log)!r}).write_text(json.dumps(sys.argv))\n"
        "out = pathlib.Path(sys.argv[sys.argv.index('--outdir') + 1])\n"
        "(out / (pathlib.Path(sys.argv[-1]).stem + '.pdf')).write_bytes(b'%PDF-1.4 fake')\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    monkeypatch.setattr(desktop.export.pdf, "find_soffice", lambda: str(script))
    return log


def _word_file(path: Path) -> Path:
    """A real (empty) Word document: the conversion reads it before LibreOffice runs."""
    import docx

    docx.Document().save(str(path))
    return path


def test_libreoffice_gets_absolute_paths(
    tmp_path: Path, fake_soffice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop import paths
    from desktop.export.pdf import convert_to_pdf

    work = tmp_path / "work"
    work.mkdir()
    _word_file(work / "-x.docx")
    monkeypatch.chdir(work)
    pdf = convert_to_pdf(Path("-x.docx"), paths.resources_dir() / "fonts")
    argv = json.loads(fake_soffice.read_text(encoding="utf-8"))
    # LibreOffice converts a copy made for it (see pdf.for_libreoffice), named like the document
    assert Path(argv[-1]).is_absolute()
    assert Path(argv[-1]).name == "-x.docx"
    assert Path(argv[argv.index("--outdir") + 1]).is_absolute()
    assert pdf == work / "-x.pdf"
    assert pdf.read_bytes() == b"%PDF-1.4 fake"
    assert [p.name for p in work.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("kind", KINDS)
def test_pdf_faults(
    tmp_path: Path, fake_soffice: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    from desktop import paths
    from desktop.export.pdf import convert_to_pdf

    docx = _word_file(tmp_path / "报告.docx")
    target = tmp_path / "报告.pdf"
    target.write_text(OLD, encoding="utf-8")
    fail_at(monkeypatch, "replace", kind)
    with pytest.raises(FileWriteError) as info:
        convert_to_pdf(docx, paths.resources_dir() / "fonts")
    assert _says(kind, str(info.value))
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("kind", KINDS)
def test_code_table_faults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    from desktop.core.codetables import CodeEntry, CodeTable
    from desktop.importing.codelist import CodeListReport
    from desktop.importing.codetable_store import save_code_list

    target = tmp_path / "functional_classification.csv"
    table = "functional_classification"
    entries = (CodeEntry("201", "一般公共服务支出", "类"),)
    report = CodeListReport("x.xlsx", "Sheet1", table, "2024", entries, (), CodeTable(table, ()))
    fail_at(monkeypatch, "replace", kind)
    with pytest.raises(FileWriteError) as info:
        save_code_list(report, tmp_path)
    assert _says(kind, str(info.value))
    assert not target.exists()
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("2022年度../../红十字会决算公开.docx", "2022年度.._.._红十字会决算公开.docx"),
        ("2022年度..\\..\\单位决算公开.docx", "2022年度.._.._单位决算公开.docx"),
        ("CON.docx", "_CON.docx"),
        ("com1.txt.docx", "_com1.txt.docx"),
        ("单位:名称*?.docx", "单位_名称__.docx"),
        ("甲\x00乙\n丙.docx", "甲_乙_丙.docx"),
        ("  ..  .docx", "决算公开.docx"),
        ("正常单位决算公开.docx", "正常单位决算公开.docx"),
    ],
)
def test_default_file_names_are_safe(name: str, expected: str) -> None:
    assert safe_file_name(name) == expected


def test_a_long_default_name_keeps_its_extension() -> None:
    name = safe_file_name("2022年度" + "很长的单位名称" * 40 + "决算公开.docx")
    assert len(name) == 120
    assert name.endswith(".docx")
    assert "/" not in name

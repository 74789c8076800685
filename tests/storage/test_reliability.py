"""Never lose a figure: backups, damaged files, one writer, migrations, faults, no network."""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from desktop import cli
from desktop.core.calc import Figures
from desktop.core.checks import run_checks
from desktop.core.model import Case, CaseId
from desktop.storage.backups import list_backups, take_backup
from desktop.storage.cases import load_case, save_case
from desktop.storage.db import DatabaseDamagedError, close_db, open_db
from desktop.storage.edits import delete_row, set_cell, set_field
from desktop.storage.interchange import MAX_BYTES, InterchangeError, loads_case
from desktop.storage.lock import DatabaseLockedError
from desktop.storage.restore import RestoreError, restore_backup
from tests.conftest import export_case
from tests.faults import fail_at

if TYPE_CHECKING:
    from desktop.sections.catalog import Catalog

FIXTURES = Path(__file__).parent / "fixtures"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db_with_case(tmp_path: Path, sample_case: Case) -> tuple[Path, CaseId]:
    path = tmp_path / "cases.sqlite3"
    db = open_db(path)
    case_id = save_case(db, sample_case)
    close_db(db)
    return path, case_id


def test_edits_are_stored_one_by_one(db_with_case: tuple[Path, CaseId]) -> None:
    from decimal import Decimal

    path, case_id = db_with_case
    db = open_db(path)
    set_field(db, case_id, "overall", "reason_budget", "调入2人")
    set_cell(db, case_id, "t11", "13", "spending", Decimal("1.50"), label="新项目")
    delete_row(db, case_id, "t11", "12")
    case = load_case(db, case_id)
    close_db(db)
    assert case.value("overall", "reason_budget") == "调入2人"
    assert case.table("t11").row("13") is not None
    assert case.table("t11").row("12") is None


def test_daily_backup_once_and_keep_limit(
    db_with_case: tuple[Path, CaseId], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = db_with_case
    close_db(open_db(path))
    close_db(open_db(path))
    backups = list_backups(path)
    assert [b.reason for b in backups] == ["daily"]
    monkeypatch.setenv("JUESUAN_KEEP_BACKUPS", "3")
    for _ in range(5):
        take_backup(path, "daily")
    assert len(list_backups(path)) == 3


def test_backup_before_migration_and_old_schemas_open_intact(
    tmp_path: Path, catalog: Catalog
) -> None:
    fixtures = sorted(FIXTURES.glob("schema-*.sqlite3"))
    for fixture in fixtures:
        path = tmp_path / fixture.stem / "cases.sqlite3"
        path.parent.mkdir()
        shutil.copy(fixture, path)
        expected = loads_case(
            fixture.with_suffix(".json").read_text(encoding="utf-8"), catalog.profiles
        )
        db = open_db(path)
        assert load_case(db, CaseId(1)) == expected, fixture.name
        applied = {r[0] for r in db.execute("SELECT name FROM _sqlite_migrations")}
        close_db(db)
        assert {"0002_export_versions", "0003_import_layouts"} <= applied
        reasons = {b.reason for b in list_backups(path)}
        assert ("migration" in reasons) == (fixture != fixtures[-1])


@pytest.mark.parametrize(
    ("damage", "says"),
    [
        (lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 3]), "已损坏"),
        (lambda p: p.write_bytes(os.urandom(50_000)), "不是决算公开助手的数据库文件"),
        (
            lambda p: p.write_text("单位,金额\n红十字会,1\n", encoding="utf-8"),
            "不是决算公开助手的数据库文件",
        ),
        (
            lambda p: p.write_bytes(
                p.read_bytes()[:100] + os.urandom(8000) + p.read_bytes()[8100:]
            ),
            "已损坏",
        ),
    ],
    ids=["truncated", "random-bytes", "text-file", "scrambled-pages"],
)
def test_damaged_database_is_refused_and_untouched(
    db_with_case: tuple[Path, CaseId], damage: object, says: str
) -> None:
    path, _ = db_with_case
    take_backup(path, "daily")
    for extra in ("-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    damage(path)  # type: ignore[operator]  # damage is a parametrized callable
    before = digest(path)
    with pytest.raises(DatabaseDamagedError) as info:
        open_db(path)
    assert says in str(info.value)
    assert info.value.backup == list_backups(path)[0].path
    assert "juesuan restore" in str(info.value)
    assert digest(path) == before


def test_database_from_a_newer_program_is_refused(db_with_case: tuple[Path, CaseId]) -> None:
    path, _ = db_with_case
    db = open_db(path)
    db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('juesuan', '0099_future', 'x')"
    )
    close_db(db)
    before = digest(path)
    with pytest.raises(DatabaseDamagedError, match="更新版本"):
        open_db(path)
    assert digest(path) == before


def test_restore_backs_up_first(db_with_case: tuple[Path, CaseId], sample_case: Case) -> None:
    path, case_id = db_with_case
    good = take_backup(path, "daily")
    db = open_db(path)
    set_field(db, case_id, "contact", "person", "张三")
    close_db(db)
    saved = restore_backup(path, good.path.name, force=True)  # the current file is healthy
    assert saved.name.endswith("-restore.sqlite3")
    db = open_db(path)
    assert load_case(db, case_id) == sample_case
    close_db(db)
    with pytest.raises(RestoreError, match="找不到备份"):
        restore_backup(path, "nothing.sqlite3")


def test_a_second_writer_is_refused(db_with_case: tuple[Path, CaseId]) -> None:
    path, _ = db_with_case
    db = open_db(path)
    code = (
        "import sys\nfrom pathlib import Path\nfrom desktop.storage.db import open_db\n"
        "from desktop.storage.lock import DatabaseLockedError\n"
        f"try:\n    open_db(Path({str(path)!r}))\nexcept DatabaseLockedError as e:\n    print(e); sys.exit(3)\n"
    )
    other = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert other.returncode == 3
    assert "正由另一个决算公开助手使用" in other.stdout
    with pytest.raises(DatabaseLockedError):
        open_db(path)
    close_db(db)
    close_db(open_db(path))  # free again once the first one is closed


def test_oversized_interchange_file_is_refused(catalog: Catalog) -> None:
    with pytest.raises(InterchangeError, match="MB"):
        loads_case(" " * (MAX_BYTES + 1), catalog.profiles)


FAULTS = {
    "locked-target": ("replace", "locked", "正在被 Word 或 WPS 打开"),
    "read-only-folder": ("create", "EACCES", "没有权限"),
    "disk-full": ("write", "ENOSPC", "磁盘已满"),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_export_faults_leave_no_partial_file(
    fault: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stage, kind, says = FAULTS[fault]
    fail_at(monkeypatch, stage, kind)
    out = tmp_path / "out.docx"
    code = cli.main(["export", "--sample", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert says in err
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == []


@pytest.mark.parametrize(
    ("broken", "says"),
    [
        ("template", "已损坏"),
        ("font", "缺少程序自带的字体文件"),
        ("corrupt-font", "字体文件"),
        ("forms", "不是有效的 TOML"),
    ],
)
def test_damaged_installation_files(
    broken: str,
    says: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from desktop import paths

    root = tmp_path / "app"
    shutil.copytree(paths.resources_dir(), root / "resources")
    shutil.copytree(paths.forms_dir(), root / "forms")
    if broken == "template":
        (root / "resources" / "templates" / "nmg-2022-unit.docx").write_text(
            "not a docx", encoding="utf-8"
        )
    elif broken == "font":
        (root / "resources" / "fonts" / "NotoSansSC-Regular.otf").unlink()
    elif broken == "corrupt-font":
        font = root / "resources" / "fonts" / "NotoSansSC-Regular.otf"
        font.write_bytes(font.read_bytes()[:5000])
    else:
        (root / "forms" / "nmg-2022-unit" / "220_running.toml").write_text(
            "id = [", encoding="utf-8"
        )
    monkeypatch.setattr(paths, "app_root", lambda: root)
    out = tmp_path / "out.docx"
    assert cli.main(["export", "--sample", "-o", str(out)]) == 2
    assert says in capsys.readouterr().err
    assert not out.exists()


def test_nothing_connects_to_the_network(
    tmp_path: Path, sample_case: Case, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    tried: list[object] = []

    def refuse(self: socket.socket, *args: object) -> None:
        tried.append(args)
        raise OSError("network is not allowed")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: refuse(None, *a))  # type: ignore[arg-type]  # a stand-in with socket's positional signature
    export_case(sample_case, catalog, tmp_path / "offline.docx")
    run_checks(Figures(sample_case, catalog.profile(sample_case.profile_id), catalog.codes))
    assert tried == []


def test_versions_reexport_exactly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import docx

    db = tmp_path / "v.sqlite3"
    sample = Path(__file__).parents[2] / "resources" / "samples" / "nmg-2022-unit.json"
    assert cli.main(["load", str(sample), "--db", str(db)]) == 0
    first = tmp_path / "first.docx"
    assert cli.main(["export", "--case", "1", "--db", str(db), "-o", str(first)]) == 0
    assert cli.main(["versions", "--case", "1", "--db", str(db)]) == 0
    listed = capsys.readouterr().out
    assert "已记录为历史版本 1。" in listed
    assert "\tfirst.docx\tnmg-2022-unit\tsha256:" in listed
    opened = open_db(db)
    set_field(opened, CaseId(1), "contact", "person", "后来改的人")
    close_db(opened)
    again = tmp_path / "again.docx"
    assert (
        cli.main(["export", "--case", "1", "--version", "1", "--db", str(db), "-o", str(again)])
        == 0
    )
    texts = [[p.text for p in docx.Document(str(p)).paragraphs] for p in (first, again)]
    assert texts[0] == texts[1]
    assert "联系人：后来改的人" not in texts[1]


def test_crash_rounds() -> None:
    script = Path(__file__).parents[2] / "bench" / "crash_test.py"
    result = subprocess.run(
        [sys.executable, str(script), "20"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert "20/20 rounds: 0 corrupt, 0 lost" in result.stdout, result.stdout + result.stderr
    assert result.returncode == 0


def test_a_version_keeps_the_imported_code_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A code name the officer imported stays in the re-export after the import is gone."""
    import docx

    from desktop import paths
    from desktop.core.codetables import CodeEntry, format_code_table

    user = paths.user_codetables_dir()
    user.mkdir(parents=True)
    renamed = CodeEntry("30101", "基本工资（测试改名）", "款", "2024", "人员经费", "导入：测试")
    (user / "economic_classification.csv").write_text(
        format_code_table([renamed]), encoding="utf-8", newline=""
    )
    db = tmp_path / "v.sqlite3"
    sample = Path(__file__).parents[2] / "resources" / "samples" / "nmg-2022-unit.json"
    assert cli.main(["load", str(sample), "--db", str(db)]) == 0
    first = tmp_path / "first.docx"
    assert cli.main(["export", "--case", "1", "--db", str(db), "-o", str(first)]) == 0

    def cells(path: Path) -> set[str]:
        return {c.text for t in docx.Document(str(path)).tables for r in t.rows for c in r.cells}

    assert "基本工资（测试改名）" in cells(first)
    (user / "economic_classification.csv").unlink()
    again = tmp_path / "again.docx"
    assert (
        cli.main(["export", "--case", "1", "--version", "1", "--db", str(db), "-o", str(again)])
        == 0
    )
    assert "基本工资（测试改名）" in cells(again)
    now = tmp_path / "now.docx"
    assert cli.main(["export", "--case", "1", "--db", str(db), "-o", str(now)]) == 0
    assert "基本工资（测试改名）" not in cells(now)
    capsys.readouterr()

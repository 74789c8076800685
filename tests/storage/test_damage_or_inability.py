"""A healthy database that cannot be opened now is never called damaged, and restore keeps it."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from desktop import cli
from desktop.storage.backups import list_backups, take_backup
from desktop.storage.cases import list_cases, load_case, save_case
from desktop.storage.db import (
    DatabaseDamagedError,
    DatabaseUnavailableError,
    close_db,
    open_db,
)
from desktop.storage.restore import HealthyDatabaseError, RestoreError, restore_backup
from tests.faults import KINDS, SAYS, fail_at, probe_as, sqlite_error

if TYPE_CHECKING:
    from desktop.core.model import Case, CaseId


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def three_cases(tmp_path: Path, sample_case: Case) -> tuple[Path, list[CaseId]]:
    """A WAL database with three cases, a backup taken after the first (the issue's story)."""
    path = tmp_path / "cases.sqlite3"
    db = open_db(path)
    ids = [save_case(db, sample_case)]
    close_db(db)
    take_backup(path, "daily")
    db = open_db(path)
    ids += [save_case(db, sample_case), save_case(db, sample_case)]
    close_db(db)
    return path, ids


def _read_only_open_fails(monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    """The read-only open cannot create the -shm file (full disk, read-only mount, permission)."""
    real = sqlite3.connect

    def connect(database: str, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        if "mode=ro" in str(database):
            raise (
                sqlite_error("ENOSPC")
                if kind == "ENOSPC"
                else sqlite3.OperationalError("disk I/O error")
            )
        con: sqlite3.Connection = real(database, *args, **kwargs)
        return con

    monkeypatch.setattr(sqlite3, "connect", connect)
    probe_as(monkeypatch, kind)


@pytest.mark.parametrize(
    ("kind", "says"), [("ENOSPC", "磁盘已满"), ("EROFS", "文件夹只读"), ("EACCES", "没有权限")]
)
def test_a_healthy_database_that_cannot_be_opened_is_not_called_damaged(
    three_cases: tuple[Path, list[CaseId]], monkeypatch: pytest.MonkeyPatch, kind: str, says: str
) -> None:
    path, ids = three_cases
    before = digest(path)
    _read_only_open_fails(monkeypatch, kind)
    with pytest.raises(DatabaseUnavailableError) as info:
        open_db(path)
    message = str(info.value)
    assert says in message
    assert "已损坏" not in message
    assert "不要用备份恢复" in message
    assert digest(path) == before
    monkeypatch.undo()  # space freed: every case is still there
    db = open_db(path)
    assert [c.id for c in list_cases(db)] == ids
    close_db(db)


def test_the_cli_says_disk_full_and_exits_2(
    three_cases: tuple[Path, list[CaseId]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path, ids = three_cases
    _read_only_open_fails(monkeypatch, "ENOSPC")
    assert cli.main(["dump", "--case", str(ids[0]), "--db", str(path), "-o", "x.json"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：")
    assert "磁盘已满" in err
    assert "已损坏" not in err
    assert "Traceback" not in err


@pytest.mark.parametrize("kind", KINDS)
def test_a_failed_daily_backup_is_a_message_and_nothing_changes(
    three_cases: tuple[Path, list[CaseId]], monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    path, _ = three_cases
    for b in list_backups(path):
        b.path.unlink()  # the daily backup is due
    before = digest(path)
    fail_at(
        monkeypatch, "create", kind, lambda p: p.parent.name == "backups" and p.suffix == ".tmp"
    )
    with pytest.raises(DatabaseUnavailableError) as info:
        open_db(path)
    assert "自动备份没能写入" in str(info.value)
    assert SAYS[kind] in str(info.value)
    assert digest(path) == before
    assert list(path.parent.joinpath("backups").glob(".*.tmp")) == []


@pytest.mark.parametrize("kind", KINDS)
def test_the_lock_file_cannot_be_made(
    three_cases: tuple[Path, list[CaseId]], monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    path, _ = three_cases
    fail_at(monkeypatch, "create", kind, lambda p: p.name.endswith(".lock"))
    with pytest.raises(DatabaseUnavailableError) as info:
        open_db(path)
    assert SAYS[kind] in str(info.value)
    assert "已损坏" not in str(info.value)


@pytest.mark.parametrize("kind", KINDS)
def test_a_failed_write_during_load_keeps_the_database(
    three_cases: tuple[Path, list[CaseId]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    kind: str,
) -> None:
    from sqlite_utils import Database

    path, ids = three_cases
    sample = Path(__file__).parents[2] / "resources" / "samples" / "nmg-2022-unit.json"
    real = Database.execute

    def execute(self: Database, sql: str, *args: Any, **kwargs: Any) -> object:
        if sql.lstrip().upper().startswith("INSERT") and "table_cells" in sql:
            raise sqlite_error(kind)
        return real(self, sql, *args, **kwargs)

    monkeypatch.setattr(Database, "execute", execute)
    probe_as(monkeypatch, kind)
    assert cli.main(["load", str(sample), "--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：")
    assert "Traceback" not in err
    assert "写入失败" in err
    monkeypatch.undo()
    db = open_db(path)
    assert [c.id for c in list_cases(db)] == ids  # the half-loaded case was rolled back
    close_db(db)


def test_db_pointing_at_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["dump", "--case", "1", "--db", str(tmp_path), "-o", "x.json"]) == 2
    err = capsys.readouterr().err
    assert "是一个文件夹" in err
    assert "已损坏" not in err


def test_a_zero_byte_database_is_refused_with_the_backup_hint(
    three_cases: tuple[Path, list[CaseId]],
) -> None:
    path, _ = three_cases
    for extra in ("-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    path.write_bytes(b"")
    with pytest.raises(DatabaseDamagedError) as info:
        open_db(path)
    assert "0 字节" in str(info.value)
    assert "juesuan restore" in str(info.value)
    assert path.stat().st_size == 0  # not silently made a new, empty database


def test_restore_refuses_a_healthy_database_unless_forced(
    three_cases: tuple[Path, list[CaseId]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, ids = three_cases
    backup = list_backups(path)[0]
    before = digest(path)
    with pytest.raises(HealthyDatabaseError, match="完好"):
        restore_backup(path, backup.path.name)
    assert digest(path) == before
    assert cli.main(["restore", backup.path.name, "--db", str(path)]) == 2
    assert "--force" in capsys.readouterr().err
    saved = restore_backup(path, backup.path.name, force=True)
    db = open_db(path)
    assert [c.id for c in list_cases(db)] == ids[:1]
    close_db(db)
    kept = open_db(saved, backups=False)  # the replaced file is kept with all three cases
    assert [c.id for c in list_cases(kept)] == ids
    close_db(kept)


def test_restore_over_a_damaged_database_keeps_its_bytes(
    three_cases: tuple[Path, list[CaseId]], sample_case: Case
) -> None:
    path, ids = three_cases
    for extra in ("-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    damaged = path.read_bytes()[:3000]
    path.write_bytes(damaged)
    saved = restore_backup(path, list_backups(path)[0].path.name)
    assert saved.name.startswith("damaged-")
    assert saved.read_bytes() == damaged
    assert saved not in [b.path for b in list_backups(path)]  # never offered as a backup
    db = open_db(path)
    assert load_case(db, ids[0]) == sample_case
    close_db(db)


@pytest.mark.parametrize("kind", KINDS)
def test_restore_that_cannot_write_changes_nothing(
    three_cases: tuple[Path, list[CaseId]], monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    path, _ = three_cases
    backup = list_backups(path)[0]
    fail_at(monkeypatch, "replace", kind, lambda p: p.name.startswith(f".{path.name}."))
    with pytest.raises(RestoreError) as info:
        restore_backup(path, backup.path.name, force=True)
    assert SAYS[kind] in str(info.value) or "Word 或 WPS" in str(info.value)
    monkeypatch.undo()
    db = open_db(path)
    assert len(list_cases(db)) == 3
    close_db(db)

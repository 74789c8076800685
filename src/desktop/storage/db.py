"""Opens the SQLite database through sqlite-utils and brings its schema up to date.

Before anything is written the file is inspected read-only: a file that is not SQLite, is
damaged, or comes from a newer version of the program is refused with a Chinese message that
names the newest backup, and is never written to or deleted. Then the writer lock is taken,
a daily backup (and one before any migration) is made, and pending migrations run.

Durability: WAL journal with ``synchronous=FULL``: every committed edit is on disk before the
commit returns, so an acknowledged edit survives a crash or a power cut (NORMAL would be
faster but may lose the last commits on power loss). Foreign keys are on; money is INTEGER 分
in STRICT tables, never REAL.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database, Migrations

from desktop.storage.backups import backed_up_today, list_backups, take_backup
from desktop.storage.lock import WriterLock

migrations = Migrations("juesuan")
SQLITE_HEADER = b"SQLite format 3\x00"


class DatabaseDamagedError(Exception):
    """The database file cannot be used; it has not been touched."""

    def __init__(self, message: str, backup: Path | None) -> None:
        hint = (
            f"最新的备份是“{backup}”，可用“juesuan restore {backup.name}”恢复（恢复前会先备份当前文件）。"
            if backup
            else "没有找到备份。"
        )
        super().__init__(f"{message}{hint}")
        self.backup = backup


@migrations(name="0001_initial")
def _initial(db: Database) -> None:
    db.execute(
        """CREATE TABLE cases (
            id INTEGER PRIMARY KEY,
            profile TEXT NOT NULL,
            unit_name TEXT NOT NULL,
            year INTEGER NOT NULL,
            report_title TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        ) STRICT"""
    )
    db.execute(
        """CREATE TABLE field_values (
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            section TEXT NOT NULL,
            field TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('money', 'count', 'text', 'paragraphs')),
            amount_fen INTEGER,
            number INTEGER,
            text TEXT,
            PRIMARY KEY (case_id, section, field)
        ) STRICT"""
    )
    db.execute(
        """CREATE TABLE table_rows (
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            table_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            key TEXT NOT NULL,
            label TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (case_id, table_id, position),
            UNIQUE (case_id, table_id, key)
        ) STRICT"""
    )
    db.execute(
        """CREATE TABLE table_cells (
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            table_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            col TEXT NOT NULL,
            amount_fen INTEGER,
            text TEXT,
            PRIMARY KEY (case_id, table_id, position, col)
        ) STRICT"""
    )
    db.execute(
        """CREATE TABLE perf_projects (
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL, department TEXT NOT NULL, implementer TEXT NOT NULL,
            fiscal_initial_fen INTEGER NOT NULL, fiscal_full_fen INTEGER NOT NULL,
            fiscal_executed_fen INTEGER NOT NULL,
            carryover_initial_fen INTEGER NOT NULL, carryover_full_fen INTEGER NOT NULL,
            carryover_executed_fen INTEGER NOT NULL,
            other_initial_fen INTEGER NOT NULL, other_full_fen INTEGER NOT NULL,
            other_executed_fen INTEGER NOT NULL,
            funds_weight TEXT NOT NULL,
            goal_expected TEXT NOT NULL, goal_actual TEXT NOT NULL, completion TEXT NOT NULL,
            problems TEXT NOT NULL, measures TEXT NOT NULL,
            PRIMARY KEY (case_id, position)
        ) STRICT"""
    )
    db.execute(
        """CREATE TABLE perf_indicators (
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            project INTEGER NOT NULL,
            position INTEGER NOT NULL,
            level1 TEXT NOT NULL, level2 TEXT NOT NULL, name TEXT NOT NULL, nature TEXT NOT NULL,
            direction TEXT NOT NULL, target TEXT NOT NULL, actual TEXT NOT NULL,
            unit TEXT NOT NULL, weight TEXT NOT NULL, score TEXT NOT NULL, deviation TEXT NOT NULL,
            PRIMARY KEY (case_id, project, position)
        ) STRICT"""
    )
    db.execute(
        """CREATE TABLE case_texts (
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('evaluation', 'report', 'glossary', 'comment')),
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (case_id, kind, position)
        ) STRICT"""
    )


@migrations(name="0002_export_versions")
def _export_versions(db: Database) -> None:
    db.execute(
        """CREATE TABLE export_versions (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            created TEXT NOT NULL,
            file_name TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            draft INTEGER NOT NULL DEFAULT 0,
            profile_id TEXT NOT NULL,
            profile_fingerprint TEXT NOT NULL,
            profile_archive BLOB NOT NULL,
            case_json TEXT NOT NULL
        ) STRICT"""
    )


@migrations(name="0003_import_layouts")
def _import_layouts(db: Database) -> None:
    db.execute(
        """CREATE TABLE import_layouts (
            signature TEXT NOT NULL,
            profile TEXT NOT NULL,
            mapping TEXT NOT NULL,
            updated TEXT NOT NULL,
            PRIMARY KEY (signature, profile)
        ) STRICT"""
    )


@migrations(name="0004_departments")
def _departments(db: Database) -> None:
    """部门 cases: a case of kind 'department', its members and its eliminations (冲抵)."""
    db.execute(
        "ALTER TABLE cases ADD COLUMN kind TEXT NOT NULL DEFAULT 'unit' "
        "CHECK (kind IN ('unit', 'department'))"
    )
    db.execute(
        """CREATE TABLE dept_members (
            dept_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            level TEXT NOT NULL CHECK (level IN ('本级', '下属', '不单列')),
            case_id INTEGER REFERENCES cases(id) ON DELETE CASCADE,
            PRIMARY KEY (dept_id, position)
        ) STRICT"""
    )
    db.execute(
        """CREATE TABLE dept_eliminations (
            dept_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            type TEXT NOT NULL CHECK (type IN ('E1', 'E2')),
            payer INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            payee INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            amount_fen INTEGER NOT NULL,
            payer_code TEXT NOT NULL,
            payee_code TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('confirmed', 'external')),
            explanation TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (dept_id, position)
        ) STRICT"""
    )
    db.execute("CREATE INDEX dept_members_case ON dept_members(case_id)")
    # A unit's check results, by a key over its content, the profile and the day: a department
    # of many units re-checks only the units that changed.
    db.execute(
        """CREATE TABLE check_cache (
            case_id INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            issues TEXT NOT NULL
        ) STRICT"""
    )


KNOWN_MIGRATIONS = {m.name for m in migrations._migrations}
_LOCKS: dict[int, WriterLock] = {}


def inspect_file(path: Path) -> None:
    """Refuse a file that is not a usable database of this program, reading it only."""
    newest = next((b.path for b in list_backups(path)), None)
    with path.open("rb") as fh:
        header = fh.read(16)
    if path.stat().st_size == 0:
        return
    if header != SQLITE_HEADER:
        raise DatabaseDamagedError(
            f"“{path}”不是决算公开助手的数据库文件（也不是 SQLite 数据库），程序没有改动它。",
            newest,
        )
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            check = con.execute("PRAGMA quick_check").fetchone()
            tables = {
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            applied = set()
            if "_sqlite_migrations" in tables:
                applied = {r[0] for r in con.execute("SELECT name FROM _sqlite_migrations")}
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseDamagedError(
            f"数据库“{path}”已损坏（{exc}），程序没有改动它。", newest
        ) from exc
    if check is None or check[0] != "ok":
        raise DatabaseDamagedError(
            f"数据库“{path}”已损坏（完整性检查未通过），程序没有改动它。", newest
        )
    if applied - KNOWN_MIGRATIONS:
        raise DatabaseDamagedError(
            f"数据库“{path}”是由更新版本的决算公开助手创建的，本程序无法安全打开。请升级程序。",
            newest,
        )


def open_db(path: Path | str, *, writer: bool = True, backups: bool = True) -> Database:
    """Open (creating if needed) a database, take the writer lock and apply pending migrations."""
    if str(path) == ":memory:":
        db = Database(memory=True)
        db.execute("PRAGMA foreign_keys = ON")
        migrations.apply(db)
        return db
    path = Path(path)
    existed = path.exists() and path.stat().st_size > 0
    if existed:
        inspect_file(path)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    lock = WriterLock(path) if writer else None
    if lock is not None:
        lock.acquire()
    try:
        if existed and backups and writer:
            if not backed_up_today(path):
                take_backup(path, "daily")
            probe = Database(str(path))
            pending = migrations.pending(probe)
            probe.close()
            if pending:
                take_backup(path, "migration")
        db = Database(str(path))
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA busy_timeout = 5000")
        db.enable_wal()
        db.execute("PRAGMA synchronous = FULL")
        if writer:
            migrations.apply(db)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    if lock is not None:
        _LOCKS[id(db)] = lock
    return db


def close_db(db: Database) -> None:
    """Close the database and release its writer lock."""
    db.close()
    lock = _LOCKS.pop(id(db), None)
    if lock is not None:
        lock.release()

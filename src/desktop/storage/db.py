"""Opens the SQLite database through sqlite-utils and brings its schema up to date.

Before anything is written the file is inspected read-only: a file that is not SQLite, is
damaged, or comes from a newer version of the program is refused with a Chinese message that
names the newest backup, and is never written to or deleted. Then the writer lock is taken,
a daily backup (and one before any migration) is made, and pending migrations run.

Durability: WAL journal with ``synchronous=FULL``: every committed edit is on disk before the
commit returns, so an acknowledged edit survives a crash or a power cut (NORMAL would be
faster but may lose the last commits on power loss). Foreign keys are on; money is INTEGER 分
in STRICT tables, never REAL.

Damage is told apart from inability: a file that cannot be opened because the disk is full, the
folder or disk is read-only, or permission is missing raises `DatabaseUnavailableError` with that
reason, never "已损坏" (whose advice, restoring a backup, would lose the newer cases). The
read-only check falls back to SQLite's ``immutable`` mode, which needs no ``-shm`` file, so a
healthy file on a full or read-only disk is still recognised as healthy.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from sqlite_utils import Database, Migrations

from desktop.files import FileWriteError, reason_of
from desktop.storage.backups import backed_up_today, list_backups, sqlite_os_error, take_backup
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


class DatabaseUnavailableError(Exception):
    """The database cannot be opened now (full disk, read-only, no permission); it is not damaged."""

    def __init__(
        self, path: Path, exc: OSError, *, doing: str = "无法打开", detail: str = ""
    ) -> None:
        reason, advice = reason_of(exc)
        super().__init__(
            f"数据库“{path}”{doing}：{detail or f'{reason}。{advice}。'}"
            "数据库文件本身没有损坏，程序没有改动它；请不要用备份恢复，以免丢失较新的填报。"
        )
        self.path = path
        self.errno = exc.errno


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


@migrations(name="0005_accepted_findings")
def _accepted_findings(db: Database) -> None:
    """警告 the officer accepted with an explanation (已说明), kept with the case."""
    db.execute(
        """CREATE TABLE accepted_findings (
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            key TEXT NOT NULL,
            explanation TEXT NOT NULL,
            PRIMARY KEY (case_id, position)
        ) STRICT"""
    )


#: Tables whose rows are part of a case's content, and the column naming the case.
REVISED_TABLES = (
    ("field_values", "case_id"),
    ("table_rows", "case_id"),
    ("table_cells", "case_id"),
    ("perf_projects", "case_id"),
    ("perf_indicators", "case_id"),
    ("case_texts", "case_id"),
    ("accepted_findings", "case_id"),
    ("dept_members", "dept_id"),
    ("dept_eliminations", "dept_id"),
)


@migrations(name="0006_case_revisions")
def _case_revisions(db: Database) -> None:
    """A revision number per case, raised by SQLite itself on every change of the case's content.

    The check cache is keyed by it (and a 部门's by its members' too), so the start screen knows
    which cases are unchanged without reading them. Triggers see every write, whichever code
    makes it; a rolled-back write rolls its revision back too.
    """
    db.execute("ALTER TABLE cases ADD COLUMN revision INTEGER NOT NULL DEFAULT 0")
    bump = "UPDATE cases SET revision = revision + 1 WHERE id = {}.{};"
    for table, column in REVISED_TABLES:
        for op, rows in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",))):
            body = " ".join(bump.format(r, column) for r in rows)
            db.execute(
                f"CREATE TRIGGER {table}_{op.lower()}_revision AFTER {op} ON {table} "
                f"BEGIN {body} END"
            )
    db.execute(
        "CREATE TRIGGER cases_revision AFTER UPDATE OF profile, unit_name, year, report_title, "
        f"kind ON cases BEGIN {bump.format('NEW', 'id')} END"
    )


KNOWN_MIGRATIONS = {m.name for m in migrations._migrations}
_LOCKS: dict[int, WriterLock] = {}


def _check_read_only(path: Path, *, immutable: bool) -> tuple[str | None, set[str]]:
    """(quick_check result, applied migration names), reading the file only."""
    uri = path.resolve().as_uri() + ("?immutable=1" if immutable else "?mode=ro")
    con = sqlite3.connect(uri, uri=True)
    try:
        check = con.execute("PRAGMA quick_check").fetchone()
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        applied = set()
        if "_sqlite_migrations" in tables:
            applied = {r[0] for r in con.execute("SELECT name FROM _sqlite_migrations")}
    finally:
        con.close()
    return (check[0] if check else None), applied


def inspect_file(path: Path) -> None:
    """Refuse a file that is not a usable database of this program, reading it only.

    Raises `DatabaseDamagedError` for a damaged, foreign, empty or too new file, and
    `DatabaseUnavailableError` when it cannot be read now (permission, a folder, …).
    """
    newest = next((b.path for b in list_backups(path)), None)
    if path.is_dir():
        raise DatabaseUnavailableError(path, IsADirectoryError(errno.EISDIR, "is a directory"))
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
        size = path.stat().st_size
    except OSError as exc:
        raise DatabaseUnavailableError(path, exc, doing="无法读取") from exc
    if size == 0:
        raise DatabaseDamagedError(
            f"数据库文件“{path}”是空的（0 字节），可能是写入时被中断或被其他程序清空。"
            "程序没有改动它，也没有用新的空数据库代替它。",
            newest,
        )
    if header != SQLITE_HEADER:
        raise DatabaseDamagedError(
            f"“{path}”不是决算公开助手的数据库文件（也不是 SQLite 数据库），程序没有改动它。",
            newest,
        )
    try:
        try:
            check, applied = _check_read_only(path, immutable=False)
        except sqlite3.OperationalError as exc:
            # A read-only open of a WAL database must create the -shm file: impossible on a
            # full or read-only disk. Check the file itself; if it is sound, say why it failed.
            check, applied = _check_read_only(path, immutable=True)
            if check == "ok":
                raise DatabaseUnavailableError(path, sqlite_os_error(exc, path)) from exc
    except sqlite3.DatabaseError as exc:
        raise DatabaseDamagedError(
            f"数据库“{path}”已损坏（{exc}），程序没有改动它。", newest
        ) from exc
    if check != "ok":
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
    existed = _prepare_place(path)
    lock = _take_lock(path) if writer else None
    try:
        db = _open_locked(path, backups=existed and backups and writer, migrate=writer)
    except BaseException as exc:
        if lock is not None:
            lock.release()
        raise _unavailable(path, exc) from exc
    if lock is not None:
        _LOCKS[id(db)] = lock
    return db


def _prepare_place(path: Path) -> bool:
    """Whether the database file exists: checked when it does, its folder made when it does not."""
    if path.exists() or path.is_symlink():
        inspect_file(path)
        return True
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseUnavailableError(path, exc, doing="无法创建") from exc
    return False


def _take_lock(path: Path) -> WriterLock:
    lock = WriterLock(path)
    try:
        lock.acquire()
    except OSError as exc:
        raise DatabaseUnavailableError(path, exc) from exc
    return lock


def _unavailable(path: Path, exc: BaseException) -> BaseException:
    """The error to raise for a failed open: OS and SQLite failures become a Chinese sentence."""
    if isinstance(exc, FileWriteError):  # the daily or pre-migration backup could not be written
        return DatabaseUnavailableError(
            path, OSError(exc.errno, str(exc)), doing="打开前的自动备份没能写入", detail=str(exc)
        )
    if isinstance(exc, sqlite3.OperationalError):
        return DatabaseUnavailableError(path, sqlite_os_error(exc, path))
    return exc


def _open_locked(path: Path, *, backups: bool, migrate: bool) -> Database:
    """With the lock held: the daily and pre-migration backups, pragmas, migrations."""
    if backups:
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
    if migrate:
        migrations.apply(db)
    return db


def close_db(db: Database) -> None:
    """Close the database and release its writer lock."""
    db.close()
    lock = _LOCKS.pop(id(db), None)
    if lock is not None:
        lock.release()

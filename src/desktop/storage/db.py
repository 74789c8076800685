"""Opens the SQLite database through sqlite-utils and brings its schema up to date.

Foreign keys are switched on for every connection; WAL with synchronous=FULL keeps every
committed edit through a power cut. Money is stored as INTEGER 分 in STRICT tables, never REAL.
"""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database, Migrations

migrations = Migrations("juesuan")
SCHEMA_VERSION = 1


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


def open_db(path: Path | str) -> Database:
    """Open (creating if needed) a database and apply pending migrations."""
    if isinstance(path, Path):
        path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(str(path)) if str(path) != ":memory:" else Database(memory=True)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 5000")
    if str(path) != ":memory:":
        db.enable_wal()
        db.execute("PRAGMA synchronous = FULL")
    migrations.apply(db)
    return db

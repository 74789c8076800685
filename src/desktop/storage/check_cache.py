"""Check results of a unit's case, kept by a key over what they depend on.

The checks are a pure function of the case, the profile, the code tables and the day (a rule may
compare a date with today). Results are keyed either by the case's content (`cached_checks`) or,
cheaper, by its revision number, which the database raises on every change (`checks_by_key`). A department of many units asks for every member's 错误 on each
check; with this cache only the members whose content changed are checked again. A database that
cannot be written (read-only, disk full) just goes without the cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from datetime import datetime
from typing import TYPE_CHECKING

from desktop import __version__
from desktop.core.issues import Issue, Location, Severity
from desktop.storage.interchange import dumps_case

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from sqlite_utils import Database

    from desktop.core.codetables import CodeTable
    from desktop.core.model import Case, CaseId
    from desktop.core.spec import Profile


def context_key(profile: Profile, codes: Mapping[str, CodeTable]) -> str:
    """What the results depend on besides the case: program version, profile, codes, the day."""
    text = f"{__version__}|{datetime.now().astimezone().date().isoformat()}|{profile!r}|{sorted(codes.items())!r}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _to_json(issues: list[Issue]) -> str:
    return json.dumps(
        [
            [i.severity.value, i.rule, i.message, i.location.section, i.location.field,
             i.location.table, i.location.row, i.location.column, i.accepted]
            for i in issues
        ],
        ensure_ascii=False,
    )  # fmt: skip


def _from_json(text: str) -> list[Issue]:
    return [
        Issue(Severity(s), rule, message, Location(section, field, table, row, column), accepted)
        for s, rule, message, section, field, table, row, column, accepted in json.loads(text)
    ]


def cached_checks(
    db: Database, case_id: CaseId, case: Case, context: str, compute: Callable[[], list[Issue]]
) -> list[Issue]:
    """The case's issues: from the cache when its key matches, else computed and stored."""
    key = hashlib.sha256(f"{context}|{dumps_case(case)}".encode()).hexdigest()
    row = db.execute("SELECT key, issues FROM check_cache WHERE case_id = ?", [case_id]).fetchone()
    if row is not None and row[0] == key:
        return _from_json(row[1])
    issues = compute()
    # No cache on a database that cannot be written: the results are right all the same.
    with contextlib.suppress(sqlite3.Error):
        db.execute(
            "INSERT OR REPLACE INTO check_cache (case_id, key, issues) VALUES (?, ?, ?)",
            [case_id, key, _to_json(issues)],
        )
    return issues


def revisions(db: Database) -> dict[int, int]:
    """Every case's revision (raised by the database on each change of its content)."""
    return {int(i): int(r) for i, r in db.execute("SELECT id, revision FROM cases").fetchall()}


def revision_key(context: str, parts: Iterable[tuple[int, int]]) -> str:
    """The cache key of results computed from cases at these (id, revision)s."""
    text = context + "|" + ",".join(f"{i}:{r}" for i, r in parts)
    return "rev:" + hashlib.sha256(text.encode()).hexdigest()


def stored_checks(db: Database) -> dict[int, tuple[str, str]]:
    """Every cached result: case id → (key, issues as JSON)."""
    rows = db.execute("SELECT case_id, key, issues FROM check_cache").fetchall()
    return {int(i): (k, text) for i, k, text in rows}


def checks_by_key(
    db: Database,
    case_id: CaseId,
    key: str,
    compute: Callable[[], list[Issue]],
    stored: tuple[str, str] | None,
) -> list[Issue]:
    """The issues cached under `key` (`stored`: the cached key and issues), else computed."""
    if stored is not None and stored[0] == key:
        return _from_json(stored[1])
    issues = compute()
    with contextlib.suppress(sqlite3.Error):
        db.execute(
            "INSERT OR REPLACE INTO check_cache (case_id, key, issues) VALUES (?, ?, ?)",
            [case_id, key, _to_json(issues)],
        )
    return issues


def checks_of_cases(
    db: Database, cases: Mapping[CaseId, Case], profile: Profile, codes: Mapping[str, CodeTable]
) -> dict[CaseId, list[Issue]]:
    """Every case's issues (the members of a department, as stored), through the cache.

    The cache is keyed by each case's revision, so an unchanged member is neither dumped nor
    checked again.
    """
    from desktop.core.calc import Figures
    from desktop.core.checks import run_checks

    context = context_key(profile, codes)
    revised = revisions(db)
    stored = stored_checks(db)

    def compute(case: Case) -> Callable[[], list[Issue]]:
        return lambda: run_checks(Figures(case, profile, codes))

    return {
        i: checks_by_key(
            db, i, revision_key(context, [(i, revised.get(i, -1))]), compute(c), stored.get(i)
        )
        for i, c in cases.items()
    }

"""Export history: every export of a case keeps a frozen copy of what produced it.

A version holds the case as interchange JSON, the profile's fingerprint and an archive of the
profile (forms, Word template, code tables), the file name and the SHA-256 of the exported file.
Re-exporting a version uses exactly that data and that profile, so an approved document can
always be reproduced.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from sqlite_utils import Database

    from desktop.core.model import CaseId


@dataclass(frozen=True, slots=True)
class ExportVersion:
    """One recorded export."""

    id: int
    case_id: int
    created: str
    file_name: str
    sha256: str
    draft: bool
    profile_id: str
    profile_fingerprint: str


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class NewVersion:
    """Everything a version row holds, made off the UI thread; storing it is one INSERT."""

    file_name: str
    sha256: str
    case_json: str
    profile_id: str
    fingerprint: str
    archive: bytes
    draft: bool


def record_export(db: Database, case_id: CaseId, version: NewVersion) -> int:
    """Store a version for a file that has just been exported; returns its number."""
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO export_versions (case_id, created, file_name, sha256, draft, profile_id, "
            "profile_fingerprint, profile_archive, case_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [case_id, datetime.now(UTC).isoformat(timespec="seconds"), version.file_name,
             version.sha256, int(version.draft), version.profile_id, version.fingerprint,
             version.archive, version.case_json],
        )  # fmt: skip
    if cursor.lastrowid is None:
        raise sqlite3.DatabaseError("export_versions: no row id after INSERT")
    return cursor.lastrowid


def list_versions(db: Database, case_id: CaseId) -> list[ExportVersion]:
    cursor = db.execute(
        "SELECT id, case_id, created, file_name, sha256, draft, profile_id, profile_fingerprint "
        "FROM export_versions WHERE case_id = ? ORDER BY id",
        [case_id],
    )
    return [
        ExportVersion(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6], r[7])
        for r in cursor.fetchall()
    ]


def load_version(db: Database, case_id: CaseId, version_id: int) -> tuple[str, bytes] | None:
    """(case JSON, profile archive) of a version of this case, or None."""
    row = db.execute(
        "SELECT case_json, profile_archive FROM export_versions WHERE case_id = ? AND id = ?",
        [case_id, version_id],
    ).fetchone()
    return (row[0], bytes(row[1])) if row else None

"""Export history for the window and the command line: record an export, re-export a version.

Recording keeps the case as interchange JSON and an archive of the profile that produced the
document (forms, Word template, code tables), with the file's SHA-256; re-exporting unpacks that
archive and renders that case again, so what was approved can always be reproduced.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import paths
from desktop.storage.versions import NewVersion

if TYPE_CHECKING:
    from sqlite_utils import Database

    from desktop.core.calc import Figures
    from desktop.core.model import CaseId


class VersionNotFoundError(Exception):
    """The case has no version with this number."""


def prepare_version(
    figures: Figures, exported: Path, sha256: str, *, draft: bool = False
) -> NewVersion:
    """What produced `exported` (just written from `figures`): the case and its profile's archive."""
    from desktop.core.codetables import format_code_table
    from desktop.sections.archive import archive_profile
    from desktop.sections.templates import profile_template
    from desktop.storage.interchange import dumps_case

    profile = figures.profile
    with tempfile.TemporaryDirectory(prefix="juesuan-codes-") as tmp:
        # the code tables as the document used them: bundled, with the officer's imports laid over
        for name, table in figures.codes.items():
            (Path(tmp) / f"{name}.csv").write_text(
                format_code_table(table.entries), encoding="utf-8", newline=""
            )
        fingerprint, archive = archive_profile(
            paths.forms_dir() / profile.id,
            profile_template(profile),
            Path(tmp),
        )
    return NewVersion(
        exported.name, sha256, dumps_case(figures.case), profile.id, fingerprint, archive, draft
    )


def store_prepared(db: Database, case_id: CaseId, prepared: NewVersion) -> int:
    """Store a prepared version as the case's next one; returns the version's number."""
    from desktop.storage.versions import record_export

    return record_export(db, case_id, prepared)


def record_version(
    db: Database, case_id: CaseId, figures: Figures, exported: Path, *, draft: bool = False
) -> int:
    """Prepare and store the version of a file just exported; returns the version's number."""
    from desktop.storage.versions import file_sha256

    prepared = prepare_version(figures, exported, file_sha256(exported), draft=draft)
    return store_prepared(db, case_id, prepared)


def stored_version(db: Database, case_id: CaseId, version_id: int) -> tuple[str, bytes]:
    """(case JSON, profile archive) of a version; read on the thread that owns `db`."""
    from desktop.storage.versions import load_version

    stored = load_version(db, case_id, version_id)
    if stored is None:
        raise VersionNotFoundError(
            f"填报 {case_id} 没有编号为 {version_id} 的历史版本，请在历史版本列表中核对。"
        )
    return stored


def reexport(case_json: str, archive: bytes, target: Path) -> None:
    """Render a stored version again with its own profile; safe off the UI thread."""
    from desktop.core.calc import Figures
    from desktop.core.narrative.document import build_document
    from desktop.export.docx import DocxOptions, export_docx
    from desktop.sections.archive import extract_profile
    from desktop.sections.catalog import load_catalog
    from desktop.storage.interchange import loads_case

    with tempfile.TemporaryDirectory(prefix="juesuan-version-") as tmp:
        forms, templates, codes = extract_profile(archive, Path(tmp))
        catalog = load_catalog(forms, codes)
        case = loads_case(case_json, catalog.profiles)
        profile = catalog.profile(case.profile_id)
        figures = Figures(case, profile, catalog.codes)
        options = DocxOptions(templates / profile.template, paths.resources_dir() / "fonts")
        export_docx(build_document(figures), figures, target, options)

"""Cases in and out: the built-in samples, interchange files, the database, department files.

Every failure is an exception with a Chinese sentence (CaseSourceError, InterchangeError,
CaseNotFoundError…); the caller decides how to show it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop import paths

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from pathlib import Path

    from sqlite_utils import Database

    from desktop.core.model import Case, CaseId
    from desktop.core.spec import Profile
    from desktop.sections.catalog import Catalog
    from desktop.storage.case_list import CaseStatus

SAMPLE_PROFILE = "nmg-2022-unit"
"""The profile whose sample `juesuan --sample` and `scripts/run` open."""


class CaseSourceError(Exception):
    """A sample or file that cannot be read as a case; the message says what to do."""


def sample_path(profile_id: str) -> Path:
    """Where the built-in sample of a profile is (it may be missing)."""
    return paths.resources_dir() / "samples" / f"{profile_id}.json"


def read_sample(profiles: Mapping[str, Profile], profile_id: str = SAMPLE_PROFILE) -> Case:
    """The built-in sample of an installed profile."""
    from desktop.storage.interchange import loads_case

    if profile_id not in profiles:
        known = "、".join(sorted(profiles))
        raise CaseSourceError(f"没有名为“{profile_id}”的模板；已安装：{known}")
    sample = sample_path(profile_id)
    if not sample.is_file():
        raise CaseSourceError(f"模板“{profile_id}”没有内置样例。")
    return loads_case(sample.read_text(encoding="utf-8"), profiles)


def read_case_text(path: Path) -> str:
    """The text of an interchange file, with a sentence for every way reading it can fail."""
    from desktop.storage.interchange import case_file_text

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CaseSourceError(f"找不到文件“{path}”。请检查文件名和所在文件夹。") from None
    except IsADirectoryError:
        raise CaseSourceError(
            f"“{path}”是文件夹，不是交换文件。请给出其中的 .json 文件。"
        ) from None
    except OSError as exc:
        raise CaseSourceError(f"无法读取“{path}”：{exc.strerror}") from None
    return case_file_text(data, path.name)


def read_case_file(path: Path, profiles: Mapping[str, Profile]) -> Case:
    from desktop.storage.interchange import loads_case

    return loads_case(read_case_text(path), profiles)


def read_stored_case(db: Database, case_id: CaseId, profiles: Mapping[str, Profile]) -> Case:
    """A stored case; a department's is consolidated from its members on the spot."""
    from desktop.storage.departments import effective_case

    return effective_case(db, case_id, profiles)


@dataclass(frozen=True, slots=True)
class Loaded:
    """What `load_file` stored: the new case's number, and whether it is a department."""

    case_id: CaseId
    department: bool


def load_file(path: Path, catalog: Catalog, db: Callable[[], Database]) -> Loaded:
    """Store an interchange file (a unit's case, or a department with its members).

    The file is read and checked before `db()` opens the database: a refused file creates none.
    """
    from desktop.storage.cases import save_case
    from desktop.storage.department_file import department_data, load_department_file
    from desktop.storage.interchange import loads_case

    text = read_case_text(path)
    data = department_data(text)
    if data is not None:
        return Loaded(load_department_file(db(), data, catalog.profiles), department=True)
    case = loads_case(text, catalog.profiles)
    return Loaded(save_case(db(), case), department=False)


def dump_text(case: Case, db: Database | None = None, case_id: CaseId | None = None) -> str:
    """The interchange text of a case; a stored department's carries its `department` block."""
    from desktop.storage.interchange import dumps_case

    if db is not None and case_id is not None:
        from desktop.services.departments import dump_department

        text = dump_department(db, case_id, case)
        if text is not None:
            return text
    return dumps_case(case)


def list_cases(db: Database, catalog: Catalog) -> list[CaseStatus]:
    """Every case with its 错误/警告 counts (cached by content), newest change first."""
    from desktop.storage.case_list import case_statuses

    return case_statuses(db, catalog.profiles, catalog.codes)

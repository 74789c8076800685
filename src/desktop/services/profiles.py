"""Check a profile folder as a whole (``juesuan profile-check DIR``): profile, template, sample.

The profile's own checks are desktop.sections.profile_check (they also run when the catalog
loads); the Word template's are desktop.export.template_check; the sample must load and its
document must be built. Nothing is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop import paths
from desktop.sections.loader import PROFILE_FILE
from desktop.sections.profile_check import Problem, ProfileChecker, Report

if TYPE_CHECKING:
    from pathlib import Path

    from desktop.core.codetables import CodeTable


def _resource_dirs(folder: Path) -> list[Path]:
    """Where a profile's companions live: beside a forms/ folder, else in the installed program."""
    dirs = []
    if folder.parent.name == "forms" and (folder.parent.parent / "resources").is_dir():
        dirs.append(folder.parent.parent / "resources")
    installed = paths.resources_dir()
    if installed.resolve() not in [d.resolve() for d in dirs]:
        dirs.append(installed)
    return dirs


def _find(folder: Path, sub: str, name: str) -> Path | None:
    for candidate in [folder / name, *(d / sub / name for d in _resource_dirs(folder))]:
        if candidate.is_file():
            return candidate
    return None


def check_profile_folder(folder: Path) -> Report:
    """Check the profile in `folder` (a forms/<id>/ folder) and its template and sample."""
    from desktop.sections.codetables import load_code_tables
    from desktop.sections.errors import ProfileError
    from desktop.sections.loader import load_profile

    folder = folder.resolve()
    if not (folder / PROFILE_FILE).is_file():
        problem = Problem(f"{folder.name}/{PROFILE_FILE}", "", "找不到模板的 profile.toml")
        return Report(None, (problem,))
    codes: dict[str, CodeTable] = {}
    for d in reversed(_resource_dirs(folder)):
        if (d / "codetables").is_dir():
            codes.update(load_code_tables(d / "codetables"))
    try:
        profile = load_profile(folder, set(codes))
    except ProfileError as exc:
        return Report(None, (Problem(exc.file, exc.key, exc.problem),))
    checker = ProfileChecker(profile, codes)
    checker.run()
    if not checker.problems:
        checker.try_empty_case()
    _check_template(checker, folder)
    sample = _find(folder, "samples", f"{profile.id}.json")
    if sample is not None and not checker.problems:
        _check_sample(checker, sample)
    return Report(profile, tuple(checker.problems), sample)


def _check_template(checker: ProfileChecker, folder: Path) -> None:
    """The profile's Word template: its own folder first, then resources/templates/."""
    from desktop.export.template_check import word_template_problems
    from desktop.sections.errors import ProfileError
    from desktop.sections.templates import find_template

    profile = checker.profile
    try:  # no link may lead out of either folder
        template = find_template(
            profile.template,
            [folder, *(d / "templates" for d in _resource_dirs(folder))],
            f"{folder.name}/{PROFILE_FILE}",
        )
    except ProfileError as exc:
        checker.add(exc.file, exc.key, exc.problem)
        return
    if template is None:
        checker.add(
            checker.profile_file,
            "template",
            f"找不到 Word 模板“{profile.template}”（应放在模板文件夹或 resources/templates/ 中）",
        )
        return
    for message in word_template_problems(template):
        checker.add(checker.profile_file, "template", message)


def _check_sample(checker: ProfileChecker, sample: Path) -> None:
    from desktop.storage.interchange import InterchangeError, loads_case

    profile = checker.profile
    file = f"samples/{sample.name}"
    try:
        case = loads_case(sample.read_text(encoding="utf-8"), {profile.id: profile})
    except InterchangeError as exc:
        checker.add(file, exc.path, exc.problem)
        return
    except (OSError, UnicodeDecodeError) as exc:
        checker.add(file, "", f"无法读取：{exc}")
        return
    if case.profile_id != profile.id:
        checker.add(file, "$.profile", f"样例属于模板“{case.profile_id}”")
        return
    checker.check_case(case, file, "")

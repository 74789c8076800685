"""Where a profile's Word template is: its own folder (forms/<profile>/) first, then resources/templates/.

`template` in profile.toml is a bare file name (the loader refuses paths); this finds that name
in the two folders, in that order, and refuses a file that leads out of the folder it was found
in (a symbolic link to somewhere else), so an exchanged profile can bring its own template but
cannot make the program read any other file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import paths
from desktop.sections.errors import ProfileError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from desktop.core.spec import Profile

PROFILE_FILE = "profile.toml"


def _inside(path: Path, folder: Path) -> bool:
    """`path`, with every link followed, is a file directly in `folder` (links followed too)."""
    try:
        real = Path(os.path.realpath(path))
        return real.parent == Path(os.path.realpath(folder)) and real.is_file()
    except OSError:
        return False


def find_template(name: str, folders: Sequence[Path], file: str = PROFILE_FILE) -> Path | None:
    """The first `folders[i] / name` that exists; None when none does.

    Raises `ProfileError` when the file found leads outside its folder (a link elsewhere) or
    `name` is not a bare file name.
    """
    if not name or Path(name).name != name or name in (".", "..") or "\\" in name:
        raise ProfileError(
            file, "template", f"“{name}”不是文件名：Word 模板只能写文件名，不能含路径"
        )
    for folder in folders:
        candidate = folder / name
        if not (candidate.is_symlink() or candidate.exists()):
            continue
        if not _inside(candidate, folder):
            raise ProfileError(
                file,
                "template",
                f"Word 模板“{candidate}”指向文件夹“{folder}”以外的文件（或不是普通文件），"
                "程序不会读取它。请把模板文件本身放进模板文件夹",
            )
        return candidate
    return None


def template_folders(profile_id: str) -> list[Path]:
    """Where the installed program looks for a profile's Word template, in order."""
    return [paths.forms_dir() / profile_id, paths.resources_dir() / "templates"]


def profile_template(profile: Profile) -> Path:
    """The Word template of an installed profile; `ProfileError` when missing or refused."""
    folders = template_folders(profile.id)
    found = find_template(profile.template, folders, f"{profile.id}/{PROFILE_FILE}")
    if found is None:
        raise ProfileError(
            f"{profile.id}/{PROFILE_FILE}",
            "template",
            f"找不到 Word 模板“{profile.template}”（应放在模板文件夹 forms/{profile.id}/ "
            "或 resources/templates/ 中）。请重新安装程序或补上模板文件",
        )
    return found

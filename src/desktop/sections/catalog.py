"""The installed profiles and code tables, loaded once from forms/ and resources/codetables/.

Code tables the user imported (a second folder, in the user data folder) are laid over the
bundled ones; a damaged one is skipped and named in `Catalog.warnings`. A profile folder that
cannot be used (a loading error, or a problem the caller's `check` finds, such as a placeholder
without a value) disables that profile only: it is left out, and its message is in `warnings`
and `disabled`, so the other profiles stay usable.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop.sections.codetables import load_code_tables, overlay_user_tables
from desktop.sections.errors import ProfileError
from desktop.sections.loader import PROFILE_FILE, load_profile

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from pathlib import Path

    from desktop.core.codetables import CodeTable
    from desktop.core.spec import Profile


@dataclass(frozen=True, slots=True)
class Catalog:
    """Profiles by id, code tables by name, and warnings to show (e.g. a damaged user table)."""

    profiles: Mapping[str, Profile]
    codes: Mapping[str, CodeTable]
    warnings: tuple[str, ...] = ()
    #: Profile folders left out, by folder name, with the reason (Chinese).
    disabled: Mapping[str, str] = field(default_factory=dict)

    def profile(self, profile_id: str) -> Profile:
        try:
            return self.profiles[profile_id]
        except KeyError:
            if profile_id in self.disabled:
                raise ProfileError(
                    profile_id, "", f"模板有问题，已停用：{self.disabled[profile_id]}"
                ) from None
            known = "、".join(sorted(self.profiles)) or "（无）"
            raise ProfileError(profile_id, "", f"模板未安装；已安装的模板：{known}") from None


def load_catalog(
    forms: Path,
    codetables: Path,
    user_codetables: Path | None = None,
    *,
    check: Callable[[Profile, Mapping[str, CodeTable]], Sequence[str]] | None = None,
    only: str | None = None,
) -> Catalog:
    """Load every profile folder under `forms` (a folder with a profile.toml).

    With `only`, just the folder of that profile id (read from its profile.toml), when one
    has it: a command about one profile (``export --sample``) parses no other. When none
    has it, every folder is loaded, so the caller can say which profiles there are.

    `user_codetables` is the folder of imported code tables (may be missing); its tables are
    laid over the bundled ones from `codetables`, and one that cannot be read becomes a warning.
    `check(profile, codes)` returns the problems that make a loaded profile unusable.
    """
    codes = load_code_tables(codetables)
    warnings: tuple[str, ...] = ()
    if user_codetables is not None:
        codes, warnings = overlay_user_tables(codes, user_codetables)
    profiles: dict[str, Profile] = {}
    disabled: dict[str, str] = {}
    folders = sorted(p for p in forms.iterdir() if (p / PROFILE_FILE).is_file())
    if only is not None:
        folders = [f for f in folders if _profile_id(f) == only] or folders
    for folder in folders:
        try:
            profile = load_profile(folder, set(codes))
        except ProfileError as exc:
            disabled[folder.name] = str(exc)
            continue
        except RecursionError:
            disabled[folder.name] = f"模板配置有误（{folder.name}）：嵌套层次太深"
            continue
        problems = list(check(profile, codes)) if check is not None else []
        if problems:
            more = f"（共 {len(problems)} 处问题，可用 juesuan profile-check 查看）"
            disabled[folder.name] = (
                f"模板配置有误（{problems[0]}）{more if len(problems) > 1 else ''}"
            )
            continue
        profiles[profile.id] = profile
    notes = tuple(f"模板“{name}”已停用：{why}" for name, why in disabled.items())
    return Catalog(profiles, codes, warnings + notes, disabled)


def _profile_id(folder: Path) -> object:
    """The id a profile folder's profile.toml gives (None when it cannot be read)."""
    try:
        with (folder / PROFILE_FILE).open("rb") as fh:
            return tomllib.load(fh).get("id")
    except (OSError, ValueError, RecursionError):  # TOMLDecodeError and UnicodeDecodeError
        return None

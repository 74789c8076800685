"""The installed profiles and code tables, loaded once from forms/ and resources/codetables/.

Code tables the user imported (a second folder, in the user data folder) are laid over the
bundled ones; a damaged one is skipped and named in `Catalog.warnings`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.sections.codetables import load_code_tables, overlay_user_tables
from desktop.sections.errors import ProfileError
from desktop.sections.loader import PROFILE_FILE, load_profile

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from desktop.core.codetables import CodeTable
    from desktop.core.spec import Profile


@dataclass(frozen=True, slots=True)
class Catalog:
    """Profiles by id, code tables by name, and warnings to show (e.g. a damaged user table)."""

    profiles: Mapping[str, Profile]
    codes: Mapping[str, CodeTable]
    warnings: tuple[str, ...] = ()

    def profile(self, profile_id: str) -> Profile:
        try:
            return self.profiles[profile_id]
        except KeyError:
            known = "、".join(sorted(self.profiles)) or "（无）"
            raise ProfileError(profile_id, "", f"模板未安装；已安装的模板：{known}") from None


def load_catalog(forms: Path, codetables: Path, user_codetables: Path | None = None) -> Catalog:
    """Load every profile folder under `forms` (a folder with a profile.toml).

    `user_codetables` is the folder of imported code tables (may be missing); its tables are
    laid over the bundled ones from `codetables`, and one that cannot be read becomes a warning.
    """
    codes = load_code_tables(codetables)
    warnings: tuple[str, ...] = ()
    if user_codetables is not None:
        codes, warnings = overlay_user_tables(codes, user_codetables)
    profiles = {}
    for folder in sorted(p for p in forms.iterdir() if (p / PROFILE_FILE).is_file()):
        profile = load_profile(folder, set(codes))
        profiles[profile.id] = profile
    return Catalog(profiles, codes, warnings)

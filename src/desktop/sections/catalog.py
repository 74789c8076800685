"""The installed profiles and code tables, loaded once from forms/ and resources/codetables/."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.sections.codetables import load_code_tables
from desktop.sections.errors import ProfileError
from desktop.sections.loader import PROFILE_FILE, load_profile

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from desktop.core.codetables import CodeTable
    from desktop.core.spec import Profile


@dataclass(frozen=True, slots=True)
class Catalog:
    """Profiles by id and code tables by name."""

    profiles: Mapping[str, Profile]
    codes: Mapping[str, CodeTable]

    def profile(self, profile_id: str) -> Profile:
        try:
            return self.profiles[profile_id]
        except KeyError:
            known = "、".join(sorted(self.profiles)) or "（无）"
            raise ProfileError(profile_id, "", f"模板未安装；已安装的模板：{known}") from None


def load_catalog(forms: Path, codetables: Path) -> Catalog:
    """Load every profile folder under `forms` (a folder with a profile.toml)."""
    codes = load_code_tables(codetables)
    profiles = {}
    for folder in sorted(p for p in forms.iterdir() if (p / PROFILE_FILE).is_file()):
        profile = load_profile(folder, set(codes))
        profiles[profile.id] = profile
    return Catalog(profiles, codes)

"""Finds resources/ and forms/ in a source checkout and in a frozen (PyInstaller) build."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def app_root() -> Path:
    """The folder holding resources/ and forms/."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parents[2]


def resources_dir() -> Path:
    return app_root() / "resources"


def forms_dir() -> Path:
    return app_root() / "forms"


def user_data_dir() -> Path:
    r"""Per-user data folder (database, backups): %APPDATA%\\juesuan or ~/.local/share/juesuan."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "juesuan"


def bundled_codetables_dir() -> Path:
    """The code tables shipped with the program (resources/codetables/)."""
    return resources_dir() / "codetables"


def user_codetables_dir() -> Path:
    """Code tables the user imported (juesuan import-codes), laid over resources/codetables/."""
    return user_data_dir() / "codetables"


def default_db_path() -> Path:
    return user_data_dir() / "juesuan.sqlite3"

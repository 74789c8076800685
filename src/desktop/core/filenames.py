"""A file name built from what an officer typed (the unit name) that is safe on every system.

No path separators (so "../" cannot leave the chosen folder), no characters Windows forbids, no
control characters, no reserved Windows device names (CON, NUL, COM1, …), no leading or trailing
dots and spaces, and at most 120 characters with the extension kept. Pure: no I/O.
"""

from __future__ import annotations

import re
import unicodedata

MAX_NAME = 120
_FORBIDDEN = re.compile(r'[\\/:*?"<>|]')
_RESERVED = re.compile(r"(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?", re.IGNORECASE)


def safe_file_name(name: str, *, default: str = "决算公开") -> str:
    """`name` made a plain file name in one folder, keeping its extension (``.docx``)."""
    stem, dot, suffix = name.rpartition(".")
    if not dot or not re.fullmatch(r"[A-Za-z0-9]{1,8}", suffix):
        stem, suffix = name, ""
    stem = "".join("_" if unicodedata.category(ch) in ("Cc", "Cs") else ch for ch in stem)
    stem = _FORBIDDEN.sub("_", stem).strip(" .") or default
    if _RESERVED.fullmatch(stem):
        stem = f"_{stem}"
    ext = f".{suffix}" if suffix else ""
    stem = stem[: MAX_NAME - len(ext)].rstrip(" .") or default
    return stem + ext

"""A profile as one archive: its forms/ folder, its Word template and the code tables.

Used to keep, with every exported version, exactly the profile that produced it, and to load
that profile again later. The fingerprint is the SHA-256 over every file's name and bytes.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path, PurePosixPath

FORMS = "forms"
TEMPLATES = "templates"
CODES = "codetables"


def _members(forms: Path, template: Path, codetables: Path) -> list[tuple[str, Path]]:
    files = [(f"{FORMS}/{forms.name}/{p.name}", p) for p in sorted(forms.glob("*.toml"))]
    files.append((f"{TEMPLATES}/{template.name}", template))
    files += [(f"{CODES}/{p.name}", p) for p in sorted(codetables.glob("*.csv"))]
    return files


def archive_profile(forms: Path, template: Path, codetables: Path) -> tuple[str, bytes]:
    """(fingerprint, zip bytes) of a profile folder with its template and the code tables."""
    digest = hashlib.sha256()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, path in _members(forms, template, codetables):
            data = path.read_bytes()
            digest.update(name.encode("utf-8") + b"\0" + data)
            zf.writestr(zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0)), data)
    return digest.hexdigest(), buffer.getvalue()


def extract_profile(archive: bytes, folder: Path) -> tuple[Path, Path, Path]:
    """Unpack an archive into `folder`; returns (forms root, templates dir, codetables dir)."""
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        for name in zf.namelist():
            parts = PurePosixPath(name).parts
            if not parts or parts[0] not in (FORMS, TEMPLATES, CODES) or ".." in parts:
                continue  # never write outside the folder
            target = folder.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(zf.read(name))
    return folder / FORMS, folder / TEMPLATES, folder / CODES

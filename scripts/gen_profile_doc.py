"""Writes the key tables of docs/profiles.md from the profile schema.

Run ``.venv/bin/python scripts/gen_profile_doc.py``; tests/sections/test_schema.py fails when the
document is stale.
"""

from __future__ import annotations

from pathlib import Path

from desktop.sections.schema import write_keys

TARGET = Path(__file__).resolve().parents[1] / "docs" / "profiles.md"

if __name__ == "__main__":
    TARGET.write_text(write_keys(TARGET.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"已写入 {TARGET}")

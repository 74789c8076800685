"""Writes docs/checks.md from the rule registry: `.venv/bin/python scripts/gen_checks_doc.py`."""

from __future__ import annotations

from pathlib import Path

from desktop.core.rules.catalogue import rules_markdown

TARGET = Path(__file__).resolve().parents[1] / "docs" / "checks.md"

if __name__ == "__main__":
    TARGET.write_text(rules_markdown(), encoding="utf-8")
    print(f"已写入 {TARGET}")

"""Everything that imports PySide6."""

from __future__ import annotations

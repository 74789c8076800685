"""Persistence: the SQLite database of cases and the JSON interchange file of one case."""

from __future__ import annotations

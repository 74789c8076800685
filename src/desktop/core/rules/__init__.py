"""Checks: named rules over a case's figures (DOMAIN.md §3), registered on import."""

from __future__ import annotations

from desktop.core.rules import cross, gaps, performance, tables, texts
from desktop.core.rules.registry import RULES, CheckContext, RuleInfo, rule

__all__ = [
    "RULES",
    "CheckContext",
    "RuleInfo",
    "cross",
    "gaps",
    "performance",
    "rule",
    "tables",
    "texts",
]

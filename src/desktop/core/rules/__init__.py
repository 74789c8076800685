"""Checks: named rules over a case's figures (docs/domain.md §3), registered on import."""

from __future__ import annotations

from desktop.core.rules import counts, cross, gaps, inspection, performance, tables, texts
from desktop.core.rules.registry import RULES, CheckContext, RuleInfo, rule

__all__ = [
    "RULES",
    "CheckContext",
    "RuleInfo",
    "counts",
    "cross",
    "gaps",
    "inspection",
    "performance",
    "rule",
    "tables",
    "texts",
]

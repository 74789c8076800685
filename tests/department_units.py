"""Two units of one department made from the 上海 sample, each consistent on its own.

The 本级 pays 20 万元 对附属单位补助支出 on 2013901 (and has as much more 其他收入); the
subordinate records it as 上级补助收入 on 2013950 (and spends it as 基本支出). Used by the
department tests and by scripts/screenshots.py.
"""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from desktop import paths

if TYPE_CHECKING:
    from pathlib import Path

SAMPLE = paths.resources_dir() / "samples" / "sh-2024-dept.json"
SUBSIDY = "200000.00"


def _bump(rows: list[dict[str, Any]], key: str, col: str, amount: str) -> None:
    for r in rows:
        if r["key"] == key:
            r["cells"][col] = str(Decimal(r["cells"].get(col, "0")) + Decimal(amount))
            return
    rows.append({"key": key, "label": "", "cells": {col: amount}})


def units(folder: Path) -> tuple[Path, Path]:
    base = json.loads(SAMPLE.read_text(encoding="utf-8"))
    parent, child = copy.deepcopy(base), copy.deepcopy(base)
    parent["unit"]["name"] = "示例区社会工作部"
    child["unit"]["name"] = "示例区社会工作服务中心"
    _bump(parent["tables"]["t3"], "2013901", "affiliated", SUBSIDY)
    _bump(parent["tables"]["t2"], "2013901", "other", SUBSIDY)
    _bump(child["tables"]["t2"], "2013950", "upper", SUBSIDY)
    _bump(child["tables"]["t3"], "2013950", "basic", SUBSIDY)
    paths_ = folder / "parent.json", folder / "child.json"
    for p, data in zip(paths_, (parent, child), strict=True):
        p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return paths_

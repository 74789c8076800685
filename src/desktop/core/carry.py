"""Copy from last year: a new case for the next year that keeps what does not change.

The target profile says what carries over (``[carry]`` in its profile.toml): texts and fields
copied as they are (单位概况, contact), tables whose rows are kept whole (单位情况表) or without
figures (project names), and which of last year's 决算 figures become this year's 上年 figures.
Besides, every 科目 row of last year's coded tables is kept without figures — its figures move
into a ``prior_<column>`` column where the target table has one — and the 绩效 projects keep
their names, targets and indicators while actual values, scores and funds are cleared.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from desktop.core.calc import CellReferenceError
from desktop.core.model import (
    Case,
    Cell,
    FundLine,
    Performance,
    PerfProject,
    TableRow,
    TableValues,
    Unit,
    Value,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from desktop.core.calc import Figures
    from desktop.core.spec import Profile

ZERO_LINE = FundLine(Decimal(0), Decimal(0), Decimal(0))
PRIOR = "prior_"


@dataclass(frozen=True, slots=True)
class Carried:
    """The new case and, in plain Chinese, what was carried into it."""

    case: Case
    items: tuple[str, ...]


def family_of(profile_id: str) -> str:
    """The template family: the id without its year (``nmg-2022-unit`` → ``nmg--unit``)."""
    return re.sub(r"\d{4}", "", profile_id)


def newest_of_family(profiles: Mapping[str, Profile], profile_id: str) -> str:
    """The newest profile of the same family (the profile itself when it is the newest)."""
    family = [p for p in profiles.values() if family_of(p.id) == family_of(profile_id)]
    if not family:
        return profile_id
    return max(family, key=lambda p: (p.year, p.id)).id


def _field_exists(profile: Profile, path: str) -> bool:
    section, _, field_id = path.partition(".")
    try:
        return any(f.id == field_id for f in profile.section(section).fields)
    except KeyError:
        return False


def _table_ids(profile: Profile) -> set[str]:
    return {t.id for t in profile.tables()}


def _cleared(project: PerfProject) -> PerfProject:
    """Targets kept; actual values, scores, deviation reasons and the year's funds cleared."""
    return dataclasses.replace(
        project,
        fiscal=ZERO_LINE,
        carryover=ZERO_LINE,
        other=ZERO_LINE,
        goal_actual="",
        completion="",
        problems="",
        measures="",
        indicators=tuple(
            dataclasses.replace(i, actual="", score=Decimal(0), deviation="")
            for i in project.indicators
        ),
    )


def carry_forward(last: Figures, target: Profile | None = None, year: int | None = None) -> Carried:
    """The next year's case under `target` (default: last year's profile), from last year's."""
    source, case = last.profile, last.case
    target = target or source
    year = year if year is not None else case.unit.year + 1
    carry = target.carry
    items: list[str] = []
    fields: dict[str, dict[str, Value]] = {}
    texts: list[str] = []
    for path in carry.fields:
        section, _, field_id = path.partition(".")
        value = case.value(section, field_id)
        if value is not None and _field_exists(target, path):
            fields.setdefault(section, {})[field_id] = value
            texts.append(next(f.label for f in target.section(section).fields if f.id == field_id))
    if texts:
        items.append("文字：" + "、".join(texts))
    priors = 0
    for path, ref in carry.prior.items():
        if not _field_exists(target, path):
            continue
        section, _, field_id = path.partition(".")
        try:
            fields.setdefault(section, {})[field_id] = last.ref(ref)
        except (CellReferenceError, KeyError):
            continue
        priors += 1
    if priors:
        items.append(f"上年数：{priors} 项（来自上年的决算数）")
    tables = _carried_tables(last, target, items)
    projects = tuple(_cleared(p) for p in case.performance.projects)
    if projects:
        items.append(
            f"绩效自评项目：{len(projects)} 个（保留项目名称、目标和指标，清空资金、实际完成值和得分）"
        )
    new = Case(
        profile_id=target.id,
        unit=Unit(case.unit.name, year),
        fields=fields,
        tables=tables,
        performance=Performance(projects=projects),
        glossary=case.glossary,
    )
    return Carried(new, tuple(items))


def _carried_tables(last: Figures, target: Profile, items: list[str]) -> dict[str, TableValues]:
    case, carry = last.case, target.carry
    ids = _table_ids(target) & _table_ids(last.profile)
    tables: dict[str, TableValues] = {}
    for table in carry.tables:
        if table in ids and case.table(table).rows:
            tables[table] = case.table(table)
            items.append(f"《{target.table(table).title}》：{len(case.table(table).rows)} 行")
    for table in carry.labels:
        rows = tuple(TableRow(r.key, r.label) for r in case.table(table).rows)
        if table in ids and rows:
            tables[table] = TableValues(rows)
            items.append(f"《{target.table(table).title}》：{len(rows)} 个名称（不含数字）")
    coded = 0
    for spec in target.tables():
        if spec.id in tables or spec.id not in ids or not spec.coded:
            continue
        prior = {
            c.id[len(PRIOR) :]
            for side in spec.sides
            for c in side.columns
            if c.id.startswith(PRIOR)
        }
        kept: list[TableRow] = []
        for row in case.table(spec.id).rows:
            cells: dict[str, Cell] = {
                f"{PRIOR}{col}": value for col, value in row.cells.items() if col in prior
            }
            kept.append(TableRow(row.key, row.label, cells))
        if kept:
            tables[spec.id] = TableValues(tuple(kept))
            coded += len(kept)
    if coded:
        items.append(f"各公开表的科目行：{coded} 行（不含本年数字，请按今年的决算填写）")
    return tables

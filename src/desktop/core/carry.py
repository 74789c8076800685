"""Copy from last year: a new case for the next year that keeps what does not change.

The profile says what carries over (``[carry]`` in profile.toml): texts and fields copied as
they are, tables whose rows (e.g. project names) are kept without figures, and which of last
year's 决算 figures become this year's 上年 figures.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.core.model import Case, TableRow, TableValues, Unit, Value

if TYPE_CHECKING:
    from desktop.core.calc import Figures


def carry_forward(last: Figures) -> Case:
    """The next year's case, started from last year's (whose figures are `last`)."""
    profile, case = last.profile, last.case
    carry = profile.carry
    fields: dict[str, dict[str, Value]] = {}
    for path in carry.fields:
        section, _, field = path.partition(".")
        value = case.value(section, field)
        if value is not None:
            fields.setdefault(section, {})[field] = value
    for path, ref in carry.prior.items():
        section, _, field = path.partition(".")
        fields.setdefault(section, {})[field] = last.ref(ref)
    tables = {t: case.table(t) for t in carry.tables if case.table(t).rows}
    for table in carry.labels:
        rows = tuple(TableRow(r.key, r.label) for r in case.table(table).rows)
        if rows:
            tables[table] = TableValues(rows)
    return Case(
        profile_id=case.profile_id,
        unit=Unit(case.unit.name, case.unit.year + 1),
        fields=fields,
        tables=tables,
        glossary=case.glossary,
    )

"""A sparse case, as an officer's first draft looks: figures typed in, the words left for later.

Every reason is blank, every count is absent (not 0), every optional text is empty and the
optional 政府采购 and 车辆 lines are zero. The generated text must still never show an empty slot.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from desktop.core.model import TableValues

if TYPE_CHECKING:
    from collections.abc import Sequence

    from desktop.core.model import Case
    from desktop.core.spec import Profile

#: Empty slots and dangling phrases (the issue's list and the ones found reading the documents).
SLOTS = re.compile(
    r"：。|：；|：，|，。|；。|、。|。。|（）|原因。|用于[。，；]|(?<!\d)批次|(?<![\d万余])人次"
    r"|项目个|(?<![\d.余])万元|(?<!\d)个(?=[，。；项])|(?<![\d车])辆|等1个|等个|以及0个"
    r"|无差异|持平，变动原因|持平。决算数与年初预算数的差异原因|占%|的%"
    # found reading the sparse documents: a zero total broken down, “本年无…” said over and over
    r"|(?<![\d.])0\.00万元，其中：|本年无[^。]*[，；]本年无"
)
MARKER = re.compile(r"【待填写：[^】]*】")
UNIT_LABEL = re.compile(r"单位：[^\t]*$")  # “单位：万元、辆” above a table
_ZEROED = ("proc_", "sme_", "veh_", "equipment")


def sparse_case(case: Case, profile: Profile) -> Case:
    fields = {k: dict(v) for k, v in case.fields.items()}
    for section in profile.sections:
        for spec in section.fields:
            blank = spec.id in section.reasons or spec.type == "count"
            if blank or (spec.type == "text" and not spec.required and not spec.default):
                fields.get(section.id, {}).pop(spec.id, None)
    tables = dict(case.tables)
    for table in profile.tables():
        rows = case.table(table.id).rows
        texts = {"reason", "purpose"}
        rows = tuple(
            dataclasses.replace(r, cells={k: v for k, v in r.cells.items() if k not in texts})
            for r in rows
            if not (table.id == "t12" and r.key.startswith(_ZEROED))
        )
        tables[table.id] = TableValues(rows)
    return dataclasses.replace(case, fields=fields, tables=tables)


def slots(text: str) -> list[str]:
    """The empty slots of a paragraph; a 【待填写】 marker counts as filled (it is visible)."""
    return SLOTS.findall(UNIT_LABEL.sub("", MARKER.sub("0", text)))


_SUB = re.compile(r"^（([一二三四五六七八九十]+)）")


def numbering_gaps(items: Sequence[object]) -> list[str]:
    """Sub-headings whose （一）（二）… numbering skips or repeats under their heading."""
    from desktop.core.narrative.numbers import cn_number
    from desktop.core.narrative.render import TextItem

    gaps: list[str] = []
    expected = 1
    for item in items:
        if not isinstance(item, TextItem):
            continue
        if item.style in ("part", "h1"):
            expected = 1
        elif item.style == "h2" and (m := _SUB.match(item.text)):
            if m.group(1) != cn_number(expected):
                gaps.append(item.text)
            expected += 1
    return gaps

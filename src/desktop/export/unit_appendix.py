"""The 分单位收支 appendix written at the end of an exported department document.

The document is written first (desktop.export.docx); the appendix is then added after its last
paragraph, on a page of its own, and the file is replaced atomically. The table is built with
the same WordprocessingML helpers and styles as the disclosure tables (amounts in 万元).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import docx

from desktop import files
from desktop.core.money import format_wan
from desktop.export.docx_tables import style_ids, table_xml
from desktop.export.table_layout import LayoutCell, TableLayout, text_width
from desktop.export.wordml import paragraph_xml, parse_elements, ppr_xml, run_xml, twips

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from desktop.core.calc import Figures
    from desktop.core.department import Department
    from desktop.core.model import CaseId
    from desktop.core.spec import Profile
    from desktop.core.unit_breakdown import Breakdown

TITLE = "附表：各单位收入支出决算情况表"
NUMBER_WIDTH = Decimal("1.2")


def appendix_layout(breakdown: Breakdown, department: str) -> TableLayout:
    """序号 | 单位名称 | one column per breakdown column (万元), then the sum lines."""
    n = len(breakdown.columns)
    width = text_width("portrait")
    each = min(Decimal("3.6"), (width - NUMBER_WIDTH) / (n + 2))
    widths = (NUMBER_WIDTH, width - NUMBER_WIDTH - each * n, *([each] * n))
    header = (
        LayoutCell("序号", header=True),
        LayoutCell("单位名称", header=True),
        *(LayoutCell(c, header=True) for c in breakdown.columns),
    )
    rows: list[tuple[LayoutCell | None, ...]] = [header]
    number = 0
    for row in breakdown.rows:
        unit = row.kind == "unit"
        if unit:
            number += 1
        cells = [
            LayoutCell(str(number) if unit else "", center=True),
            LayoutCell(row.label, bold=not unit),
            *(LayoutCell(format_wan(v), number=True, value=v, bold=not unit) for v in row.values),
        ]
        rows.append(tuple(cells))
    notes = ["注：各单位数为其单位决算的本年合计数；部门合计已冲抵部门内单位之间的往来。"]
    if breakdown.merged:
        notes.append(
            f"预算不单列、已并入本级的单位（{'、'.join(breakdown.merged)}）的收支含在本级中。"
        )
    return TableLayout(
        title=TITLE,
        rows=tuple(rows),
        widths=widths,
        header_rows=1,
        unit_name=f"编制部门：{department}",
        unit_label="金额单位：万元",
        notes=tuple(notes),
    )


def _appendix_xml(layout: TableLayout, ids: dict[str, str]) -> str:
    note = ids["表格-表注"]
    title = ppr_xml(ids["表格-标题"], page_break=True)
    tab = ("right", twips(float(text_width(layout.orientation))), "")
    return "".join(
        [
            paragraph_xml(title, run_xml(layout.title)),
            paragraph_xml(
                ppr_xml(note, keep_next=True, tabs=[tab]),
                run_xml(f"{layout.unit_name}\t{layout.unit_label}"),
            ),
            table_xml(layout, ids),
            *(paragraph_xml(ppr_xml(note), run_xml(text)) for text in layout.notes),
        ]
    )


def add_unit_appendix(target: Path, layout: TableLayout) -> None:
    """Append the appendix to the Word document `target` (replaced atomically)."""
    doc = docx.Document(str(target))
    body = doc.element.body
    ids = style_ids(doc)
    end = body.sectPr
    for element in parse_elements(_appendix_xml(layout, ids)):
        if end is not None:
            end.addprevious(element)
        else:
            body.append(element)
    files.write_atomically(target, lambda tmp: doc.save(str(tmp)))


def department_appendix(
    dept: Department, department: Figures, members: Mapping[CaseId, Figures]
) -> TableLayout:
    """The appendix of a department: its consolidated figures and each member's own."""
    from desktop.core.unit_breakdown import unit_breakdown

    return appendix_layout(unit_breakdown(dept, department, members), department.case.unit.name)


def appendix_wanted(profile: Profile, *, asked: bool) -> bool:
    """Whether an export ends with the appendix: the profile asks for it, or the officer did."""
    return bool(profile.consolidation.breakdown) and (
        asked or profile.consolidation.breakdown_appendix
    )

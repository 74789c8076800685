"""What each step of the window says about itself: 未填, 有错误, 有警告, 已完成 or 自动计算.

The status comes from the case and the checks, never from what the page happens to show: a step
whose inputs are all empty (or whose required fields are missing) is 未填; a step with nothing
to enter is 自动计算 and names the tables its figures come from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.core.issues import Severity
from desktop.ui.session import INVALID_RULE

if TYPE_CHECKING:
    from desktop.core.calc import Figures
    from desktop.core.issues import Issue
    from desktop.core.spec import Block, FieldSpec, Profile, SectionSpec, TableSpec

UNFILLED, ERRORS, WARNINGS, DONE, COMPUTED = "未填", "有错误", "有警告", "已完成", "自动计算"
COLORS = {
    UNFILLED: "#80868b",
    ERRORS: "#d93025",
    WARNINGS: "#e37400",
    DONE: "#188038",
    COMPUTED: "#1a73e8",
}
#: Sections whose data is entered in an editor of its own, not in fields or tables.
DATA_FACTS = ("performance", "glossary")


@dataclass(frozen=True, slots=True)
class StepStatus:
    """A step's status and, for computed steps, the tables it comes from (or what is missing)."""

    label: str
    detail: str = ""


def source_tables(profile: Profile, section: SectionSpec) -> list[str]:
    """Titles of the other tables this step's figures come from, in profile order."""
    own = {t.id for t in section.tables}
    found = {ref.table for ref in section.refs() if not ref.is_field} - own
    return [f"《{t.title}》" for t in profile.tables() if t.id in found]


def _blocks_text(blocks: tuple[Block, ...]) -> str:
    return "".join(b.text + b.end + b.when + _blocks_text(b.blocks) for b in blocks)


def text_fields(section: SectionSpec) -> list[FieldSpec]:
    """The fields the section's text uses (or that are required).

    The others (e.g. 预留 figures that only the checks read) are optional extras: they do not
    make a step whose text is computed one that must be filled in.
    """
    used = _blocks_text(section.blocks) + " ".join(str(v) for v in section.values.values())
    return [
        f
        for f in section.fields
        if f.required
        or f.id in section.reasons
        or f"{{{f.id}}}" in used
        or f"field:{section.id}:{f.id}" in used
    ]


def source_parts(profile: Profile, section: SectionSpec) -> list[str]:
    """Ids of the parts whose steps hold the tables this step's figures come from, in order."""
    own = {t.id for t in section.tables}
    found = {ref.table for ref in section.refs() if not ref.is_field} - own
    parts = {s.part for s in profile.sections for t in s.tables if t.id in found}
    return [p.id for p in profile.parts if p.id in parts]


def is_computed_only(section: SectionSpec) -> bool:
    return (
        section.id != "unit"
        and not text_fields(section)
        and section.facts not in DATA_FACTS
        and not any(t.has_inputs() for t in section.tables)
    )


def _entered(figures: Figures, section: SectionSpec) -> bool:
    case = figures.case
    if section.id == "unit":
        return bool(case.unit.name.strip())
    return (
        any(case.value(section.id, f.id) is not None for f in section.fields)
        # Rows count once they hold something: 科目 rows copied from last year without figures
        # do not.
        or any(r.cells for t in section.tables if t.has_inputs() for r in case.table(t.id).rows)
        or bool(
            section.tables and all(_complete_without_entries(figures, t) for t in section.tables)
        )
        or (section.facts == "performance" and bool(case.performance.projects))
        # the profile's terms are printed when the case has none
        or (section.facts == "glossary" and bool(case.glossary or figures.profile.glossary))
    )


def _complete_without_entries(figures: Figures, table: TableSpec) -> bool:
    """A table with nothing typed in that is still complete.

    Its figures come from other tables, or it is legitimately empty (it has an empty-table
    note) while the case's other tables have figures.
    """
    if not figures.grid(table.id).is_empty:
        return True
    return bool(table.empty_note) and any(
        figures.case.table(t.id).rows
        for t in figures.profile.disclosure_tables()
        if t.id != table.id
    )


def step_status(figures: Figures, section: SectionSpec, issues: list[Issue]) -> StepStatus:
    """The status of one step (issues: the session's, any section)."""
    profile, case = figures.profile, figures.case
    mine = [i for i in issues if i.location.section == section.id]
    errors = any(i.severity is Severity.ERROR for i in mine)
    # an explained 警告 (已说明) no longer asks for anything
    warnings = any(i.severity is Severity.WARNING and not i.accepted for i in mine)
    if is_computed_only(section):
        sources = "".join(source_tables(profile, section))
        detail = f"来自{sources}" if sources else "由本表各行各列算出"
        if errors:
            return StepStatus(ERRORS, detail)
        return StepStatus(WARNINGS if warnings else COMPUTED, detail)
    if not _entered(figures, section) and not any(i.rule == INVALID_RULE for i in mine):
        return StepStatus(UNFILLED, "还没有填写")
    if errors:
        return StepStatus(ERRORS)
    missing = [
        f.label for f in section.fields if f.required and case.value(section.id, f.id) is None
    ]
    if missing:
        return StepStatus(UNFILLED, "必填：" + "、".join(missing))
    empty = [t.title for t in section.tables if figures.grid(t.id).is_empty and t.empty_note]
    detail = "本表无数据，文档中将附空表说明" if empty else ""
    return StepStatus(WARNINGS if warnings else DONE, detail)

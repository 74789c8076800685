"""The whole document of a case: title, 目录 and the body items, part by part.

Headings are numbered here (一、二、… within each part), so dropping a section from a profile
renumbers the rest, and the 目录 is built from the same headings as the body: it cannot differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.core.issues import Location
from desktop.core.money import format_wan, to_wan
from desktop.core.narrative.facts import (
    Facts,
    FactValue,
    Missing,
    Phrases,
    clause_text,
    evaluate,
    fill,
    reason_required,
    unknown_base,
)
from desktop.core.narrative.numbers import cn_number
from desktop.core.narrative.providers import provide
from desktop.core.narrative.render import Item, TableItem, TextItem, render_blocks
from desktop.core.spec import TABLES_PART

if TYPE_CHECKING:
    from collections.abc import Mapping

    from desktop.core.calc import Figures
    from desktop.core.model import Case, Value
    from desktop.core.spec import FieldSpec, Profile, SectionSpec


@dataclass(frozen=True, slots=True)
class TocEntry:
    """A line of the 目录: level 1 for a part, 2 for a section."""

    level: int
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    """Everything the exporters need, in order, as text."""

    title: str
    toc: tuple[TocEntry, ...]
    items: tuple[Item, ...]
    #: The required inputs the text needs that were not entered, in document order; each shows
    #: as “【待填写：…】”, so a document with gaps can only be exported as a 草稿.
    gaps: tuple[Missing, ...] = ()


def common_facts(case: Case, wording: str) -> dict[str, str]:
    """Facts every sentence may use."""
    return {
        "unit": case.unit.name,
        "year": str(case.unit.year),
        "prior_year": str(case.unit.year - 1),
        "wording": wording,
    }


def part_title(case: Case, profile: Profile, part_id: str) -> str:
    """A part's title as the document prints it, e.g. “第二部分 某单位2024年度部门决算表”."""
    return fill(profile.part(part_id).title, common_facts(case, profile.wording))


def published_in(case: Case, profile: Profile, section: SectionSpec) -> str:
    """Where the document publishes a section's tables: its part, as “第二部分 …”."""
    return part_title(case, profile, section.part)


def _field_fact(section: SectionSpec, spec: FieldSpec, value: Value | None) -> FactValue:
    if spec.type == "paragraphs":
        paragraphs = value if isinstance(value, tuple) else ()
        listed = tuple({"text": p} for p in paragraphs if p.strip())
        if listed or not spec.required:
            return listed
        value = None
    if isinstance(value, str):
        value = clause_text(value)
    if value is None or value == "":
        if spec.default:
            return spec.default
        # Not entered is not 0 and not nothing: the sentence says what it does without it.
        label = spec.label.split("（", 1)[0]
        where = Location(section=section.id, field=spec.id)
        return Missing(label, where, message=f"请填写“{spec.label}”：说明中要用到它。")
    if spec.type == "money" and not isinstance(value, str | tuple | int):
        return format_wan(value)
    return str(value)


def _reason_fact(
    figures: Figures, section: SectionSpec, field_id: str, value_name: str
) -> FactValue:
    """A reason field: its text, or what stands for it when it is empty (see `Missing`)."""
    refs = section.values[value_name].compared()
    assert refs is not None  # the loader accepts only comparisons as what a reason explains
    unknown = unknown_base(figures, section.values[value_name])
    if unknown is not None:
        return unknown  # no comparison with an unknown base, so no reason is asked for
    current, base = figures.ref(refs[0]), figures.ref(refs[1])
    text = figures.case.value(section.id, field_id)
    unchanged = to_wan(current - base) == 0
    if isinstance(text, str) and clause_text(text) and not unchanged:
        return clause_text(text)
    spec = next(f for f in section.fields if f.id == field_id)
    label = "差异原因" if spec.label.endswith("差异原因") else "变动原因"
    what = spec.label.removesuffix(label).removesuffix("的")
    change = Phrases(figures.profile.phrases).change(current, base)
    return Missing(
        label,
        Location(section=section.id, field=field_id),
        # 持平: no reason is asked for or printed, even one typed before the figures changed.
        required=reason_required(figures.profile.reason_rule, current, base),
        message=f"{what}{change}，请填写{label}。",
    )


def section_facts(figures: Figures, section: SectionSpec, phrases: Phrases) -> Facts:
    """The facts of one section: its fields, its ``[values]`` and its provider's lists."""
    facts: dict[str, FactValue] = {}
    for spec in section.fields:
        facts[spec.id] = _field_fact(section, spec, figures.case.value(section.id, spec.id))
    for field_id, value_name in section.reasons.items():
        facts[field_id] = _reason_fact(figures, section, field_id, value_name)
    for name, expr in section.values.items():
        facts[name] = evaluate(expr, figures, phrases)
    if section.facts:
        facts.update(provide(section.facts, figures, section, phrases))
    return facts


def build_document(figures: Figures) -> Document:
    """Assemble title, 目录 and body for the case in `figures` under its profile."""
    case, profile = figures.case, figures.profile
    common = common_facts(case, profile.wording)
    phrases = Phrases(profile.phrases)
    toc: list[TocEntry] = []
    items: list[Item] = []
    gaps: list[Missing] = []
    for part in profile.parts:
        sections = [s for s in profile.sections if s.part == part.id]
        part_title = fill(part.title, common)
        toc.append(TocEntry(1, part_title))
        items.append(TextItem("part", part_title))
        number = 0
        for section in sections:
            if not section.blocks and not section.tables:
                continue
            body: list[Item] = []
            if not (part.id == TABLES_PART or (section.tables and not section.blocks)):
                facts = section_facts(figures, section, phrases)
                body = drop_empty_headings(render_blocks(section.blocks, [common, facts], gaps))
                if not body:
                    continue  # a heading with nothing under it is left out
            heading = ""
            if section.heading:
                number += 1
                heading = f"{cn_number(number)}、{fill(section.title, common)}"
                if part.toc_sections:
                    toc.append(TocEntry(2, heading))
            if not body:
                items.extend(TableItem(t.id, heading) for t in section.tables)
                continue
            if heading:
                items.append(TextItem("h1", heading))
            items.extend(body)
    title = fill(profile.title, common)
    return Document(title, tuple(toc), tuple(items), tuple(gaps))


_RANK = {"h2": 2, "h3": 3}


def drop_empty_headings(items: list[Item]) -> list[Item]:
    """Leave out a sub-heading (（一）…) that has nothing under it before the next one."""
    kept: list[Item] = []
    for item in reversed(items):  # from the end: a heading needs content after it, not a heading
        rank = _RANK.get(item.style, 0) if isinstance(item, TextItem) else 0
        if rank:
            after = kept[-1] if kept else None
            after_rank = _RANK.get(after.style, 0) if isinstance(after, TextItem) else 0
            if after is None or 0 < after_rank <= rank:
                continue
        kept.append(item)
    return kept[::-1]


def section_preview(figures: Figures, section_id: str) -> list[Item]:
    """The body items one section contributes (its text, charts and tables), for the window."""
    section = figures.profile.section(section_id)
    common = common_facts(figures.case, figures.profile.wording)
    if not section.blocks:
        return [TableItem(t.id) for t in section.tables]
    facts = section_facts(figures, section, Phrases(figures.profile.phrases))
    return render_blocks(section.blocks, [common, facts])


def facts_for(figures: Figures, section_id: str) -> Mapping[str, FactValue]:
    """The facts of one section (for previews and tests)."""
    section = figures.profile.section(section_id)
    return section_facts(figures, section, Phrases(figures.profile.phrases))

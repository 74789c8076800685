"""The whole document of a case: title, 目录 and the body items, part by part.

Headings are numbered here (一、二、… within each part), so dropping a section from a profile
renumbers the rest, and the 目录 is built from the same headings as the body: it cannot differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.core.money import format_wan
from desktop.core.narrative.facts import Facts, FactValue, Phrases, evaluate, fill
from desktop.core.narrative.numbers import cn_number
from desktop.core.narrative.providers import provide
from desktop.core.narrative.render import Item, TableItem, TextItem, render_blocks

if TYPE_CHECKING:
    from collections.abc import Mapping

    from desktop.core.calc import Figures
    from desktop.core.model import Case, Value
    from desktop.core.spec import FieldSpec, SectionSpec


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


def common_facts(case: Case, wording: str) -> dict[str, str]:
    """Facts every sentence may use."""
    return {
        "unit": case.unit.name,
        "year": str(case.unit.year),
        "prior_year": str(case.unit.year - 1),
        "wording": wording,
    }


def _field_fact(spec: FieldSpec, value: Value | None) -> FactValue:
    if spec.type == "paragraphs":
        paragraphs = value if isinstance(value, tuple) else ()
        return tuple({"text": p} for p in paragraphs if p.strip())
    if value is None or value == "":
        return spec.default
    if spec.type == "money" and not isinstance(value, str | tuple | int):
        return format_wan(value)
    return str(value)


def section_facts(figures: Figures, section: SectionSpec, phrases: Phrases) -> Facts:
    """The facts of one section: its fields, its ``[values]`` and its provider's lists."""
    facts: dict[str, FactValue] = {}
    for spec in section.fields:
        facts[spec.id] = _field_fact(spec, figures.case.value(section.id, spec.id))
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
    for part in profile.parts:
        sections = [s for s in profile.sections if s.part == part.id]
        part_title = fill(part.title, common)
        toc.append(TocEntry(1, part_title))
        items.append(TextItem("part", part_title))
        number = 0
        for section in sections:
            if not section.blocks and not section.tables:
                continue
            heading = ""
            if section.heading:
                number += 1
                heading = f"{cn_number(number)}、{fill(section.title, common)}"
                if part.toc_sections:
                    toc.append(TocEntry(2, heading))
            if part.id == "tables" or (section.tables and not section.blocks):
                items.extend(TableItem(t.id, heading) for t in section.tables)
                continue
            if heading:
                items.append(TextItem("h1", heading))
            facts = section_facts(figures, section, phrases)
            items.extend(render_blocks(section.blocks, [common, facts]))
    title = fill(profile.title, common)
    return Document(title, tuple(toc), tuple(items))


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

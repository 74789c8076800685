"""Not entered is unknown, not 0: a 上年数 (or any compared base) left empty gives no 增加/减少/持平
sentence and asks for no reason; the rest of the paragraph stays (every sample, every base)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import pytest

from desktop import paths
from desktop.core.calc import Figures
from desktop.core.checks import run_checks
from desktop.core.money import ZERO, format_wan
from desktop.core.narrative.document import section_preview
from desktop.core.narrative.facts import compared
from desktop.core.narrative.render import TextItem
from desktop.storage.interchange import loads_case

if TYPE_CHECKING:
    from desktop.core.model import Case
    from desktop.core.refs import CellRef
    from desktop.sections.catalog import Catalog

SAMPLES = sorted((paths.resources_dir() / "samples").glob("*.json"))


def _without(case: Case, section: str, field: str) -> Case:
    fields = {s: dict(v) for s, v in case.fields.items()}
    fields.get(section, {}).pop(field, None)
    return dataclasses.replace(case, fields=fields)


def _field_bases(figures: Figures) -> list[tuple[str, str, CellRef, CellRef]]:
    """(section, value name, current ref, base field) of every comparison with an entered field."""
    out: list[tuple[str, str, CellRef, CellRef]] = []
    for section in figures.profile.sections:
        for name, expr in section.values.items():
            refs = compared(expr)
            if refs and refs[1].is_field and not figures.unknown(refs[1]):
                out.append((section.id, name, refs[0], refs[1]))
    return out


def _text(figures: Figures, section: str) -> str:
    return "".join(i.text for i in section_preview(figures, section) if isinstance(i, TextItem))


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_an_unknown_base_drops_only_the_comparison(catalog: Catalog, sample: object) -> None:
    case = loads_case(sample.read_text(encoding="utf-8"), catalog.profiles)  # type: ignore[attr-defined]
    figures = Figures(case, catalog.profile(case.profile_id), catalog.codes)
    bases = _field_bases(figures)
    assert len(bases) >= 5  # every sample compares with 上年 figures
    for section_id, name, current_ref, base in bases:
        sec, field = base.section, base.field
        unknown = Figures(_without(case, sec, field), figures.profile, catalog.codes)
        assert unknown.unknown(base)
        text = _text(unknown, section_id)
        current = unknown.ref(current_ref)
        fields = {k: dict(v) for k, v in case.fields.items()}
        fields.setdefault(sec, {})[field] = ZERO
        zero = Figures(dataclasses.replace(case, fields=fields), figures.profile, catalog.codes)
        # Against 0 the text compares (增加…/持平); unknown, that clause is left out.
        assert len(text) <= len(_text(zero, section_id)), (section_id, name)
        # The paragraph that states the figure itself is still there.
        assert text, (section_id, name)
        assert not current or format_wan(current) in text, (section_id, name)
        issues = run_checks(unknown)
        asked = [i for i in issues if i.rule == "W-unknown" and i.location.field == field]
        assert asked, (section_id, name)
        section = figures.profile.section(section_id)
        reason = [r for r, v in section.reasons.items() if v == name]
        assert [i for i in issues if i.rule == "N-reason" and i.location.field in reason] == [], (
            section_id,
            name,
        )

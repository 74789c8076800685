"""Excel in: a new case for a workbook, and the officer's hints for sheets whose title is unknown."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from sqlite_utils import Database

    from desktop.core.model import Case
    from desktop.core.sheet_layout import SheetLayout
    from desktop.core.spec import Profile
    from desktop.importing.recognise import ImportReport
    from desktop.importing.workbook import Sheet
    from desktop.sections.catalog import Catalog


class ImportRequestError(Exception):
    """The import cannot start as asked; the message says what to give instead."""


def new_case(catalog: Catalog, unit: str | None, year: int | None, profile_id: str | None) -> Case:
    """An empty case for a workbook: the named profile, or the one installed for the year."""
    from desktop.core.model import Case, GlossaryEntry, Unit

    if not unit or not year:
        raise ImportRequestError("新建填报时请用 --unit 和 --year 给出单位名称和年度。")
    if profile_id:
        profile = catalog.profile(profile_id)
    else:
        fits = [p for p in catalog.profiles.values() if p.year == year]
        if len(fits) != 1:
            known = "、".join(f"{p.id}（{p.year} 年）" for p in catalog.profiles.values())
            raise ImportRequestError(f"请用 --profile 指定模板；已安装：{known}")
        profile = fits[0]
    glossary = tuple(GlossaryEntry(t, x) for t, x in profile.glossary)
    return Case(profile.id, Unit(unit, year), glossary=glossary)


def sheet_hints(
    given: Iterable[str], sheets: list[Sheet], profile: Profile
) -> dict[str, SheetLayout]:
    """``工作表=表号`` hints as layouts keyed by the sheet's signature (remembered after import)."""
    from desktop.core.sheet_layout import SheetLayout
    from desktop.importing.recognise import norm, signature

    tables = profile.disclosure_tables()
    hints: dict[str, SheetLayout] = {}
    for hint in given:
        name, _, table = str(hint).partition("=")
        sheet = next((s for s in sheets if s.name == name.strip()), None)
        if sheet is None:
            raise ImportRequestError(f"工作簿中没有名为“{name.strip()}”的工作表。")
        spec = next(
            (t for t in tables if norm(table) in (norm(t.number), t.id, norm(t.title))), None
        )
        if spec is None:
            known = "、".join(t.number or t.id for t in tables)
            raise ImportRequestError(f"“{table}”不是本模板的公开表；可用：{known}")
        hints[signature(sheet)] = SheetLayout(spec.id)
    return hints


def preview_import(
    sheets: list[Sheet], case: Case, catalog: Catalog, layouts: Mapping[str, SheetLayout]
) -> ImportReport:
    """What importing `sheets` into `case` would change, with the layouts remembered and given.

    Nothing is written: the window shows the report for confirmation, the command line prints
    it; both apply `report.edit` (the window as one undo step) and then `remember_layouts`.
    """
    from desktop.importing.recognise import recognise

    return recognise(sheets, catalog.profile(case.profile_id), case, layouts, catalog.codes)


def remembered_layouts(db: Database | None, profile_id: str) -> dict[str, SheetLayout]:
    """The sheet layouts the officer pointed out before, for this profile (none without a db)."""
    from desktop.storage.layouts import load_layouts

    return load_layouts(db, profile_id) if db is not None else {}


def remember_layouts(db: Database, profile_id: str, given: Mapping[str, SheetLayout]) -> None:
    """Keep the layouts the officer gave, so next year's workbook is recognised by itself."""
    from desktop.storage.layouts import remember_layout

    for signature, layout in given.items():
        remember_layout(db, profile_id, signature, layout)

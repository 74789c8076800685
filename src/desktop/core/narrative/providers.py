"""List facts that need more than a value expression, registered by name.

The rows of a table by 类/项, economic groups with their items, the 名词解释 terms and the performance projects. Registered by name;
a forms/ file names its provider with ``facts = "…"`` and sets it up with ``[params]``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from desktop.core.calc import Figures, GridRow
from desktop.core.money import format_decimal, format_percent, format_wan
from desktop.core.narrative.facts import Facts, FactValue, Phrases, fill
from desktop.core.narrative.numbers import cn_number
from desktop.core.performance import execution_rate, total_score
from desktop.core.spec import SectionSpec

if TYPE_CHECKING:
    from decimal import Decimal

Provider = Callable[[Figures, SectionSpec, Phrases], Facts]
PROVIDERS: dict[str, Provider] = {}


def provider(name: str) -> Callable[[Provider], Provider]:
    def register(fn: Provider) -> Provider:
        PROVIDERS[name] = fn
        return fn

    return register


def _param(section: SectionSpec, key: str) -> str:
    try:
        return section.params[key]
    except KeyError as exc:
        raise KeyError(f"{section.file}：params 缺少“{key}”") from exc


@provider("budget_classes")
def budget_classes(figures: Figures, section: SectionSpec, phrases: Phrases) -> Facts:
    """Each 类 of a functional table with its 项: 决算 (``total``) against 年初预算 (``budget``)."""
    grid = figures.grid(_param(section, "table"))
    rows = grid.sides[0].rows
    classes: list[Facts] = []
    for cls in (r for r in rows if r.level == "类"):
        leaves = [
            r
            for r in rows
            if r.level == "项"
            and r.key.startswith(cls.key)
            and (r.amount("total") != 0 or r.amount("budget") != 0)
        ]
        if cls.amount("total") == 0 and cls.amount("budget") == 0:
            continue
        items: list[Facts] = []
        for n, leaf in enumerate(leaves, start=1):
            kuan = grid.row(leaf.key[:5])
            reason = leaf.cells.get("reason", "")
            items.append(
                {
                    "number": f"{n}." if len(leaves) > 1 else "",
                    "code": leaf.key,
                    "kuan": kuan.label if kuan else "",
                    "xiang": leaf.label,
                    "budget": format_wan(leaf.amount("budget")),
                    "actual": format_wan(leaf.amount("total")),
                    "delta": phrases.change(leaf.amount("total"), leaf.amount("budget"), "delta"),
                    "reason": reason if isinstance(reason, str) else "",
                }
            )
        classes.append(
            {
                "index": cn_number(len(classes) + 1),
                "code": cls.key,
                "name": cls.label,
                "actual": format_wan(cls.amount("total")),
                "budget": format_wan(cls.amount("budget")),
                "delta": phrases.change(cls.amount("total"), cls.amount("budget"), "delta"),
                "items": tuple(items),
            }
        )
    return {"classes": tuple(classes)}


@provider("economic_groups")
def economic_groups(figures: Figures, section: SectionSpec, phrases: Phrases) -> Facts:
    """Groups of an economic table (its footers, or its 类) with their non-zero 款 items."""
    grid = figures.grid(_param(section, "table"))
    column = section.params.get("column", "amount")
    item_text = _param(section, "item")
    separator = section.params.get("separator", "、")
    rows = grid.sides[0].rows
    leaves = [r for r in rows if r.level == "款" and r.amount(column) != 0]
    groups: list[tuple[str, Decimal, list[GridRow]]] = []
    if _param(section, "groups") == "footers":
        for footer in grid.spec.footers:
            classes = {k.lstrip("-") for k in footer.sum_of}
            members = [r for r in leaves if r.key[:3] in classes]
            groups.append(
                (footer.label.removesuffix("合计"), grid.amount(footer.id, column), members)
            )
    else:
        for cls in (r for r in rows if r.level == "类" and r.amount(column) != 0):
            members = [r for r in leaves if r.key.startswith(cls.key)]
            groups.append((cls.label, cls.amount(column), members))
    facts: list[Facts] = []
    for name, amount, members in groups:
        if amount == 0 and not members:
            continue
        items = separator.join(
            fill(item_text, {"name": r.label, "amount": format_wan(r.amount(column))})
            for r in members
        )
        facts.append(
            {
                "index": cn_number(len(facts) + 1),
                "name": name,
                "amount": format_wan(amount),
                "items": items,
            }
        )
    return {"groups": tuple(facts)}


@provider("glossary")
def glossary(figures: Figures, section: SectionSpec, phrases: Phrases) -> Facts:
    """名词解释: the case's terms, or the profile's defaults when the case has none."""
    entries = [(g.term, g.text) for g in figures.case.glossary] or list(figures.profile.glossary)
    return {
        "terms": tuple(
            {"number": cn_number(n), "term": term, "text": text}
            for n, (term, text) in enumerate(entries, start=1)
        )
    }


@provider("performance")
def performance(figures: Figures, section: SectionSpec, phrases: Phrases) -> Facts:
    """The self-evaluated projects with their scores and rates, and the evaluation texts."""
    perf = figures.case.performance
    projects: list[Facts] = []
    for n, p in enumerate(perf.projects, start=1):
        rate = execution_rate(p.total)
        projects.append(
            {
                "number": str(n),
                "index": str(n),
                "name": p.name,
                "score": format_decimal(total_score(p)),
                "full": format_wan(p.total.full),
                "executed": format_wan(p.total.executed),
                "rate": format_percent(rate) if rate is not None else "",
                "completion": p.completion,
                "problems": p.problems,
                "measures": p.measures,
            }
        )
    names = "、".join(f"“{p.name}”" for p in perf.projects)
    result: dict[str, FactValue] = {
        "projects": tuple(projects),
        "published_names": names,
        "published_count": str(len(perf.projects)),
        "evaluation": tuple({"text": t} for t in perf.evaluation_text),
        "report_title": perf.report_title,
        "has_report": bool(perf.report_title or perf.report),
        "report": tuple({"text": t} for t in perf.report),
    }
    return result


def provide(name: str, figures: Figures, section: SectionSpec, phrases: Phrases) -> Facts:
    try:
        fn = PROVIDERS[name]
    except KeyError as exc:
        raise KeyError(f"{section.file}：没有名为“{name}”的数据提供者") from exc
    return fn(figures, section, phrases)


def known_providers() -> Mapping[str, Provider]:
    return PROVIDERS

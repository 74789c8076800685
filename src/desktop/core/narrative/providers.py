"""List facts that need more than a value expression, registered by name.

The rows of a table by 类/项, economic groups with their items, the 名词解释 terms and the performance projects. Registered by name;
a forms/ file names its provider with ``facts = "…"`` and sets it up with ``[params]``. Each
provider also declares its parameters and the facts it gives, so that a profile can be checked
without a case (``juesuan profile-check``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop.core.calc import Figures, GridRow
from desktop.core.department import Kind, kind_of
from desktop.core.issues import Location
from desktop.core.money import format_percent, format_score, format_wan, percent, to_wan
from desktop.core.narrative.facts import (
    Facts,
    FactValue,
    Missing,
    Phrases,
    clause_text,
    fill,
    reason_required,
)
from desktop.core.narrative.numbers import cn_number
from desktop.core.performance import RATING_NAMES, execution_rate, total_score
from desktop.core.performance_summary import (
    AVERAGE_FIELD,
    COUNT_FIELDS,
    RATING_FIELDS,
    perf_summary,
)
from desktop.core.refs import perf_project_ref
from desktop.core.spec import SectionSpec

if TYPE_CHECKING:
    from decimal import Decimal

    from desktop.core.spec import Profile

Provider = Callable[[Figures, SectionSpec, Phrases], Facts]
PROVIDERS: dict[str, Provider] = {}

#: The shape of a provider's facts: a name maps to None (a text or a condition) or, for a list
#: fact that ``each`` repeats over, to the shape of one item.
FactSchema = Mapping[str, "FactSchema | None"]


@dataclass(frozen=True, slots=True)
class ProviderInfo:
    """What a provider needs and gives.

    `params` maps each ``[params]`` key to its kind: ``table`` (a table id), ``column`` (a column
    of that table), ``phrase`` (a phrase name), ``template`` (a sentence template), ``text``, or
    ``a|b`` (one of the words given); a kind ending in ``?`` is optional. `facts` gives the facts
    for a section (list items may depend on the section's table, e.g. its text columns).
    """

    params: Mapping[str, str]
    facts: Callable[[Profile, SectionSpec], FactSchema]
    template_names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


PROVIDER_INFO: dict[str, ProviderInfo] = {}


def provider(
    name: str,
    params: Mapping[str, str] | None = None,
    facts: FactSchema | Callable[[Profile, SectionSpec], FactSchema] | None = None,
    template_names: Mapping[str, tuple[str, ...]] | None = None,
) -> Callable[[Provider], Provider]:
    """Register a provider under `name` with its parameters and the shape of its facts.

    `template_names` gives, for a ``template`` parameter, the placeholders it may use.
    """
    fixed: FactSchema = {} if facts is None or callable(facts) else facts

    def schema(profile: Profile, section: SectionSpec) -> FactSchema:
        return facts(profile, section) if callable(facts) else fixed

    def register(fn: Provider) -> Provider:
        PROVIDERS[name] = fn
        PROVIDER_INFO[name] = ProviderInfo(params or {}, schema, template_names or {})
        return fn

    return register


def _param(section: SectionSpec, key: str) -> str:
    try:
        return section.params[key]
    except KeyError as exc:
        raise KeyError(f"{section.file}：params 缺少“{key}”") from exc


_ITEM = dict.fromkeys(
    ("number", "code", "cls", "kuan", "xiang", "budget", "actual", "delta", "completion")
)
_ITEM_FLAGS = dict.fromkeys(("over", "under"))


def _budget_schema(profile: Profile, section: SectionSpec) -> FactSchema:
    texts: dict[str, FactSchema | None] = {"reason": None}
    try:
        table = profile.table(section.params.get("table", ""))
    except KeyError:
        table = None
    if table is not None:
        texts.update((c.id, None) for side in table.sides for c in side.columns if c.type == "text")
    item: dict[str, FactSchema | None] = {**_ITEM, **_ITEM_FLAGS, **texts}
    cls = dict.fromkeys(
        ("index", "code", "name", "actual", "budget", "delta", "share", *_ITEM_FLAGS)
    )
    return {"classes": {**cls, "items": item}, "items": item}


@provider(
    "budget_classes",
    params={"table": "table", "completion": "phrase?", "budget": "column?"},
    facts=_budget_schema,
)
def budget_classes(figures: Figures, section: SectionSpec, phrases: Phrases) -> Facts:
    """Each 类 of a functional table with its 项: 决算 (``total``) against 年初预算 (``budget``).

    ``classes`` holds the 类 (with ``share``, the 类's percentage of the 合计) and their ``items``;
    ``items`` holds every 项 of every 类 in one list (``cls`` names its 类). An item has its
    table's text columns (e.g. ``reason``), ``over``/``under`` (决算 above/below 年初预算) and,
    when ``[params] completion`` names a phrase, ``completion`` (决算 / 年初预算).

    ``[params] budget`` names the column the sentences compare with: ``budget`` (年初预算, the
    default, as 上海 does) or e.g. ``full_budget`` (全年预算/调整预算, as some provinces do); the
    facts keep the name ``budget`` whichever it is, and a 差异原因 is asked for against it.
    """
    grid = figures.grid(_param(section, "table"))
    column = section.params.get("budget", "budget")
    rows = grid.data_rows()
    texts = [c.id for side in grid.spec.sides for c in side.columns if c.type == "text"]
    completion = section.params.get("completion", "")
    grand = grid.amount("*", "total")
    classes: list[Facts] = []
    flat: list[Facts] = []
    for cls in (r for r in rows if r.level == "类"):
        leaves = [
            r
            for r in rows
            if r.level == "项"
            and r.key.startswith(cls.key)
            and (r.amount("total") != 0 or r.amount(column) != 0)
        ]
        if cls.amount("total") == 0 and cls.amount(column) == 0:
            continue
        items: list[Facts] = []
        for n, leaf in enumerate(leaves, start=1):
            kuan = grid.row(leaf.key[:5])
            actual, budget = leaf.amount("total"), leaf.amount(column)
            diff = to_wan(actual - budget)
            item: dict[str, FactValue] = dict.fromkeys(("reason", *texts), "")
            item.update(
                (c, clause_text(v)) for c in texts if isinstance(v := leaf.cells.get(c, ""), str)
            )
            if not item["reason"]:
                item["reason"] = _missing_reason(figures, grid.spec.id, leaf, phrases, column)
            item.update(
                {
                    "number": f"{n}." if len(leaves) > 1 else "",
                    "code": leaf.key,
                    "cls": cls.label,
                    "kuan": kuan.label if kuan else "",
                    "xiang": leaf.label,
                    "budget": format_wan(budget),
                    "actual": format_wan(actual),
                    "delta": phrases.change(actual, budget, "delta"),
                    "completion": phrases.ratio(completion, actual, budget) if completion else "",
                    "over": diff > 0,
                    "under": diff < 0,
                }
            )
            items.append(item)
        flat.extend(items)
        share = percent(cls.amount("total"), grand)
        cls_diff = to_wan(cls.amount("total") - cls.amount(column))
        classes.append(
            {
                "index": cn_number(len(classes) + 1),
                "code": cls.key,
                "name": cls.label,
                "actual": format_wan(cls.amount("total")),
                "budget": format_wan(cls.amount(column)),
                "delta": phrases.change(cls.amount("total"), cls.amount(column), "delta"),
                "share": format_percent(share) if share is not None else "",
                "over": cls_diff > 0,
                "under": cls_diff < 0,
                "items": tuple(items),
            }
        )
    return {"classes": tuple(classes), "items": tuple(flat)}


def _missing_reason(
    figures: Figures, table: str, row: GridRow, phrases: Phrases, column: str = "budget"
) -> Missing:
    """The empty 差异原因 of a 项: required when 决算 differs from its budget past the threshold.

    The budget is the column the profile compares with (年初预算, or 全年预算 where it says so).
    """
    actual, budget = row.amount("total"), row.amount(column)
    spec = next((c for side in figures.profile.table(table).sides for c in side.columns
                 if c.id == column), None)  # fmt: skip
    label = spec.label if spec is not None else "年初预算"
    where = Location(
        section=figures.table_section(table), table=table, row=row.key, column="reason"
    )
    return Missing(
        "差异原因",
        where,
        required=reason_required(figures.profile.reason_rule, actual, budget),
        message=f"{row.code} {row.label}：支出决算 {format_wan(actual)} 万元，较{label} "
        f"{format_wan(budget)} 万元{phrases.change(actual, budget, 'delta')}，请填写差异原因。",
    )


@provider(
    "economic_groups",
    params={
        "table": "table",
        "groups": "footers|classes",
        "item": "template",
        "separator": "text?",
        "column": "column?",
    },
    facts={"groups": dict.fromkeys(("index", "name", "amount", "items", "many"))},
    template_names={"item": ("name", "amount")},
)
def economic_groups(figures: Figures, section: SectionSpec, phrases: Phrases) -> Facts:
    """Groups of an economic table (its footers, or its 类) with their non-zero 款 items."""
    grid = figures.grid(_param(section, "table"))
    column = section.params.get("column", "amount")
    item_text = _param(section, "item")
    separator = section.params.get("separator", "、")
    rows = grid.data_rows()
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
                "many": len(members) > 1,  # “主要包括：A、B等”, but one item without 等
            }
        )
    return {"groups": tuple(facts)}


@provider("glossary", facts={"terms": dict.fromkeys(("number", "term", "text"))})
def glossary(figures: Figures, section: SectionSpec, phrases: Phrases) -> Facts:
    """名词解释: the case's terms, or the profile's defaults when the case has none."""
    entries = [(g.term, g.text) for g in figures.case.glossary] or list(figures.profile.glossary)
    return {
        "terms": tuple(
            {"number": cn_number(n), "term": term, "text": text}
            for n, (term, text) in enumerate(entries, start=1)
        )
    }


#: The fact of each 自评结果 count: ``summary_excellent`` …
_RATING_KEYS = dict(zip(RATING_NAMES, ("excellent", "good", "pass", "fail"), strict=True))

_PROJECT = (
    "number",
    "index",
    "name",
    "score",
    "full",
    "executed",
    "rate",
    "completion",
    "problems",
    "measures",
)


@provider(
    "performance",
    facts={
        "projects": dict.fromkeys(_PROJECT),
        "published_names": None,
        "published_count": None,
        "published_many": None,
        "evaluation": {"text": None},
        "report_title": None,
        "has_report": None,
        "report": {"text": None},
        **dict.fromkeys(("summary_count", "summary_average", "summary_ratings")),
        **dict.fromkeys(f"summary_{k}" for k in _RATING_KEYS.values()),
    },
)
def performance(figures: Figures, section: SectionSpec, phrases: Phrases) -> Facts:
    """The self-evaluated projects with their scores and rates, and the evaluation texts.

    An empty 自评综述 text is a required `Missing` (the project's table is where to fill it); a
    rate that cannot be worked out (全年预算数 0) is an optional one, so its clause drops out.
    ``published_many`` tells ““A”、“B”等2个” from a single project (never “等1个”).
    The ``summary_*`` facts are the summary figures (`perf_summary`): an optional `Missing` where
    neither entered nor computable, so a clause with one drops out; ``summary_ratings`` holds
    when the four counts are known.
    """
    perf = figures.case.performance
    places = figures.profile.score_decimals
    projects: list[Facts] = []
    for n, p in enumerate(perf.projects, start=1):
        rate = execution_rate(p.total)
        where = Location(section=section.id, table=perf_project_ref(n))

        def text(value: str, label: str, where: Location = where, name: str = p.name) -> FactValue:
            if clause_text(value):
                return clause_text(value)
            return Missing(label, where, message=f"请填写“{name}”自评表的{label}。")

        projects.append(
            {
                "number": str(n),
                "index": str(n),
                "name": p.name,
                "score": format_score(total_score(p), places),
                "full": format_wan(p.total.full),
                "executed": format_wan(p.total.executed),
                "rate": format_percent(rate)
                if rate is not None
                else Missing("执行率", where, required=False),
                "completion": text(p.completion, "项目绩效目标完成情况"),
                "problems": text(p.problems, "发现的主要问题及原因"),
                "measures": text(p.measures, "下一步改进措施"),
            }
        )
    names = "、".join(f"“{p.name}”" for p in perf.projects)
    result: dict[str, FactValue] = {
        "projects": tuple(projects),
        "published_names": names,
        "published_count": str(len(perf.projects)),
        "published_many": len(perf.projects) > 1,
        "evaluation": tuple({"text": t} for t in perf.evaluation_text if t.strip()),
        "report_title": perf.report_title,
        "has_report": bool(perf.report_title or perf.report),
        "report": tuple({"text": t} for t in perf.report if t.strip()),
    }
    result.update(_summary_facts(figures, section))
    return result


def _summary_facts(figures: Figures, section: SectionSpec) -> dict[str, FactValue]:
    summary = perf_summary(figures.case, figures.profile)

    def unknown(label: str, field_id: str) -> Missing:
        return Missing(label, Location(section=section.id, field=field_id), required=False)

    facts: dict[str, FactValue] = {
        "summary_count": str(summary.count.value)
        if summary.count
        else unknown("开展绩效自评的项目个数", COUNT_FIELDS[0]),
        "summary_average": format_score(summary.average.value, figures.profile.score_decimals)
        if summary.average
        else unknown("自评平均得分", AVERAGE_FIELD),
        "summary_ratings": summary.ratings is not None,
    }
    for name, key in _RATING_KEYS.items():
        facts[f"summary_{key}"] = (
            str(summary.ratings.value[name])
            if summary.ratings
            else unknown(f"自评结果为“{name}”的项目个数", RATING_FIELDS[name])
        )
    return facts


_MEMBER = dict.fromkeys(("number", "name", "kind", "note"))
_KIND_NAMES = (
    (Kind.ADMIN, "行政单位"),
    (Kind.CIVIL, "参公事业单位"),
    (Kind.INSTITUTION, "事业单位"),
)


@provider(
    "unit_structure",
    params={"table": "table"},
    facts={
        "members": _MEMBER,
        "count": None,
        "counts": None,
        "several": None,
        "single": None,
        "own": None,
        "subordinate_kinds": None,
        "has_subordinates": None,
    },
)
def unit_structure(figures: Figures, section: SectionSpec, phrases: Phrases) -> Facts:
    """决算单位构成 from the members table: how many units of each kind, the 本级, the list.

    A department case fills the table from its members (with 备注); a unit's own case has the
    rows its officer typed. ``counts`` names only the kinds present: “行政单位1家、事业单位2家”.
    """
    rows = figures.case.table(_param(section, "table")).rows
    kinds = [kind_of(str(r.cells.get("kind", ""))) for r in rows]
    notes = [str(r.cells.get("note", "")) for r in rows]
    counts = [(name, sum(1 for k in kinds if k is kind)) for kind, name in _KIND_NAMES]
    subs = [k for k, n in zip(kinds, notes, strict=True) if "下属" in n and k is not None]
    sub_words = []
    if any(k is Kind.ADMIN for k in subs):
        sub_words.append("行政单位")
    if any(k is not Kind.ADMIN for k in subs):
        sub_words.append("事业单位")
    own = next(
        (str(r.cells.get("name", "")) for r, n in zip(rows, notes, strict=True) if "本级" in n), ""
    )
    return {
        "members": tuple(
            {
                "number": str(n),
                "name": str(r.cells.get("name", "")),
                "kind": str(r.cells.get("kind", "")),
                "note": note,
            }
            for n, (r, note) in enumerate(zip(rows, notes, strict=True), start=1)
        ),
        "count": str(len(rows)),
        "counts": "、".join(f"{name}{n}家" for name, n in counts if n),
        "several": len(rows) > 1,
        "single": len(rows) <= 1,
        "own": own,
        "subordinate_kinds": "".join(w[:2] for w in sub_words) + "单位" if sub_words else "",
        "has_subordinates": bool(subs),
    }


def provide(name: str, figures: Figures, section: SectionSpec, phrases: Phrases) -> Facts:
    try:
        fn = PROVIDERS[name]
    except KeyError as exc:
        raise KeyError(f"{section.file}：没有名为“{name}”的数据提供者") from exc
    return fn(figures, section, phrases)


def known_providers() -> Mapping[str, Provider]:
    return PROVIDERS

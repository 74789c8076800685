"""Loads a template profile folder (forms/<id>/) into a `core.spec.Profile`.

Every key is checked: unknown keys, wrong types, duplicate ids, unknown styles, references to
code tables that are missing, and sentence templates with anything but ``{name}`` placeholders
stop loading with a `ProfileError` naming the file and key. Nothing here is evaluated as code.
"""

from __future__ import annotations

import string
import tomllib
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from desktop.core.codetables import is_code
from desktop.core.expressions import COMPARISONS, FactError, ValueExpr, parse_expression
from desktop.core.limits import MAX_SCORE_MAX, LimitError, parse_score
from desktop.core.money import format_decimal
from desktop.core.performance import RatingScale
from desktop.core.refs import CellRef, RefError, parse_ref, parse_table_column
from desktop.core.rules import RULES
from desktop.core.spec import (
    BLOCK_STYLES,
    CODED,
    COLUMN_TYPES,
    DEFAULT_SCORE_DECIMALS,
    DEFAULT_SCORE_MAX,
    FIELD_TYPES,
    ROW_SOURCES,
    Absent,
    Block,
    BlockStyle,
    CarrySpec,
    ChartSpec,
    ColumnSpec,
    ColumnType,
    Consolidate,
    ConsolidationSpec,
    FieldSpec,
    FieldType,
    FlowSpec,
    Orientation,
    PartSpec,
    Profile,
    ProfileId,
    ReasonRule,
    RowSource,
    RowSpec,
    SectionId,
    SectionSpec,
    SideSpec,
    TableId,
    TableSpec,
    TotalPosition,
)
from desktop.sections import schema
from desktop.sections.errors import ProfileError
from desktop.sections.templates import find_template

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

PROFILE_FILE = "profile.toml"

_PROFILE_KEYS = schema.PROFILE.names()
_SECTION_KEYS = schema.SECTION.names()
_FIELD_KEYS = schema.FIELD.names()
_TABLE_KEYS = schema.TABLE.names()
_SIDE_KEYS = schema.SIDE.names()
_COLUMN_KEYS = schema.COLUMN.names()
_ROW_KEYS = schema.ROW.names()
_BLOCK_KEYS = schema.BLOCK.names()
_PART_KEYS = schema.PART.names()
_CHART_KEYS = schema.CHART.names()


class _Reader:
    """Typed access to one TOML table, reporting problems against the file and key path."""

    def __init__(self, file: str, data: Mapping[str, Any], path: str, allowed: set[str]) -> None:
        self.file = file
        self.data = data
        self.path = path
        unknown = sorted(set(data) - allowed)
        if unknown:
            raise ProfileError(file, self._key(unknown[0]), "不认识的配置项，请检查拼写")

    def _key(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def err(self, key: str, problem: str) -> ProfileError:
        return ProfileError(self.file, self._key(key), problem)

    def text(self, key: str, default: str | None = None) -> str:
        value = self.data.get(key, default)
        if value is None:
            raise self.err(key, "缺少此项")
        if not isinstance(value, str):
            raise self.err(key, "应为文字")
        return str(value)

    def integer(self, key: str) -> int:
        value = self.data.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.err(key, "应为整数")
        return value

    def flag(self, key: str, default: bool) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise self.err(key, "应为 true 或 false")
        return value

    def strs(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.err(key, "应为文字列表")
        return tuple(value)

    def tables(self, key: str) -> list[Mapping[str, Any]]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.err(key, "应为表（[[...]]）的列表")
        return value

    def mapping(self, key: str) -> Mapping[str, str]:
        value = self.data.get(key, {})
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise self.err(key, "应为“名称 = 文字”的表")
        return dict(value)

    def ref(self, key: str) -> CellRef | None:
        """A cell reference (``表:行:列`` or ``field:章节:字段``), parsed; None when absent."""
        text = self.text(key, "")
        return self.parse_ref(key, text) if text else None

    def parse_ref(self, key: str, text: str) -> CellRef:
        try:
            return parse_ref(text)
        except RefError as exc:
            raise self.err(key, str(exc)) from None

    def expressions(self, key: str) -> Mapping[str, ValueExpr]:
        """``[values]``: name → parsed expression."""
        out = {}
        for name, text in self.mapping(key).items():
            try:
                out[name] = parse_expression(text)
            except FactError as exc:
                raise self.err(f"{key}.{name}", str(exc)) from None
        return out

    def choice(self, key: str, allowed: tuple[str, ...], default: str | None = None) -> str:
        value = self.text(key, default)
        if value not in allowed:
            raise self.err(key, f"“{value}”无效，可选：{'、'.join(allowed)}")
        return value


def check_template_text(file: str, key: str, text: str) -> tuple[str, ...]:
    """Return the placeholder names of a sentence template; only plain ``{name}`` is allowed."""
    names: list[str] = []
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise ProfileError(file, key, f"句式模板的花括号不配对：{exc}") from exc
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise ProfileError(
                file, key, f"句式模板只能使用 {{名称}} 形式的占位符，不能用“{{{name}}}”"
            )
        names.append(name)
    return tuple(names)


def _unique(file: str, key: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise ProfileError(file, key, f"编号“{i}”重复")
        seen.add(i)


def _fields(r: _Reader) -> tuple[FieldSpec, ...]:
    out = []
    for n, raw in enumerate(r.tables("fields")):
        f = _Reader(r.file, raw, f"fields[{n}]", _FIELD_KEYS)
        multiline = f.flag("multiline", False)
        if multiline and f.data.get("type") != FieldType.TEXT:
            raise f.err("multiline", '只有文字字段（type = "text"）可以设为多行')
        out.append(
            FieldSpec(
                id=f.text("id"),
                label=f.text("label"),
                type=FieldType(f.choice("type", FIELD_TYPES)),
                required=f.flag("required", False),
                help=f.text("help", ""),
                default=f.text("default", ""),
                consolidate=Consolidate(f.choice("consolidate", tuple(Consolidate), "sum")),
                multiline=multiline,
            )
        )
    _unique(r.file, "fields", [f.id for f in out])
    return tuple(out)


def _columns(r: _Reader) -> tuple[ColumnSpec, ...]:
    out = []
    for n, raw in enumerate(r.tables("columns")):
        c = _Reader(r.file, raw, f"{r.path}.columns[{n}]".lstrip("."), _COLUMN_KEYS)
        out.append(
            ColumnSpec(
                id=c.text("id"),
                label=c.text("label"),
                group=c.text("group", ""),
                type=ColumnType(c.choice("type", COLUMN_TYPES, "money")),
                sum_of=c.strs("sum_of"),
                ref=c.ref("ref"),
                width=c.text("width", ""),
                printed=c.flag("print", True),
                role=c.text("role", ""),
            )
        )
    if not out:
        raise r.err("columns", "至少需要一列")
    _unique(r.file, f"{r.path}.columns", [c.id for c in out])
    return tuple(out)


def _rows(r: _Reader, key: str = "row") -> tuple[RowSpec, ...]:
    out = []
    for n, raw in enumerate(r.tables(key)):
        w = _Reader(r.file, raw, f"{r.path}.{key}[{n}]".lstrip("."), _ROW_KEYS)
        indent = w.data.get("indent", 0)
        if not isinstance(indent, int):
            raise w.err("indent", "应为整数")
        out.append(
            RowSpec(
                id=w.text("id"),
                label=w.text("label", ""),
                line=w.text("line", ""),
                unit=w.text("unit", ""),
                sum_of=w.strs("sum_of"),
                ref=w.ref("ref"),
                code=w.text("code", ""),
                indent=indent,
                blank=w.flag("blank", False),
                role=w.text("role", ""),
            )
        )
    return tuple(out)


def _table(file: str, raw: Mapping[str, Any], path: str, codes: set[str]) -> TableSpec:
    t = _Reader(file, raw, path, _TABLE_KEYS)
    source = RowSource(t.choice("rows", ROW_SOURCES))
    code_table = t.text("code_table", "")
    if source in CODED:
        if not code_table:
            raise t.err("code_table", "按科目编码列示的表必须指定代码表")
        if code_table not in codes:
            raise t.err("code_table", f"代码表“{code_table}”不存在（resources/codetables/）")
    sides_raw = t.tables("sides")
    readers = (
        [_Reader(file, s, f"{path}.sides[{n}]", _SIDE_KEYS) for n, s in enumerate(sides_raw)]
        if sides_raw
        else [t]
    )
    sides = [
        SideSpec(
            r.text("heading", ""),
            _columns(r),
            _rows(r),
            r.text("item_header", "项目"),
            _listed_codes(r, source),
        )
        for r in readers
    ]
    row_ids = [r.id for s in sides for r in s.rows]
    _unique(file, f"{path}.row", row_ids)
    return TableSpec(
        id=TableId(t.text("id")),
        title=t.text("title"),
        rows=source,
        sides=tuple(sides),
        number=t.text("number", ""),
        code_table=code_table,
        code_header=t.text("code_header", "科目编码"),
        name_header=t.text("name_header", "科目名称"),
        total_label=t.text("total_label", "合计"),
        total_position=TotalPosition(t.choice("total_position", tuple(TotalPosition), "top")),
        footers=_rows(t, "footers"),
        orientation=Orientation(t.choice("orientation", tuple(Orientation), "portrait")),
        note=t.text("note", ""),
        empty_note=t.text("empty_note", ""),
        column_numbers=t.flag("column_numbers", True),
        unit_label=t.text("unit_label", "单位：万元"),
        unit_name=t.text("unit_name", "编制单位：{unit}"),
        role=t.text("role", ""),
    )


def _listed_codes(r: _Reader, source: str) -> tuple[str, ...]:
    codes = r.strs("codes")
    if codes and source not in CODED:
        raise r.err("codes", "只有按科目编码列示的表（functional、economic）才能列出科目")
    for code in codes:
        if not is_code(code):
            raise r.err("codes", f"“{code}”不是 3、5 或 7 位的科目编码")
    return codes


def _blocks(file: str, raws: list[Mapping[str, Any]], path: str) -> tuple[Block, ...]:
    out = []
    for n, raw in enumerate(raws):
        key = f"{path}[{n}]"
        b = _Reader(file, raw, key, _BLOCK_KEYS)
        style = BlockStyle(b.choice("style", BLOCK_STYLES, "body"))
        text = b.text("text", "")
        check_template_text(file, f"{key}.text", text)
        children = _blocks(file, b.tables("blocks"), f"{key}.blocks")
        if not text and not children and style not in ("chart", "table"):
            raise b.err("text", "段落需要 text，或在 blocks 中给出下级段落")
        join = b.text("join") if "join" in b.data else None
        end = b.text("end", "")
        check_template_text(file, f"{key}.end", end)
        if join is not None and not children:
            raise b.err("join", "join 把下级段落连成一段，需要在 blocks 中给出下级段落")
        out.append(
            Block(
                style,
                text,
                b.text("when", ""),
                b.text("each", ""),
                children,
                b.text("ref", ""),
                join=join,
                end=end,
                absent=Absent(b.choice("absent", tuple(Absent), "")),
            )
        )
    return tuple(out)


def _reason_rule(r: _Reader) -> ReasonRule:
    """``[reason_required] percent = "10", amount = "5.00", from_zero = true`` (万元, %)."""
    raw = r.data.get("reason_required", {})
    if not isinstance(raw, dict):
        raise r.err("reason_required", "应为表 [reason_required]")
    c = _Reader(r.file, raw, "reason_required", schema.REASON_RULE.names())
    limits: list[Decimal | None] = []
    for key in ("percent", "amount"):
        text = c.text(key, "")
        try:
            limit = Decimal(text) if text else None
        except InvalidOperation:
            raise c.err(key, f'“{text}”不是数字（写成文字，如 "10"）') from None
        if limit is not None and (not limit.is_finite() or limit < 0):
            raise c.err(key, "应为不小于 0 的数字")
        limits.append(limit)
    default = ReasonRule()
    if not raw:
        return default
    return ReasonRule(limits[0], limits[1], c.flag("from_zero", default.from_zero))


def _carry(r: _Reader) -> CarrySpec:
    raw = r.data.get("carry", {})
    if not isinstance(raw, dict):
        raise r.err("carry", "应为表 [carry]")
    c = _Reader(r.file, raw, "carry", schema.CARRY.names())
    prior = {path: c.parse_ref(f"prior.{path}", ref) for path, ref in c.mapping("prior").items()}
    return CarrySpec(c.strs("fields"), c.strs("tables"), c.strs("labels"), prior)


_FLOW_TYPES = ("E1", "E2")


def _consolidation(r: _Reader) -> ConsolidationSpec:
    raw = r.data.get("consolidation", {})
    if not isinstance(raw, dict):
        raise r.err("consolidation", "应为表 [consolidation]")
    c = _Reader(r.file, raw, "consolidation", schema.CONSOLIDATION.names())
    flows = []
    for n, item in enumerate(c.tables("flows")):
        f = _Reader(r.file, item, f"consolidation.flows[{n}]", schema.FLOW.names())
        sides = []
        for key in ("payer", "payee"):
            try:
                sides.append(parse_table_column(f.text(key)))
            except RefError as exc:
                raise f.err(key, str(exc)) from None
        flows.append(
            FlowSpec(f.choice("type", _FLOW_TYPES), f.text("label", ""), *sides[0], *sides[1])
        )
    _unique(r.file, "consolidation.flows", [f.type for f in flows])
    breakdown = []
    for ref in c.strs("breakdown"):
        table, sep, column = ref.partition(":")
        if not sep or not table or not column or ":" in column:
            raise c.err("breakdown", '每一项应写成“表:列”，例如 "t2:total"')
        breakdown.append((table, column))
    appendix = c.flag("breakdown_appendix", False)
    if appendix and not breakdown:
        raise c.err("breakdown_appendix", "要求分单位附表时，请用 breakdown 列出附表的列")
    return ConsolidationSpec(c.text("members_table", ""), tuple(flows), tuple(breakdown), appendix)


def _check_consolidation(
    file: str, cons: ConsolidationSpec, sections: tuple[SectionSpec, ...]
) -> None:
    """Every flow names an entered column of a table of the profile; the list table exists."""
    tables: dict[str, TableSpec] = {t.id: t for s in sections for t in s.tables}
    if cons.members_table and cons.members_table not in tables:
        raise ProfileError(file, "consolidation.members_table", f"表“{cons.members_table}”不存在")
    for n, flow in enumerate(cons.flows):
        for side, table, column in (
            ("payer", flow.payer_table, flow.payer_column),
            ("payee", flow.payee_table, flow.payee_column),
        ):
            key = f"consolidation.flows[{n}].{side}"
            spec = tables.get(table)
            if spec is None:
                raise ProfileError(file, key, f"表“{table}”不存在")
            cols = {c.id: c for sd in spec.sides for c in sd.columns}
            if column not in cols or not cols[column].enterable:
                raise ProfileError(file, key, f"表“{table}”没有可录入的列“{column}”")
    for n, (table, column) in enumerate(cons.breakdown):
        key = f"consolidation.breakdown[{n}]"
        spec = tables.get(table)
        if spec is None:
            raise ProfileError(file, key, f"表“{table}”不存在")
        if column not in {c.id for sd in spec.sides for c in sd.columns}:
            raise ProfileError(file, key, f"表“{table}”没有列“{column}”")


def _rules(r: _Reader) -> tuple[str, ...]:
    names = r.strs("rules")
    for name in names:
        if name not in RULES:
            raise r.err(
                "rules", f"没有名为“{name}”的检查规则（juesuan check --list-rules 列出全部规则）"
            )
    return names


def _reasons(r: _Reader, values: Mapping[str, ValueExpr]) -> Mapping[str, str]:
    """``reasons = { 原因字段 = "比较的 values 名称" }``: which field explains which comparison."""
    reasons = r.mapping("reasons")
    fields = {f.get("id") for f in r.tables("fields")}
    for field_id, value_name in reasons.items():
        if field_id not in fields:
            raise r.err(f"reasons.{field_id}", "原因字段未在 fields 中定义")
        expr = values.get(value_name)
        if expr is None or expr.verb not in COMPARISONS:
            raise r.err(
                f"reasons.{field_id}",
                f"“{value_name}”应是 values 中的 change、delta 或 compare 比较",
            )
    return reasons


def load_section(path: Path, codes: set[str]) -> SectionSpec:
    """Load one forms/ file."""
    file = f"{path.parent.name}/{path.name}"
    data = _read_toml(path, file)
    r = _Reader(file, data, "", _SECTION_KEYS)
    tables = tuple(
        _table(file, raw, f"tables[{n}]", codes) for n, raw in enumerate(r.tables("tables"))
    )
    values = r.expressions("values")
    return SectionSpec(
        id=SectionId(r.text("id")),
        title=r.text("title"),
        part=r.text("part"),
        file=file,
        fields=_fields(r),
        tables=tables,
        facts=r.text("facts", ""),
        params=r.mapping("params"),
        values=values,
        reasons=_reasons(r, values),
        blocks=_blocks(file, r.tables("blocks"), "blocks"),
        rules=_rules(r),
        heading=r.flag("heading", True),
    )


def _read_toml(path: Path, file: str) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError as exc:
        raise ProfileError(file, "", "文件不存在") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(file, "", f"不是有效的 TOML：{exc}") from exc
    except UnicodeDecodeError as exc:
        raise ProfileError(file, "", "文件不是 UTF-8 编码") from exc
    except RecursionError as exc:
        raise ProfileError(file, "", "嵌套层次太深，不是正常的模板配置") from exc
    except OSError as exc:
        raise ProfileError(file, "", f"无法读取（{exc.strerror or exc}）") from exc


def _template_name(r: _Reader, folder: Path) -> str:
    """`template`: a bare .docx file name, never a path.

    The file is looked for in the profile's own folder first, then in resources/templates/
    (`desktop.sections.templates`); one in the profile's folder that leads outside it (a link
    elsewhere) disables the profile here, at load.
    """
    name = r.text("template")
    bad = any(c in name for c in '/\\:*?"<>|') or any(ord(c) < 32 for c in name)
    if bad or name.startswith(".") or not name.lower().endswith(".docx"):
        raise r.err(
            "template",
            f"“{name}”不是可用的 Word 模板文件名：只能写模板文件夹或 resources/templates/ 中的"
            "文件名（例如 nmg-2022-unit.docx），不能含路径或“..”",
        )
    find_template(name, [folder], r.file)
    return name


def _parts(r: _Reader, file: str) -> list[PartSpec]:
    parts = []
    for n, raw in enumerate(r.tables("parts")):
        p = _Reader(file, raw, f"parts[{n}]", _PART_KEYS)
        parts.append(PartSpec(p.text("id"), p.text("title"), p.flag("toc_sections", True)))
    _unique(file, "parts", [p.id for p in parts])
    return parts


def _charts(r: _Reader, file: str) -> list[ChartSpec]:
    charts = []
    for n, raw in enumerate(r.tables("charts")):
        c = _Reader(file, raw, f"charts[{n}]", _CHART_KEYS)
        slices = []
        for m, s in enumerate(c.tables("slices")):
            sr = _Reader(file, s, f"charts[{n}].slices[{m}]", schema.SLICE.names())
            slices.append((sr.text("label"), sr.parse_ref("ref", sr.text("ref"))))
        chart = ChartSpec(c.text("id"), c.text("caption"), tuple(slices))
        if "single" in raw:
            chart = replace(chart, single=c.text("single"))
            try:
                chart.single.format(label="", amount="", share="", caption="")
            except (KeyError, IndexError, ValueError) as exc:
                raise c.err("single", "只能使用 {label} {amount} {share} {caption}") from exc
        charts.append(chart)
    return charts


def _sections(
    folder: Path, file: str, parts: list[PartSpec], codes: set[str]
) -> tuple[SectionSpec, ...]:
    """Every NNN_*.toml section file in name order, each in a part the profile defines."""
    files = sorted(p for p in folder.glob("*.toml") if p.name != PROFILE_FILE)
    if not files:
        raise ProfileError(file, "", "模板文件夹中没有任何章节文件（NNN_名称.toml）")
    sections = tuple(load_section(p, codes) for p in files)
    part_ids = {p.id for p in parts}
    for section in sections:
        if section.part not in part_ids:
            raise ProfileError(
                section.file, "part", f"部分“{section.part}”未在 profile.toml 的 parts 中定义"
            )
    _unique(file, "sections", [s.id for s in sections])
    _unique(file, "tables", [t.id for s in sections for t in s.tables])
    _unique(file, "tables.role", [t.role for s in sections for t in s.tables if t.role])
    return sections


def load_profile(folder: Path, codes: set[str]) -> Profile:
    """Load forms/<id>/: profile.toml plus every NNN_*.toml section file in name order.

    Args:
        folder: the profile folder.
        codes: the names of the available code tables, to check references against.
    """
    file = f"{folder.name}/{PROFILE_FILE}"
    data = _read_toml(folder / PROFILE_FILE, file)
    r = _Reader(file, data, "", _PROFILE_KEYS)
    parts = _parts(r, file)
    phrases = r.mapping("phrases")
    for name, text in phrases.items():
        check_template_text(file, f"phrases.{name}", text)
    charts = _charts(r, file)
    code_tables = r.mapping("code_tables")
    for role, name in code_tables.items():
        if name not in codes:
            raise r.err(f"code_tables.{role}", f"代码表“{name}”不存在（resources/codetables/）")
    glossary = [
        (g.text("term"), g.text("text"))
        for n, raw in enumerate(r.tables("glossary"))
        for g in (_Reader(file, raw, f"glossary[{n}]", schema.GLOSSARY.names()),)
    ]
    sections = _sections(folder, file, parts, codes)
    consolidation = _consolidation(r)
    _check_consolidation(file, consolidation, sections)
    score_max, ratings = _performance(r)
    profile_id = r.text("id")
    if profile_id != folder.name:
        raise r.err("id", f"应与文件夹名“{folder.name}”一致")
    return Profile(
        id=ProfileId(profile_id),
        name=r.text("name"),
        year=r.integer("year"),
        wording=r.text("wording"),
        template=_template_name(r, folder),
        title=r.text("title"),
        toc_heading=r.text("toc_heading", "目　录"),
        parts=tuple(parts),
        sections=sections,
        phrases=phrases,
        charts=tuple(charts),
        code_tables=code_tables,
        glossary=tuple(glossary),
        rules=_rules(r),
        carry=_carry(r),
        reason_rule=_reason_rule(r),
        score_decimals=_score_decimals(r),
        score_max=score_max,
        ratings=ratings,
        consolidation=consolidation,
    )


_RATING_KEYS = (("rating_excellent", "优"), ("rating_good", "良"), ("rating_pass", "合格"))


def _performance(r: _Reader) -> tuple[Decimal, RatingScale]:
    """``[performance]``: the 满分 of a 自评表 and the lowest 总分 of each 自评结果.

    ``score_max`` is a whole number 1…10000 (default 100); ``rating_excellent``, ``rating_good``
    and ``rating_pass`` are scores with 满分 ≥ 优 > 良 > 合格 > 0 (default 90 %, 80 %, 60 % of 满分).
    """
    raw = r.data.get("performance", {})
    if not isinstance(raw, dict):
        raise r.err("performance", "应为表 [performance]")
    p = _Reader(r.file, raw, "performance", {"score_max", *(k for k, _ in _RATING_KEYS)})
    top = DEFAULT_SCORE_MAX
    if "score_max" in raw:
        whole = p.integer("score_max")
        if not 1 <= whole <= MAX_SCORE_MAX:
            raise p.err("score_max", f"应为 1 到 {MAX_SCORE_MAX} 之间的整数（自评表的满分）")
        top = Decimal(whole)
    return top, _rating_floors(p, raw, top, RatingScale.for_max(top))


def _rating_floors(
    p: _Reader, raw: dict[str, object], top: Decimal, scale: RatingScale
) -> RatingScale:
    """The scale given by `raw` (each floor not given: `scale`'s), checked in order."""
    floors: list[Decimal] = []
    for (key, name), default in zip(
        _RATING_KEYS, (scale.excellent, scale.good, scale.passing), strict=True
    ):
        if key not in raw:
            floors.append(default)
            continue
        try:
            floors.append(parse_score(str(raw[key]), top))
        except LimitError as exc:
            raise p.err(key, f"“{name}”的最低分：{exc.message}") from exc
    if not top >= floors[0] > floors[1] > floors[2] > 0:
        shown = "、".join(format_decimal(f) for f in floors)
        raise p.err(
            "rating_excellent",
            f"优、良、合格的最低分（{shown}）应从高到低，都大于 0、不超过满分 {format_decimal(top)}",
        )
    return RatingScale(*floors)


def _score_decimals(r: _Reader) -> int:
    if "score_decimals" not in r.data:
        return DEFAULT_SCORE_DECIMALS
    places = r.integer("score_decimals")
    if not 0 <= places <= 4:
        raise r.err("score_decimals", "应为 0 到 4 之间的整数")
    return places

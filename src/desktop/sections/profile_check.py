"""What makes a loaded profile unusable, found without files: ``juesuan profile-check`` and load.

Loading (`desktop.sections.loader`) already refuses unknown keys, wrong types, duplicate ids and
missing code tables. This goes on and resolves everything the profile names: every cell
reference ``table:row:column`` and ``field:section:field``, every value expression and phrase,
every provider with its parameters, every ``{placeholder}``, ``when`` and ``each`` of the
sentences, chart and table references, and builds the document of an empty case (and of the
sample, given one). The Word template is checked by desktop.export.template_check, the folder as
a whole by desktop.services.profiles. Every problem names the file and the key.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.core.calc import CellReferenceError, Figures
from desktop.core.checks import rule_jobs
from desktop.core.codetables import is_code
from desktop.core.model import Case, Unit
from desktop.core.narrative.document import build_document, common_facts
from desktop.core.narrative.facts import FactError
from desktop.core.narrative.providers import PROVIDER_INFO, FactSchema, ProviderInfo
from desktop.core.narrative.render import SEQUENCE_FACTS, RenderError
from desktop.core.refs import is_performance_table
from desktop.core.rules import RULES, CheckContext
from desktop.sections.loader import PROFILE_FILE

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence
    from pathlib import Path

    from desktop.core.codetables import CodeTable
    from desktop.core.expressions import ValueExpr
    from desktop.core.refs import CellRef
    from desktop.core.spec import Block, Profile, RowSpec, SectionSpec, SideSpec, TableSpec

#: Names every sentence, title and table note may use.
COMMON = frozenset(common_facts(Case("", Unit("", 2000)), ""))
#: Phrases the comparisons (and the rules that word them) always need.
BASE_PHRASES = (
    "change_up",
    "change_down",
    "change_up_nobase",
    "change_down_nobase",
    "change_flat",
    "delta_up",
    "delta_down",
    "delta_flat",
)
#: Table references a ``style = "table"`` block may make besides the profile's tables.


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a profile: the file, the key in it and what is wrong (Chinese)."""

    file: str
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}，{self.key}" if self.key else self.file
        return f"{where}：{self.message}"


@dataclass(frozen=True, slots=True)
class Report:
    """The outcome: the profile (None when it did not load) and the problems found."""

    profile: Profile | None
    problems: tuple[Problem, ...]
    sample: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def static_problems(profile: Profile, codes: Mapping[str, CodeTable]) -> list[str]:
    """What makes a loaded profile unusable, found without a case or files (fast, for start-up).

    Every placeholder, reference, value expression and phrase must resolve; the program passes
    this to `load_catalog` so a profile with an unknown placeholder is disabled at load instead
    of failing at export.
    """
    checker = ProfileChecker(profile, codes)
    checker.run()
    return [str(p) for p in checker.problems]


def _names(text: str) -> list[str]:
    """The ``{name}`` placeholders of a sentence template (checked as plain names at load)."""
    return [name for _, name, _, _ in string.Formatter().parse(text) if name]


class _Scope:
    """The names a block may use: texts and conditions, and list facts with their items."""

    def __init__(self, names: Mapping[str, FactSchema | None]) -> None:
        self.names = dict(names)

    def child(self, item: FactSchema) -> _Scope:
        return _Scope({**self.names, **item})


class ProfileChecker:
    """Collects the problems of one profile; `run` checks it, `check_case` builds a case."""

    def __init__(self, profile: Profile, codes: Mapping[str, CodeTable]) -> None:
        self.profile = profile
        self.codes = codes
        self.problems: list[Problem] = []
        self.profile_file = f"{profile.id}/{PROFILE_FILE}"
        self.tables: dict[str, TableSpec] = {t.id: t for t in profile.tables()}
        self.sections: dict[str, SectionSpec] = {s.id: s for s in profile.sections}

    def add(self, file: str, key: str, message: str) -> None:
        self.problems.append(Problem(file, key, message))

    # -- the whole profile ---------------------------------------------------------------------
    def run(self) -> None:
        p, file = self.profile, self.profile_file
        self._allowed(file, "title", p.title, COMMON)
        for n, part in enumerate(p.parts):
            self._allowed(file, f"parts[{n}].title", part.title, COMMON)
        self._phrases()
        for n, chart in enumerate(p.charts):
            for m, (_, ref) in enumerate(chart.slices):
                self._ref(file, f"charts[{n}].slices[{m}].ref", ref)
        for section in p.sections:
            self._section(section)
        self._carry()
        self._rule_needs()

    def _rule_needs(self) -> None:
        """Every rule the profile lists can be fed: its tables, rows, columns and fields exist."""
        p = self.profile
        listed = [(self.profile_file, n) for n in p.rules]
        listed += [(s.file, n) for s in p.sections for n in s.rules]
        for file, name in listed:
            unmet = RULES[name].unmet(p)
            if unmet:
                self.add(
                    file,
                    "rules",
                    f"检查规则 {name}（{RULES[name].description}）需要{'、'.join(unmet)}，"
                    "模板中没有；请补充（表的 role 写在表的 forms 文件中），或从 rules 中去掉这条规则",
                )

    def _carry(self) -> None:
        """``[carry]`` (从上年复制): the fields, tables and 上年 figures it names exist."""
        carry, file = self.profile.carry, self.profile_file
        for n, path in enumerate(carry.fields):
            self._field(file, f"carry.fields[{n}]", path, ())
        for key, ids in (("tables", carry.tables), ("labels", carry.labels)):
            for n, table_id in enumerate(ids):
                if table_id not in self.tables:
                    self.add(file, f"carry.{key}[{n}]", f"表“{table_id}”不存在")
        for path, ref in carry.prior.items():
            self._field(file, f"carry.prior.{path}", path, ("money", "count"))
            self._ref(file, f"carry.prior.{path}", ref)

    def _field(self, file: str, key: str, path: str, types: tuple[str, ...]) -> None:
        section_id, _, field_id = path.partition(".")
        section = self.sections.get(section_id)
        spec = next((f for f in section.fields if f.id == field_id), None) if section else None
        if spec is None:
            self.add(file, key, f"“{path}”应为 章节.字段，且该字段存在")
        elif types and spec.type not in types:
            self.add(file, key, f"“{path}”是{spec.type}字段，不是金额或数量")

    def _allowed(self, file: str, key: str, text: str, names: Iterable[str]) -> None:
        known = set(names)
        for name in _names(text):
            if name not in known:
                self.add(file, key, f"占位符“{{{name}}}”没有对应的值；这里可用：{listing(known)}")

    def _phrases(self) -> None:
        phrases = self.profile.phrases
        for name in BASE_PHRASES:
            if name not in phrases:
                self.add(self.profile_file, f"phrases.{name}", "缺少这个句式（比较增减时要用）")
        kinds = tuple(
            f"{expr.name}_"
            for s in self.profile.sections
            for expr in s.values.values()
            if expr.verb == "compare"
        )
        for name, text in phrases.items():
            if name.endswith("_flat"):
                allowed: set[str] = set()
            elif name.startswith(kinds):  # `compare` clauses: {diff}, and {pct} unless _nobase
                allowed = {"diff"} if name.endswith("_nobase") else {"diff", "pct"}
            elif name.endswith("_nobase") and not name.startswith("change_"):
                allowed = set()
            elif name.startswith(("change_", "delta_")):
                allowed = (
                    {"diff"} if "nobase" in name or name.startswith("delta_") else {"diff", "pct"}
                )
            else:
                allowed = {"pct", "amount"}
            self._allowed(self.profile_file, f"phrases.{name}", text, allowed)

    def _phrase(self, file: str, key: str, name: str) -> None:
        for needed in (name, f"{name}_nobase"):
            if needed not in self.profile.phrases:
                self.add(file, key, f"profile.toml 的 phrases 中没有“{needed}”")

    # -- references ----------------------------------------------------------------------------
    def _ref(self, file: str, key: str, ref: CellRef) -> None:
        """A reference ``TABLE:ROW:COLUMN`` or ``field:SECTION:FIELD`` that must name something."""
        if ref.is_field:
            self._field_ref(file, key, ref)
            return
        table = self.tables.get(ref.table)
        if table is None:
            self.add(
                file, key, f"引用“{ref}”中的表“{ref.table}”不存在；已有的表：{listing(self.tables)}"
            )
            return
        columns = {c.id: c for side in table.sides for c in side.columns if c.type != "rownum"}
        col = columns.get(ref.column)
        if col is None:
            self.add(
                file,
                key,
                f"引用“{ref}”：表“{ref.table}”没有列“{ref.column}”；可用：{listing(columns)}",
            )
        elif col.type == "text":
            self.add(file, key, f"引用“{ref}”：列“{ref.column}”是文字列，不能取数")
        if not ref.needs_code:
            self._row_ref(file, key, ref, table)

    def _field_ref(self, file: str, key: str, ref: CellRef) -> None:
        section = self.sections.get(ref.section)
        if section is None:
            self.add(file, key, f"引用“{ref}”中的章节“{ref.section}”不存在")
            return
        spec = next((f for f in section.fields if f.id == ref.field), None)
        if spec is None:
            self.add(
                file,
                key,
                f"引用“{ref}”：章节“{ref.section}”（{section.file}）没有字段“{ref.field}”",
            )
        elif spec.type not in ("money", "count"):
            self.add(file, key, f"引用“{ref}”：字段“{ref.field}”是{spec.type}，不是金额或数量")

    def _row_ref(self, file: str, key: str, ref: CellRef, table: TableSpec) -> None:
        row = ref.row
        if table.rows == "fixed":
            rows = {r.id for side in table.sides for r in side.rows if not r.blank}
            if row not in rows:
                self.add(
                    file, key, f"引用“{ref}”：表“{ref.table}”没有行“{row}”；可用：{listing(rows)}"
                )
        elif table.coded:
            footers = {f.id for f in table.footers}
            if not (row == "*" or row in footers or is_code(row)):
                self.add(
                    file,
                    key,
                    f"引用“{ref}”：行应为 *（合计）、科目编码或表尾行（{listing(footers)}）",
                )
        elif not (row == "*" or row.isdigit()):
            self.add(file, key, f"引用“{ref}”：清单式表的行应为 *（合计）或序号")

    # -- tables --------------------------------------------------------------------------------
    def _table(self, section: SectionSpec, n: int, table: TableSpec) -> None:
        file, key = section.file, f"tables[{n}]"
        for name in ("note", "empty_note", "unit_name"):
            self._allowed(file, f"{key}.{name}", getattr(table, name), COMMON)
        codes = self.codes.get(table.code_table)
        coded = table.coded
        for s, side in enumerate(table.sides):
            where = f"{key}.sides[{s}]" if len(table.sides) > 1 else key
            self._side(file, where, table, side)
            for code in side.codes:
                if codes is not None and codes.get(code) is None:
                    self.add(
                        file, f"{where}.codes", f"科目编码“{code}”不在代码表 {table.code_table} 中"
                    )
        row_ids = {r.id for side in table.sides for r in side.rows}
        for m, footer in enumerate(table.footers):
            for part in footer.sum_of:
                if not is_code(part.lstrip("-")):
                    self.add(file, f"{key}.footers[{m}].sum_of", f"“{part}”应为科目编码")
        if coded and row_ids:
            self.add(file, f"{key}.row", "按科目编码列示的表不能有固定行（行来自录入的科目）")

    def _side(self, file: str, key: str, table: TableSpec, side: SideSpec) -> None:
        column_ids = {c.id for c in side.columns}
        for m, column in enumerate(side.columns):
            ckey = f"{key}.columns[{m}]"
            for part in column.sum_of:
                if part.lstrip("-") not in column_ids:
                    self.add(file, f"{ckey}.sum_of", f"“{part}”不是本表（这一栏）的列")
            if column.ref is not None:
                ref = column.ref
                if ref.needs_code and table.rows == "list":
                    self.add(file, f"{ckey}.ref", "清单式的表没有科目编码，不能用 {code}")
                self._ref(file, f"{ckey}.ref", ref)
        all_rows = {r.id: r for s in table.sides for r in s.rows}
        for m, row in enumerate(side.rows):
            rkey = f"{key}.row[{m}]"
            for part in row.sum_of:
                other = all_rows.get(part.lstrip("-"))
                if other is None or other.blank:
                    self.add(file, f"{rkey}.sum_of", f"“{part}”不是本表的行")
            self._row_refs(file, rkey, side, row)

    def _row_refs(self, file: str, rkey: str, side: SideSpec, row: RowSpec) -> None:
        """A fixed row's ``ref``, filled in for each of its side's columns."""
        if row.ref is None:
            return
        if row.ref.needs_code and not row.code:
            self.add(file, f"{rkey}.ref", "用了 {code}，但这一行没有 code")
        refs = [
            row.ref.filled(code=row.code, column=c.id) for c in side.columns if c.type != "rownum"
        ]
        for ref in dict.fromkeys(refs):
            self._ref(file, f"{rkey}.ref", ref)

    # -- sections ------------------------------------------------------------------------------
    def _section(self, section: SectionSpec) -> None:
        file = section.file
        self._allowed(file, "title", section.title, COMMON)
        for n, table in enumerate(section.tables):
            self._table(section, n, table)
        for name, expr in section.values.items():
            self._value(file, f"values.{name}", expr)
        names: dict[str, FactSchema | None] = dict.fromkeys(COMMON)
        names.update(dict.fromkeys(SEQUENCE_FACTS))
        for f in section.fields:
            names[f.id] = {"text": None} if f.type == "paragraphs" else None
        names.update(dict.fromkeys(section.values))
        if section.facts:
            names.update(self._provider(section))
        elif section.params:
            self.add(file, "params", "没有 facts（数据提供者）时 params 不起作用")
        self._blocks(file, "blocks", section.blocks, _Scope(names))

    def _value(self, file: str, key: str, expr: ValueExpr) -> None:
        refs = expr.refs
        if expr.verb == "phrase":
            self._phrase(file, key, expr.name)
        elif expr.verb == "compare":
            for needed in (f"{expr.name}_up", f"{expr.name}_down", f"{expr.name}_flat"):
                if needed not in self.profile.phrases:
                    self.add(file, key, f"profile.toml 的 phrases 中没有“{needed}”")
        elif expr.verb == "text":
            field = refs[0]
            section = self.sections.get(field.section)
            if section is None or field.field not in {f.id for f in section.fields}:
                self.add(file, key, f"“{field.section}:{field.field}”应为 章节:字段，且该字段存在")
            refs = ()
        for ref in refs:
            self._ref(file, key, ref)

    def _provider(self, section: SectionSpec) -> FactSchema:
        file = section.file
        info = PROVIDER_INFO.get(section.facts)
        if info is None:
            self.add(
                file,
                "facts",
                f"没有名为“{section.facts}”的数据提供者；可用：{listing(PROVIDER_INFO)}",
            )
            return {}
        for name in section.params:
            if name not in info.params:
                self.add(
                    file,
                    f"params.{name}",
                    f"数据提供者“{section.facts}”不认识这个参数；可用：{listing(info.params)}",
                )
        for name, declared in info.params.items():
            value = section.params.get(name)
            if value is not None:
                self._param(section, info, name, declared.rstrip("?"), value)
            elif not declared.endswith("?"):
                self.add(file, f"params.{name}", f"数据提供者“{section.facts}”需要这个参数")
        return info.facts(self.profile, section)

    def _param(
        self, section: SectionSpec, info: ProviderInfo, name: str, kind: str, value: str
    ) -> None:
        """One provider parameter against its declared kind (table, column, phrase, a|b…)."""
        file, key = section.file, f"params.{name}"
        if kind == "table" and value not in self.tables:
            self.add(file, key, f"表“{value}”不存在；已有的表：{listing(self.tables)}")
        elif kind == "column":
            table_id = section.params.get("table", "")
            table = self.tables.get(table_id)
            columns = {c.id for side in table.sides for c in side.columns} if table else set()
            if value not in columns:
                self.add(file, key, f"表“{table_id}”没有列“{value}”")
        elif kind == "phrase":
            self._phrase(file, key, value)
        elif kind == "template":
            self._allowed(file, key, value, info.template_names.get(name, ()))
        elif "|" in kind and value not in kind.split("|"):
            self.add(file, key, f"“{value}”无效，可选：{'、'.join(kind.split('|'))}")

    def _blocks(self, file: str, key: str, blocks: Sequence[Block], scope: _Scope) -> None:
        for n, block in enumerate(blocks):
            self._block(file, f"{key}[{n}]", block, scope)

    def _block(self, file: str, key: str, block: Block, scope: _Scope) -> None:
        self._when(file, key, block, scope)
        inner = scope
        if block.each:
            item = scope.names.get(block.each)
            if block.each not in scope.names or item is None:
                lists = [n for n, v in scope.names.items() if v is not None]
                problem = "没有对应的值" if block.each not in scope.names else "不是列表"
                self.add(
                    file,
                    f"{key}.each",
                    f"列表“{block.each}”{problem}；可用的列表：{listing(lists)}",
                )
                return  # what is inside would only repeat the same problem
            inner = scope.child(item)
            if block.blocks and block.join is None and block.text:
                self.add(
                    file,
                    f"{key}.text",
                    "有 each 和下级段落时这段文字不会显示：请放进下级段落，或加 join 连成一段",
                )
        self._placeholders(file, key, block, inner)
        if block.style == "chart" and block.ref not in {c.id for c in self.profile.charts}:
            charts = [c.id for c in self.profile.charts]
            self.add(
                file,
                f"{key}.ref",
                f"图“{block.ref}”未在 profile.toml 的 charts 中定义；已有：{listing(charts)}",
            )
        if block.style == "table":
            self._table_ref(file, f"{key}.ref", block.ref, inner)
        self._blocks(file, f"{key}.blocks", block.blocks, inner)

    def _when(self, file: str, key: str, block: Block, scope: _Scope) -> None:
        for part in block.when.replace("&", "|").split("|") if block.when else ():
            name = part.strip().lstrip("!")
            if name not in scope.names:
                self.add(
                    file, f"{key}.when", f"条件“{name}”没有对应的值；可用：{listing(scope.names)}"
                )

    def _placeholders(self, file: str, key: str, block: Block, scope: _Scope) -> None:
        texts = {c: v for c, v in scope.names.items() if v is None}
        for name, text in (("text", block.text), ("end", block.end)):
            for placeholder in _names(text):
                if placeholder not in scope.names:
                    self.add(
                        file,
                        f"{key}.{name}",
                        f"占位符“{{{placeholder}}}”没有对应的值；可用：{listing(texts)}",
                    )
                elif scope.names[placeholder] is not None:
                    self.add(
                        file, f"{key}.{name}", f"“{{{placeholder}}}”是列表，应以 each 逐项使用"
                    )

    def _table_ref(self, file: str, key: str, ref: str, scope: _Scope) -> None:
        for placeholder in _names(ref):
            if placeholder not in scope.names:
                self.add(file, key, f"占位符“{{{placeholder}}}”没有对应的值")
        if ref in self.tables or is_performance_table(ref):
            return
        self.add(
            file,
            key,
            f"表“{ref}”不存在；已有的表：{listing(self.tables)}，以及 perf_summary、perf_project:序号",
        )

    # -- running the profile ---------------------------------------------------------------------
    def try_empty_case(self) -> None:
        """Compute every table and build the document for an empty case (catches cycles)."""
        case = Case(self.profile.id, Unit("（检查用）", self.profile.year))
        self.check_case(case, self.profile_file, "")

    def check_case(self, case: Case, file: str, key: str) -> None:
        figures = Figures(case, self.profile, self.codes)
        section_of: dict[str, str] = {t.id: s.file for s in self.profile.sections for t in s.tables}
        for table_id in self.tables:
            try:
                figures.grid(table_id)
            except CellReferenceError as exc:
                self.add(section_of[table_id], f"tables（{table_id}）", f"无法计算：{exc}")
                return
        try:
            build_document(figures)
        except (RenderError, FactError, CellReferenceError, KeyError) as exc:
            self.add(file, key, f"生成文档失败：{exc}")
            return
        for name, section in rule_jobs(self.profile):
            if RULES[name].unmet(self.profile):
                continue  # reported by _rule_needs
            try:
                RULES[name].fn(CheckContext(figures, section))
            except Exception as exc:  # a rule that cannot run on this profile is reported
                where = section.file if section else self.profile_file
                self.add(
                    where,
                    "rules",
                    f"检查规则 {name} 不能用于这个模板（{type(exc).__name__}: {exc}）",
                )


def listing(names: Iterable[str], limit: int = 24) -> str:
    items = sorted(names)
    if not items:
        return "（无）"
    shown = "、".join(items[:limit])
    return shown if len(items) <= limit else f"{shown} 等 {len(items)} 个"

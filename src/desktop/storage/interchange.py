"""The interchange file: one case as versioned JSON (documented in docs/interchange.md).

Amounts are decimal strings in 元 (``"7885380.00"``), never JSON numbers, so no float is ever
involved. Reading validates the whole file against the profile and the limits of
`desktop.core.limits` (amounts, counts, scores, years, texts) before anything is returned; a bad
file raises `InterchangeError` naming the JSON path and what is wrong. Writing cleans texts the
same way the reader checks them, so every dump can be loaded again.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from desktop.core.codetables import is_code
from desktop.core.limits import (
    MAX_SCORE,
    LimitError,
    amount_text_problem,
    check_count,
    check_year,
    clean_text,
    parse_score,
    printable,
    text_problem,
)
from desktop.core.model import (
    AcceptedFinding,
    Case,
    Cell,
    FundLine,
    GlossaryEntry,
    Indicator,
    Performance,
    PerfProject,
    TableRow,
    TableValues,
    Unit,
    Value,
)
from desktop.core.money import AmountError, format_yuan, yuan

if TYPE_CHECKING:
    from collections.abc import Mapping

    from desktop.core.spec import Profile, TableSpec

FORMAT = "juesuan-case"
VERSION = 1
MAX_BYTES = 20 * 1024 * 1024


class InterchangeError(ValueError):
    """The file is not a valid case file; the message names the JSON path."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = printable(path)
        self.problem = printable(problem)
        super().__init__(
            f"交换文件有误（{self.path}）：{self.problem}"
            if path
            else f"交换文件有误：{self.problem}"
        )


# -- writing ------------------------------------------------------------------------------------
def _value_json(value: Value) -> object:
    if isinstance(value, Decimal):
        return format_yuan(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def _cell_json(value: Cell) -> str:
    return format_yuan(value) if isinstance(value, Decimal) else value


def _fund_json(line: FundLine) -> dict[str, str]:
    return {
        "initial": format_yuan(line.initial),
        "full": format_yuan(line.full),
        "executed": format_yuan(line.executed),
    }


def _score_json(value: Decimal) -> str:
    """A weight or score as written (``"9.50"`` stays), never in exponent form (``1E+2``)."""
    text = str(value)
    return format(value, "f") if "E" in text or "e" in text else text


def case_to_json(case: Case) -> dict[str, object]:
    """The interchange structure of a case (plain JSON types only)."""
    perf = case.performance
    return {
        "format": FORMAT,
        "version": VERSION,
        "profile": case.profile_id,
        "comments": list(case.comments),
        "unit": {"name": case.unit.name, "year": case.unit.year},
        "fields": {
            s: {f: _value_json(v) for f, v in values.items()} for s, values in case.fields.items()
        },
        "tables": {
            t: [
                {
                    "key": r.key,
                    "label": r.label,
                    "cells": {c: _cell_json(v) for c, v in r.cells.items()},
                }
                for r in values.rows
            ]
            for t, values in case.tables.items()
        },
        "glossary": [{"term": g.term, "text": g.text} for g in case.glossary],
        "performance": {
            "projects": [
                {
                    "name": p.name,
                    "department": p.department,
                    "implementer": p.implementer,
                    "fiscal": _fund_json(p.fiscal),
                    "carryover": _fund_json(p.carryover),
                    "other": _fund_json(p.other),
                    "funds_weight": _score_json(p.funds_weight),
                    "goal_expected": p.goal_expected,
                    "goal_actual": p.goal_actual,
                    "completion": p.completion,
                    "problems": p.problems,
                    "measures": p.measures,
                    "indicators": [
                        {
                            "level1": i.level1,
                            "level2": i.level2,
                            "name": i.name,
                            "nature": i.nature,
                            "direction": i.direction,
                            "target": i.target,
                            "actual": i.actual,
                            "unit": i.unit,
                            "weight": _score_json(i.weight),
                            "score": _score_json(i.score),
                            "deviation": i.deviation,
                        }
                        for i in p.indicators
                    ],
                }
                for p in perf.projects
            ],
            "evaluation_text": list(perf.evaluation_text),
            "report_title": perf.report_title,
            "report": list(perf.report),
        },
        # written only when there is something to say: older readers keep reading the file
        **(
            {"accepted": [{"key": a.key, "explanation": a.explanation} for a in case.accepted]}
            if case.accepted
            else {}
        ),
    }


def _cleaned(value: object) -> object:
    """Every string of a JSON structure made storable (`clean_text`), for dumps of old data."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [_cleaned(v) for v in value]
    if isinstance(value, dict):
        return {k: _cleaned(v) for k, v in value.items()}
    return value


def dumps_case(case: Case) -> str:
    return json.dumps(_cleaned(case_to_json(case)), ensure_ascii=False, indent=2) + "\n"


# -- reading ------------------------------------------------------------------------------------
class _Node:
    """A JSON value with its path, for typed access with precise error messages."""

    def __init__(self, value: object, path: str) -> None:
        self.value = value
        self.path = path

    def fail(self, problem: str) -> InterchangeError:
        return InterchangeError(self.path, problem)

    def obj(
        self, allowed: set[str] | None = None, required: set[str] | None = None
    ) -> dict[str, Any]:
        if not isinstance(self.value, dict):
            raise self.fail("应为对象 {…}")
        if allowed is not None:
            extra = sorted(set(self.value) - allowed)
            if extra:
                raise InterchangeError(f"{self.path}.{extra[0]}", "不认识的项")
        for key in sorted(required or set()):
            if key not in self.value:
                raise InterchangeError(f"{self.path}.{key}", "缺少此项")
        return self.value

    def get(self, key: str, default: object = None) -> _Node:
        data = self.obj()
        return _Node(data.get(key, default), f"{self.path}.{key}")

    def items(self) -> list[_Node]:
        if not isinstance(self.value, list):
            raise self.fail("应为列表 […]")
        return [_Node(v, f"{self.path}[{n}]") for n, v in enumerate(self.value)]

    def text(self) -> str:
        if not isinstance(self.value, str):
            raise self.fail("应为文字")
        problem = text_problem(self.value)
        if problem:
            raise self.fail(problem)
        return self.value

    def integer(self) -> int:
        if not isinstance(self.value, int) or isinstance(self.value, bool) or self.value < 0:
            raise self.fail("应为非负整数")
        return self.value

    def count(self) -> int:
        try:
            return check_count(self.integer())
        except LimitError as exc:
            raise self.fail(exc.message) from exc

    def year(self) -> int:
        try:
            return check_year(self.integer())
        except LimitError as exc:
            raise self.fail(exc.message) from exc

    def amount(self) -> Decimal:
        if not isinstance(self.value, str):
            raise self.fail('金额应写成文字形式的小数（单位：元），例如 "1234.50"')
        problem = amount_text_problem(self.value)
        if problem:
            raise self.fail(problem)
        try:
            return yuan(self.value)
        except AmountError as exc:
            raise self.fail(exc.message) from exc

    def number(self, maximum: Decimal = MAX_SCORE) -> Decimal:
        """A weight or score, 0…`maximum` (the profile's ``score_max``)."""
        if not isinstance(self.value, str):
            raise self.fail('分值、得分应写成文字形式的数，例如 "9.97"')
        if self.value != self.value.strip():
            raise self.fail(f"“{self.value.strip()}”前后有空白或换行；分值应只写数字")
        try:
            return parse_score(self.value, maximum) if self.value.strip() else _missing_score(self)
        except LimitError as exc:
            raise self.fail(exc.message) from exc


def _missing_score(node: _Node) -> Decimal:
    raise node.fail("分值、得分不能为空")


def _fund(node: _Node) -> FundLine:
    node.obj({"initial", "full", "executed"}, {"initial", "full", "executed"})
    return FundLine(
        node.get("initial").amount(), node.get("full").amount(), node.get("executed").amount()
    )


_INDICATOR_TEXTS = ("level1", "level2", "name", "nature", "direction", "target", "actual", "unit")
_PROJECT_TEXTS = (
    "name",
    "department",
    "implementer",
    "goal_expected",
    "goal_actual",
    "completion",
    "problems",
    "measures",
)


def _project(node: _Node, maximum: Decimal) -> PerfProject:
    keys = {*_PROJECT_TEXTS, "fiscal", "carryover", "other", "funds_weight", "indicators"}
    node.obj(keys, {"name", "fiscal", "funds_weight"})
    zero = {"initial": "0.00", "full": "0.00", "executed": "0.00"}
    indicators = []
    for ind in node.get("indicators", []).items():
        ind.obj({*_INDICATOR_TEXTS, "weight", "score", "deviation"}, {"name", "weight", "score"})
        texts = {k: ind.get(k, "").text() for k in _INDICATOR_TEXTS}
        indicators.append(
            Indicator(
                **texts,
                weight=ind.get("weight").number(maximum),
                score=ind.get("score").number(maximum),
                deviation=ind.get("deviation", "").text(),
            )
        )
    texts = {k: node.get(k, "").text() for k in _PROJECT_TEXTS}
    return PerfProject(
        **texts,
        fiscal=_fund(node.get("fiscal")),
        carryover=_fund(node.get("carryover", zero)),
        other=_fund(node.get("other", zero)),
        funds_weight=node.get("funds_weight").number(maximum),
        indicators=tuple(indicators),
    )


def _field_value(node: _Node, kind: str) -> Value:
    if kind == "money":
        return node.amount()
    if kind == "count":
        return node.count()
    if kind == "paragraphs":
        return tuple(n.text() for n in node.items())
    return node.text()


def _fields(root: _Node, profile: Profile) -> dict[str, dict[str, Value]]:
    fields: dict[str, dict[str, Value]] = {}
    fields_node = root.get("fields", {})
    for section_id in fields_node.obj():
        snode = fields_node.get(section_id)
        try:
            section = profile.section(section_id)
        except KeyError:
            raise snode.fail(f"模板“{profile.id}”没有章节“{section_id}”") from None
        specs = {f.id: f for f in section.fields}
        out: dict[str, Value] = {}
        for field_id in snode.obj():
            if field_id not in specs:
                raise snode.get(field_id).fail(f"章节“{section_id}”没有字段“{field_id}”")
            if snode.obj()[field_id] is None:
                continue  # null: not entered (unknown), which is not 0
            out[field_id] = _field_value(snode.get(field_id), specs[field_id].type)
        fields[section_id] = out
    return fields


def _table_rows(tnode: _Node, spec: TableSpec) -> TableValues:
    columns = {c.id: c for side in spec.sides for c in side.columns}
    row_ids = {r.id for side in spec.sides for r in side.rows}
    rows = []
    seen: set[str] = set()
    for rnode in tnode.items():
        rnode.obj({"key", "label", "cells"}, {"key"})
        key_node = rnode.get("key")
        key = key_node.text()
        if key in seen:
            raise key_node.fail(f"行“{key}”重复")
        seen.add(key)
        if spec.rows == "fixed" and key not in row_ids:
            raise key_node.fail(f"表“{spec.id}”没有行“{key}”")
        if spec.coded and not is_code(key):
            raise key_node.fail(f"“{key}”不是 3、5 或 7 位的科目编码")
        cells: dict[str, Cell] = {}
        cnode = rnode.get("cells", {})
        for col_id in cnode.obj():
            col = columns.get(col_id)
            if col is None or not col.enterable:
                raise cnode.get(col_id).fail(f"“{col_id}”不是表“{spec.id}”中可填写的列")
            value = cnode.get(col_id)
            cells[col_id] = value.text() if col.type == "text" else value.amount()
        rows.append(TableRow(key, rnode.get("label", "").text(), cells))
    return TableValues(tuple(rows))


def _tables(root: _Node, profile: Profile) -> dict[str, TableValues]:
    tables: dict[str, TableValues] = {}
    tables_node = root.get("tables", {})
    for table_id in tables_node.obj():
        tnode = tables_node.get(table_id)
        try:
            spec = profile.table(table_id)
        except KeyError:
            raise tnode.fail(f"模板“{profile.id}”没有表“{table_id}”") from None
        tables[table_id] = _table_rows(tnode, spec)
    return tables


def case_from_json(data: object, profiles: Mapping[str, Profile]) -> Case:
    """Validate a parsed interchange structure completely and build the case."""
    root = _Node(data, "$")
    root.obj(
        {
            "format",
            "version",
            "profile",
            "comments",
            "unit",
            "fields",
            "tables",
            "glossary",
            "performance",
            "accepted",
        },
        {"format", "version", "profile", "unit"},
    )
    if root.get("format").value != FORMAT:
        raise root.get("format").fail(f'不是决算公开助手的交换文件（应为 "{FORMAT}"）')
    version = root.get("version").integer()
    if version > VERSION:
        raise root.get("version").fail(
            f"文件版本 {version} 比本程序支持的版本 {VERSION} 新，请升级程序"
        )
    profile_node = root.get("profile")
    profile = profiles.get(profile_node.text())
    if profile is None:
        known = "、".join(sorted(profiles)) or "（无）"
        raise profile_node.fail(f"模板“{profile_node.value}”未安装；已安装：{known}")
    unit_node = root.get("unit")
    unit_node.obj({"name", "year"}, {"name", "year"})
    name = unit_node.get("name").text().strip()
    if not name:
        raise unit_node.get("name").fail("单位名称不能为空")
    year = unit_node.get("year").year()
    fields = _fields(root, profile)
    tables = _tables(root, profile)
    glossary = []
    for g in root.get("glossary", []).items():
        g.obj({"term", "text"}, {"term", "text"})
        glossary.append(GlossaryEntry(g.get("term").text(), g.get("text").text()))
    pnode = root.get("performance", {})
    pnode.obj({"projects", "evaluation_text", "report_title", "report"})
    performance = Performance(
        projects=tuple(_project(n, profile.score_max) for n in pnode.get("projects", []).items()),
        evaluation_text=tuple(n.text() for n in pnode.get("evaluation_text", []).items()),
        report_title=pnode.get("report_title", "").text(),
        report=tuple(n.text() for n in pnode.get("report", []).items()),
    )
    return Case(
        profile_id=profile.id,
        unit=Unit(name, year),
        fields=fields,
        tables=tables,
        performance=performance,
        glossary=tuple(glossary),
        comments=tuple(n.text() for n in root.get("comments", []).items()),
        accepted=tuple(_accepted(n) for n in root.get("accepted", []).items()),
    )


class NotACaseFileError(InterchangeError):
    """The file is not an interchange file at all: empty, not JSON, another format, another JSON."""

    def __init__(self, problem: str) -> None:
        super().__init__("", problem)
        self.args = (problem,)  # the sentence alone, without “交换文件有误”


_WHAT_TO_CHOOSE = "请选择用 juesuan dump 导出的交换文件（.json 或 .juesuan）。"
_EXCEL = "Excel 公开表请用“从 Excel 导入公开表”（命令行：juesuan import-xlsx）。"
# The first bytes of the files an officer may pick by mistake, and what to say about them.
_OTHER_FORMATS = (
    (b"PK\x03\x04", "Word 或 Excel 文件（.docx/.xlsx）或压缩包", _EXCEL),
    (b"\xd0\xcf\x11\xe0", "旧版 Word 或 Excel 文件（.doc/.xls）", _EXCEL),
    (b"%PDF", "PDF 文件", ""),
    (b"SQLite format 3\x00", "决算公开助手的数据库文件", "命令行中数据库用 --db 指定。"),
    (b"\x89PNG", "图片", ""),
    (b"\xff\xd8\xff", "图片", ""),
)


def case_file_text(data: bytes, name: str) -> str:
    """The text of an interchange file's bytes; `NotACaseFileError` naming what it is instead."""
    if len(data) > MAX_BYTES:
        raise NotACaseFileError(
            f"“{name}”超过 {MAX_BYTES // 1024 // 1024} MB，不是交换文件。{_WHAT_TO_CHOOSE}"
        )
    if not data.strip():
        raise NotACaseFileError(f"“{name}”是空文件，不是交换文件。{_WHAT_TO_CHOOSE}")
    for magic, what, hint in _OTHER_FORMATS:
        if data.startswith(magic):
            space = " " if what[0].isascii() else ""
            raise NotACaseFileError(
                f"“{name}”是{space}{what}，不是交换文件。{_WHAT_TO_CHOOSE}{hint}"
            )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NotACaseFileError(
            f"“{name}”不是 UTF-8 编码的文本，不是交换文件。{_WHAT_TO_CHOOSE}"
        ) from None


def _accepted(node: _Node) -> AcceptedFinding:
    node.obj({"key", "explanation"}, {"key", "explanation"})
    return AcceptedFinding(node.get("key").text(), node.get("explanation").text())


def loads_case(text: str, profiles: Mapping[str, Profile]) -> Case:
    """Parse and validate interchange JSON text."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise InterchangeError("", f"文件超过 {MAX_BYTES // 1024 // 1024} MB，不是正常的交换文件")
    if not text.strip():
        raise NotACaseFileError(f"文件是空的，不是交换文件。{_WHAT_TO_CHOOSE}")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise NotACaseFileError(
            f"文件不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列起无法解析），不是交换文件。"
            f"{_WHAT_TO_CHOOSE}手工改过的文件请检查该处的括号、逗号和引号。"
        ) from exc
    except RecursionError:
        raise InterchangeError("$", "嵌套层次太深，不是正常的交换文件") from None
    except ValueError:  # an integer with thousands of digits (Python's limit is 4300)
        raise InterchangeError("$", "含有过长的数字（位数太多），不是正常的交换文件") from None
    if not isinstance(data, dict) or "format" not in data:  # a wrong format: case_from_json
        raise NotACaseFileError(
            f"这不是决算公开助手的交换文件（其中没有 format 项）。{_WHAT_TO_CHOOSE}"
        )
    return case_from_json(data, profiles)

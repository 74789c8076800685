"""The keys a profile's TOML files may use, derived from the `core.spec` dataclasses.

Each TOML table the loader reads (profile.toml, a section file, ``[[fields]]``, ``[[tables]]``…)
is one `TomlTable`: its keys are the fields of a spec dataclass, under the names the files use
(``print`` for `ColumnSpec.printed`, ``row`` for `SideSpec.rows`…), plus the few keys that
are not a field of their own (a table with one block writes the block's keys on the table).
The loader refuses every other key; ``scripts/gen_profile_doc.py`` writes the key tables of
docs/profiles.md from here, with the explanations in `EXPLAINED`.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import MISSING, dataclass
from typing import TYPE_CHECKING

from desktop.core import spec

if TYPE_CHECKING:
    from collections.abc import Mapping


@dataclass(frozen=True, slots=True)
class Key:
    """One key of a TOML table: its name in the file, what it holds, its default."""

    name: str
    kind: str
    default: str = ""


@dataclass(frozen=True, slots=True)
class TomlTable:
    """A TOML table of a profile and the dataclass it becomes."""

    name: str
    cls: type | None
    rename: Mapping[str, str] = dataclasses.field(default_factory=dict)
    skip: frozenset[str] = frozenset()
    extra: tuple[Key, ...] = ()
    #: Defaults the loader gives where the dataclass has none (name in the file → shown default).
    defaults: Mapping[str, str] = dataclasses.field(default_factory=dict)

    def entries(self) -> tuple[Key, ...]:
        derived = []
        if self.cls is not None:
            for f in dataclasses.fields(self.cls):
                if f.name in self.skip or not f.init:
                    continue
                name = self.rename.get(f.name, f.name)
                default = self.defaults.get(name, _default(f))
                derived.append(Key(name, _kind(f), default))
        return (*derived, *self.extra)

    def names(self) -> set[str]:
        return {k.name for k in self.entries()}


_ENUMS: dict[str, type[enum.Enum]] = {
    name: obj
    for name, obj in vars(spec).items()
    if isinstance(obj, type) and issubclass(obj, enum.Enum)
}


_EXACT_KINDS = {
    "str": "文字",
    "str | None": "文字",
    "ProfileId": "文字",
    "SectionId": "文字",
    "TableId": "文字",
    "bool": "true / false",
    "int": "整数",
    "tuple[str, ...]": "文字列表",
    "CellRef | None": "单元格引用",
    "Decimal | None": "数字（写成文字）",
}
_PREFIX_KINDS = (  # the first prefix that fits wins
    ("Mapping[str, ValueExpr]", "表（名称 = 表达式）"),
    ("Mapping", "表（名称 = 文字）"),
    ("tuple[", "表的列表（[[…]]）"),
)


def _kind(f: dataclasses.Field[object]) -> str:
    t = str(f.type)
    enum_type = _ENUMS.get(t)
    if enum_type is not None:
        return "、".join(f"`{m.value}`" for m in enum_type if m.value) or "文字"
    if t in _EXACT_KINDS:
        return _EXACT_KINDS[t]
    return next((kind for prefix, kind in _PREFIX_KINDS if t.startswith(prefix)), "表")


def _default(f: dataclasses.Field[object]) -> str:
    if f.default is MISSING:
        return "（必填）" if f.default_factory is MISSING else ""
    value = f.default
    if isinstance(value, enum.Enum):
        value = value.value
    if value in ("", (), None):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return f"`{value}`"


_SIDE_KEYS = (
    Key("heading", "文字"),
    Key("item_header", "文字", "`项目`"),
    Key("columns", "表的列表（[[…]]）"),
    Key("row", "表的列表（[[…]]）"),
    Key("codes", "文字列表"),
)

PROFILE = TomlTable(
    "profile.toml",
    spec.Profile,
    rename={"reason_rule": "reason_required"},
    skip=frozenset({"sections", "score_max", "ratings"}),
    defaults={"toc_heading": "`目　录`", "parts": "", "phrases": ""},
    extra=(Key("performance", "表"),),  # `score_max`, `rating_*` are written in [performance]
)
PERFORMANCE = TomlTable(
    "[performance]",
    None,
    extra=(
        Key("score_max", "整数", "`100`"),
        Key("rating_excellent", "数", "满分的 90%"),
        Key("rating_good", "数", "满分的 80%"),
        Key("rating_pass", "数", "满分的 60%"),
    ),
)
PART = TomlTable("[[parts]]", spec.PartSpec)
CHART = TomlTable("[[charts]]", spec.ChartSpec, defaults={"slices": ""})
SLICE = TomlTable(
    "[[charts.slices]]",
    None,
    extra=(Key("label", "文字", "（必填）"), Key("ref", "单元格引用", "（必填）")),
)
GLOSSARY = TomlTable(
    "[[glossary]]", None, extra=(Key("term", "文字", "（必填）"), Key("text", "文字", "（必填）"))
)
REASON_RULE = TomlTable("[reason_required]", spec.ReasonRule)
CARRY = TomlTable("[carry]", spec.CarrySpec)
CONSOLIDATION = TomlTable(
    "[consolidation]",
    spec.ConsolidationSpec,
    skip=frozenset({"breakdown"}),
    extra=(Key("breakdown", "“表:列”的文字列表", "`[]`"),),
)
FLOW = TomlTable(
    "[[consolidation.flows]]",
    spec.FlowSpec,
    skip=frozenset({"payer_table", "payer_column", "payee_table", "payee_column"}),
    defaults={"label": ""},
    extra=(Key("payer", "表:列", "（必填）"), Key("payee", "表:列", "（必填）")),
)
SECTION = TomlTable("章节文件 NNN_名称.toml", spec.SectionSpec, skip=frozenset({"file"}))
FIELD = TomlTable("[[fields]]", spec.FieldSpec)
TABLE = TomlTable(
    "[[tables]]",
    spec.TableSpec,
    skip=frozenset({"sides"}),
    extra=(Key("sides", "表的列表（[[…]]）"), *_SIDE_KEYS),
)
SIDE = TomlTable(
    "[[tables.sides]]", spec.SideSpec, rename={"rows": "row"}, defaults={"heading": ""}
)
COLUMN = TomlTable("columns", spec.ColumnSpec, rename={"printed": "print"})
ROW = TomlTable("[[tables.row]]、[[tables.footers]]", spec.RowSpec, defaults={"label": ""})
BLOCK = TomlTable("[[blocks]]", spec.Block)

TABLES: tuple[TomlTable, ...] = (
    PROFILE,
    PART,
    CHART,
    SLICE,
    GLOSSARY,
    REASON_RULE,
    PERFORMANCE,
    CARRY,
    CONSOLIDATION,
    FLOW,
    SECTION,
    FIELD,
    TABLE,
    SIDE,
    COLUMN,
    ROW,
    BLOCK,
)

#: What each key means, for docs/profiles.md: (TOML table name, key) → explanation.
EXPLAINED: Mapping[tuple[str, str], str] = {
    ("profile.toml", "id"): "模板编号，与文件夹名相同，如 `sh-2024-dept`",
    ("profile.toml", "name"): "显示名称",
    ("profile.toml", "year"): "决算年度",
    ("profile.toml", "wording"): "“单位”或“部门”，句式中用 `{wording}` 引用，全文一致",
    ("profile.toml", "template"): (
        "Word 模板文件名，不能含路径：先在本模板的文件夹（`forms/<模板>/`）中找，再到 "
        "`resources/templates/`；交换来的模板可以自带 Word 模板，指向这两个文件夹以外的链接被拒绝"
    ),
    ("profile.toml", "title"): '封面标题，如 `"{year}年度{unit}{wording}决算公开"`',
    ("profile.toml", "toc_heading"): "目录标题，默认 `目　录`",
    ("profile.toml", "parts"): "文档的各部分，按出现顺序（见 `[[parts]]`）",
    ("profile.toml", "phrases"): "公用句式，见第 6 节",
    ("profile.toml", "charts"): "饼图（见 `[[charts]]`），可以没有",
    (
        "profile.toml",
        "code_tables",
    ): "用到的代码表（`resources/codetables/*.csv` 的文件名，不含扩展名）",
    ("profile.toml", "glossary"): "名词解释的默认条目（每份填报可修改）",
    (
        "profile.toml",
        "rules",
    ): "对每份填报运行的检查规则编号（`juesuan check --list-rules` 列出全部规则）",
    ("profile.toml", "carry"): "“从上年复制”时保留的内容（见 `[carry]`）",
    ("profile.toml", "reason_required"): "什么时候必须写变动原因（见 `[reason_required]`）",
    (
        "profile.toml",
        "score_decimals",
    ): "自评得分（正文和绩效表的得分、总分、均分）的小数位数，0 到 4",
    ("profile.toml", "consolidation"): "部门决算汇总（见 `[consolidation]`）",
    ("profile.toml", "performance"): "自评表的设置（见 `[performance]`）",
    ("[performance]", "score_max"): (
        "自评表的满分，1 到 10000 的整数：每个分值、得分不能超过它（交换文件、窗口中输入的都一样，"
        "超过的被拒绝并说明原因），资金分值与各指标分值合计应等于它（规则 P-weight），"
        "总分不能超过它（P-total）"
    ),
    ("[performance]", "rating_excellent"): (
        "自评结果为“优”的最低总分（含），如 `90`；优 > 良 > 合格 > 0，且不超过满分。"
        "按各自评表总分统计的“优、良、合格、不合格”个数（预算绩效说明、规则 P-ratings）用它"
    ),
    ("[performance]", "rating_good"): "自评结果为“良”的最低总分（含），如 `80`",
    ("[performance]", "rating_pass"): "自评结果为“合格”的最低总分（含），如 `60`；更低为“不合格”",
    (
        "[[parts]]",
        "id",
    ): '部分编号；`id = "tables"` 的部分是公开表：其中每张表单独成节，标题用作编号标题',
    (
        "[[parts]]",
        "title",
    ): "标题，可用 `{unit}` `{year}` `{wording}`；窗口中公开表的提示用它说明表在哪一部分",
    ("[[parts]]", "toc_sections"): "目录中是否列出其下章节",
    ("[[charts]]", "id"): '饼图编号（`style = "chart"` 的段落用 `ref` 引用）',
    ("[[charts]]", "caption"): "图题",
    ("[[charts]]", "slices"): "扇区（见 `[[charts.slices]]`），金额为 0 的扇区不画",
    (
        "[[charts]]",
        "single",
    ): "一块扇区占满（≥ 99.5%）时代替饼图的句子，可用 {label} {amount} {share} {caption}",
    ("[[charts.slices]]", "label"): "扇区名称",
    ("[[charts.slices]]", "ref"): "金额的单元格引用",
    ("[[glossary]]", "term"): "名词",
    ("[[glossary]]", "text"): "解释",
    ("[reason_required]", "percent"): '变动达到基数的这一百分比时必须写原因，如 `"10"`',
    ("[reason_required]", "amount"): '变动达到这一金额（万元）时必须写原因，如 `"5.00"`，可不设',
    ("[reason_required]", "from_zero"): "从 0 变为非 0 时是否必须写原因",
    ("[carry]", "fields"): "保留的字段（`章节.字段`）",
    ("[carry]", "tables"): "整表保留的表",
    ("[carry]", "labels"): "只保留行名的表",
    ("[carry]", "prior"): '`"章节.上年字段" = "上年的单元格引用"`：上年决算数成为今年的上年数',
    ("[consolidation]", "members_table"): "列出各成员单位的表（单位构成）",
    ("[consolidation]", "flows"): "汇总时相互抵消的内部往来（见 `[[consolidation.flows]]`）",
    ("[consolidation]", "breakdown"): (
        '分单位收支附表的列：各表“合计”行的这些列，如 `["t2:total", "t3:total"]`；空则不提供附表'
    ),
    ("[consolidation]", "breakdown_appendix"): (
        "`true`：部门文档总是附分单位收支表；`false`：导出时选择（`--unit-appendix`）"
    ),
    ("[[consolidation.flows]]", "type"): "抵消的种类：`E1`、`E2`",
    ("[[consolidation.flows]]", "label"): "显示名称",
    ("[[consolidation.flows]]", "payer"): "付出方的可录入列，如 `t3:affiliated`",
    ("[[consolidation.flows]]", "payee"): "收到方的可录入列，如 `t2:upper`",
    ("章节文件 NNN_名称.toml", "id"): "章节编号（存储和检查规则用，改名需迁移数据）",
    ("章节文件 NNN_名称.toml", "title"): "标题，可用 `{unit}` `{year}` `{prior_year}` `{wording}`",
    ("章节文件 NNN_名称.toml", "part"): "所属部分（`profile.toml` 中 `parts` 的 `id`）",
    ("章节文件 NNN_名称.toml", "fields"): "需要填写的项目（见 `[[fields]]`）",
    (
        "章节文件 NNN_名称.toml",
        "tables",
    ): '本章节的表（见 `[[tables]]`）。`tables` 部分的章节一个文件一张表；其他部分的表由 `style = "table"` 的段落放到正文中',
    ("章节文件 NNN_名称.toml", "facts"): "数据提供者，见第 7 节",
    ("章节文件 NNN_名称.toml", "params"): "数据提供者的参数",
    ("章节文件 NNN_名称.toml", "values"): '句式中用到的数字，`名称 = "动词 参数…"`，见第 6 节',
    (
        "章节文件 NNN_名称.toml",
        "reasons",
    ): '`{ 原因字段 = "values 中的比较名称" }`：哪个字段说明哪一处变动',
    ("章节文件 NNN_名称.toml", "blocks"): "段落（见 `[[blocks]]`）",
    ("章节文件 NNN_名称.toml", "rules"): "只对本章节运行的检查规则",
    ("章节文件 NNN_名称.toml", "heading"): "是否作为编号标题出现（名词解释、联系方式等为 false）",
    ("[[fields]]", "id"): "字段编号",
    ("[[fields]]", "label"): "窗口中显示的名称",
    ("[[fields]]", "type"): "金额、数量、文字、多段文字",
    ("[[fields]]", "required"): "是否必填",
    ("[[fields]]", "help"): "窗口中的提示",
    ("[[fields]]", "default"): "新建填报时的默认值",
    (
        "[[fields]]",
        "consolidate",
    ): "部门汇总时：`sum` 成员相加，`own` 保留部门本级的值（日期、平均数）",
    (
        "[[fields]]",
        "multiline",
    ): '文字字段用多行输入框（原因、内容、结论等一句话以上的文字）；只用于 `type = "text"`',
    ("[[tables]]", "id"): "表编号。检查规则按 `role` 读表，见第 9 节",
    ("[[tables]]", "title"): "表名",
    (
        "[[tables]]",
        "rows",
    ): "行从哪里来：按功能分类科目、按经济分类科目、模板规定的固定行、逐行录入的清单",
    ("[[tables]]", "number"): "表号（如 `公开01表`，可省略）",
    ("[[tables]]", "code_table"): "科目表用哪个代码表",
    ("[[tables]]", "code_header"): "“科目编码”列的表头",
    ("[[tables]]", "name_header"): "“科目名称”列的表头",
    ("[[tables]]", "total_label"): "合计行的名称",
    ("[[tables]]", "total_position"): "合计行的位置；`none` 不印，但仍可引用 `表:*:列`",
    (
        "[[tables]]",
        "footers",
    ): '表尾合计行：`id`、`label`、`sum_of`（类编码，如人员经费 `["301", "303"]`）',
    ("[[tables]]", "orientation"): "纵向或横向（宽表）",
    ("[[tables]]", "note"): "表下注释，可用 `{unit}` `{year}` `{wording}`",
    ("[[tables]]", "empty_note"): "表中没有数字时加印的空表说明",
    ("[[tables]]", "column_numbers"): "是否印“栏次”行（内蒙古印，上海不印）",
    ("[[tables]]", "unit_label"): "表上方右侧的单位",
    ("[[tables]]", "unit_name"): "表上方左侧的编制单位，上海为 `部门：{unit}`",
    ("[[tables]]", "role"): "检查规则对这张表的称呼（如 `fiscal_total`），见第 9 节",
    (
        "[[tables]]",
        "sides",
    ): "左右并排的栏（见 `[[tables.sides]]`）；只有一栏时把栏的键直接写在表上",
    ("[[tables]]", "heading"): "只有一栏时：栏的标题",
    ("[[tables]]", "item_header"): "只有一栏时：项目列的表头",
    ("[[tables]]", "columns"): "只有一栏时：列（见 `columns`）",
    ("[[tables]]", "row"): "只有一栏时：固定行（见 `[[tables.row]]`）",
    ("[[tables]]", "codes"): "只有一栏时：即使为 0 也要列出的科目",
    ("[[tables.sides]]", "heading"): "栏的标题（如“收入”“支出”）",
    ("[[tables.sides]]", "columns"): "本栏的列（见 `columns`）",
    ("[[tables.sides]]", "row"): "本栏的固定行（见 `[[tables.row]]`）",
    ("[[tables.sides]]", "item_header"): "本栏项目列的表头",
    (
        "[[tables.sides]]",
        "codes",
    ): "科目表中即使为 0 也要列出的科目：三位类编码列出该类下全部科目，五位、七位编码只列该科目；科目进入列出其“类”的那一栏",
    ("columns", "id"): "列编号",
    ("columns", "label"): "表头",
    ("columns", "group"): "上层表头，多层用 `|` 分隔，相同的相邻表头自动合并",
    ("columns", "type"): "金额、数量、文字或行次",
    ("columns", "sum_of"): "本行其他列之和，`-列` 表示减（计算列，不录入）",
    ("columns", "ref"): "取自其他表（计算列，不录入），可用 `{code}`：没有科目编码的行照常录入",
    ("columns", "width"): "列宽（厘米）",
    ("columns", "print"): "`false`：只填报不印，如年初预算、差异原因",
    ("columns", "role"): "检查规则对这一列的称呼，默认为列编号",
    ("[[tables.row]]、[[tables.footers]]", "id"): "行编号",
    ("[[tables.row]]、[[tables.footers]]", "label"): "行名",
    ("[[tables.row]]、[[tables.footers]]", "line"): "行次",
    ("[[tables.row]]、[[tables.footers]]", "unit"): "本行的单位（如“辆”），不写为万元",
    ("[[tables.row]]、[[tables.footers]]", "sum_of"): "其他行之和（计算行，不录入）",
    ("[[tables.row]]、[[tables.footers]]", "ref"): "取自其他表（计算行），可用 `{code}` `{col}`",
    ("[[tables.row]]、[[tables.footers]]", "code"): "本行对应的科目编码（供 `{code}` 使用）",
    ("[[tables.row]]、[[tables.footers]]", "indent"): "缩进层级",
    ("[[tables.row]]、[[tables.footers]]", "blank"): "只占位的空行",
    ("[[tables.row]]、[[tables.footers]]", "role"): "检查规则对这一行的称呼，默认为行编号",
    ("[[blocks]]", "style"): "段落样式；`chart`、`table` 放入 `ref` 指定的图或表",
    (
        "[[blocks]]",
        "text",
    ): "句式，`{名称}` 引用本章节的字段、`values`、数据提供者的值，以及 `{unit}` `{year}` `{prior_year}` `{wording}`",
    (
        "[[blocks]]",
        "when",
    ): "条件：一个值的名称；`!名称` 取反，`a&b` 两者都成立，`a|b` 任一成立（`&` 先算）",
    ("[[blocks]]", "each"): "对一个列表逐项重复（多段文字字段、数据提供者的列表）",
    ("[[blocks]]", "blocks"): "下级段落",
    (
        "[[blocks]]",
        "ref",
    ): '`style = "chart"` 时为饼图 `id`；`style = "table"` 时为表 `id`，或 `perf_summary`、`perf_project:{index}`',
    (
        "[[blocks]]",
        "join",
    ): "把下级段落连成一段：`text` + 用 `join` 连接的各下级段落 + `end`；条件不成立的下级段落自动去掉",
    ("[[blocks]]", "end"): "连成一段时的结尾",
    (
        "[[blocks]]",
        "absent",
    ): "用到的内容没有填写时：不写时草稿中显示【待填写：名称】、检查列为“错误”；`omit` 去掉这一段",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def keys_markdown() -> str:
    """The key tables of docs/profiles.md (between its generated-text markers)."""
    out = []
    for table in TABLES:
        out += [
            f"#### `{table.name}`",
            "",
            "| 键 | 类型 / 可选值 | 默认 | 说明 |",
            "|---|---|---|---|",
        ]
        for key in table.entries():
            text = EXPLAINED.get((table.name, key.name), "")
            out.append(
                f"| `{key.name}` | {_cell(key.kind)} | {_cell(key.default)} | {_cell(text)} |"
            )
        out.append("")
    return "\n".join(out)


BEGIN = "<!-- 以下由 scripts/gen_profile_doc.py 从 desktop.sections.schema 生成，请勿手改 -->"
END = "<!-- /生成 -->"


def write_keys(document: str) -> str:
    """`document` (docs/profiles.md) with the text between its markers regenerated."""
    head, sep, rest = document.partition(BEGIN)
    _, sep2, tail = rest.partition(END)
    if not sep or not sep2:
        raise ValueError("docs/profiles.md 缺少生成内容的起止标记")
    return f"{head}{BEGIN}\n\n{keys_markdown()}\n{END}{tail}"

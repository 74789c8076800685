"""The rule catalogue in words: what `juesuan check --list-rules` prints and docs/checks.md holds.

Both are built from the registry, so the list and the document cannot drift from the code
(tests/core/test_rule_catalogue.py fails when docs/checks.md is stale).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.core.rules.registry import RULES
from desktop.core.rules.roles import TABLE_ROLES, parse_need

if TYPE_CHECKING:
    from desktop.core.rules.registry import RuleInfo
    from desktop.core.spec import Profile


def describe_need(need: str) -> str:
    """``row:fiscal_total:inc_total`` → 《财政拨款收入支出决算总表》（fiscal_total）的行 inc_total."""
    n = parse_need(need)
    kind, role, part = n.kind, n.role, n.part
    if kind == "field":
        return f"字段 {role}"
    table = f"《{TABLE_ROLES.get(role, role)}》（{role}）"
    return {"row": f"{table}的行 {part}", "column": f"{table}的列 {part}"}.get(kind, table)


def needs_text(info: RuleInfo) -> str:
    return "；".join(describe_need(n) for n in info.needs) or "（无）"


def profile_status(info: RuleInfo, profile: Profile) -> str:
    """Whether the profile runs the rule: 运行, 未列入, or 不运行 with what it lacks."""
    listed = info.id in profile.rules or any(info.id in s.rules for s in profile.sections)
    unmet = info.unmet(profile)
    if unmet:
        state = "不运行" if listed else "未列入，也不能运行"
        return f"{state}：模板缺少{'、'.join(unmet)}"
    return "运行" if listed else "未列入"


def rule_lines(profile: Profile | None = None) -> list[str]:
    """One tab-separated line per rule: id, severity, what it checks, what it needs (, status)."""
    lines = []
    for info in RULES.values():
        cells = [info.id, info.severity.value, info.description, f"需要：{needs_text(info)}"]
        if profile is not None:
            cells.append(profile_status(info, profile))
        lines.append("\t".join(cells))
    return lines


def rules_markdown() -> str:
    """docs/checks.md: every rule with its severity, what it checks and what it needs."""
    out = [
        "# 检查规则（checks）",
        "",
        "本文件由 `scripts/gen_checks_doc.py` 根据规则注册表生成，请勿手工修改；"
        "测试 `tests/core/test_rule_catalogue.py` 在本文件过期时失败。",
        "`juesuan check --list-rules [--profile 模板]` 列出同样的内容。",
        "",
        "严重程度：**错误** 须在正式导出前改正；**警告** 应当核对，可写明理由后标为“已说明”；"
        "**提示** 仅供参考。每条规则只报告它所写的严重程度，四舍五入形成的尾差一律为提示"
        "（容差：每个按 0.01 万元取整的数 0.005 万元，见 `money.is_rounding_tail`）。",
        "",
        "“需要”列出规则读取的表（按模板中表的 `role`）、行、列和字段；模板缺少其中任何一项时，"
        "这条规则不运行，`juesuan profile-check` 把列入了却不能运行的规则报告为错误。",
        "",
        f"共 {len(RULES)} 条规则。",
        "",
        "| 编号 | 严重程度 | 检查内容 | 需要 |",
        "|---|---|---|---|",
    ]
    for info in RULES.values():
        cells = (info.id, info.severity.value, info.description, needs_text(info))
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    out += ["", "## 表的 role", "", "| role | 表 |", "|---|---|"]
    out += [f"| `{role}` | {name} |" for role, name in TABLE_ROLES.items()]
    return "\n".join(out) + "\n"

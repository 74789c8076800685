"""Checks that only a department has: its members' own errors, its eliminations, open differences.

They run beside the profile's rules on the consolidated case (`juesuan check --case N`):
- D-member (错误): a member's own 错误, listed under the member; the department cannot be
  published while one remains.
- D-pair (错误): a confirmed elimination larger than what the payer or the payee recorded on its
  科目 row (the department would show a negative amount).
- D-diff (警告): an internal flow whose two sides differ and whose difference (经费差额) is not
  explained; a subordinate's 上级补助收入 that no pair covers while the 本级 records
  对附属单位补助支出 (and likewise for E2).
- D-proposed (提示): internal flows the program can pair and the officer has not yet confirmed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.core.department import (
    FlowType,
    PairStatus,
    open_differences,
    payee_side,
    payer_side,
    propose,
)
from desktop.core.issues import Issue, Location, Severity
from desktop.core.money import ZERO, format_wan

if TYPE_CHECKING:
    from collections.abc import Mapping

    from desktop.core.department import Department
    from desktop.core.model import Case, CaseId
    from desktop.core.spec import FlowSpec, Profile

STRUCTURE = Location(section="structure", table="unit_list")

DEPARTMENT_RULES = {
    "D-member": (Severity.ERROR, "下属单位自身的“错误”（逐个单位列出）"),
    "D-pair": (Severity.ERROR, "冲抵金额不大于付款方和收款方在该科目上记录的金额"),
    "D-diff": (Severity.WARNING, "内部往来两方金额一致，或已说明经费差额"),
    "D-proposed": (Severity.INFO, "程序找到的内部往来已逐条确认或标为外部往来"),
}


def _flows(profile: Profile) -> dict[FlowType, FlowSpec]:
    return {FlowType(f.type): f for f in profile.consolidation.flows}


def department_issues(
    profile: Profile,
    dept: Department,
    cases: Mapping[CaseId, Case],
    member_issues: Mapping[CaseId, list[Issue]],
) -> list[Issue]:
    """The department's own findings; `member_issues` are each member's check results."""
    names = {m.case_id: m.name for m in dept.members if m.case_id is not None}
    out: list[Issue] = []
    for case_id, issues in member_issues.items():
        for issue in issues:
            if issue.severity is Severity.ERROR:
                out.append(
                    Issue(
                        Severity.ERROR,
                        "D-member",
                        f"单位“{names.get(case_id, case_id)}”（填报 {case_id}）：{issue.message}"
                        f"请先在该单位的填报中改正（juesuan check --case {case_id}）。",
                        STRUCTURE,
                    )
                )
    flows = _flows(profile)
    for e in dept.eliminations:
        flow = flows.get(e.type)
        if flow is None or e.status is not PairStatus.CONFIRMED:
            continue
        for who, code, side, label in (
            (e.payer, e.payer_code, payer_side(flow, cases[e.payer]), "付款方"),
            (e.payee, e.payee_code, payee_side(flow, cases[e.payee]), "收款方"),
        ):
            recorded = side.by_code.get(code, ZERO)
            if e.amount > recorded:
                out.append(
                    Issue(
                        Severity.ERROR,
                        "D-pair",
                        f"{flow.label}：冲抵 {format_wan(e.amount)} 万元，大于{label}"
                        f"“{names.get(who, who)}”在科目 {code} 上记录的 {format_wan(recorded)} 万元。"
                        "请核对冲抵金额和科目。",
                        STRUCTURE,
                    )
                )
    for d in open_differences(profile, dept, cases):
        flow = flows[d.type]
        out.append(
            Issue(
                Severity.WARNING,
                "D-diff",
                f"{flow.label}：“{names.get(d.member, d.member)}”记录 {format_wan(d.recorded)} 万元，"
                f"已冲抵或标为外部往来 {format_wan(d.paired)} 万元，相差 {format_wan(d.open)} 万元。"
                "请确认冲抵，或说明经费差额。",
                STRUCTURE,
            )
        )
    proposals = propose(profile, dept, cases)
    if proposals:
        total = sum((p.amount for p in proposals), ZERO)
        out.append(
            Issue(
                Severity.INFO,
                "D-proposed",
                f"找到 {len(proposals)} 笔可冲抵的内部往来，共 {format_wan(total)} 万元，尚未确认"
                "（在“单位构成与冲抵”步骤中确认，或用 juesuan dept show 列出）。",
                STRUCTURE,
            )
        )
    return out

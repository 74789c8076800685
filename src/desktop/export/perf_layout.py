"""Layouts of the 绩效 tables: the 项目支出自评结果统计表 and one 项目支出绩效自评表 per project.

Their shape is the national self-evaluation form (财政部 项目支出绩效自评表), the same in every
profile; the figures come from `core.performance`, so the tables agree with the text.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from desktop.core.money import format_score, format_wan
from desktop.core.performance import (
    execution_rate,
    funds_score,
    summarize,
    total_score,
    total_weight,
)
from desktop.core.spec import DEFAULT_SCORE_DECIMALS
from desktop.export.table_layout import (
    LayoutCell,
    TableLayout,
    percent_text,
    score_text,
    text_width,
)

if TYPE_CHECKING:
    from desktop.core.model import FundLine, Performance, PerfProject

C = LayoutCell


def summary_layout(perf: Performance, places: int = DEFAULT_SCORE_DECIMALS) -> TableLayout:
    """项目支出自评结果统计表 with its 合计/均分 row (ratio of sums, mean of scores).

    Scores print with `places` decimals (the profile's ``score_decimals``), the same in a column.
    """
    head = ("序号", "项目名称", "年初预算", "全年预算数", "全年执行数", "预算执行率", "自评得分")
    rows: list[tuple[LayoutCell | None, ...]] = [tuple(C(h, header=True) for h in head)]
    for n, p in enumerate(perf.projects, start=1):
        t = p.total
        rows.append(
            (
                C(str(n), center=True),
                C(p.name),
                C(format_wan(t.initial), number=True),
                C(format_wan(t.full), number=True),
                C(format_wan(t.executed), number=True),
                C(percent_text(execution_rate(t)), number=True),
                C(format_score(total_score(p), places), number=True),
            )
        )
    s = summarize(perf.projects)
    rows.append(
        (
            C("合计/均分", colspan=2, bold=True),
            None,
            C(format_wan(s.initial), number=True, bold=True),
            C(format_wan(s.full), number=True, bold=True),
            C(format_wan(s.executed), number=True, bold=True),
            C(percent_text(s.rate), number=True, bold=True),
            C(
                format_score(s.mean_score, places) if s.mean_score is not None else "—",
                number=True,
                bold=True,
            ),
        )
    )
    w = [Decimal("1.2"), Decimal("4.8")] + [Decimal("1.92")] * 5
    return TableLayout("项目支出自评结果统计表", tuple(rows), tuple(w), 1, unit_label="单位：万元")


def _fund_row(
    label: str, line: FundLine, project: PerfProject, total: bool, places: int
) -> tuple[LayoutCell | None, ...]:
    rate = execution_rate(line)
    weight = score_text(project.funds_weight) if total else "—"
    score = format_score(funds_score(project), places) if total else "—"
    return (
        C(label, colspan=5),
        None,
        None,
        None,
        None,
        C(format_wan(line.initial), number=True),
        C(format_wan(line.full), number=True),
        C(format_wan(line.executed), number=True),
        C(weight, number=True),
        C(percent_text(rate).rstrip("%"), number=True),
        C(score, number=True),
    )


def _merge_down(rows: list[list[LayoutCell | None]], col: int, start: int) -> None:
    """Merge equal consecutive texts in a column (一级指标/二级指标) into one tall cell."""
    i = start
    while i < len(rows):
        cell = rows[i][col]
        j = i + 1
        while (
            cell is not None
            and j < len(rows)
            and (other := rows[j][col]) is not None
            and other.text == cell.text
        ):
            rows[j][col] = None
            j += 1
        if cell is not None and j - i > 1:
            rows[i][col] = C(cell.text, rowspan=j - i)
        i = j


def project_layout(
    project: PerfProject, year: int, places: int = DEFAULT_SCORE_DECIMALS
) -> TableLayout:
    """项目支出绩效自评表 of one project, 11 columns, landscape."""
    rows: list[list[LayoutCell | None]] = [
        [C("项目名称", header=True), C(project.name, colspan=10)] + [None] * 9,
        [
            C("主管部门", header=True),
            C(project.department, colspan=4),
            None,
            None,
            None,
            C("实施单位", header=True),
            C(project.implementer, colspan=5),
            None,
            None,
            None,
            None,
        ],
        [C("项目资金（万元）", colspan=5, header=True), None, None, None, None]
        + [
            C(h, header=True)
            for h in ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率（%）", "得分")
        ],
        list(_fund_row("年度资金总额", project.total, project, True, places)),
        list(_fund_row("其中：财政拨款", project.fiscal, project, False, places)),
        list(_fund_row("上年结转资金", project.carryover, project, False, places)),
        list(_fund_row("其他资金", project.other, project, False, places)),
        [
            C("年度总体目标：预期目标", colspan=5, header=True),
            None,
            None,
            None,
            None,
            C("实际完成情况", colspan=6, header=True),
            None,
            None,
            None,
            None,
            None,
        ],
        [
            C(project.goal_expected, colspan=5),
            None,
            None,
            None,
            None,
            C(project.goal_actual, colspan=6),
            None,
            None,
            None,
            None,
            None,
        ],
    ]
    heads = (
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "指标方向",
        "年度指标值",
        "实际完成值",
        "计量单位",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    )
    rows.append([C(h, header=True) for h in heads])
    first = len(rows)
    for i in project.indicators:
        rows.append(
            [
                C(i.level1),
                C(i.level2),
                C(i.name),
                C(i.nature),
                C(i.direction),
                C(i.target),
                C(i.actual),
                C(i.unit),
                C(score_text(i.weight), number=True),
                C(format_score(i.score, places), number=True),
                C(i.deviation),
            ]
        )
    _merge_down(rows, 0, first)
    _merge_down(rows, 1, first)
    rows.append(
        [
            C("总分", colspan=8, bold=True),
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            C(score_text(total_weight(project)), number=True, bold=True),
            C(format_score(total_score(project), places), number=True, bold=True),
            C(""),
        ]
    )
    width = text_width("landscape")
    w = [
        Decimal("2.0"),
        Decimal("2.2"),
        Decimal("4.1"),
        Decimal("1.5"),
        Decimal("1.8"),
        Decimal("2.4"),
        Decimal("2.0"),
        Decimal("1.6"),
        Decimal("1.3"),
        Decimal("1.6"),  # “执行率（%）” on two lines
    ]
    w.append(width - sum(w, Decimal(0)))
    return TableLayout(
        "项目支出绩效自评表",
        tuple(tuple(r) for r in rows),
        tuple(w),
        1,  # the 指标 header row repeats on every page the indicators run onto
        orientation="landscape",
        subtitle=f"（{year}年度）",
        lead_rows=first - 1,
    )

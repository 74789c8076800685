"""Builds resources/samples/nmg-2023-unit.json, the built-in sample of the 内蒙古 2023 profile.

The unit, 内蒙古自治区示例市财政局(本级), is made up, and so are its figures: a small 行政单位
financed only by 一般公共预算财政拨款, with no carry-over. The figures are chosen so that every
table agrees with every other (the check finds no 错误 and no 警告). Amounts are written in 元;
the 公开表 show 万元.

Run: python scripts/build_sample_nmg_2023.py
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "samples" / "nmg-2023-unit.json"
UNIT = "内蒙古自治区示例市财政局(本级)"
YEAR = 2023

COMMENTS = [
    "内置样例：内蒙古自治区示例市财政局(本级) 2023 年度单位决算公开（内蒙古 2023 模板）。金额单位为元。",
    "单位与数字均为虚构，仅用于演示：各表勾稽关系成立，检查无错误、无警告。",
]

# 一般公共预算财政拨款支出 by 项: code, basic, project, 年初预算, 差异原因.
T5 = [
    ("2010601", "3256400.00", "0.00", "3180000.00", "年中新录用公务员2名，人员经费相应增加"),
    ("2010602", "0.00", "386500.00", "420000.00", "财政监督检查工作采取联合检查方式，节约检查经费"),
    ("2010607", "0.00", "512000.00", "500000.00", "预算管理一体化系统新增电子凭证模块"),
    ("2010608", "0.00", "268000.00", "300000.00", "委托评审项目较计划减少3个"),
    ("2080505", "392600.00", "0.00", "385000.00", "缴费基数调整"),
    ("2080506", "157000.00", "0.00", "154000.00", "缴费基数调整"),
    ("2101101", "213800.00", "0.00", "210000.00", "缴费基数调整"),
    ("2101103", "46200.00", "0.00", "45000.00", "缴费基数调整"),
    ("2210201", "302400.00", "0.00", "296000.00", "缴存基数调整"),
]

# 基本支出 by 经济分类 款 (人员经费 301/303, 公用经费 302/310).
T6 = [
    ("30101", "812000.00"),
    ("30102", "956000.00"),
    ("30103", "168000.00"),
    ("30107", "420000.00"),
    ("30108", "392600.00"),
    ("30109", "157000.00"),
    ("30110", "213800.00"),
    ("30111", "46200.00"),
    ("30112", "18400.00"),
    ("30113", "302400.00"),
    ("30201", "126000.00"),
    ("30205", "18000.00"),
    ("30206", "64000.00"),
    ("30207", "32000.00"),
    ("30209", "148000.00"),
    ("30211", "86000.00"),
    ("30213", "54000.00"),
    ("30216", "38000.00"),
    ("30217", "12000.00"),
    ("30228", "46000.00"),
    ("30229", "60000.00"),
    ("30231", "72000.00"),
    ("30239", "96000.00"),
    ("31002", "30000.00"),
]

# 项目支出 by 经济分类 款.
T7 = [
    ("30201", "42500.00"),
    ("30202", "36000.00"),
    ("30215", "28000.00"),
    ("30226", "64000.00"),
    ("30227", "268000.00"),
    ("30299", "216000.00"),
    ("31007", "512000.00"),
]

PUBLIC = "882000.00"  # 公用经费合计 = 机构运行经费 (行政单位)

TEXTS = {
    "functions": [
        "（一）贯彻执行国家和自治区财政、税收方针政策和法律法规，拟订全市财政发展规划和政策措施。",
        "（二）负责编制年度市本级预决算草案并组织执行，负责市本级预算管理一体化系统建设和运行。",
        "（三）负责市本级财政监督检查，组织开展财政投资评审和预算绩效管理工作。",
        "（四）完成市委、市政府交办的其他任务。",
    ],
    "structure": [
        "1.本单位内设办公室、预算科、国库科、监督检查科、绩效管理科5个科室，无下属单位。",
        f"2.从决算单位构成看，纳入本单位{YEAR}年度决算编制范围的预算单位共计1家，详细情况见表：",
    ],
    "work": [
        "（一）完成市本级预算编制和执行工作，全年一般公共预算执行平稳。",
        "（二）推进预算管理一体化系统建设，上线电子凭证模块，实现市本级预算单位全覆盖。",
        "（三）组织财政监督检查和投资评审，审减不合理支出，提高财政资金使用效益。",
    ],
}

REASON_TOTAL = "年中新录用公务员2名，人员经费增加；预算管理一体化系统新增电子凭证模块"
NONE = "无"


def _money(value: str) -> Decimal:
    return Decimal(value)


def _sum(values: list[str]) -> str:
    return f"{sum((_money(v) for v in values), Decimal(0)):.2f}"


def _indicators(
    rows: list[tuple[str, str, str, str, str, str, str, str]],
) -> list[dict[str, str]]:
    return [
        {
            "level1": l1,
            "level2": l2,
            "name": name,
            "nature": "正向",
            "direction": direction,
            "target": target,
            "actual": target,
            "unit": unit,
            "weight": weight,
            "score": weight,
            "deviation": "",
        }
        for l1, l2, name, direction, target, unit, weight, _ in rows
    ]


def _project(
    name: str, amounts: tuple[str, str], texts: tuple[str, str], indicators: list[dict[str, str]]
) -> dict[str, object]:
    full, executed = amounts
    goal, done = texts
    zero = {"initial": "0.00", "full": "0.00", "executed": "0.00"}
    return {
        "name": name,
        "department": "示例市财政局",
        "implementer": "示例市财政局",
        "fiscal": {"initial": full, "full": full, "executed": executed},
        "carryover": zero,
        "other": zero,
        "funds_weight": "10",
        "goal_expected": goal,
        "goal_actual": done,
        "completion": done,
        "problems": "项目执行进度前松后紧",
        "measures": "细化分月用款计划，加强执行进度监控",
        "indicators": indicators,
    }


def _performance() -> list[dict[str, object]]:
    common = [
        ("效益指标", "社会效益指标", "财政资金使用效益提升", "定性", "有效提升", "", "20", ""),
        ("满意度指标", "服务对象满意度指标", "预算单位满意度", "大于等于", "90", "%", "10", ""),
    ]
    return [
        _project(
            "财政监督检查经费",
            ("420000.00", "386500.00"),
            (
                f"{YEAR}年完成市本级预算单位财政监督检查，规范财政资金使用。",
                "完成12家预算单位的财政监督检查，发现的问题均已整改",
            ),
            _indicators(
                [
                    ("产出指标", "数量指标", "检查预算单位数", "大于等于", "12", "家", "20", ""),
                    ("产出指标", "质量指标", "问题整改率", "大于等于", "100", "%", "20", ""),
                    ("产出指标", "时效指标", "检查完成时间", "小于等于", "12", "月", "10", ""),
                    ("产出指标", "成本指标", "检查经费控制率", "小于等于", "100", "%", "10", ""),
                    *common,
                ]
            ),
        ),
        _project(
            "预算管理一体化系统运维",
            ("512000.00", "512000.00"),
            (
                f"{YEAR}年保障预算管理一体化系统稳定运行，上线电子凭证模块。",
                "系统全年稳定运行，电子凭证模块按期上线",
            ),
            _indicators(
                [
                    ("产出指标", "数量指标", "接入预算单位数", "大于等于", "86", "家", "20", ""),
                    ("产出指标", "质量指标", "系统可用率", "大于等于", "99", "%", "20", ""),
                    (
                        "产出指标",
                        "时效指标",
                        "电子凭证模块上线时间",
                        "小于等于",
                        "9",
                        "月",
                        "10",
                        "",
                    ),
                    ("产出指标", "成本指标", "运维费用控制率", "小于等于", "100", "%", "10", ""),
                    *common,
                ]
            ),
        ),
        _project(
            "财政投资评审委托业务费",
            ("300000.00", "268000.00"),
            (f"{YEAR}年完成市本级政府投资项目预算评审。", "完成评审项目15个，审减率8%"),
            _indicators(
                [
                    ("产出指标", "数量指标", "评审项目数", "大于等于", "15", "个", "20", ""),
                    ("产出指标", "质量指标", "评审报告合格率", "大于等于", "100", "%", "20", ""),
                    ("产出指标", "时效指标", "评审完成时间", "小于等于", "12", "月", "10", ""),
                    ("产出指标", "成本指标", "评审费用控制率", "小于等于", "100", "%", "10", ""),
                    *common,
                ]
            ),
        ),
    ]


def build() -> dict[str, object]:
    basic = _sum([b for _, b, _, _, _ in T5])
    project = _sum([p for _, _, p, _, _ in T5])
    total = _sum([basic, project])
    budget = _sum([b for _, _, _, b, _ in T5])
    prior_total = "5216800.00"
    return {
        "format": "juesuan-case",
        "version": 1,
        "profile": "nmg-2023-unit",
        "comments": COMMENTS,
        "unit": {"name": UNIT, "year": YEAR},
        "fields": {
            "functions": {"functions": TEXTS["functions"]},
            "structure": {"structure": TEXTS["structure"]},
            "work": {"work": TEXTS["work"]},
            "overall": {
                "reason_budget": REASON_TOTAL,
                "prior_total": prior_total,
                "prior_income": prior_total,
                "reason_income": REASON_TOTAL,
                "prior_nonfiscal": "0.00",
                "reason_nonfiscal": NONE,
                "prior_opening": "0.00",
                "reason_opening": NONE,
                "prior_expense": prior_total,
                "reason_expense": REASON_TOTAL,
                "distribution_items": NONE,
                "prior_distribution": "0.00",
                "reason_distribution": NONE,
                "closing_items": NONE,
                "prior_closing": "0.00",
                "reason_closing": NONE,
            },
            "fiscal": {
                "reason_budget": REASON_TOTAL,
                "prior_total": prior_total,
                "reason_prior": REASON_TOTAL,
            },
            "gpb": {"budget_total": budget},
            "three": {
                "reason_budget": "严格执行公务接待和公务用车管理规定，压减一般性支出",
                "groups": 0,
                "people": 0,
                "prior_abroad": "0.00",
                "reason_abroad": NONE,
                "cars_bought": 0,
                "purchase_content": NONE,
                "prior_purchase": "0.00",
                "reason_purchase": NONE,
                "run_content": "公务用车的燃料费、维修费、过桥过路费、保险费等支出",
                "cars_held": 2,
                "prior_run": "76000.00",
                "reason_run": "车辆维修次数减少",
                "reception_domestic": "12000.00",
                "domestic_batches": 6,
                "domestic_people": 38,
                "domestic_content": "接待自治区财政厅及兄弟盟市财政部门调研、检查",
                "reception_foreign": "0.00",
                "foreign_batches": 0,
                "foreign_people": 0,
                "foreign_content": NONE,
                "prior_reception": "14500.00",
                "reason_reception": "严格控制接待标准和陪餐人数",
            },
            "fund": {"prior_spend": "0.00", "reason_prior": NONE},
            "soe": {"prior_spend": "0.00", "reason_prior": NONE},
            "running": {
                "prior_running": "905000.00",
                "reason_prior": "压减会议费、培训费等一般性支出",
            },
            "performance": {
                "gpb_count": 3,
                "gpb_amount": project,
                "fund_count": 0,
                "fund_amount": "0.00",
                "dept_eval_projects": "“预算管理一体化系统运维”",
                "dept_eval_count": 1,
                "dept_eval_gpb": "512000.00",
                "dept_eval_fund": "0.00",
                "dept_eval_conclusion": "评价结论为“优”，项目资金使用规范，达到预期目标。",
            },
            "contact": {"person": "王晓梅", "phone": "0477-0000000"},
        },
        "tables": {
            "unit_list": [
                {"key": "1", "label": "", "cells": {"name": "示例市财政局", "kind": "行政单位"}}
            ],
            "t1": [
                {"key": k, "cells": {"amount": "0.00"}}
                for k in ("nonfiscal_used", "opening", "distribution", "closing")
            ],
            "t2": [{"key": c, "cells": {"fiscal": _sum([b, p])}} for c, b, p, _, _ in T5],
            "t3": [{"key": c, "cells": {"basic": b, "project": p}} for c, b, p, _, _ in T5],
            "t4": [{"key": "inc_gpb", "cells": {"amount": total}}],
            "t5": [
                {"key": c, "cells": {"basic": b, "project": p, "budget": bud, "reason": why}}
                for c, b, p, bud, why in T5
            ],
            "t6": [{"key": c, "cells": {"amount": a}} for c, a in T6],
            "t7": [{"key": c, "cells": {"amount": a}} for c, a in T7],
            "t10": [
                {
                    "key": "amounts",
                    "cells": {
                        "budget_abroad": "0.00",
                        "budget_car_purchase": "0.00",
                        "budget_car_run": "80000.00",
                        "budget_reception": "15000.00",
                        "actual_abroad": "0.00",
                        "actual_car_purchase": "0.00",
                        "actual_car_run": "72000.00",
                        "actual_reception": "12000.00",
                    },
                }
            ],
            "t12": [
                {"key": k, "cells": {"amount": v}}
                for k, v in {
                    "running": PUBLIC,
                    "proc_goods": "542000.00",
                    "proc_works": "0.00",
                    "proc_services": "268000.00",
                    "sme_total": "810000.00",
                    "sme_small": "268000.00",
                    "sme_goods": "542000.00",
                    "sme_works": "0.00",
                    "sme_services": "268000.00",
                    "veh_confidential": "1",
                    "veh_other": "1",
                }.items()
            ],
        },
        "performance": {
            "projects": _performance(),
            "evaluation_text": [
                "本单位对“预算管理一体化系统运维”项目开展了部门评价，评价结论为“优”。"
            ],
            "report_title": "",
            "report": [],
        },
    }


def check(data: dict[str, object]) -> None:
    """Arithmetic the sample relies on (the program checks the rest)."""
    basic = sum((_money(b) for _, b, _, _, _ in T5), Decimal(0))
    six = sum((_money(a) for _, a in T6), Decimal(0))
    project = sum((_money(p) for _, _, p, _, _ in T5), Decimal(0))
    seven = sum((_money(a) for _, a in T7), Decimal(0))
    public = sum((_money(a) for c, a in T6 if c[:3] in ("302", "310")), Decimal(0))
    assert basic == six, (basic, six)
    assert project == seven, (project, seven)
    assert public == _money(PUBLIC), public
    assert data["profile"] == "nmg-2023-unit"


def main() -> None:
    data = build()
    check(data)
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(OUT)


if __name__ == "__main__":
    main()

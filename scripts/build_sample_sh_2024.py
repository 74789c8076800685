"""Builds resources/samples/sh-2024-dept.json, the built-in sample of the 上海 2024 profile.

The department, 中共上海市示例区委社会工作部, is made up, and so are its figures: a small 部门 of two
units (the 机关 and a 参照公务员法管理的 service centre), financed by 一般公共预算财政拨款 plus a
little 其他收入 (interest) of which part is carried over. Some lines therefore do not apply and
are left out of the 说明 (“不涉及的不列”); every table agrees with every other (the check finds no
错误 and no 警告). Amounts are written in 元; the 公开表 show 万元.

Run: python scripts/build_sample_sh_2024.py
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "samples" / "sh-2024-dept.json"
UNIT = "中共上海市示例区委社会工作部"
YEAR = 2024

COMMENTS = [
    "内置样例：中共上海市示例区委社会工作部 2024 年度部门决算（上海 2024 区级模板）。金额单位为元。",
    "部门与数字均为虚构，仅用于演示：各表勾稽关系成立，检查无错误、无警告。",
    "其他收入 3.20 万元（存款利息）中 2.00 万元用于区社会工作服务中心的日常运转，1.20 万元结转下年。",
]

# 一般公共预算财政拨款支出 by 项: code, basic, project, 年初预算, 主要用于, 差异原因.
T5 = [
    (
        "2013901",
        "4286000.00",
        "0.00",
        "4200000.00",
        "部门机关日常运转所需的人员经费和公用经费",
        "年中调入工作人员3名，人员经费相应增加",
    ),
    (
        "2013950",
        "1652000.00",
        "0.00",
        "1620000.00",
        "区社会工作服务中心日常运转所需的人员经费和公用经费",
        "年中调整绩效工资标准",
    ),
    (
        "2013999",
        "0.00",
        "2380000.00",
        "2600000.00",
        "社区工作者队伍建设、志愿服务推进等项目",
        "志愿服务推进项目采取政府采购方式，合同金额低于预算",
    ),
    ("2080505", "612000.00", "0.00", "600000.00", "机关事业单位基本养老保险缴费", "缴费基数调整"),
    ("2080506", "245000.00", "0.00", "240000.00", "机关事业单位职业年金缴费", "缴费基数调整"),
    ("2101101", "318000.00", "0.00", "310000.00", "行政单位职工基本医疗保险缴费", "缴费基数调整"),
    ("2101102", "96000.00", "0.00", "95000.00", "事业单位职工基本医疗保险缴费", "缴费基数调整"),
    ("2210201", "486000.00", "0.00", "480000.00", "按规定为职工缴存的住房公积金", "缴存基数调整"),
]

OTHER_INCOME = "32000.00"  # 其他收入 (interest) of the service centre, function 2013950
OTHER_SPENT = "20000.00"  # of which spent on its 基本支出; the rest is carried over
CLOSING = "12000.00"

# 一般公共预算财政拨款基本支出 by 经济分类 款 (人员经费 301/303, 公用经费 302/310).
T6 = [
    ("30101", "1180000.00"),
    ("30102", "1420000.00"),
    ("30103", "236000.00"),
    ("30107", "1060000.00"),
    ("30108", "612000.00"),
    ("30109", "245000.00"),
    ("30110", "360000.00"),
    ("30111", "54000.00"),
    ("30112", "28000.00"),
    ("30113", "486000.00"),
    ("30199", "64000.00"),
    ("30309", "8000.00"),
    ("30201", "186000.00"),
    ("30202", "42000.00"),
    ("30205", "26000.00"),
    ("30206", "118000.00"),
    ("30207", "58000.00"),
    ("30209", "426000.00"),
    ("30211", "64000.00"),
    ("30213", "152000.00"),
    ("30215", "18000.00"),
    ("30216", "46000.00"),
    ("30217", "8600.00"),
    ("30226", "96000.00"),
    ("30228", "92000.00"),
    ("30229", "108000.00"),
    ("30231", "54400.00"),
    ("30239", "215000.00"),
    ("30299", "102000.00"),
    ("31002", "130000.00"),
]

PUBLIC = "1942000.00"  # 公用经费合计 = 机关运行经费 (机关 and a 参公 centre)

TEXTS = {
    "functions": [
        "中共上海市示例区委社会工作部是区委职能部门，主要职能是：",
        "（一）贯彻落实党中央关于社会工作的方针政策和决策部署，统筹指导全区社会工作。",
        "（二）统筹推进党建引领基层治理和基层政权建设，指导社区工作者队伍建设。",
        "（三）统筹推进全区志愿服务体系建设，指导志愿服务组织开展工作。",
        "（四）完成区委交办的其他任务。",
    ],
    "structure": [
        "本部门机关内设办公室、综合协调科、社会组织工作科3个科室，下设事业单位1家。",
    ],
    "performance_work": [
        "绩效自评中发现，个别项目绩效指标设置不够细化。本部门已要求项目单位细化产出和效益指标，并将自评结果用于下年度预算安排。",
    ],
}

NONE = "无"


def _sum(values: list[str]) -> str:
    return f"{sum((Decimal(v) for v in values), Decimal(0)):.2f}"


def _indicator(row: tuple[str, str, str, str, str, str, str]) -> dict[str, str]:
    level1, level2, name, direction, target, unit, weight = row
    return {
        "level1": level1,
        "level2": level2,
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


def _project(
    name: str,
    amounts: tuple[str, str],
    texts: tuple[str, str, str, str],
    outputs: list[tuple[str, str, str, str, str, str, str]],
) -> dict[str, object]:
    full, executed = amounts
    goal, done, problems, measures = texts
    zero = {"initial": "0.00", "full": "0.00", "executed": "0.00"}
    common = [
        ("效益指标", "社会效益指标", "基层治理能力提升", "定性", "有效提升", "", "20"),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度", "大于等于", "90", "%", "10"),
    ]
    return {
        "name": name,
        "department": UNIT,
        "implementer": UNIT,
        "fiscal": {"initial": full, "full": full, "executed": executed},
        "carryover": zero,
        "other": zero,
        "funds_weight": "10",
        "goal_expected": goal,
        "goal_actual": done,
        "completion": done,
        "problems": problems,
        "measures": measures,
        "indicators": [_indicator(row) for row in [*outputs, *common]],
    }


def _performance() -> list[dict[str, object]]:
    return [
        _project(
            "社区工作者队伍建设项目",
            ("1500000.00", "1380000.00"),
            (
                f"{YEAR}年完成全区社区工作者分层分类培训，提升社区工作者专业能力。",
                "完成社区工作者培训2400人次，持证社工比例达到65%",
                "部分培训课程安排集中在下半年，执行进度不够均衡",
                "合理安排培训计划，均衡执行进度",
            ),
            [
                ("产出指标", "数量指标", "社区工作者培训人次", "大于等于", "2400", "人次", "20"),
                ("产出指标", "质量指标", "持证社工比例", "大于等于", "65", "%", "20"),
                ("产出指标", "时效指标", "培训完成时间", "小于等于", "12", "月", "10"),
                ("产出指标", "成本指标", "人均培训成本控制率", "小于等于", "100", "%", "10"),
            ],
        ),
        _project(
            "志愿服务推进项目",
            ("1100000.00", "1000000.00"),
            (
                f"{YEAR}年推进志愿服务阵地建设，扩大注册志愿者队伍。",
                "新建志愿服务站点20个，新增注册志愿者5000人",
                "站点建设采购合同金额低于预算，形成结余",
                "提前做好采购需求论证，合理编制项目预算",
            ),
            [
                ("产出指标", "数量指标", "新建志愿服务站点", "大于等于", "20", "个", "20"),
                ("产出指标", "数量指标", "新增注册志愿者", "大于等于", "5000", "人", "20"),
                ("产出指标", "时效指标", "站点建成时间", "小于等于", "10", "月", "10"),
                ("产出指标", "成本指标", "站点建设成本控制率", "小于等于", "100", "%", "10"),
            ],
        ),
    ]


def build() -> dict[str, object]:
    project = _sum([p for _, _, p, _, _, _ in T5])
    budget = _sum([b for _, _, _, b, _, _ in T5])
    gpb = _sum([b for _, b, _, _, _, _ in T5] + [project])
    prior_income = "9486000.00"
    prior_fiscal = "9460000.00"
    t2 = []
    t3 = []
    for code, basic, proj, _, _, _ in T5:
        cells: dict[str, str] = {"fiscal": _sum([basic, proj])}
        spend = {"basic": basic, "project": proj}
        if code == "2013950":
            cells["other"] = OTHER_INCOME
            spend["basic"] = _sum([basic, OTHER_SPENT])
        t2.append({"key": code, "cells": cells})
        t3.append({"key": code, "cells": spend})
    return {
        "format": "juesuan-case",
        "version": 1,
        "profile": "sh-2024-dept",
        "comments": COMMENTS,
        "unit": {"name": UNIT, "year": YEAR},
        "fields": {
            "functions": {"functions": TEXTS["functions"]},
            "structure": {"structure": TEXTS["structure"]},
            "overall": {
                "prior_total": prior_income,
                "reason_total": "年中调入工作人员3名，人员经费增加；新增志愿服务推进项目",
            },
            "fiscal": {
                "prior_total": prior_fiscal,
                "reason_prior": "人员经费增加，新增志愿服务推进项目",
            },
            "gpb": {
                "budget_total": budget,
                "reason_budget": "年中调入工作人员3名，人员经费增加；部分项目按进度结算，支出少于预算",
                "prior_gpb": prior_fiscal,
                "reason_prior": "人员经费增加，新增志愿服务推进项目",
            },
            "three": {
                "reason_budget": "严格执行公务接待和公务用车管理规定，压减一般性支出",
                "prior_total": "67200.00",
                "groups": 0,
                "people": 0,
                "prior_abroad": "0.00",
                "cars_bought": 0,
                "prior_purchase": "0.00",
                "run_content": "公务用车的燃料费、维修费、过路过桥费、保险费等支出",
                "cars_held": 1,
                "prior_run": "58000.00",
                "reason_run": "车辆使用频次减少，维修费用下降",
                "reception_domestic": "8600.00",
                "domestic_batches": 5,
                "domestic_people": 42,
                "domestic_content": "接待外区社会工作部门来访交流",
                "reception_foreign": "0.00",
                "foreign_batches": 0,
                "foreign_people": 0,
                "prior_reception": "9200.00",
                "reason_reception": "严格控制接待标准和陪同人数",
            },
            "fund": {"prior_spend": "0.00"},
            "soe": {"prior_spend": "0.00"},
            "performance": {
                "goal_count": 2,
                "goal_amount": project,
                "tracked_count": 2,
                "gpb_count": 2,
                "gpb_amount": project,
                # 平均得分 and the counts by 自评结果 are computed from the two 自评表.
                "work": TEXTS["performance_work"],
            },
            "other": {
                "prior_running": "1885000.00",
                "reason_running": "年中调入工作人员3名，办公及物业管理费相应增加",
            },
        },
        "tables": {
            "unit_list": [
                {
                    "key": "1",
                    "label": "",
                    "cells": {"name": UNIT, "kind": "行政单位", "note": "（本级）"},
                },
                {
                    "key": "2",
                    "label": "",
                    "cells": {
                        "name": "上海市示例区社会工作服务中心",
                        "kind": "参照公务员法管理的事业单位",
                        "note": "（下属参公事业单位）",
                    },
                },
            ],
            "t1": [
                {"key": "nonfiscal_used", "cells": {"amount": "0.00"}},
                {"key": "opening", "cells": {"amount": "0.00"}},
                {"key": "distribution", "cells": {"amount": "0.00"}},
                {"key": "closing", "cells": {"amount": CLOSING}},
            ],
            "t2": t2,
            "t3": t3,
            "t4": [{"key": "inc_gpb", "cells": {"amount": gpb}}],
            "t5": [
                {
                    "key": code,
                    "cells": {
                        "basic": basic,
                        "project": proj,
                        "budget": bud,
                        "purpose": purpose,
                        "reason": why,
                    },
                }
                for code, basic, proj, bud, purpose, why in T5
            ],
            "t6": [{"key": c, "cells": {"amount": a}} for c, a in T6],
            "t10": [
                {
                    "key": "amounts",
                    "cells": {
                        "budget_abroad": "0.00",
                        "budget_car_purchase": "0.00",
                        "budget_car_run": "60000.00",
                        "budget_reception": "10000.00",
                        "actual_abroad": "0.00",
                        "actual_car_purchase": "0.00",
                        "actual_car_run": "54400.00",
                        "actual_reception": "8600.00",
                    },
                }
            ],
            "t12": [
                {"key": k, "cells": {"amount": v}}
                for k, v in {
                    "running": PUBLIC,
                    "proc_goods": "130000.00",
                    "proc_works": "0.00",
                    "proc_services": "1268000.00",
                    "sme_total": "1150000.00",
                    "sme_reserved": "900000.00",
                    "sme_small": "860000.00",
                    "sme_goods": "130000.00",
                    "sme_works": "0.00",
                    "sme_services": "1020000.00",
                    "veh_confidential": "1",
                }.items()
            ],
        },
        "performance": {"projects": _performance()},
    }


def check(data: dict[str, object]) -> None:
    """Arithmetic the sample relies on (the program checks the rest)."""
    basic = sum((Decimal(b) for _, b, _, _, _, _ in T5), Decimal(0))
    six = sum((Decimal(a) for _, a in T6), Decimal(0))
    public = sum((Decimal(a) for c, a in T6 if c[:3] in ("302", "310")), Decimal(0))
    assert basic == six, (basic, six)
    assert public == Decimal(PUBLIC), public
    assert Decimal(OTHER_INCOME) == Decimal(OTHER_SPENT) + Decimal(CLOSING)
    assert data["profile"] == "sh-2024-dept"


def main() -> None:
    data = build()
    check(data)
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(OUT)


if __name__ == "__main__":
    main()

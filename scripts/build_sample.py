"""Builds resources/samples/nmg-2022-unit.json, the built-in sample, from the reference document.

The unit is 鄂尔多斯市红十字会(本级), 2022 (docs/domain.md, “the reference document”).
Every figure the reference states is here; the 12 tables are reconstructed from its text. Amounts
are written in 元. Where the published text is arithmetically inconsistent the sample holds
consistent figures, and COMMENTS (written into the file) says what differs and why.

Run: python scripts/build_sample.py  (reads scripts/sample_sources/*.json, the texts transcribed from the reference)
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "resources" / "samples"
SOURCES = Path(__file__).resolve().parent / "sample_sources"

COMMENTS = [
    "内置样例：鄂尔多斯市红十字会(本级) 2022 年度单位决算公开（内蒙古 2022 模板）。金额单位为元。",
    "公开文本只给出万元两位小数。以下金额按元取值，使其四舍五入后与公开数一致，且各表勾稽关系成立。",
    "基本支出 232.64 万元 ≠ 人员经费 201.47 + 公用经费 31.18 = 232.65：取人员经费 2014650.00 元"
    "（基本工资 548450.00 元）、公用经费 311750.00 元（其他交通费用 205250.00 元），"
    "合计 2326400.00 元，三者分别显示为 201.47、31.18、232.64，差 0.01 万元是四舍五入尾差。",
    "项目支出 555.90 万元 ≠ 472.98 + 5.97 + 76.94 = 555.89，且商品和服务支出各项之和显示为 472.99："
    "取办公费 110350.00 元、印刷费 48250.00 元（商品和服务支出合计 4729800.00 元），"
    "其他对个人和家庭的补助 59740.00 元，信息网络及软件购置更新 632740.00 元，"
    "项目支出合计 5558980.00 元（显示 555.90），均为尾差。",
    "一般公共预算年初预算 672.87 万元，但公开列出的各项年初预算之和为 659.86 万元，"
    "社会保障和就业支出类“与年初预算相比增加 113.91 万元”也只有在该类年初预算为 648.87 万元时成立："
    "样例补充了公开文本未列出的 2080506 机关事业单位职业年金缴费支出，年初预算 13.01 万元、决算 0.00 万元"
    "（项名为推定，差异原因为样例自拟），使 672.87、113.91、115.67、17.19% 全部一致。",
    "“三公”经费占比：公开文本为公务用车 98.73%、公务接待 1.27%，按 5.00/5.06、0.06/5.06 应为 98.81%、1.19%。",
    "公务用车运行维护费与上年相比“增加 2.36 万元，增长 89.85%”不能同时成立：样例取上年 2.64 万元，增长率为 89.39%。",
    "机构运行经费上年数公开文本未给出：取 251614.00 元，使“增加 6.01 万元，增长 23.90%”成立。",
    "绩效：党建项目全年执行数取详细表的 9.99 万元（统计表误为 10）；三救工作经费两项指标分值按得分更正为 10、5；"
    "三献工作经费四项时效指标分值、得分取 2.5，使分值合计为 100、总分 99.97（与统计表一致）。",
    "项目收入支出决算表：公开文本只给出项目个数与总额。12 个项目中 9 个的名称和金额来自公开文本，"
    "组织建设经费、红十字公益宣传经费、应急救护培训及救援队伍建设经费 3 个项目的金额为样例自拟，合计与 555.90 万元一致。",
    "2089999（其他社会保障和就业支出）的项级编码未能核实（也可能为 2089901），以名称为准。",
]

REASON_BUDGET = (
    "本年度红十字会本级由市本级调入1人、旗区调入1人，决算中增加包联驻村经费9.37万元、"
    "数字红会系统建设经费62.71万元、煤炭资源领域违规违法案件专项整治诉讼资金22.80万元"
)
REASON_INCREASE = (
    "红十字会本级根据工作需要由市本级调入1人、旗区调入1人，本年增加数字红会系统建设经费62.71万元、"
    "数字红会建设费30万元，本年度决算增加“红十字公益事业支出”286.63万元"
)
TRANSFER = "红十字会本级根据工作需要由市本级调入1人、旗区调入1人"
NONE = "不存在此项内容"


def _t5_rows() -> list[dict[str, object]]:
    # code, label, basic, project, budget, reason
    rows = [
        (
            "2019999",
            "其他一般公共服务支出",
            "0.00",
            "45500.00",
            "45500.00",
            "上年结转结余2021年AK工程中央财政补助资金",
        ),
        (
            "2080501",
            "行政单位离退休",
            "68600.00",
            "0.00",
            "29000.00",
            "本年度退休人员追加基础绩效奖",
        ),
        (
            "2080505",
            "机关事业单位基本养老保险缴费支出",
            "160000.00",
            "0.00",
            "151100.00",
            "本年度调整机关事业单位基本养老保险缴费基数",
        ),
        (
            "2080506",
            "机关事业单位职业年金缴费支出",
            "0.00",
            "0.00",
            "130100.00",
            "本年度职业年金缴费未在此科目列支",
        ),
        ("2081601", "行政运行", "1873200.00", "193680.00", "1565300.00", TRANSFER),
        (
            "2081699",
            "其他红十字事业支出",
            "0.00",
            "5319800.00",
            "4600000.00",
            "决算中增加包联驻村经费9.37万元、数字红会系统建设经费62.71万元、煤炭资源领域违规违法案件专项整治诉讼资金22.80万元",
        ),
        (
            "2089999",
            "其他社会保障和就业支出",
            "12500.00",
            "0.00",
            "13200.00",
            "本年度调整工伤保险基数",
        ),
        ("2101101", "行政单位医疗", "92100.00", "0.00", "81200.00", TRANSFER),
        ("2210201", "住房公积金", "120000.00", "0.00", "113300.00", TRANSFER),
    ]
    return [
        {
            "key": c,
            "label": label,
            "cells": {"basic": b, "project": p, "budget": bud, "reason": why},
        }
        for c, label, b, p, bud, why in rows
    ]


def _sum(*amounts: str) -> str:
    from decimal import Decimal

    return f"{sum(Decimal(a) for a in amounts):.2f}"


def build() -> dict[str, object]:
    texts = json.loads((SOURCES / "texts.json").read_text(encoding="utf-8"))
    perf = json.loads((SOURCES / "performance.json").read_text(encoding="utf-8"))
    t5 = _t5_rows()
    funded = [r for r in t5 if r["key"] != "2080506"]
    t2 = [
        {
            "key": r["key"],
            "label": r["label"],
            "cells": {"fiscal": _sum(r["cells"]["basic"], r["cells"]["project"])},
        }  # type: ignore[index]  # the rows are JSON-like dicts
        for r in funded
    ]
    t3 = [
        {
            "key": r["key"],
            "label": r["label"],
            "cells": {"basic": r["cells"]["basic"], "project": r["cells"]["project"]},
        }  # type: ignore[index]  # the rows are JSON-like dicts
        for r in funded
    ]
    t6 = [
        ("30101", "548450.00"),
        ("30102", "978800.00"),
        ("30103", "34200.00"),
        ("30108", "160000.00"),
        ("30110", "68500.00"),
        ("30111", "23600.00"),
        ("30112", "12500.00"),
        ("30113", "120000.00"),
        ("30201", "16400.00"),
        ("30207", "2000.00"),
        ("30208", "33100.00"),
        ("30211", "6100.00"),
        ("30216", "6900.00"),
        ("30217", "600.00"),
        ("30228", "10800.00"),
        ("30229", "22600.00"),
        ("30231", "8000.00"),
        ("30239", "205250.00"),
        ("30302", "68600.00"),
    ]
    t7 = [
        ("30201", "110350.00"),
        ("30202", "48250.00"),
        ("30207", "4300.00"),
        ("30211", "63900.00"),
        ("30215", "9700.00"),
        ("30216", "18400.00"),
        ("30226", "98200.00"),
        ("30227", "267600.00"),
        ("30231", "42000.00"),
        ("30239", "14200.00"),
        ("30299", "4052900.00"),
        ("30399", "59740.00"),
        ("31002", "92600.00"),
        ("31003", "44100.00"),
        ("31007", "632740.00"),
    ]
    projects = [
        ("党的建设、意识形态、改革调研三项经费", "99900.00"),
        ("包联驻村经费", "93700.00"),
        ("组织建设经费", "50000.00"),
        ("红十字公益宣传经费", "150000.00"),
        ("数字红会建设费", "300000.00"),
        ("红十字公益事业支出", "2866300.00"),
        ("三献工作经费", "199400.00"),
        ("三救工作经费", "398900.00"),
        ("数字红会系统建设经费", "627100.00"),
        ("煤炭资源领域违规违法案件专项整治诉讼资金", "228000.00"),
        ("安可替代工程（AK工程中央财政补助资金）", "45500.00"),
        ("应急救护培训及救援队伍建设经费", "500180.00"),
    ]
    t12 = {
        "running": "311750.00",
        "proc_goods": "10800.00",
        "proc_works": "0.00",
        "proc_services": "98200.00",
        "sme_total": "0.00",
        "sme_small": "0.00",
        "sme_goods": "0.00",
        "sme_works": "0.00",
        "sme_services": "0.00",
        "veh_ministerial": "0",
        "veh_leader": "0",
        "veh_confidential": "1",
        "veh_emergency": "0",
        "veh_enforcement": "0",
        "veh_special": "0",
        "veh_retired": "0",
        "veh_other": "0",
        "equipment": "0",
    }
    three = {
        "budget_abroad": "0.00",
        "budget_car_purchase": "0.00",
        "budget_car_run": "50000.00",
        "budget_reception": "600.00",
        "actual_abroad": "0.00",
        "actual_car_purchase": "0.00",
        "actual_car_run": "50000.00",
        "actual_reception": "600.00",
    }
    return {
        "format": "juesuan-case",
        "version": 1,
        "profile": "nmg-2022-unit",
        "comments": COMMENTS,
        "unit": {"name": "内蒙古自治区鄂尔多斯市红十字会(本级)", "year": 2022},
        "fields": {
            "functions": {"functions": texts["functions"]},
            "structure": {"structure": texts["structure"]},
            "work": {"work": texts["work"]},
            "overall": {
                "reason_budget": REASON_BUDGET,
                "prior_total": "5412400.00",
                "prior_income": "4032000.00",
                "reason_income": REASON_INCREASE,
                "prior_nonfiscal": "0.00",
                "reason_nonfiscal": NONE,
                "prior_opening": "1380400.00",
                "reason_opening": "2021年度支出结转彩票公益金资金100万元、农村牧区低保老年人白内障患者康复治疗"
                "（“光明行动”活动）补助资金0.61万元、福利彩票公益金-生命体验馆建设项目资金32.21万元、"
                "安可替代工程5.23万元，本年度没有此项支出",
                "prior_expense": "5412400.00",
                "reason_expense": REASON_INCREASE,
                "distribution_items": "无",
                "prior_distribution": "0.00",
                "reason_distribution": NONE,
                "closing_items": "无",
                "prior_closing": "0.00",
                "reason_closing": NONE,
            },
            "fiscal": {
                "reason_budget": REASON_BUDGET.replace("违规违法", "违法违规"),
                "prior_total": "5412400.00",
                "reason_prior": REASON_INCREASE.replace("本年增加", "增加"),
            },
            "three": {
                "reason_budget": "无差异",
                "groups": 0,
                "people": 0,
                "prior_abroad": "0.00",
                "reason_abroad": NONE,
                "cars_bought": 0,
                "purchase_content": NONE,
                "prior_purchase": "0.00",
                "reason_purchase": NONE,
                "run_content": "按规定保留的公务用车的燃料费、维修费、过桥过路费、保险费、安全奖励费用等支出",
                "cars_held": 1,
                "prior_run": "26400.00",
                "reason_run": "一是市红十字会公务用车行程公里数已超过38万公里，本年度对此车进行维护维修并购买保险及日常加油维护；"
                "二是根据市委统一安排部署完成包联村帮扶工作使用车辆",
                "reception_domestic": "600.00",
                "domestic_batches": 1,
                "domestic_people": 12,
                "domestic_content": "用于招待自治区红十字会调研人员",
                "reception_foreign": "0.00",
                "foreign_batches": 0,
                "foreign_people": 0,
                "foreign_content": NONE,
                "prior_reception": "600.00",
                "reason_reception": NONE,
            },
            "fund": {
                "prior_spend": "1328200.00",
                "reason_prior": "2021年度支出上年度结转生命体验馆项目资金，本年无政府性基金预算财政拨款收、支、余",
            },
            "soe": {
                "prior_spend": "0.00",
                "reason_prior": "本年无国有资本经营预算财政拨款收、支、余",
            },
            "gpb": {"budget_total": "6728700.00"},
            "projects": {"planned": 7, "implemented": 12, "completed": 12},
            "running": {
                "prior_running": "251614.00",
                "reason_prior": TRANSFER + "，机构运行经费增加",
            },
            "performance": {
                "gpb_count": 12,
                "gpb_amount": "5558980.00",
                "fund_count": 0,
                "fund_amount": "0.00",
                "dept_eval_projects": texts["dept_eval_projects"],
                "dept_eval_count": 12,
                "dept_eval_gpb": "5558980.00",
                "dept_eval_fund": "0.00",
                "dept_eval_conclusion": texts["dept_eval_conclusion"],
            },
            "contact": {"person": texts["contact_person"], "phone": texts["contact_phone"]},
        },
        "tables": {
            "unit_list": [
                {"key": str(n), "label": "", "cells": {"name": u["name"], "kind": u["kind"]}}
                for n, u in enumerate(texts["unit_table"], start=1)
            ],
            "t1": [
                {"key": k, "cells": {"amount": "0.00"}}
                for k in ("nonfiscal_used", "opening", "distribution", "closing")
            ],
            "t2": t2,
            "t3": t3,
            "t4": [{"key": "inc_gpb", "cells": {"amount": "7885380.00"}}],
            "t11": [
                {
                    "key": str(n),
                    "label": name,
                    "cells": {
                        "opening": "0.00",
                        "income_fiscal": amt,
                        "income_other": "0.00",
                        "spending": amt,
                    },
                }
                for n, (name, amt) in enumerate(projects, start=1)
            ],
            "t5": t5,
            "t6": [{"key": c, "cells": {"amount": a}} for c, a in t6],
            "t7": [{"key": c, "cells": {"amount": a}} for c, a in t7],
            "t10": [{"key": "amounts", "cells": three}],
            "t12": [{"key": k, "cells": {"amount": v}} for k, v in t12.items()],
        },
        "glossary": texts["glossary"],
        "performance": {
            "projects": perf["projects"],
            "evaluation_text": texts["evaluation_text"],
            "report_title": texts["report_title"],
            "report": texts["report"],
        },
    }


def main() -> None:
    out = SAMPLES / "nmg-2022-unit.json"
    out.write_text(json.dumps(build(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(out)


if __name__ == "__main__":
    main()

"""Every installed profile exports and checks its own sample, read back from the .docx.

The expected skeletons come from the templates (docs/domain.md §1.2, docs/tables-nmg.md §2): 内蒙古 2022 has
15 说明 sections and 12 tables, 内蒙古 2023 14 and 11, 上海 2024 11 and 9.
"""

from __future__ import annotations

import re
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from desktop import paths
from desktop.core.calc import Figures
from desktop.core.checks import run_checks
from desktop.core.issues import Severity
from desktop.storage.interchange import loads_case
from tests.conftest import export_case
from tests.export.docx_text import body_paragraphs, open_docx

if TYPE_CHECKING:
    from pathlib import Path

    from docx.document import Document as DocxDocument

    from desktop.core.model import Case
    from desktop.sections.catalog import Catalog

# profile → (part title prefix → number of 公开-标题1 headings in that part)
SKELETONS = {
    "nmg-2022-unit": {"第一部分": 3, "第二部分": 15, "第三部分": 0, "第四部分": 0, "第五部分": 12},
    "nmg-2023-unit": {"第一部分": 3, "第二部分": 14, "第三部分": 0, "第四部分": 0, "第五部分": 11},
    "sh-2024-dept": {"第一部分": 2, "第二部分": 9, "第三部分": 11, "第四部分": 0},
}
TABLE_PART = {"nmg-2022-unit": "第五部分", "nmg-2023-unit": "第五部分", "sh-2024-dept": "第二部分"}
TEXT_PART = {"nmg-2022-unit": "第二部分", "nmg-2023-unit": "第二部分", "sh-2024-dept": "第三部分"}

NMG_2023_TABLES = [
    "一、收入支出决算总表",
    "二、收入决算表",
    "三、支出决算表",
    "四、财政拨款收入支出决算总表",
    "五、一般公共预算财政拨款支出决算表",
    "六、一般公共预算财政拨款基本支出决算明细表",
    "七、一般公共预算财政拨款项目支出决算明细表",
    "八、政府性基金预算财政拨款收入支出决算表",
    "九、国有资本经营预算财政拨款支出决算表",
    "十、财政拨款“三公”经费支出决算表",
    "十一、机构运行经费支出、国有资产占用情况及政府采购支出信息表",
]
SH_TABLES = [
    "一、收入支出决算总表",
    "二、收入决算表",
    "三、支出决算表",
    "四、财政拨款收入支出决算总表",
    "五、一般公共预算财政拨款支出决算表",
    "六、一般公共预算财政拨款基本支出决算表",
    "七、财政拨款“三公”经费支出决算表",
    "八、政府性基金预算财政拨款收入支出决算表",
    "九、国有资本经营预算财政拨款收入支出决算表",
]
SH_SECTIONS = [
    "一、收入支出决算总体情况说明",
    "二、收入决算情况说明",
    "三、支出决算情况说明",
    "四、财政拨款收入支出决算总体情况说明",
    "五、一般公共预算财政拨款支出决算情况说明",
    "六、一般公共预算财政拨款基本支出决算情况说明",
    "七、财政拨款“三公”经费支出决算情况说明",
    "八、政府性基金预算财政拨款收入支出决算情况说明",
    "九、国有资本经营预算财政拨款收入支出决算情况说明",
    "十、预算绩效管理情况",
    "十一、其他重要事项说明",
]

# The 上海 2024 wording of the published documents (issue #12), as the sample reads.
SH_UNIT = "中共上海市示例区委社会工作部"
SH_GOLDEN = [
    # §一 is one paragraph.
    f"{SH_UNIT}2024年度收入、支出总计1010.70万元。与2023年度相比，收入、支出总计各增加62.10万元，"
    "增长6.55%。主要原因：年中调入工作人员3名，人员经费增加；新增志愿服务推进项目。",
    # §五 (二) by 类 with （类）, (三) opens with 年初预算 against 决算.
    f"{SH_UNIT}2024年度一般公共预算财政拨款支出1007.50万元，主要用于以下方面：一般公共服务支出（类）"
    "831.80万元，占82.56%；社会保障和就业支出（类）85.70万元，占8.51%；卫生健康支出（类）41.40万元，"
    "占4.11%；住房保障支出（类）48.60万元，占4.82%。",
    f"{SH_UNIT}2024年度一般公共预算财政拨款支出年初预算为1014.50万元，支出决算为1007.50万元，"
    "完成年初预算的99.31%。决算数小于预算数的主要原因：年中调入工作人员3名，人员经费增加；"
    "部分项目按进度结算，支出少于预算。其中：",
    # §七: every item, zeros included; year on year, item by item.
    f"{SH_UNIT}2024年度“三公”经费财政拨款支出年初预算为7.00万元，支出决算为6.30万元，完成预算的90.00%。"
    "决算数小于预算数的主要原因：严格执行公务接待和公务用车管理规定，压减一般性支出。其中：因公出国（境）费"
    "年初预算为0.00万元，支出决算为0.00万元；公务用车购置及运行维护费年初预算为6.00万元，支出决算为5.44万元，"
    "完成预算的90.67%；公务接待费年初预算为1.00万元，支出决算为0.86万元，完成预算的86.00%。",
    f"{SH_UNIT}2024年度“三公”经费财政拨款支出决算数比2023年度减少0.42万元，下降6.25%，其中：因公出国（境）费"
    "与上一年度持平；公务用车购置费与上一年度持平；公务用车运行维护费比上年度减少0.36万元，下降6.21%，"
    "主要原因：车辆使用频次减少，维修费用下降；公务接待费比上年度减少0.06万元，下降6.52%，主要原因：严格控制"
    "接待标准和陪同人数。",
    "1.因公出国（境）费支出0.00万元，占0.00%，全年组织因公出国（境）团组0个、0人次。",
    "4.公务接待费支出0.86万元，其中：国内公务接待5批次、42人次，支出0.86万元，主要用于接待外区社会工作部门"
    "来访交流；外宾接待0批次、0人次，支出0.00万元。",
    # §十 the formula, no 自评表.
    "2024年度，本部门对2个项目设定了绩效目标，涉及预算金额238.00万元；对2个项目开展了绩效跟踪；对2个项目开展了"
    "绩效自评，涉及资金238.00万元，占一般公共预算项目支出总额的100.00%，平均得分99.15分，其中：评价等级为“优”的"
    "2个、“良”的0个、“合格”的0个、“不合格”的0个。",
    # 政府采购 (以合同签订为准), 工程 0 stated, 预留 and 其他项目 apart; 国有资产占有使用 with every vehicle kind.
    f"{SH_UNIT}2024年度政府采购金额（以合同签订为准）共计139.80万元，其中：政府采购货物支出13.00万元、政府采购"
    "工程支出0.00万元、政府采购服务支出126.80万元。本年无政府采购工程支出。授予中小企业合同金额115.00万元，"
    "占政府采购支出总额的82.26%，其中：预留选项面向中小企业采购合同金额90.00万元，在其他项目中授予中小企业"
    "合同金额25.00万元；授予小微企业合同金额86.00万元，占授予中小企业合同金额的74.78%。",
    "截至2024年12月31日，本部门共有车辆1辆，其中：副部（省）级及以上领导用车0辆、主要负责人用车0辆、机要通信用车"
    "1辆、应急保障用车0辆、执法执勤用车0辆、特种专业技术用车0辆、离退休干部服务用车0辆、其他用车0辆；单价100万元"
    "（含）以上设备（不含车辆）0台（套）。",
]

SH_GLOSSARY_THREE = (
    "十、“三公”经费：指单位使用本级财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。其中："
    "因公出国（境）费反映单位参加国际合作交流、重大项目洽谈、境外培训研修等的国际旅费、国外城市间交通费、住宿费、"
    "伙食费、培训费、公杂费等支出；公务接待费反映全国性专业会议、国家重大政策调研、专项检查以及外事团组接待交流等"
    "执行公务或开展业务所需住宿费、交通费、伙食费等支出；公务用车购置及运行维护费反映编制内公务车辆的报废更新，"
    "以及用于安排市内因公出差、公务文件交换、日常工作开展等所需公务用车燃料费、维修费、过路过桥费、保险费等支出。"
)
SH_GLOSSARY_RUNNING = (
    "十一、机关运行经费：指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的"
    "日常公用经费支出。"
)

# Template leftovers (docs/domain.md §3.4 F6), unfilled placeholders and broken punctuation.
LEFTOVERS = re.compile(
    r"XX|ＸＸ|××|某某|增加（减少）|减少（增加）|增长（下降）|下降（增长）|（不涉及的不列）|作下述说明"
    r"|[{}]|§TABLE§|。。|：。|，。|；。|：；|占%|的%"
)


def _sample(profile_id: str, catalog: Catalog) -> Case:
    path = paths.resources_dir() / "samples" / f"{profile_id}.json"
    return loads_case(path.read_text(encoding="utf-8"), catalog.profiles)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> dict[str, DocxDocument]:
    out = tmp_path_factory.mktemp("profiles")
    return {
        pid: open_docx(export_case(_sample(pid, catalog), catalog, out / f"{pid}.docx"))
        for pid in SKELETONS
    }


def _headings_by_part(doc: DocxDocument) -> dict[str, list[str]]:
    parts: dict[str, list[str]] = {}
    current = ""
    for style, text in body_paragraphs(doc):
        if style == "公开-部分标题":
            current = text.split(" ", 1)[0]
            parts[current] = []
        elif style == "公开-标题1" and current:
            parts[current].append(text)
    return parts


def _all_text(doc: DocxDocument) -> list[str]:
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return [p.text for p in doc.paragraphs] + cells


def _part(doc: DocxDocument, prefix: str) -> list[str]:
    paras = body_paragraphs(doc)
    heads = [i for i, (s, _) in enumerate(paras) if s == "公开-部分标题"]
    first = next(i for i in heads if paras[i][1].startswith(prefix))
    after = [i for i in heads if i > first]
    return [t for _, t in paras[first : after[0] if after else len(paras)]]


def test_every_installed_profile_is_covered(catalog: Catalog) -> None:
    assert set(catalog.profiles) == set(SKELETONS)


@pytest.mark.parametrize("profile_id", sorted(SKELETONS))
def test_sample_has_no_errors_or_warnings(profile_id: str, catalog: Catalog) -> None:
    case = _sample(profile_id, catalog)
    assert case.profile_id == profile_id
    issues = run_checks(Figures(case, catalog.profile(profile_id), catalog.codes))
    serious = [i for i in issues if i.severity in (Severity.ERROR, Severity.WARNING)]
    assert serious == [], [i.message for i in serious]


@pytest.mark.parametrize("profile_id", sorted(SKELETONS))
def test_document_has_exactly_the_profiles_tables_and_sections(
    profile_id: str, exported: dict[str, DocxDocument], catalog: Catalog
) -> None:
    doc = exported[profile_id]
    parts = _headings_by_part(doc)
    assert {k: len(v) for k, v in parts.items()} == SKELETONS[profile_id]
    profile = catalog.profile(profile_id)
    tables = profile.disclosure_tables()
    titles = [h.split("、", 1)[1] for h in parts[TABLE_PART[profile_id]]]
    assert titles == [t.title for t in tables]
    explanation = [s for s in profile.sections if s.part == "explanation"]
    assert len(parts[TEXT_PART[profile_id]]) == len(explanation)
    # The 目录 lists exactly the headings of the body.
    paras = body_paragraphs(doc)
    # (a line break carried to keep the dots company is layout, not text: toc_wrap)
    toc = [t.split("\t")[0].replace("\n", "") for s, t in paras if s in ("toc 1", "toc 2")]
    assert toc == [t for s, t in paras if s in ("公开-部分标题", "公开-标题1")]
    # Every 公开表 of the profile is in the document (plus 单位情况表 and the 绩效 tables).
    grids = [t for t in doc.tables if t.rows]
    assert len(grids) >= len(tables)


@pytest.mark.parametrize("profile_id", sorted(SKELETONS))
def test_no_template_leftovers(profile_id: str, exported: dict[str, DocxDocument]) -> None:
    found = [t for t in _all_text(exported[profile_id]) if LEFTOVERS.search(t)]
    assert found == []


def test_nmg_2023_titles_and_headings(exported: dict[str, DocxDocument]) -> None:
    doc = exported["nmg-2023-unit"]
    parts = _headings_by_part(doc)
    assert parts["第五部分"] == NMG_2023_TABLES
    assert "五、一般公共预算财政拨款支出决算情况说明" in parts["第二部分"]
    assert "七、一般公共预算财政拨款项目支出决算情况说明" in parts["第二部分"]
    assert "十一、机构运行经费支出决算情况说明" in parts["第二部分"]
    assert parts["第二部分"][-1] == "十四、预算绩效情况说明"
    heads = [t for s, t in body_paragraphs(doc) if s == "公开-部分标题"]
    assert "第二部分 单位决算情况说明" in heads
    assert "第五部分 单位决算表" in heads
    text = "\n".join(_all_text(doc))
    assert "项目收入支出决算表" not in text
    assert not any(h.endswith("、项目支出决算情况说明") for h in parts["第二部分"])
    # 内蒙古 lists every income line, zeros included.
    income = _part(doc, "第二部分")
    assert any(t.startswith("本年事业收入0.00万元") for t in income)


def test_shanghai_wording(exported: dict[str, DocxDocument]) -> None:
    doc = exported["sh-2024-dept"]
    parts = _headings_by_part(doc)
    assert parts["第二部分"] == SH_TABLES
    assert parts["第三部分"] == SH_SECTIONS
    heads = [t for s, t in body_paragraphs(doc) if s == "公开-部分标题"]
    assert heads == [
        "第一部分 中共上海市示例区委社会工作部概况",
        "第二部分 中共上海市示例区委社会工作部2024年度部门决算表",
        "第三部分 中共上海市示例区委社会工作部2024年度部门决算情况说明",
        "第四部分 名词解释",
    ]
    text = "\n".join(_all_text(doc))
    assert "机构运行经费" not in text
    assert "机关运行经费支出194.20万元" in text
    # 部门 wording only; “下属事业单位决算” (the 单位构成 sentence) is a 部门's own phrase
    assert re.search(r"(?<![政业])单位决算", text) is None
    assert "编制单位" not in text
    assert "部门：中共上海市示例区委社会工作部\t单位：万元" in [p.text for p in doc.paragraphs]
    body = _part(doc, "第三部分")
    # 不涉及的不列: only the income lines the department has, in one sentence.
    income = next(t for t in body if "本年收入合计1010.70万元，其中：" in t)
    assert income.endswith("财政拨款收入1007.50万元，占99.68%；其他收入3.20万元，占0.32%。")
    assert "事业收入" not in income
    assert not any("使用非财政拨款结余（含专用结余）" in t for t in body)
    assert any("决算数小于预算数的主要原因：" in t for t in body)
    for sentence in SH_GOLDEN:
        assert sentence in body, sentence
    # 名词解释 in 上海's own words (the 2024 template and the published 普陀区 documents): eleven terms.
    glossary = _part(doc, "第四部分")
    assert [t.split("：")[0] for t in glossary if "：" in t][-2:] == [
        "十、“三公”经费",
        "十一、机关运行经费",
    ]
    assert SH_GLOSSARY_THREE in glossary
    assert SH_GLOSSARY_RUNNING in glossary
    assert not any("机关运行经费：指为保障行政单位" in t for t in glossary)
    assert (
        "中共上海市示例区委社会工作部2024年度无政府性基金预算财政拨款收入、支出及结转和结余。"
        in body
    )


def test_shanghai_title_breaks_between_the_unit_and_the_year(
    exported: dict[str, DocxDocument],
) -> None:
    title = exported["sh-2024-dept"].paragraphs[0].text
    assert title == "中共上海市示例区委社会工作部\n2024年度部门决算"


def test_shanghai_basic_table_has_two_blocks(exported: dict[str, DocxDocument]) -> None:
    doc = exported["sh-2024-dept"]
    table = next(t for t in doc.tables if "人员经费合计" in t.rows[-1].cells[0].text)
    header = [c.text for c in table.rows[0].cells]
    # the code header on two lines, broken between words
    assert header == ["经济分类\n科目编码", "科目名称", "决算数"] * 2
    last = [c.text for c in table.rows[-1].cells]
    assert last[0] == last[1] == "人员经费合计"
    assert last[2] == "575.30"
    assert last[3] == last[4] == "公用经费合计"
    assert last[5] == "194.20"
    codes = {c.text for r in table.rows for c in r.cells}
    assert {"30101", "30114", "30399", "30240", "31099"} <= codes  # zero 款 are listed too
    assert "31005" not in codes  # only the 310 款 the template lists


def test_shanghai_three_public_table_headers(exported: dict[str, DocxDocument]) -> None:
    doc = exported["sh-2024-dept"]
    table = next(t for t in doc.tables if "公务接待费" in t.rows[0].cells[-1].text)
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0][0] == rows[0][1] == "合计"
    assert rows[0][2] == "因公出国（境）费"
    assert rows[0][4] == rows[0][9] == "公务用车购置及运行维护费"
    assert rows[1][4] == "小计"
    assert rows[1][6] == "公务用车购置费"
    assert rows[1][8] == "公务用车运行维护费"
    assert rows[2][:4] == ["预算数", "决算数", "预算数", "决算数"]
    assert rows[-1][:2] == ["7.00", "6.30"]


@pytest.mark.parametrize("profile_id", sorted(SKELETONS))
def test_command_line_exports_and_checks_the_sample(profile_id: str, tmp_path: Path) -> None:
    def juesuan(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "desktop", *args],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    target = tmp_path / f"{profile_id}.docx"
    exported = juesuan("export", "--sample", profile_id, "-o", str(target))
    assert exported.returncode == 0, exported.stderr
    assert target.is_file()
    checked = juesuan("check", "--sample", profile_id)
    assert checked.returncode == 0, checked.stdout
    assert "错误 0 条，警告 0 条" in checked.stdout or "未发现问题" in checked.stdout

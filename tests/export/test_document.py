"""The exported sample, read back: layout, fonts, 目录, tables, charts and odd input."""

from __future__ import annotations

import dataclasses
import zipfile
from typing import TYPE_CHECKING

from docx.shared import Length, Pt

from desktop.core.model import Case, TableRow, TableValues, Unit
from tests.conftest import export_case
from tests.export.docx_text import body_paragraphs, open_docx

if TYPE_CHECKING:
    from pathlib import Path

    from desktop.sections.catalog import Catalog


def cm(length: Length | None) -> float:
    assert length is not None
    return round(float(length.cm), 1)


def test_page_setup_fonts_and_language(sample_docx: Path) -> None:
    doc = open_docx(sample_docx)
    first = doc.sections[0]
    assert (cm(first.page_width), cm(first.page_height)) == (21.0, 29.7)
    assert cm(first.top_margin) == 3.7
    assert cm(first.left_margin) == 2.8
    body = doc.styles["公开-正文"]
    assert body.font.size == Pt(16)
    assert body.paragraph_format.line_spacing == Pt(28.9)
    fonts = body.element.rPr.rFonts
    assert (
        fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
        == "仿宋_GB2312"
    )
    styles_xml = zipfile.ZipFile(sample_docx).read("word/styles.xml").decode("utf-8")
    assert 'w:eastAsia="zh-CN"' in styles_xml
    footer_xml = zipfile.ZipFile(sample_docx).read("word/footer1.xml").decode("utf-8")
    assert "PAGE" in footer_xml
    assert "—" in footer_xml


def test_toc_lists_exactly_the_headings(sample_docx: Path) -> None:
    paras = body_paragraphs(open_docx(sample_docx))
    toc = [t.split("\t")[0].replace("\n", "") for s, t in paras if s in ("toc 1", "toc 2")]
    headings = [t for s, t in paras if s in ("公开-部分标题", "公开-标题1")]
    assert toc == headings
    assert "三、2022年度单位主要工作完成情况" in toc
    assert len([t for t in toc if t.startswith("第")]) == 5


def test_part_five_has_the_twelve_tables(sample_docx: Path) -> None:
    doc = open_docx(sample_docx)
    paras = body_paragraphs(doc)
    start = next(
        i for i, (s, t) in enumerate(paras) if s == "公开-部分标题" and t.startswith("第五部分")
    )
    titles = [t for s, t in paras[start:] if s == "公开-标题1"]
    assert len(titles) == 12
    assert titles[0] == "一、收入支出决算总表"
    assert titles[4] == "五、项目收入支出决算表"
    # Every table repeats its header rows on each page and keeps rows whole.
    first_table = doc.tables[-12]
    tr_pr = first_table.rows[0]._tr.trPr
    assert tr_pr is not None
    assert (
        tr_pr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader")
        is not None
    )
    orientations = {s.orientation for s in doc.sections}
    assert len(orientations) == 2  # wide tables sit in landscape sections


def _cells(table: object) -> list[str]:
    return [c.text for row in table.rows for c in row.cells]  # type: ignore[attr-defined]  # python-docx has no type hints


def test_table_cells_carry_the_figures(sample_docx: Path) -> None:
    doc = open_docx(sample_docx)
    texts = ["\n".join(_cells(t)) for t in doc.tables]
    summary = next(t for t in texts if "一、一般公共预算财政拨款收入" in t)
    assert "788.54" in summary
    assert "本年支出合计" in summary
    detail = next(t for t in texts if "人员经费合计" in t)
    assert "201.47" in detail
    assert "31.18" in detail
    assert "232.64" in detail
    perf = next(t for t in texts if "合计/均分" in t)
    assert "386.45" in perf
    assert "96.61%" in perf
    assert "99.90" in perf
    assert any("本年无国有资本经营预算财政拨款支出，故本表无数据" in p.text for p in doc.paragraphs)


def test_charts_are_embedded(sample_docx: Path) -> None:
    # 图2 is drawn; 图1's only slice is 100 %: a sentence stands in for the pie and its caption.
    names = zipfile.ZipFile(sample_docx).namelist()
    assert len([n for n in names if n.startswith("word/media/") and n.endswith(".png")]) == 1
    texts = [t for _, t in body_paragraphs(open_docx(sample_docx))]
    assert "一般公共预算财政拨款收入788.54万元，占100.00%，故不再以饼图列示。" in texts
    assert "图1.收入决算图" not in texts
    assert "图2.支出决算图" in texts


NASTY = "甲 & 乙 < 丙 > \"丁\" '戊' {{ x }} {% if %} 第一行\x0b第二行 🙂"


def test_user_text_comes_out_exactly_as_typed(
    tmp_path: Path, sample_case: Case, catalog: Catalog
) -> None:
    fields = {k: dict(v) for k, v in sample_case.fields.items()}
    fields["overall"]["reason_budget"] = NASTY
    t12 = sample_case.tables["unit_list"]
    row = dataclasses.replace(t12.rows[0], cells={"name": NASTY, "kind": "全额拨款"})
    case = dataclasses.replace(
        sample_case,
        unit=Unit("某某市R&D<中心>", 2022),
        fields=fields,
        tables={
            **sample_case.tables,
            "unit_list": TableValues((row, TableRow("2", "", {"name": "x"}))),
        },
    )
    out = export_case(case, catalog, tmp_path / "nasty.docx")
    doc = open_docx(out)
    expected = NASTY.replace("\x0b", "\n")
    texts = [p.text for p in doc.paragraphs]
    assert any(expected in t for t in texts)
    assert any(t.startswith("某某市R&D<中心>单位2022年度收入、支出决算总计") for t in texts)
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert expected in cells
    assert texts[0] == "2022年度某某市R&D<中心>单位决算公开"


def test_export_replaces_the_target_atomically(
    tmp_path: Path, sample_case: Case, catalog: Catalog
) -> None:
    target = tmp_path / "out.docx"
    target.write_bytes(b"old")
    export_case(sample_case, catalog, target)
    assert zipfile.is_zipfile(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.docx"]


def test_landscape_sections_fit_the_table(sample_docx: Path) -> None:
    doc = open_docx(sample_docx)
    for section in doc.sections:
        width = cm(section.page_width) - cm(section.left_margin) - cm(section.right_margin)
        assert width >= 15.5

"""Pagination and table geometry, read back from the exported .docx (no LibreOffice needed).

Header words break between words, column widths come from content, the 自评表 repeats its
指标 header, its 综述 stands on its landscape page, 公开01表 goes portrait in 小五.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import TYPE_CHECKING, cast

import docx
import pytest
from docx.oxml.ns import qn

from desktop import paths
from desktop.export import table_fit as fit
from desktop.export.docx_tables import insert_tables
from desktop.export.layouts import table_layout
from desktop.export.table_layout import LayoutCell, TableLayout, content_widths
from tests.export.test_docx_tables import LAYOUT, _write

if TYPE_CHECKING:
    from pathlib import Path

    from docx.oxml.xmlchemy import BaseOxmlElement

    from desktop.core.calc import Figures

C = LayoutCell


@pytest.mark.parametrize(
    ("header", "lines"),
    [
        ("功能分类科目编码", ["功能分类", "科目编码"]),
        ("本年收入合计", ["本年收入", "合计"]),
        ("指标性质", ["指标", "性质"]),
        ("年初预算数", ["年初", "预算数"]),
        ("执行率（%）", ["执行率", "（%）"]),
    ],
)
def test_a_header_breaks_between_words(header: str, lines: list[str]) -> None:
    # a column that holds 4 (the first three) or 3 characters of 五号, not the whole header
    chars = 4 if len(lines[0]) == 4 else 3
    assert fit.break_lines(header, chars * fit.text_cm("字")) == lines


def test_a_header_that_fits_stays_on_one_line() -> None:
    assert fit.break_lines("决算数", 3 * fit.text_cm("字")) == ["决算数"]


def test_header_cells_in_the_document_break_between_words(tmp_path: Path) -> None:
    layout = TableLayout(
        "表",
        (
            (C("功能分类科目编码", header=True), C("本年收入合计", header=True)),
            (C("201"), C("1.00", number=True)),
        ),
        (Decimal("1.9"), Decimal("1.9")),  # 4.5 characters of 五号 after the padding
        header_rows=1,
    )
    (table,) = _write(tmp_path, layout).tables
    cells = table.rows[0].cells
    assert [p.text for p in cells[0].paragraphs] == ["功能分类", "科目编码"]
    assert [p.text for p in cells[1].paragraphs] == ["本年收入", "合计"]
    pars = [p for c in cells for p in c.paragraphs]
    assert {p.alignment.name for p in pars if p.alignment is not None} <= {"CENTER"}
    assert all(p.style.name == "表格-表头" for p in pars)  # centred both ways by its style
    tc_pr = cells[0]._tc.tcPr
    assert tc_pr is not None
    assert tc_pr.find(qn("w:vAlign")).get(qn("w:val")) == "center"


def test_widths_from_content_fill_the_line_and_hold_the_headers() -> None:
    rows: list[list[LayoutCell | None]] = [
        [C("科目编码", header=True), C("科目名称", header=True), C("本年收入合计", header=True)],
        [C("2080505"), C("机关事业单位基本养老保险缴费支出"), C("12,345.67", number=True)],
    ]
    widths = content_widths(["code", "label", "value"], rows, Decimal("15.6"))
    assert widths is not None
    assert sum(widths) == Decimal("15.6")
    code, label, value = (float(w) for w in widths)
    room = 2 * fit.PADDING_CM
    assert code - room >= fit.text_cm("2080505")  # a code on one line, its header on two
    assert code - room >= fit.text_cm("科目")
    assert value - room >= fit.text_cm("本年收入")  # “本年收入/合计”, never “本年收入合/计”
    assert label - room >= fit.text_cm("机关事业单位基本养老保险缴费支出")  # room: one line


def test_widths_that_cannot_fit_fall_back() -> None:
    rows: list[list[LayoutCell | None]] = [[C("很长的表头文字" * 3, header=True)] * 12]
    assert content_widths(["value"] * 12, rows, Decimal("15.6")) is None


def _section_of(p: BaseOxmlElement) -> BaseOxmlElement:
    """The w:sectPr that ends the section holding paragraph `p`."""
    for nxt in [p, *p.itersiblings()]:
        sect = nxt.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
        if sect is not None:
            return cast("BaseOxmlElement", sect)
    return cast("BaseOxmlElement", p.getparent().find(qn("w:sectPr")))


def _landscape(sect: BaseOxmlElement) -> bool:
    return bool(sect.find(qn("w:pgSz")).get(qn("w:orient")) == "landscape")


def test_each_self_evaluation_table_repeats_its_indicator_header(sample_docx: Path) -> None:
    doc = docx.Document(str(sample_docx))
    heads = [t for t in doc.tables if t.rows[0].cells[0].text == "一级指标"]
    assert len(heads) == 5  # the sample's five projects
    for table in heads:
        flags = [r._tr.trPr.find(qn("w:tblHeader")) is not None for r in table.rows]
        assert flags[0]
        assert not any(flags[1:])
        assert table.rows[-1].cells[0].text == "总分"
        # the lead block is a table of its own right above, on the same grid
        join = table._tbl.getprevious()
        assert join.tag == qn("w:p")
        assert not "".join(join.itertext())
        assert join.getprevious().tag == qn("w:tbl")
        assert "项目名称" in "".join(join.getprevious().itertext())
        grid = [c.get(qn("w:w")) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        lead_grid = join.getprevious().find(qn("w:tblGrid")).findall(qn("w:gridCol"))
        assert grid == [c.get(qn("w:w")) for c in lead_grid]


def test_the_summary_stands_on_its_tables_landscape_page(sample_docx: Path) -> None:
    doc = docx.Document(str(sample_docx))
    intros = [p for p in doc.paragraphs if "项目自评综述" in p.text]
    assert len(intros) == 5
    for n, p in enumerate(intros):
        assert _landscape(_section_of(p._p)), p.text[:20]
        assert p.paragraph_format.keep_with_next is True
        # each project begins a page; the first one the landscape section itself
        assert (p.paragraph_format.page_break_before is True) == (n > 0)
    # the paragraph before the first 综述 ends the portrait section
    before = intros[0]._p.getprevious()
    assert before.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None


def test_the_total_table_goes_portrait_in_small_type_where_it_fits(
    figures: Figures, sample_docx: Path
) -> None:
    t1 = table_layout("t1", "", figures)
    assert (t1.orientation, t1.font_pt) == ("portrait", fit.COMPACT_PT)
    assert figures.profile.table("t1").orientation == "landscape"  # the profile's own choice
    t4 = table_layout("t4", "", figures)  # 35 rows of five columns a side: no portrait page
    assert t4.orientation == "landscape"
    doc = docx.Document(str(sample_docx))
    total = next(t for t in doc.tables if t.rows[0].cells[0].text == "收入")
    sizes = {r.font.size.pt for c in total.rows[5].cells for p in c.paragraphs for r in p.runs}
    assert sizes == {9.0}
    assert not _landscape(_section_of(total._tbl))


def test_a_small_table_keeps_its_font(figures: Figures) -> None:
    assert table_layout("t9", "", figures).font_pt == fit.BODY_PT


@pytest.mark.parametrize(
    ("lead", "kept"),
    [
        ("纳入本部门2024年度部门决算编制范围的单位共2家，具体包括：", True),
        ("The units are:", True),
        ("本部门下设事业单位1家。", False),
    ],
)
def test_a_sentence_leading_into_a_table_goes_with_it(
    tmp_path: Path, lead: str, kept: bool
) -> None:
    """Never a small table alone on a page: the body text ending in "：" keeps with it."""
    doc = docx.Document(str(paths.resources_dir() / "templates" / "nmg-2022-unit.docx"))
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    doc.add_paragraph(lead, style="公开-正文")
    doc.add_paragraph("§T0", style="公开-锚点")
    small = dataclasses.replace(LAYOUT, orientation="portrait")
    insert_tables(doc, ["§T0"], lambda _: small)
    first = doc.paragraphs[0]
    assert first.text == lead
    assert (first._p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None) == kept

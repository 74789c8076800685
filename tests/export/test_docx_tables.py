"""The WordprocessingML table writer on a small hand-made layout, read back with python-docx."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import TYPE_CHECKING

import docx
from docx.oxml.ns import qn

from desktop import paths
from desktop.export.docx_tables import insert_tables
from desktop.export.layouts import TAIL_NOTE
from desktop.export.table_layout import LayoutCell, TableLayout
from desktop.storage.interchange import loads_case
from tests.conftest import export_case

if TYPE_CHECKING:
    from pathlib import Path

    from docx.text.paragraph import Paragraph

    from desktop.sections.catalog import Catalog

C = LayoutCell
LAYOUT = TableLayout(
    title="测试表",
    rows=(
        (C("项目", rowspan=2, header=True), C("金额", colspan=2, header=True), None),
        (None, C("本年", header=True), C("上年", header=True)),
        (C("1", center=True), C("1.00", number=True), C("2.00", number=True)),
        (C("合计 & <小计>", bold=True), C("1.00", number=True, bold=True), C("", number=True)),
    ),
    widths=(Decimal("5.6"), Decimal("5"), Decimal("5")),
    header_rows=2,
    number="公开99表",
    unit_label="单位：万元",
    notes=("注：本表为测试。",),
    heading="九十九、测试表",
)


def _write(tmp_path: Path, layout: TableLayout) -> docx.document.Document:
    doc = docx.Document(str(paths.resources_dir() / "templates" / "nmg-2022-unit.docx"))
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    doc.add_paragraph("§T0", style="公开-锚点")
    insert_tables(doc, ["§T0"], lambda _: layout)
    doc.save(str(tmp_path / "t.docx"))
    return docx.Document(str(tmp_path / "t.docx"))


def _style(p: Paragraph) -> str:
    return p.style.name if p.style is not None else ""


def test_spans_widths_and_header_rows(tmp_path: Path) -> None:
    doc = _write(tmp_path, LAYOUT)
    (table,) = doc.tables
    grid = [[c.text for c in row.cells] for row in table.rows]
    assert grid == [
        ["项目", "金额", "金额"],
        ["项目", "本年", "上年"],
        ["1", "1.00", "2.00"],
        ["合计 & <小计>", "1.00", ""],
    ]
    cols = table._tbl.tblGrid.findall(qn("w:gridCol"))
    assert [int(c.get(qn("w:w"))) for c in cols] == [3175, 2835, 2835]
    headers = [row._tr.trPr.find(qn("w:tblHeader")) is not None for row in table.rows]
    assert headers == [True, True, False, False]
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)


def test_cells_are_centred_and_styled(tmp_path: Path) -> None:
    doc = _write(tmp_path, LAYOUT)
    (table,) = doc.tables
    first = table.rows[0].cells[0]
    tc_pr = first._tc.tcPr
    assert tc_pr is not None
    assert tc_pr.find(qn("w:vAlign")).get(qn("w:val")) == "center"
    assert _style(first.paragraphs[0]) == "表格-表头"
    number_cell = table.rows[2].cells[0].paragraphs[0]
    assert number_cell.alignment is not None
    assert number_cell.alignment.name == "CENTER"  # 行次 / 序号
    assert _style(table.rows[2].cells[1].paragraphs[0]) == "表格-数字"
    assert table.rows[3].cells[0].paragraphs[0].runs[0].bold is True
    margins = table._tbl.tblPr.find(qn("w:tblCellMar"))
    assert int(margins.find(qn("w:left")).get(qn("w:w"))) >= 57  # ≥ 1 mm


def test_heading_number_unit_and_note_around_the_table(tmp_path: Path) -> None:
    doc = _write(tmp_path, LAYOUT)
    texts = [(_style(p), p.text) for p in doc.paragraphs if p.text]
    assert texts == [
        ("公开-标题1", "九十九、测试表"),
        ("表格-表注", "公开99表"),
        ("表格-表注", "单位：万元"),
        ("表格-表注", "注：本表为测试。"),
    ]
    assert doc.paragraphs[1].paragraph_format.keep_with_next is True


def _keeps(row: object) -> bool:
    return all(
        p.paragraph_format.keep_with_next is True
        for c in row.cells  # type: ignore[attr-defined]  # python-docx has no type hints
        for p in c.paragraphs
    )


def test_a_small_table_stays_on_one_page_and_a_long_one_keeps_its_total(tmp_path: Path) -> None:
    (small,) = _write(tmp_path, LAYOUT).tables
    # …its last row too: it stays with the note under it (never a page holding only the note)
    assert [_keeps(r) for r in small.rows] == [True, True, True, True]
    (bare,) = _write(tmp_path, dataclasses.replace(LAYOUT, notes=())).tables
    assert [_keeps(r) for r in bare.rows] == [True, True, True, False]
    body = tuple((C(str(n)), C("1.00", number=True), C("2.00", number=True)) for n in range(40))
    layout = TableLayout(
        "长表", LAYOUT.rows[:2] + body, LAYOUT.widths, header_rows=2, heading="九十九、长表"
    )
    (table,) = _write(tmp_path, layout).tables
    keeps = [_keeps(r) for r in table.rows]
    assert keeps[:3] == [True, True, True]  # header rows with the first body row
    assert keeps[3:-2] == [False] * (len(keeps) - 5)
    assert keeps[-2:] == [True, False]  # the last row never alone on a page


def test_a_table_right_after_its_part_title_does_not_push_it_onto_a_page_of_its_own(
    sample_docx: Path,
) -> None:
    doc = docx.Document(str(sample_docx))
    paras = doc.paragraphs
    part = next(
        i
        for i, p in enumerate(paras)
        if _style(p) == "公开-部分标题" and p.text.startswith("第五部分")
    )
    first_table_heading = paras[part + 1]
    assert _style(first_table_heading) == "公开-标题1"
    assert first_table_heading.paragraph_format.page_break_before is not True
    n = next(i for i in range(part + 2, len(paras)) if _style(paras[i]) == "公开-标题1")
    # the next table starts a new page: by a page break, or a section break (landscape) before it
    before = paras[n - 1]._p.pPr
    new_section = before is not None and before.find(qn("w:sectPr")) is not None
    assert paras[n].paragraph_format.page_break_before is True or new_section


def test_tables_whose_printed_figures_carry_a_tail_get_the_note(
    sample_docx: Path, tmp_path: Path, catalog: Catalog
) -> None:
    texts = [p.text for p in docx.Document(str(sample_docx)).paragraphs]
    # The checks find 尾差 in two tables of the sample (t6 and t7), and nowhere else.
    assert texts.count(TAIL_NOTE) == 2
    sample = paths.resources_dir() / "samples" / "nmg-2023-unit.json"
    case = loads_case(sample.read_text(encoding="utf-8"), catalog.profiles)
    other = export_case(case, catalog, tmp_path / "2023.docx")
    assert TAIL_NOTE not in [p.text for p in docx.Document(str(other)).paragraphs]


def test_a_landscape_self_evaluation_table_is_not_forced_onto_one_page(tmp_path: Path) -> None:
    body = tuple((C(str(n)), C("长文字" * 20), C("2.00", number=True)) for n in range(6))
    layout = TableLayout(
        "自评表", LAYOUT.rows[:2] + body, LAYOUT.widths, header_rows=2, orientation="landscape"
    )
    (table,) = _write(tmp_path, layout).tables
    keeps = [_keeps(r) for r in table.rows]
    assert keeps == [True, True, True, False, False, False, True, False]

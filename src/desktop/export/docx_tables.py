"""Writes table layouts into the rendered Word document with python-docx.

Each anchor paragraph left by the template is replaced by the table's heading, 表号, title,
unit line, the table itself (header rows repeated on every page, rows never split) and its
notes. A landscape table gets a landscape section of its own; the page numbering runs on.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt

from desktop.export.context import clean
from desktop.export.table_layout import LayoutCell, TableLayout, text_width

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from docx.document import Document as DocxDocument
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

#: Styles the table builder applies; a profile's Word template must define them.
PARAGRAPH_STYLES = (
    "公开-锚点",
    "公开-标题1",
    "表格-标题",
    "表格-表注",
    "表格-表头",
    "表格-数字",
    "表格-文字",
)
TABLE_STYLE = "公开表格"

LANDSCAPE_MARGINS = {"top": Cm(2.5), "bottom": Cm(2.3), "left": Cm(2.8), "right": Cm(2.6)}
LANDSCAPE_FOOTER = Cm(1.2)


def _paragraph_after(anchor: Paragraph, style: str, text: str = "") -> Paragraph:
    """A new paragraph inserted before the anchor (the anchor is removed at the end)."""
    para = anchor.insert_paragraph_before(clean(text), style=style)
    return para


def _section_break(anchor: Paragraph, body_sect: object, orientation: str) -> BaseOxmlElement:
    """End the current section just before `anchor`, giving it `orientation`."""
    para = anchor.insert_paragraph_before(style="公开-锚点")
    # The paragraph that carries a section break must not push an empty page of its own.
    para.paragraph_format.space_before = para.paragraph_format.space_after = Pt(0)
    para.paragraph_format.line_spacing = Pt(1)
    sect = copy.deepcopy(body_sect)
    _orient(sect, orientation)
    para._p.get_or_add_pPr().append(sect)
    return para._p


def _orient(sect: object, orientation: str) -> None:
    from docx.section import Section  # local: only used to reuse python-docx's setters

    section = Section(sect, None)  # type: ignore[arg-type]
    width, height = Emu(11906 * 635), Emu(16838 * 635)
    if orientation == "landscape":
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = height, width
        section.top_margin = LANDSCAPE_MARGINS["top"]
        section.bottom_margin = LANDSCAPE_MARGINS["bottom"]
        section.left_margin = LANDSCAPE_MARGINS["left"]
        section.right_margin = LANDSCAPE_MARGINS["right"]
        section.footer_distance = LANDSCAPE_FOOTER
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = width, height


def _set_repeat_header(table: Table, header_rows: int) -> None:
    for n, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if n < header_rows:
            tr_pr.append(OxmlElement("w:tblHeader"))


def _fixed_layout(table: Table) -> None:
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)


def _fill(table: Table, layout: TableLayout, style_ids: dict[str, str]) -> None:
    """Write every cell, then merge spans.

    Cells are fetched once: python-docx's `table.cell()` walks the whole grid on every call.
    """
    widths = [Cm(float(w)) for w in layout.widths]  # lengths for Word, not money
    n_cols = len(layout.widths)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    grid = list(table._cells)
    for r, cells in enumerate(layout.rows):
        for c, cell in enumerate(cells):
            target = grid[r * n_cols + c]
            target.width = widths[c]
            if cell is not None:
                _write_cell(target, cell, style_ids)
    for r, cells in enumerate(layout.rows):
        for c, cell in enumerate(cells):
            if cell is not None and (cell.colspan > 1 or cell.rowspan > 1):
                end = grid[(r + cell.rowspan - 1) * n_cols + c + cell.colspan - 1]
                grid[r * n_cols + c].merge(end)


def _set_style(para: Paragraph, style_id: str) -> None:
    para._p.get_or_add_pPr().get_or_add_pStyle().val = style_id


def _write_cell(target: _Cell, cell: LayoutCell, style_ids: dict[str, str]) -> None:
    style = "表格-表头" if cell.header else ("表格-数字" if cell.number else "表格-文字")
    lines = clean(cell.text).split("\n")
    para = target.paragraphs[0]
    _set_style(para, style_ids[style])
    for n, line in enumerate(lines):
        if n:
            para = target.add_paragraph()
            _set_style(para, style_ids[style])
        run = para.add_run(line)
        if cell.bold:
            run.bold = True


def _unit_line(anchor: Paragraph, layout: TableLayout) -> None:
    if not layout.unit_name and not layout.unit_label:
        return
    if not layout.unit_name:
        para = _paragraph_after(anchor, "表格-表注", layout.unit_label)
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        return
    para = _paragraph_after(anchor, "表格-表注")
    width = text_width(layout.orientation)
    para.paragraph_format.tab_stops.add_tab_stop(Cm(float(width)), WD_TAB_ALIGNMENT.RIGHT)
    para.add_run(clean(layout.unit_name))
    para.add_run("\t" + clean(layout.unit_label))


def _write_layout(
    doc: DocxDocument,
    anchor: Paragraph,
    layout: TableLayout,
    new_page: bool,
    style_ids: dict[str, str],
) -> None:
    if layout.heading:
        head = _paragraph_after(anchor, "公开-标题1", layout.heading)
        head.alignment = WD_ALIGN_PARAGRAPH.CENTER
        head.paragraph_format.first_line_indent = Cm(0)
        head.paragraph_format.page_break_before = new_page
    if layout.number:
        num = _paragraph_after(anchor, "表格-表注", layout.number)
        num.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if not layout.heading:
        _paragraph_after(anchor, "表格-标题", layout.title)
    if layout.subtitle:
        sub = _paragraph_after(anchor, "表格-标题", layout.subtitle)
        sub.paragraph_format.space_before = Cm(0)
    _unit_line(anchor, layout)
    n_cols = len(layout.widths)
    table = doc.add_table(rows=len(layout.rows), cols=n_cols)
    table.style = TABLE_STYLE
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _fixed_layout(table)
    _fill(table, layout, style_ids)
    _set_repeat_header(table, layout.header_rows)
    anchor._p.addprevious(table._tbl)
    for note in layout.notes:
        _paragraph_after(anchor, "表格-表注", note)


def insert_tables(
    doc: DocxDocument, markers: Sequence[str], layout_of: Callable[[int], TableLayout]
) -> None:
    """Replace each anchor paragraph (text == markers[n]) by the layout `layout_of(n)`."""
    wanted = {m: n for n, m in enumerate(markers)}
    anchors = [(wanted[p.text], p) for p in doc.paragraphs if p.text in wanted]
    if len(anchors) != len(markers):
        raise RuntimeError("模板渲染后缺少表格位置标记，请检查 Word 模板是否完整")
    body_sect = doc.element.body.sectPr
    style_ids = {
        name: doc.styles[name].style_id for name in ("表格-表头", "表格-数字", "表格-文字")
    }
    landscape_end: BaseOxmlElement | None = None  # closes the last landscape section, if any
    for n, anchor in anchors:
        layout = layout_of(n)
        landscape = layout.orientation == "landscape"
        continued = (
            landscape and landscape_end is not None and anchor._p.getprevious() is landscape_end
        )
        if continued and landscape_end is not None:
            # Two landscape tables in a row share one landscape section: no blank page between.
            landscape_end.getparent().remove(landscape_end)
        elif landscape:
            _section_break(anchor, body_sect, "portrait")
        new_page = bool(layout.heading) and (continued or not landscape)
        _write_layout(doc, anchor, layout, new_page, style_ids)
        landscape_end = _section_break(anchor, body_sect, "landscape") if landscape else None
        anchor._p.getparent().remove(anchor._p)

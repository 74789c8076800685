"""Writes table layouts into the rendered Word document as WordprocessingML.

Each anchor paragraph left by the template is replaced by the table's heading, 表号, title,
unit line, the table itself and its notes. The table is written as one XML string and parsed
once (python-docx's cell API walks the grid by XPath for every cell). Header rows repeat on
every page, no row splits, cells are centred vertically, column widths are w:gridCol twips
(WPS reads those, not autofit). A landscape table gets a landscape section of its own; the
page numbering runs on.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docx.oxml.ns import qn

from desktop.export import table_fit as fit
from desktop.export.context import clean
from desktop.export.table_layout import TableLayout, text_width
from desktop.export.wordml import (
    TWIPS_PER_CM,
    ParaFormat,
    paragraph_xml,
    parse_elements,
    ppr_xml,
    run_xml,
    twips,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from docx.document import Document as DocxDocument
    from docx.oxml.xmlchemy import BaseOxmlElement

    from desktop.export.table_layout import LayoutCell

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

# Landscape pages in twips: A4 turned, margins 2.5/2.3 cm top/bottom, 2.8/2.6 cm left/right.
LANDSCAPE = {"w": 16838, "h": 11906, "top": 1417, "bottom": 1304, "left": 1588, "right": 1474}
LANDSCAPE_FOOTER = 680
CELL_PADDING_TWIPS = twips(fit.PADDING_CM)  # 1.2 mm left and right: numbers never touch
CELL_PADDING_TOP_TWIPS = twips(fit.PADDING_TOP_CM)  # 0.3 mm
SMALL_TABLE_ROWS = 24  # fits one page with its title: never split
SHORT_CELL_CHARS = 40  # …when no cell holds more text than one or two lines
PART_STYLE_ID = "GkPart"
#: Body text right before a landscape table (a 自评表's 综述) goes on the table's page.
INTRO_STYLE_IDS = ("GkBody", "GkBodyNoIndent")


def style_ids(doc: DocxDocument) -> dict[str, str]:
    """Style name → style id for every style of the document, read in one pass."""
    out: dict[str, str] = {}
    for style in doc.styles.element.iterchildren(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is not None:
            out[name.get(qn("w:val"))] = style.get(qn("w:styleId"))
    return out


@dataclass(frozen=True)
class _RowStyle:
    """What the cells of one table row share: the style ids, keepNext, the text size."""

    ids: dict[str, str]
    keep: bool = False
    pt: float = fit.BODY_PT


def _cell_xml(cell: LayoutCell, width: int, row: _RowStyle, v_merge: str = "") -> str:
    ids, keep, pt = row.ids, row.keep, row.pt
    span = f'<w:gridSpan w:val="{cell.colspan}"/>' if cell.colspan > 1 else ""
    merge = f'<w:vMerge w:val="{v_merge}"/>' if v_merge == "restart" else ""
    if v_merge == "continue":
        merge = "<w:vMerge/>"
    tc_pr = f'<w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{merge}<w:vAlign w:val="center"/></w:tcPr>'
    if v_merge == "continue":
        return f"<w:tc>{tc_pr}<w:p>{ppr_xml(ids['表格-文字'], ParaFormat(keep_next=keep))}</w:p></w:tc>"
    style = "表格-表头" if cell.header else ("表格-数字" if cell.number else "表格-文字")
    jc = "center" if cell.center and not cell.header else ""
    ppr = ppr_xml(ids[style], ParaFormat(keep_next=keep, jc=jc))
    text = clean(cell.text)
    # A header breaks between words (“本年收入/合计”), never inside one (“本年收入合/计”).
    room = width / TWIPS_PER_CM - 2 * fit.PADDING_CM
    lines = fit.break_lines(text, room, pt) if cell.header else text.split("\n")
    size = 0 if pt == fit.BODY_PT else round(pt * 2)
    paras = "".join(
        paragraph_xml(ppr, run_xml(line, bold=cell.bold, size=size) if line else "")
        for line in lines
    )
    return f"<w:tc>{tc_pr}{paras}</w:tc>"


def table_xml(layout: TableLayout, ids: dict[str, str]) -> str:
    """The w:tbl of a layout: spans as w:gridSpan / w:vMerge, widths as twips.

    With `layout.lead_rows`, two tables: the lead rows kept on one page with the table proper,
    whose header rows repeat on every page; a hairline paragraph between them (Word would
    join two tables that touch).
    """
    if not layout.lead_rows:
        return _table_xml(layout, ids, range(len(layout.rows)), layout.header_rows)
    lead = _table_xml(layout, ids, range(layout.lead_rows), 0, lead=True)
    rest = _table_xml(layout, ids, range(layout.lead_rows, len(layout.rows)), layout.header_rows)
    join = paragraph_xml(
        ppr_xml(ids["公开-锚点"], ParaFormat(keep_next=True, spacing=HAIRLINE)), ""
    )
    return lead + join + rest


#: A paragraph that takes (almost) no height: between two tables, or carrying a section break.
HAIRLINE = 'w:before="0" w:after="0" w:line="20" w:lineRule="exact"'


def _table_xml(
    layout: TableLayout,
    ids: dict[str, str],
    span: range,
    header_rows: int,
    *,
    lead: bool = False,
) -> str:
    """The w:tbl of the layout's rows in `span`; its first `header_rows` rows repeat on each page."""
    widths = [twips(float(w)) for w in layout.widths]
    n_cols = len(widths)
    # (row, column) → the cell whose vertical span continues there
    continued: dict[tuple[int, int], LayoutCell] = {}
    rows: list[str] = []
    part = layout.rows[span.start : span.stop]
    last = len(part) - 1
    # Only a table that surely fits one page is kept whole: kept whole, a taller one would
    # leave its title alone on a page (the landscape 自评表 hold long texts).
    small = not lead and (
        len(layout.rows) <= SMALL_TABLE_ROWS
        and layout.orientation == "portrait"
        and all(len(c.text) <= SHORT_CELL_CHARS for row in layout.rows for c in row if c)
    )
    for r, cells in enumerate(part):
        # keepNext in a row keeps it on the page of the next row: a small table stays whole,
        # a long one keeps its header with the first body row, its 合计 row with the one
        # before and its last row with the notes. The lead rows may go onto a new page only
        # at a row of headers (项目资金, 年度总体目标): kept whole, a tall lead block would
        # leave the 综述 and title alone on a page.
        if lead:
            keep = r < last and not all(c.header for c in part[r + 1] if c is not None)
        else:
            keep = r < last and (small or r <= header_rows or r == last - 1)
            keep = keep or (r == last and bool(layout.notes))
        style = _RowStyle(ids, keep, layout.font_pt)
        tr_pr = "<w:cantSplit/>" + ("<w:tblHeader/>" if r < header_rows else "")
        out = [f"<w:tr><w:trPr>{tr_pr}</w:trPr>"]
        c = 0
        while c < n_cols:
            below = continued.get((r, c))
            cell = cells[c] if c < len(cells) else None
            if below is not None:
                width = sum(widths[c : c + below.colspan])
                out.append(_cell_xml(below, width, style, "continue"))
                c += below.colspan
                continue
            if cell is None:  # covered by a span that began to the left (or a gap)
                c += 1
                continue
            width = sum(widths[c : c + cell.colspan])
            merge = ""
            if cell.rowspan > 1:
                merge = "restart"
                for k in range(1, cell.rowspan):
                    continued[(r + k, c)] = cell
            out.append(_cell_xml(cell, width, style, merge))
            c += cell.colspan
        out.append("</w:tr>")
        rows.append("".join(out))
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    pad = CELL_PADDING_TWIPS
    tbl_pr = (
        f'<w:tblPr><w:tblStyle w:val="{ids[TABLE_STYLE]}"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        '<w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:top w:w="{CELL_PADDING_TOP_TWIPS}" w:type="dxa"/>'
        f'<w:left w:w="{pad}" w:type="dxa"/><w:bottom w:w="{CELL_PADDING_TOP_TWIPS}" w:type="dxa"/>'
        f'<w:right w:w="{pad}" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0"'
        ' w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
    )
    return f"<w:tbl>{tbl_pr}<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def _layout_xml(layout: TableLayout, new_page: bool, ids: dict[str, str]) -> str:
    """Heading, 表号, title, unit line, table and notes of one layout, in document order."""
    note = ids["表格-表注"]
    out: list[str] = []
    if layout.heading:
        ppr = ppr_xml(
            ids["公开-标题1"],
            ParaFormat(page_break=new_page, indent='w:firstLine="0"', jc="center"),
        )
        out.append(paragraph_xml(ppr, run_xml(layout.heading)))
    if layout.number:
        out.append(
            paragraph_xml(
                ppr_xml(note, ParaFormat(keep_next=True, jc="right")), run_xml(layout.number)
            )
        )
    if not layout.heading:
        out.append(paragraph_xml(ppr_xml(ids["表格-标题"]), run_xml(layout.title)))
    if layout.subtitle:
        ppr = ppr_xml(ids["表格-标题"], ParaFormat(spacing='w:before="0"'))
        out.append(paragraph_xml(ppr, run_xml(layout.subtitle)))
    if layout.unit_name:
        tab = ("right", twips(float(text_width(layout.orientation))), "")
        ppr = ppr_xml(note, ParaFormat(keep_next=True, tabs=(tab,)))
        out.append(paragraph_xml(ppr, run_xml(f"{layout.unit_name}\t{layout.unit_label}")))
    elif layout.unit_label:
        out.append(
            paragraph_xml(
                ppr_xml(note, ParaFormat(keep_next=True, jc="right")), run_xml(layout.unit_label)
            )
        )
    out.append(table_xml(layout, ids))
    out.extend(
        paragraph_xml(ppr_xml(note, ParaFormat(keep_next=n < len(layout.notes) - 1)), run_xml(text))
        for n, text in enumerate(layout.notes)
    )
    return "".join(out)


def _orient(sect: BaseOxmlElement, orientation: str) -> None:
    """Give a copied w:sectPr the page size, orientation and margins of `orientation`."""
    size = sect.find(qn("w:pgSz"))
    if orientation == "landscape":
        size.set(qn("w:w"), str(LANDSCAPE["w"]))
        size.set(qn("w:h"), str(LANDSCAPE["h"]))
        size.set(qn("w:orient"), "landscape")
        mar = sect.find(qn("w:pgMar"))
        for side in ("top", "bottom", "left", "right"):
            mar.set(qn(f"w:{side}"), str(LANDSCAPE[side]))
        mar.set(qn("w:footer"), str(LANDSCAPE_FOOTER))
    else:
        size.set(qn("w:w"), str(LANDSCAPE["h"]))
        size.set(qn("w:h"), str(LANDSCAPE["w"]))
        size.attrib.pop(qn("w:orient"), None)


def _section_break(
    anchor: BaseOxmlElement, body_sect: BaseOxmlElement, orientation: str, style_id: str
) -> BaseOxmlElement:
    """End the current section just before `anchor`, giving it `orientation`."""
    sect = copy.deepcopy(body_sect)
    for restart in sect.findall(qn("w:pgNumType")):  # the numbering runs on
        restart.attrib.pop(qn("w:start"), None)
    _orient(sect, orientation)
    # The paragraph that carries a section break must not push an empty page of its own.
    (para,) = parse_elements(
        paragraph_xml(
            ppr_xml(style_id, ParaFormat(spacing=HAIRLINE)),
            "",
        )
    )
    para.find(qn("w:pPr")).append(sect)
    anchor.addprevious(para)
    return para


def _anchor_style(anchor: BaseOxmlElement) -> str:
    style = anchor.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return style.get(qn("w:val")) if style is not None else "Normal"


def _text(p: BaseOxmlElement) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def insert_tables(
    doc: DocxDocument, markers: Sequence[str], layout_of: Callable[[int], TableLayout]
) -> None:
    """Replace each anchor paragraph (text == markers[n]) by the layout `layout_of(n)`."""
    wanted = {m: n for n, m in enumerate(markers)}
    body = doc.element.body
    anchors = [(wanted[t], p) for p in body.iterchildren(qn("w:p")) if (t := _text(p)) in wanted]
    if len(anchors) != len(markers):
        raise RuntimeError("模板渲染后缺少表格位置标记，请检查 Word 模板是否完整")
    body_sect = body.sectPr
    ids = style_ids(doc)
    anchor_id = ids["公开-锚点"]
    landscape_end: BaseOxmlElement | None = None  # closes the last landscape section, if any
    for n, anchor in anchors:
        layout = layout_of(n)
        landscape = layout.orientation == "landscape"
        start = _landscape_start(anchor) if landscape else anchor
        continued = landscape and landscape_end is not None and start.getprevious() is landscape_end
        # A part title right before the table goes with it: never a page holding only “第五部分”.
        lead = anchor.getprevious()
        after_part = (
            lead is not None and lead.tag == qn("w:p") and _anchor_style(lead) == PART_STYLE_ID
        )
        if continued and landscape_end is not None:
            # Two landscape tables in a row share one landscape section: no blank page between;
            # each begins on a page of its own (its 综述 and first rows fit one page).
            landscape_end.getparent().remove(landscape_end)
            if start is not anchor:
                _page_break_before(start)
        elif landscape:
            _section_break(start, body_sect, "portrait", anchor_id)
        new_page = bool(layout.heading) and (continued or not landscape) and not after_part
        if not landscape and _introduces(lead):
            _keep_with_next(lead)  # "……具体包括：" goes with its table: never a table alone
        for element in parse_elements(_layout_xml(layout, new_page, ids)):
            anchor.addprevious(element)
        landscape_end = (
            _section_break(anchor, body_sect, "landscape", anchor_id) if landscape else None
        )
        anchor.getparent().remove(anchor)


def _introduces(p: BaseOxmlElement | None) -> bool:
    """Whether `p` is body text leading into what follows ("……具体包括：")."""
    return (
        p is not None
        and p.tag == qn("w:p")
        and _anchor_style(p) in INTRO_STYLE_IDS
        and _text(p).rstrip().endswith(("：", ":"))
    )


def _landscape_start(anchor: BaseOxmlElement) -> BaseOxmlElement:
    """Where a landscape table's section begins.

    Before the paragraph introducing it (a 自评表's 综述, kept with the table) and before a
    part title right above (never alone on a page).
    """
    start = anchor
    prev = start.getprevious()
    if prev is not None and prev.tag == qn("w:p") and _anchor_style(prev) in INTRO_STYLE_IDS:
        _keep_with_next(prev)
        start = prev
    prev = start.getprevious()
    if prev is not None and prev.tag == qn("w:p") and _anchor_style(prev) == PART_STYLE_ID:
        start = prev
    return start


def _page_break_before(p: BaseOxmlElement) -> None:
    _keep_with_next(p)  # a w:pPr with w:keepNext: w:pageBreakBefore comes after it
    ppr = p.find(qn("w:pPr"))
    if ppr.find(qn("w:pageBreakBefore")) is None:
        (brk,) = parse_elements("<w:pageBreakBefore/>")
        before = ppr.find(qn("w:keepLines"))
        (before if before is not None else ppr.find(qn("w:keepNext"))).addnext(brk)


def _keep_with_next(p: BaseOxmlElement) -> None:
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = parse_elements(f'<w:pPr><w:pStyle w:val="{_anchor_style(p)}"/></w:pPr>')[0]
        p.insert(0, ppr)
    if ppr.find(qn("w:keepNext")) is None:
        (keep,) = parse_elements("<w:keepNext/>")
        style = ppr.find(qn("w:pStyle"))
        if style is not None:
            style.addnext(keep)
        else:
            ppr.insert(0, keep)

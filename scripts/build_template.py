"""Build the docxtpl Word template for the 内蒙古 2022 单位决算公开 document.

The template supplies page setup (A4, GB/T 9704 margins), styles, the page-number
footer and the Jinja structure; every piece of text comes from the render context:

* ``title``: str, the cover title;
* ``toc_heading``: str, e.g. ``目　录``;
* ``toc``: list of ``{level: 1 | 2, text: str}``;
* ``blocks``: list of ``{kind: str, text: str, image: InlineImage | ""}``.

Each block kind is written in its own paragraph style (see ``BLOCK_KINDS``); an
unknown kind falls back to ``公开-正文`` so that no text is silently dropped.
The ``表格-*`` paragraph styles and the ``公开表格`` table style are not used by the
template itself: the app's table builder applies them after rendering.

Usage::

    python scripts/build_template.py resources/templates/nmg-2022-unit.docx
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, Twips

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.styles.style import ParagraphStyle
    from docx.text.paragraph import Paragraph

LATIN_FONT = "Times New Roman"
BODY_FONT = "仿宋_GB2312"
HEI_FONT = "黑体"
KAI_FONT = "楷体_GB2312"
SONG_FONT = "宋体"
TITLE_FONT = "方正小标宋简体"

BODY_SIZE_PT = 16.0  # 三号
LINE_EXACT_PT = 28.9  # 固定值: 22 lines on the 225 mm 版心 (GB/T 9704)
INDENT_2_CHARS_PT = 32.0  # two 三号 characters
TOC_NUMBER_ROOM_PT = 32.0  # the 目录 page-number column: "123" and a few dots
LANGUAGE = "zh-CN"
# Western text (digits, Latin) is en-US: with zh-CN there, LibreOffice breaks lines inside
# numbers ("138./04万元"); East Asian text stays zh-CN for the SC glyph forms.
LATIN_LANGUAGE = "en-US"

# A4 portrait in twips (210 x 297 mm) and the GB/T 9704 margins.
PAGE_WIDTH_TWIPS = 11906
PAGE_HEIGHT_TWIPS = 16838
MARGIN_TOP_CM = 3.7
MARGIN_BOTTOM_CM = 3.5
MARGIN_LEFT_CM = 2.8
MARGIN_RIGHT_CM = 2.6
FOOTER_DISTANCE_CM = 2.8
# w:docGrid "linesAndChars": 22 lines of 28.9 pt and 28 characters on the 156 mm line
# (GB/T 9704 §5.2.3). Character pitch = 16 pt + charSpace / 4096 pt = 15.79 pt ≤ 442.2 / 28.
GRID_LINE_PITCH_TWIPS = 578
GRID_CHAR_SPACE = -849  # LibreOffice 7.4 misreads a negative value: the PDF path drops it

TEXT_WIDTH_CM = 21.0 - MARGIN_LEFT_CM - MARGIN_RIGHT_CM
TITLE_LINE_PT = 36.0
COVER_TITLE_BEFORE_PT = 130.0
COVER_UNIT_BEFORE_PT = 200.0

PAGE_NUMBER_STYLE = "公开-页码"
PAGE_NUMBER_SIZE_PT = 14.0  # 四号
PAGE_NUMBER_INSET_PT = 14.0  # GB/T 9704 §7.5: 单页码居右空一字, 双页码居左空一字

TABLE_STYLE = "公开表格"
TABLE_BORDER_EIGHTHS_PT = 4  # 0.5 pt
TABLE_CELL_MARGIN_TWIPS = 28  # 0.05 cm

CORE_TITLE = "决算公开"
CORE_AUTHOR = "决算公开助手"
CORE_TIMESTAMP = dt.datetime(2023, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class ParaStyleSpec:
    """Formatting of one paragraph style created in the template."""

    name: str
    style_id: str
    east_asia: str
    size_pt: float
    bold: bool = False
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.LEFT
    first_line_pt: float = 0.0
    left_pt: float = 0.0
    right_pt: float = 0.0
    line_exact_pt: float | None = None  # None: single line spacing
    before_pt: float = 0.0
    after_pt: float = 0.0
    keep_with_next: bool = False
    page_break_before: bool = False
    outline_level: int | None = None  # 0-based w:outlineLvl (navigation pane)
    snap_to_grid: bool = True  # False: line height not forced to the 22-line grid
    right_tab_dots: bool = (
        False  # a right tab with dot leader at the text width (目录 page numbers)
    )


_J = WD_ALIGN_PARAGRAPH.JUSTIFY
_C = WD_ALIGN_PARAGRAPH.CENTER
_R = WD_ALIGN_PARAGRAPH.RIGHT

PARAGRAPH_STYLES: tuple[ParaStyleSpec, ...] = (
    # cover (its own section, no page number) and table of contents
    ParaStyleSpec(
        "公开-文档标题",
        "GkDocTitle",
        TITLE_FONT,
        22.0,
        align=_C,
        line_exact_pt=TITLE_LINE_PT,
        before_pt=COVER_TITLE_BEFORE_PT,
        snap_to_grid=False,
    ),
    ParaStyleSpec(
        "公开-封面单位",
        "GkCoverUnit",
        BODY_FONT,
        BODY_SIZE_PT,
        align=_C,
        line_exact_pt=LINE_EXACT_PT,
        before_pt=COVER_UNIT_BEFORE_PT,
    ),
    ParaStyleSpec(
        "公开-封面日期",
        "GkCoverDate",
        BODY_FONT,
        BODY_SIZE_PT,
        align=_C,
        line_exact_pt=LINE_EXACT_PT,
    ),
    ParaStyleSpec(
        "公开-目录标题",
        "GkTocHeading",
        HEI_FONT,
        BODY_SIZE_PT,
        align=_C,
        line_exact_pt=LINE_EXACT_PT,
        after_pt=12.0,
        keep_with_next=True,
        page_break_before=True,
    ),
    # Word's own TOC styles ("toc 1", "toc 2"): Word and WPS use them when they update the field.
    # A long title wraps under itself (hanging indent) and stops short of the page-number
    # column (right indent; the tab stop lies beyond it): the dots never stand alone on a line.
    ParaStyleSpec(
        "toc 1",
        "TOC1",
        HEI_FONT,
        BODY_SIZE_PT,
        align=_J,
        first_line_pt=-INDENT_2_CHARS_PT,
        left_pt=INDENT_2_CHARS_PT,
        right_pt=TOC_NUMBER_ROOM_PT,
        line_exact_pt=LINE_EXACT_PT,
        right_tab_dots=True,
    ),
    ParaStyleSpec(
        "toc 2",
        "TOC2",
        BODY_FONT,
        BODY_SIZE_PT,
        align=_J,
        first_line_pt=-INDENT_2_CHARS_PT,
        left_pt=2 * INDENT_2_CHARS_PT,
        right_pt=TOC_NUMBER_ROOM_PT,
        line_exact_pt=LINE_EXACT_PT,
        right_tab_dots=True,
    ),
    # body blocks
    ParaStyleSpec(
        "公开-部分标题",
        "GkPart",
        HEI_FONT,
        BODY_SIZE_PT,
        align=_C,
        line_exact_pt=LINE_EXACT_PT,
        before_pt=12.0,
        after_pt=12.0,
        keep_with_next=True,
        page_break_before=True,
        outline_level=0,
    ),
    ParaStyleSpec(
        "公开-标题1",
        "GkHeading1",
        HEI_FONT,
        BODY_SIZE_PT,
        align=_J,
        first_line_pt=INDENT_2_CHARS_PT,
        line_exact_pt=LINE_EXACT_PT,
        keep_with_next=True,
        outline_level=1,
    ),
    ParaStyleSpec(
        "公开-标题2",
        "GkHeading2",
        KAI_FONT,
        BODY_SIZE_PT,
        bold=True,
        align=_J,
        first_line_pt=INDENT_2_CHARS_PT,
        line_exact_pt=LINE_EXACT_PT,
        keep_with_next=True,
        outline_level=2,
    ),
    ParaStyleSpec(
        "公开-标题3",
        "GkHeading3",
        BODY_FONT,
        BODY_SIZE_PT,
        bold=True,
        align=_J,
        first_line_pt=INDENT_2_CHARS_PT,
        line_exact_pt=LINE_EXACT_PT,
        keep_with_next=True,
        outline_level=3,
    ),
    ParaStyleSpec(
        "公开-正文",
        "GkBody",
        BODY_FONT,
        BODY_SIZE_PT,
        align=_J,
        first_line_pt=INDENT_2_CHARS_PT,
        line_exact_pt=LINE_EXACT_PT,
    ),
    ParaStyleSpec(
        "公开-正文无缩进",
        "GkBodyNoIndent",
        BODY_FONT,
        BODY_SIZE_PT,
        align=_J,
        line_exact_pt=LINE_EXACT_PT,
    ),
    ParaStyleSpec(
        "公开-居中", "GkCenter", BODY_FONT, BODY_SIZE_PT, align=_C, line_exact_pt=LINE_EXACT_PT
    ),
    ParaStyleSpec(
        "公开-右对齐", "GkRight", BODY_FONT, BODY_SIZE_PT, align=_R, line_exact_pt=LINE_EXACT_PT
    ),
    # keep_with_next on both picture and caption keeps them on one page whichever
    # order the app uses (caption above or below the picture).
    ParaStyleSpec(
        "公开-图题",
        "GkCaption",
        BODY_FONT,
        14.0,
        align=_C,
        after_pt=6.0,
        keep_with_next=True,
        snap_to_grid=False,
    ),
    ParaStyleSpec(
        "公开-图片",
        "GkImage",
        BODY_FONT,
        BODY_SIZE_PT,
        align=_C,
        keep_with_next=True,
        snap_to_grid=False,
    ),
    ParaStyleSpec("公开-锚点", "GkAnchor", BODY_FONT, BODY_SIZE_PT, snap_to_grid=False),
    # page number in the footers
    ParaStyleSpec(
        PAGE_NUMBER_STYLE, "GkPageNumber", SONG_FONT, PAGE_NUMBER_SIZE_PT, snap_to_grid=False
    ),
    # applied by the app's table builder
    ParaStyleSpec("表格-文字", "GkTableText", SONG_FONT, 10.5, snap_to_grid=False),
    ParaStyleSpec("表格-数字", "GkTableNumber", SONG_FONT, 10.5, align=_R, snap_to_grid=False),
    ParaStyleSpec(
        "表格-表头", "GkTableHeader", SONG_FONT, 10.5, bold=True, align=_C, snap_to_grid=False
    ),
    ParaStyleSpec(
        "表格-标题",
        "GkTableTitle",
        HEI_FONT,
        BODY_SIZE_PT,
        align=_C,
        after_pt=6.0,
        keep_with_next=True,
        snap_to_grid=False,
    ),
    ParaStyleSpec("表格-表注", "GkTableNote", BODY_FONT, 12.0, snap_to_grid=False),
)

# (block kind, paragraph style, context field) in the order of the if/elif chain.
BLOCK_KINDS: tuple[tuple[str, str, str], ...] = (
    ("part", "公开-部分标题", "text"),
    ("h1", "公开-标题1", "text"),
    ("h2", "公开-标题2", "text"),
    ("h3", "公开-标题3", "text"),
    ("body", "公开-正文", "text"),
    ("body_noindent", "公开-正文无缩进", "text"),
    ("center", "公开-居中", "text"),
    ("right", "公开-右对齐", "text"),
    ("caption", "公开-图题", "text"),
    ("image", "公开-图片", "image"),
    ("anchor", "公开-锚点", "text"),
)
FALLBACK_BLOCK_STYLE = "公开-正文"
TOC_STYLES: dict[int, str] = {1: "toc 1", 2: "toc 2"}
CONTROL_STYLE = "Normal"  # style of the {%p ... %} paragraphs (removed by docxtpl)


# --------------------------------------------------------------------------- fonts


def set_rfonts(rpr: BaseOxmlElement, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Set explicit Latin and East Asian fonts on a w:rPr, dropping theme fonts."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:cs"), latin)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:hint"), "eastAsia")


def set_language(rpr: BaseOxmlElement) -> None:
    """Set w:lang: en-US for Western text (line breaking), zh-CN for East Asian (SC glyphs)."""
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LATIN_LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)


def set_size_cs(rpr: BaseOxmlElement, size_pt: float) -> None:
    """Set w:szCs to the same size as w:sz (python-docx only writes w:sz)."""
    szcs = rpr.find(qn("w:szCs"))
    if szcs is None:
        szcs = OxmlElement("w:szCs")
        sz = rpr.find(qn("w:sz"))
        if sz is not None:
            sz.addnext(szcs)
        else:
            rpr.append(szcs)
    szcs.set(qn("w:val"), str(round(size_pt * 2)))


# WordprocessingML's order of w:pPr children (ECMA-376 CT_PPrBase); Word rejects others.
PPR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]


def set_ppr_flag(ppr: BaseOxmlElement, tag: str, on: bool) -> None:
    """Set an on/off w:pPr property in its schema position."""
    el = ppr.find(qn(f"w:{tag}"))
    if el is None:
        el = OxmlElement(f"w:{tag}")
        later = PPR_ORDER[PPR_ORDER.index(tag) + 1 :]
        ppr.insert_element_before(el, *(f"w:{t}" for t in later))
    el.set(qn("w:val"), "1" if on else "0")


# ------------------------------------------------------------------ document level


def configure_doc_defaults(doc: DocumentObject) -> None:
    """docDefaults: 仿宋_GB2312 / Times New Roman 16 pt, zh-CN, no paragraph spacing."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_rfonts(rpr, BODY_FONT)
    rpr.find(qn("w:sz")).set(qn("w:val"), str(round(BODY_SIZE_PT * 2)))
    set_size_cs(rpr, BODY_SIZE_PT)
    set_language(rpr)
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr.find(qn("w:spacing"))
    spacing.attrib.clear()
    spacing.set(qn("w:before"), "0")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")
    # w:overflowPunct "1" is Word's own default (punctuation may hang into the margin). Written
    # out because LibreOffice 7.4 reads it inverted: without it, LibreOffice hangs a line-end
    # comma and drops it from the PDF; with it, the last character moves down with its comma.
    set_ppr_flag(ppr, "overflowPunct", on=True)

    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_SIZE_PT)
    rpr = normal.element.get_or_add_rPr()
    set_rfonts(rpr, BODY_FONT)
    set_size_cs(rpr, BODY_SIZE_PT)
    set_language(rpr)
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.widow_control = True


def configure_settings(doc: DocumentObject) -> None:
    """Different odd/even footers, Chinese theme-font language, no soft-break stretch."""
    doc.settings.odd_and_even_pages_header_footer = True
    theme_lang = doc.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), LANGUAGE)
    # A justified line that ends in a soft break (``\n`` in a block text becomes
    # w:br) must not be stretched across the whole line.
    compat = doc.settings.element.find(qn("w:compat"))
    if compat is None:
        compat = OxmlElement("w:compat")
        doc.settings.element.append(compat)
    if compat.find(qn("w:doNotExpandShiftReturn")) is None:
        compat.insert(0, OxmlElement("w:doNotExpandShiftReturn"))


# word/fontTable.xml: the fonts the styles name, each with the face Word or WPS takes when
# it is missing (w:altName): an office PC often has 仿宋 / 楷体 but not the *_GB2312 faces.
# (name, altName, charset: 86 = GB2312, 00 = ANSI; family, pitch)
FONT_TABLE: tuple[tuple[str, str, str, str, str], ...] = (
    (BODY_FONT, "仿宋", "86", "modern", "fixed"),
    (KAI_FONT, "楷体", "86", "modern", "fixed"),
    (HEI_FONT, "SimHei", "86", "modern", "fixed"),
    (SONG_FONT, "SimSun", "86", "auto", "variable"),
    (TITLE_FONT, "宋体", "86", "script", "variable"),
    (LATIN_FONT, "", "00", "roman", "variable"),
)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def configure_font_table(doc: DocumentObject) -> None:
    """Replace python-docx's font table by the 公文 fonts with their fall-back names."""
    entries = []
    for name, alt, charset, family, pitch in FONT_TABLE:
        alt_xml = f'<w:altName w:val="{alt}"/>' if alt else ""
        entries.append(
            f'<w:font w:name="{name}">{alt_xml}<w:charset w:val="{charset}"/>'
            f'<w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>'
        )
    xml = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<w:fonts xmlns:w="{W_NS}">{"".join(entries)}</w:fonts>'
    ).encode()
    for part in doc.part.package.iter_parts():
        if str(part.partname) == "/word/fontTable.xml":
            part._blob = xml  # a plain Part: its bytes are what is saved


def configure_core_properties(doc: DocumentObject) -> None:
    """Core properties, and drop python-docx's English thumbnail picture."""
    props = doc.core_properties
    props.title = CORE_TITLE
    props.language = LANGUAGE
    props.author = CORE_AUTHOR
    props.last_modified_by = CORE_AUTHOR
    props.comments = ""
    props.subject = ""
    props.keywords = ""
    props.revision = 1
    props.created = CORE_TIMESTAMP
    props.modified = CORE_TIMESTAMP
    package_rels = doc.part.package.rels
    for rel_id in [k for k, rel in package_rels.items() if rel.reltype == RT.THUMBNAIL]:
        del package_rels[rel_id]


def configure_page(doc: DocumentObject) -> None:
    """One A4 portrait section with the GB/T 9704 margins."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Twips(PAGE_WIDTH_TWIPS)
    section.page_height = Twips(PAGE_HEIGHT_TWIPS)
    section.top_margin = Cm(MARGIN_TOP_CM)
    section.bottom_margin = Cm(MARGIN_BOTTOM_CM)
    section.left_margin = Cm(MARGIN_LEFT_CM)
    section.right_margin = Cm(MARGIN_RIGHT_CM)
    section.gutter = Twips(0)
    section.footer_distance = Cm(FOOTER_DISTANCE_CM)
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(GRID_LINE_PITCH_TWIPS))
    grid.set(qn("w:charSpace"), str(GRID_CHAR_SPACE))


# -------------------------------------------------------------------------- styles


def add_paragraph_style(doc: DocumentObject, spec: ParaStyleSpec) -> ParagraphStyle:
    """Create one paragraph style from its spec, every property set explicitly."""
    style: ParagraphStyle = doc.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = spec.style_id  # ASCII id; the app looks styles up by name
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    style.hidden = False

    font = style.font
    font.size = Pt(spec.size_pt)
    font.bold = spec.bold
    font.italic = False
    rpr = style.element.get_or_add_rPr()
    set_rfonts(rpr, spec.east_asia)
    set_size_cs(rpr, spec.size_pt)
    bcs = OxmlElement("w:bCs")
    if not spec.bold:
        bcs.set(qn("w:val"), "0")
    rpr.find(qn("w:b")).addnext(bcs)
    set_language(rpr)

    fmt = style.paragraph_format
    fmt.alignment = spec.align
    fmt.first_line_indent = Pt(spec.first_line_pt)
    fmt.left_indent = Pt(spec.left_pt)
    fmt.right_indent = Pt(spec.right_pt)
    fmt.space_before = Pt(spec.before_pt)
    fmt.space_after = Pt(spec.after_pt)
    if spec.line_exact_pt is None:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        fmt.line_spacing = Pt(spec.line_exact_pt)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    if spec.right_tab_dots:
        fmt.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    fmt.keep_with_next = spec.keep_with_next
    fmt.page_break_before = spec.page_break_before
    fmt.widow_control = True
    ppr = style.element.get_or_add_pPr()
    set_ppr_flag(ppr, "overflowPunct", on=True)  # see configure_doc_defaults
    if not spec.snap_to_grid:
        set_ppr_flag(ppr, "snapToGrid", on=False)
    if spec.outline_level is not None:
        outline = OxmlElement("w:outlineLvl")
        outline.set(qn("w:val"), str(spec.outline_level))
        style.element.get_or_add_pPr().append(outline)
    return style


def _border(tag: str) -> BaseOxmlElement:
    el = OxmlElement(tag)
    el.set(qn("w:val"), "single")
    el.set(qn("w:sz"), str(TABLE_BORDER_EIGHTHS_PT))
    el.set(qn("w:space"), "0")
    el.set(qn("w:color"), "000000")
    return el


def add_table_style(doc: DocumentObject) -> ParagraphStyle:
    """Table style ``公开表格``: 0.5 pt single borders everywhere, 0.05 cm side margins."""
    style: ParagraphStyle = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    style.style_id = "GkTable"
    style.base_style = doc.styles["Normal Table"]
    style.quick_style = True
    style.hidden = False

    tbl_pr = OxmlElement("w:tblPr")
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_border(f"w:{side}"))
    tbl_pr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for side, width in (
        ("top", 0),
        ("left", TABLE_CELL_MARGIN_TWIPS),
        ("bottom", 0),
        ("right", TABLE_CELL_MARGIN_TWIPS),
    ):
        mar = OxmlElement(f"w:{side}")
        mar.set(qn("w:w"), str(width))
        mar.set(qn("w:type"), "dxa")
        margins.append(mar)
    tbl_pr.append(margins)
    style.element.append(tbl_pr)
    return style


def add_styles(doc: DocumentObject) -> None:
    for spec in PARAGRAPH_STYLES:
        add_paragraph_style(doc, spec)
    add_table_style(doc)


# -------------------------------------------------------------------------- footer


def _field_run(paragraph: Paragraph, child: BaseOxmlElement) -> None:
    run = paragraph.add_run()
    run._r.append(child)


def add_page_number(paragraph: Paragraph) -> None:
    """Append ``— {PAGE} —`` as text runs around a complex PAGE field."""
    paragraph.add_run("— ")
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    _field_run(paragraph, begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    _field_run(paragraph, instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    _field_run(paragraph, separate)
    paragraph.add_run("1")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    _field_run(paragraph, end)
    paragraph.add_run(" —")


def configure_footers(doc: DocumentObject) -> None:
    """Odd pages: page number right; even pages: left (GB/T 9704 §7.5)."""
    section = doc.sections[0]
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = doc.styles[PAGE_NUMBER_STYLE]
        paragraph.alignment = align
        inset = Pt(PAGE_NUMBER_INSET_PT)
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            paragraph.paragraph_format.right_indent = inset
        else:
            paragraph.paragraph_format.left_indent = inset
        add_page_number(paragraph)


# ------------------------------------------------------------------- Jinja structure


def add_control(doc: DocumentObject, tag: str) -> None:
    """A paragraph holding one ``{%p ... %}`` tag (docxtpl removes the paragraph)."""
    doc.add_paragraph(f"{{%p {tag} %}}", style=CONTROL_STYLE)


def add_field(doc: DocumentObject, expression: str, style: str) -> None:
    """A paragraph holding one ``{{ expression }}`` in a single run."""
    doc.add_paragraph(f"{{{{ {expression} }}}}", style=style)


def add_front_section_break(doc: DocumentObject) -> None:
    """End the cover-and-目录 section: same page, no footer (no page number)."""
    body_sect = doc.element.body.sectPr
    sect = copy.deepcopy(body_sect)
    for ref in sect.findall(qn("w:footerReference")) + sect.findall(qn("w:headerReference")):
        sect.remove(ref)
    para = doc.add_paragraph(style="公开-锚点")
    fmt = para.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(1)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    para._p.get_or_add_pPr().append(sect)


def add_body(doc: DocumentObject) -> None:
    """Cover, table of contents (their own section) and the block loop."""
    add_field(doc, "title", "公开-文档标题")
    add_field(doc, "unit", "公开-封面单位")
    add_field(doc, "date", "公开-封面日期")
    add_field(doc, "toc_heading", "公开-目录标题")

    add_control(doc, "for t in toc")
    add_control(doc, "if t.level == 1")
    add_field(doc, "t.text", TOC_STYLES[1])
    add_control(doc, "else")
    add_field(doc, "t.text", TOC_STYLES[2])
    add_control(doc, "endif")
    add_control(doc, "endfor")
    add_front_section_break(doc)

    add_control(doc, "for b in blocks")
    for index, (kind, style, field) in enumerate(BLOCK_KINDS):
        keyword = "if" if index == 0 else "elif"
        add_control(doc, f"{keyword} b.kind == '{kind}'")
        add_field(doc, f"b.{field}", style)
    add_control(doc, "else")
    add_field(doc, "b.text", FALLBACK_BLOCK_STYLE)
    add_control(doc, "endif")
    add_control(doc, "endfor")


def remove_initial_paragraphs(doc: DocumentObject) -> None:
    """Drop any paragraph the base document starts with (python-docx's has none)."""
    body = doc.element.body
    for p in body.findall(qn("w:p")):
        body.remove(p)


def build_template() -> DocumentObject:
    doc = Document()
    remove_initial_paragraphs(doc)
    configure_doc_defaults(doc)
    configure_settings(doc)
    configure_core_properties(doc)
    configure_font_table(doc)
    configure_page(doc)
    add_styles(doc)
    configure_footers(doc)
    add_body(doc)
    return doc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="path of the .docx template to write")
    args = parser.parse_args(argv)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    build_template().save(str(args.output))
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

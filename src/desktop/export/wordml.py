"""WordprocessingML written as text: paragraphs, runs, fields, parsed once into lxml elements.

The table writer and the 目录 writer build their XML here instead of through python-docx's
object API, which looks up every child by XPath and made the export slow. Everything written
follows the ECMA-376 element order; text is escaped and cleaned of characters XML cannot hold.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from docx.oxml import parse_xml

from desktop.export.context import clean

if TYPE_CHECKING:
    from collections.abc import Iterable

    from docx.oxml.xmlchemy import BaseOxmlElement

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECL = f'xmlns:w="{W_NS}"'
TWIPS_PER_CM = 567


def twips(cm: float) -> int:
    """A length in cm as twentieths of a point (lengths for Word, not money)."""
    return round(cm * TWIPS_PER_CM)


def text_xml(text: str) -> str:
    """The runs' content for `text`: line breaks as w:br, tabs as w:tab."""
    parts: list[str] = []
    for n, line in enumerate(clean(text).split("\n")):
        if n:
            parts.append("<w:br/>")
        for m, piece in enumerate(line.split("\t")):
            if m:
                parts.append("<w:tab/>")
            if piece:
                parts.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return "".join(parts)


def run_xml(text: str, *, bold: bool = False, size: int = 0) -> str:
    """A run; `size` in half points (0: the style's size)."""
    props = ("<w:b/><w:bCs/>" if bold else "") + (
        f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>' if size else ""
    )
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{rpr}{text_xml(text)}</w:r>"


def field_begin_xml(instruction: str) -> str:
    """The runs opening a complex field up to its cached result: begin, instruction, separate."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )


FIELD_END_XML = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'


def field_xml(instruction: str, result: str) -> str:
    """A complex field (begin, instruction, separate, cached result, end) as runs."""
    return f"{field_begin_xml(instruction)}{run_xml(result)}{FIELD_END_XML}"


def ppr_xml(
    style_id: str,
    *,
    keep_next: bool = False,
    page_break: bool = False,
    tabs: Iterable[tuple[str, int, str]] = (),
    spacing: str = "",
    indent: str = "",
    jc: str = "",
    extra: str = "",
) -> str:
    """A w:pPr in schema order. `tabs`: (alignment, position in twips, leader)."""
    out = [f'<w:pPr><w:pStyle w:val="{style_id}"/>']
    if keep_next:
        out.append("<w:keepNext/>")
    if page_break:
        out.append("<w:pageBreakBefore/>")
    tab_list = list(tabs)
    if tab_list:
        out.append("<w:tabs>")
        for align, pos, leader in tab_list:
            lead = f' w:leader="{leader}"' if leader else ""
            out.append(f'<w:tab w:val="{align}"{lead} w:pos="{pos}"/>')
        out.append("</w:tabs>")
    if spacing:
        out.append(f"<w:spacing {spacing}/>")
    if indent:
        out.append(f"<w:ind {indent}/>")
    if jc:
        out.append(f'<w:jc w:val="{jc}"/>')
    out.append(extra)
    out.append("</w:pPr>")
    return "".join(out)


def paragraph_xml(ppr: str, runs: str) -> str:
    return f"<w:p>{ppr}{runs}</w:p>"


def parse_elements(xml: str) -> list[BaseOxmlElement]:
    """Parse sibling elements (python-docx's element classes) in one pass."""
    wrapper = parse_xml(f"<w:body {NSDECL}>{xml}</w:body>")
    return list(wrapper)

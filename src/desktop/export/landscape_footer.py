"""Page numbers of landscape pages where GB/T 9704—2012 §8 puts them.

"A4 纸型的表格横排时，页码位置与公文其他页码保持一致": a landscape table page is a portrait
sheet turned a quarter clockwise (the table's head towards the portrait page's left edge), so its
number stays at the portrait page's bottom edge — the landscape page's left margin — and reads
with the sheet: turned 90° clockwise, odd pages near the landscape bottom (portrait right), even
pages near the landscape top (portrait left), 7 mm from the type area, one character in.

Each landscape section gets footers of its own (odd and even, shared by every landscape
section) holding a text box (DrawingML, `vert="vert"`, with Word's VML fallback) anchored to the
page. The box holds a copy of the portrait footer's paragraph, so the style, the dashes and the
PAGE field have one home: the profile's Word template.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.parts.hdrftr import FooterPart

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.oxml.xmlchemy import BaseOxmlElement

EMU_PER_MM = 36_000
EMU_PER_TWIP = 635
#: How far the number's line lies outside the type area (GB/T 9704 §7.5: 7 mm below it).
GAP_MM = 7.0
#: The box across the margin (one 四号 line) and along it (room for "— 123 —").
BOX_ACROSS_MM = 7.0
BOX_ALONG_MM = 45.0
FOOTER_TYPES = ("default", "even")  # odd pages, even pages (evenAndOddHeaders is on)

_NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
}
_NSDECL = " ".join(f'xmlns:{k}="{v}"' for k, v in _NS.items())


def _is_landscape(sect: BaseOxmlElement) -> bool:
    size = sect.find(qn("w:pgSz"))
    return size is not None and size.get(qn("w:orient")) == "landscape"


@dataclass(frozen=True, slots=True)
class _Box:
    """A text box's place on the page, in EMU from the page's top left corner."""

    x: int
    y: int
    cx: int
    cy: int


def _box_run(paragraph: str, box: _Box, shape_id: int) -> str:
    """A run holding `paragraph` in a page-anchored text box, its text turned 90° clockwise."""
    x, y, cx, cy = box.x, box.y, box.cx, box.cy
    pt = 12700  # EMU per point, for VML's style lengths
    vml_style = (
        f"position:absolute;margin-left:{x / pt:.1f}pt;margin-top:{y / pt:.1f}pt;"
        f"width:{cx / pt:.1f}pt;height:{cy / pt:.1f}pt;z-index:1;"
        "mso-position-horizontal-relative:page;mso-position-vertical-relative:page"
    )
    content = f"<w:txbxContent>{paragraph}</w:txbxContent>"
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1"'
        ' behindDoc="0" locked="1" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{x}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{y}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapNone/><wp:docPr id="{shape_id}" name="页码 {shape_id}"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
        'wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln>'
        f"</wps:spPr><wps:txbx>{content}</wps:txbx>"
        '<wps:bodyPr rot="0" vert="vert" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0"'
        ' anchor="ctr" anchorCtr="0"><a:noAutofit/></wps:bodyPr>'
        "</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f'<mc:Fallback><w:pict><v:rect id="PageNumber{shape_id}"'
        f' style="{vml_style}" filled="f" stroked="f">'
        '<v:textbox style="layout-flow:vertical" inset="0,0,0,0">'
        f"{content}</v:textbox></v:rect></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def _footer_xml(number: BaseOxmlElement, sect: BaseOxmlElement, odd: bool, shape_id: int) -> str:
    """A footer whose one paragraph anchors the turned page number of `sect`'s pages."""
    size, mar = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar"))
    height = int(size.get(qn("w:h"))) * EMU_PER_TWIP
    left, top, bottom = (
        int(mar.get(qn(f"w:{s}"))) * EMU_PER_TWIP for s in ("left", "top", "bottom")
    )
    across, along = round(BOX_ACROSS_MM * EMU_PER_MM), round(BOX_ALONG_MM * EMU_PER_MM)
    x = left - round(GAP_MM * EMU_PER_MM) - across
    # The text reads top to bottom: the portrait line's end (odd: right) is the box's bottom.
    y = height - bottom - along if odd else top
    paragraph = number.xml
    return (
        f'<w:ftr {_NSDECL} mc:Ignorable="">'
        f"<w:p>{_box_run(paragraph, _Box(x, y, across, along), shape_id)}</w:p></w:ftr>"
    )


def _portrait_number(doc: DocxDocument, sect: BaseOxmlElement, kind: str) -> BaseOxmlElement | None:
    """The page-number paragraph of the body's `kind` footer (the template's), if it has one."""
    for ref in sect.findall(qn("w:footerReference")):
        if ref.get(qn("w:type")) == kind:
            footer = doc.part.related_parts[ref.get(qn("r:id"))]
            number: BaseOxmlElement | None = footer.element.find(qn("w:p"))
            return number
    return None


def number_landscape_pages(doc: DocxDocument) -> int:
    """Give every landscape section the turned page numbers; returns how many sections."""
    body = doc.element.body
    body_sect = body.sectPr
    landscape = [s for s in body.iter(qn("w:sectPr")) if _is_landscape(s)]
    if not landscape:
        return 0
    shapes = [d.get("id", "") for d in body.iter(f"{{{_NS['wp']}}}docPr")]
    first_id = max((int(i) for i in shapes if i.isdigit()), default=0) + 1  # unique, as Word wants
    ids: dict[str, str] = {}
    for n, kind in enumerate(FOOTER_TYPES):
        number = _portrait_number(doc, body_sect, kind)
        if number is None:
            continue  # a template without this footer: its landscape pages keep what it gives
        package = doc.part.package
        element = parse_xml(_footer_xml(number, landscape[0], kind == "default", first_id + n))
        part = FooterPart(
            package.next_partname("/word/footer%d.xml"), CT.WML_FOOTER, element, package
        )
        ids[kind] = doc.part.relate_to(part, RT.FOOTER)
    for sect in landscape:
        for ref in sect.findall(qn("w:footerReference")):
            kind = ref.get(qn("w:type"))
            if kind in ids:
                ref.set(qn("r:id"), ids[kind])
    return len(landscape)

r"""The 目录 as a real Word TOC field, and page numbering that starts at the body.

The template renders the 目录 entries as plain paragraphs in Word's own "toc 1" / "toc 2"
styles. `make_toc_field` turns them into the result of a `TOC \\o "1-2" \\h \\z \\u` field: each
heading gets a `_Toc` bookmark, each entry links to it and ends in a PAGEREF field, so Word and
WPS can update page numbers or the whole 目录. `fill_toc_pages` writes the page numbers into an
exported .docx once they are known (from LibreOffice's PDF, see `export.pdf`); without them the
document asks Word to update its fields when it is opened.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import TYPE_CHECKING

from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn

from desktop.export.toc_wrap import line_rooms, with_leader_room
from desktop.export.wordml import (
    FIELD_END_XML,
    field_begin_xml,
    field_xml,
    parse_elements,
    run_xml,
)

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from docx.document import Document as DocxDocument
    from docx.oxml.xmlchemy import BaseOxmlElement

#: Said to the officer when the page numbers are left for Word or WPS to fill in.
TOC_NOTE = (
    "目录页码由 Word 或 WPS 在打开文档时更新（提示“是否更新域”时选“是”）；"
    "同时导出 PDF 时由 LibreOffice 排版后直接写入。"
)
TOC_STYLE_IDS = ("TOC1", "TOC2")
HEADING_STYLE_IDS = ("GkPart", "GkHeading1")  # outline levels 1 and 2: what the TOC collects
TOC_INSTRUCTION = 'TOC \\o "1-2" \\h \\z \\u'
BOOKMARK = "_Toc{:06d}"
_PAGEREF = re.compile(r"PAGEREF (_Toc\d+)")
# pgNumType comes after these children of w:sectPr (ECMA-376 CT_SectPr).
_BEFORE_PGNUM = ("cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi")


def _style(p: BaseOxmlElement) -> str:
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return str(style.get(qn("w:val"))) if style is not None else ""


def _text(p: BaseOxmlElement) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def _sections(body: BaseOxmlElement) -> list[BaseOxmlElement]:
    inner = [p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") for p in body.iterchildren(qn("w:p"))]
    return [s for s in inner if s is not None] + [body.find(qn("w:sectPr"))]


def number_body_from_one(doc: DocxDocument) -> None:
    """Page 1 is the first page after the cover-and-目录 section; later sections run on."""
    sections = _sections(doc.element.body)
    for n, sect in enumerate(sections):
        for old in sect.findall(qn("w:pgNumType")):
            sect.remove(old)
        if n == 1:
            num = OxmlElement("w:pgNumType", {qn("w:start"): "1"})
            sect.append(num)
            later = [sect.find(qn(f"w:{t}")) for t in _BEFORE_PGNUM]
            first = next((e for e in later if e is not None), None)
            if first is not None:
                first.addprevious(num)


def make_toc_field(doc: DocxDocument, pages: Sequence[str] | None = None) -> int:
    """Turn the rendered 目录 entries into a TOC field; returns how many entries it holds.

    Args:
        doc: the rendered document.
        pages: the printed page number of each entry, when known.
    """
    body = doc.element.body
    paragraphs = list(body.iterchildren(qn("w:p")))
    entries = [p for p in paragraphs if _style(p) in TOC_STYLE_IDS]
    if not entries:
        return 0
    after = paragraphs[paragraphs.index(entries[-1]) + 1 :]
    headings = [p for p in after if _style(p) in HEADING_STYLE_IDS]
    rooms = line_rooms(doc, TOC_STYLE_IDS)
    for n, entry in enumerate(entries):
        text = _text(entry)
        room = rooms.get(_style(entry))
        shown = with_leader_room(text, room) if room is not None else text
        name = BOOKMARK.format(n + 1)
        if n < len(headings) and _text(headings[n]) == text:
            _bookmark(headings[n], name, n + 1)
        page = pages[n] if pages is not None and n < len(pages) else ""
        for run in entry.findall(qn("w:r")):
            entry.remove(run)
        runs = "".join(
            (
                field_begin_xml(TOC_INSTRUCTION) if n == 0 else "",
                f'<w:hyperlink w:anchor="{name}" w:history="1">',
                run_xml(f"{shown}\t"),
                field_xml(f"PAGEREF {name} \\h", page),
                "</w:hyperlink>",
                FIELD_END_XML if n == len(entries) - 1 else "",
            )
        )
        entry.extend(parse_elements(runs))
    return len(entries)


def _bookmark(p: BaseOxmlElement, name: str, number: int) -> None:
    start, end = parse_elements(
        f'<w:bookmarkStart w:id="{number}" w:name="{name}"/><w:bookmarkEnd w:id="{number}"/>'
    )
    ppr = p.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(end)


def ask_to_update_fields(doc: DocxDocument) -> None:
    """Word (and WPS) update the fields, 目录 page numbers included, when the file is opened."""
    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is None:
        update = OxmlElement("w:updateFields", {qn("w:val"): "true"})
        settings.append(update)
        # w:updateFields belongs before w:hdrShapeDefaults/w:footnotePr/… in CT_Settings; Word
        # accepts it after w:zoom and the proof state, where LibreOffice writes it too.
        for tag in ("w:proofState", "w:zoom"):
            before = settings.find(qn(tag))
            if before is not None:
                before.addnext(update)
                break


def toc_entries(docx: bytes) -> list[tuple[str, str]]:
    """(entry text, bookmark) of every 目录 entry of an exported .docx."""
    root = parse_xml(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"))
    out: list[tuple[str, str]] = []
    for p in root.iter(qn("w:p")):
        if _style(p) not in TOC_STYLE_IDS:
            continue
        instr = "".join(t.text or "" for t in p.iter(qn("w:instrText")))
        found = _PAGEREF.search(instr)
        if found:
            title = next(r for r in p.iter(qn("w:r")) if r.find(qn("w:t")) is not None)
            out.append(("".join(t.text or "" for t in title.findall(qn("w:t"))), found.group(1)))
    return out


def fill_toc_pages(docx: bytes, pages: Mapping[str, str]) -> bytes:
    """The .docx with the cached result of each PAGEREF (by bookmark) set to its page number."""
    src = zipfile.ZipFile(io.BytesIO(docx))
    root = parse_xml(src.read("word/document.xml"))
    for p in root.iter(qn("w:p")):
        if _style(p) not in TOC_STYLE_IDS:
            continue
        runs = list(p.iter(qn("w:r")))
        for i, run in enumerate(runs):
            instr = run.find(qn("w:instrText"))
            found = _PAGEREF.search(instr.text or "") if instr is not None else None
            if found is None or found.group(1) not in pages:
                continue
            result = runs[i + 2]  # after the "separate" fldChar run
            for t in result.findall(qn("w:t")):
                result.remove(t)
            t = OxmlElement("w:t")
            t.text = pages[found.group(1)]
            result.append(t)
    settings = parse_xml(src.read("word/settings.xml"))
    for update in settings.findall(qn("w:updateFields")):
        settings.remove(update)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = serialize_part_xml(root)
            elif info.filename == "word/settings.xml":
                data = serialize_part_xml(settings)
            dst.writestr(info, data)
    return out.getvalue()

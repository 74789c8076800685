"""The document's own properties: title, author, times, and a clean app.xml.

Word's 文件 → 属性 and a file manager show these; before, every document said 决算公开 by
决算公开助手, created 2023-01-01, written by "Microsoft Macintosh Word".
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from docx.opc.constants import RELATIONSHIP_TYPE as RT

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

APPLICATION = "决算公开助手"
_APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>{app}</Application><DocSecurity>0</DocSecurity>"
    "<Company>{company}</Company><LinksUpToDate>false</LinksUpToDate>"
    "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
    "</Properties>"
)


def set_properties(doc: DocxDocument, *, title: str, author: str, when: dt.datetime) -> None:
    """Title = the document's title, author = the unit, created/modified = `when` (export)."""
    props = doc.core_properties
    props.title = title
    props.author = author
    props.last_modified_by = author
    props.created = props.modified = when.astimezone(dt.UTC).replace(tzinfo=None)
    props.revision = 1
    package = doc.part.package
    for rel in package.rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = _APP_XML.format(  # a plain Part keeps its bytes in _blob
                app=escape(APPLICATION), company=escape(author)
            ).encode("utf-8")

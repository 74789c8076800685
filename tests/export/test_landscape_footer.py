"""A template whose footers differ from ours still exports: landscape numbers where it has them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.oxml.ns import qn

from desktop.export.landscape_footer import number_landscape_pages
from tests.export.docx_text import open_docx

if TYPE_CHECKING:
    from pathlib import Path

WPS = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}wsp"


def test_a_template_without_an_even_footer_numbers_its_odd_landscape_pages(
    sample_docx: Path,
) -> None:
    doc = open_docx(sample_docx)
    sections = list(doc.element.body.iter(qn("w:sectPr")))
    for sect in sections:  # as if the template had only one footer
        for ref in sect.findall(qn("w:footerReference")):
            if ref.get(qn("w:type")) == "even":
                sect.remove(ref)
    landscape = [s for s in sections if s.find(qn("w:pgSz")).get(qn("w:orient")) == "landscape"]
    assert number_landscape_pages(doc) == len(landscape) > 0
    for sect in landscape:
        refs = sect.findall(qn("w:footerReference"))
        assert [r.get(qn("w:type")) for r in refs] == ["default"]
        footer = doc.part.related_parts[refs[0].get(qn("r:id"))]
        assert footer.element.find(f".//{WPS}") is not None  # the turned page number


def test_a_template_without_footers_exports_its_landscape_pages_unnumbered(
    sample_docx: Path,
) -> None:
    doc = open_docx(sample_docx)
    for sect in doc.element.body.iter(qn("w:sectPr")):
        for ref in sect.findall(qn("w:footerReference")):
            sect.remove(ref)
    before = len(doc.part.rels)
    assert number_landscape_pages(doc) > 0
    assert len(doc.part.rels) == before  # no footer made up

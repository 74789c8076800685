"""The claims of docs/wps-compatibility.md, checked on the exported sample's XML.

Each test is one row of that list: what Word, WPS and LibreOffice all read the same way.
"""

from __future__ import annotations

import re
import zipfile
from typing import TYPE_CHECKING

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import qn

if TYPE_CHECKING:
    from pathlib import Path

    from docx.oxml.xmlchemy import BaseOxmlElement


def _part(docx: Path, name: str) -> BaseOxmlElement:
    return parse_xml(zipfile.ZipFile(docx).read(name))


@pytest.fixture(scope="module")
def body(sample_docx: Path) -> BaseOxmlElement:
    return _part(sample_docx, "word/document.xml")


def _w(element: BaseOxmlElement, name: str) -> int:
    return int(element.get(qn(f"w:{name}")))


def test_table_widths_are_grid_columns_and_fixed(body: BaseOxmlElement) -> None:
    tables = list(body.iter(qn("w:tbl")))
    assert len(tables) > 20
    for tbl in tables:
        grid = [_w(c, "w") for c in tbl.find(qn("w:tblGrid")).findall(qn("w:gridCol"))]
        tbl_pr = tbl.find(qn("w:tblPr"))
        assert tbl_pr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        width = tbl_pr.find(qn("w:tblW"))
        assert width.get(qn("w:type")) == "dxa"
        assert abs(_w(width, "w") - sum(grid)) <= len(grid)  # twips rounded per column
        for tr in tbl.findall(qn("w:tr")):
            spans = 0
            for tc in tr.findall(qn("w:tc")):
                tc_pr = tc.find(qn("w:tcPr"))
                span = tc_pr.find(qn("w:gridSpan"))
                n = _w(span, "val") if span is not None else 1
                assert tc_pr.find(qn("w:tcW")).get(qn("w:type")) == "dxa"
                assert abs(_w(tc_pr.find(qn("w:tcW")), "w") - sum(grid[spans : spans + n])) <= n
                spans += n
            assert spans == len(grid)  # every row covers the grid: the three programs agree


def test_cell_padding_is_in_the_table_itself(body: BaseOxmlElement) -> None:
    for tbl in body.iter(qn("w:tbl")):
        margins = tbl.find(qn("w:tblPr")).find(qn("w:tblCellMar"))
        assert margins is not None
        assert 57 <= _w(margins.find(qn("w:left")), "w") <= 85
        assert 57 <= _w(margins.find(qn("w:right")), "w") <= 85


def test_rows_never_split_and_header_rows_repeat(body: BaseOxmlElement) -> None:
    repeated = 0
    for tbl in body.iter(qn("w:tbl")):
        rows = tbl.findall(qn("w:tr"))
        flags = [tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None for tr in rows]
        assert all(tr.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None for tr in rows)
        head = flags.index(False) if False in flags else len(flags)
        assert not any(flags[head:])  # header rows are the first rows only (as Word needs)
        repeated += head > 0
    assert repeated > 15


def test_no_style_uses_a_theme_font(sample_docx: Path) -> None:
    xml = zipfile.ZipFile(sample_docx).read("word/styles.xml").decode("utf-8")
    assert not re.search(r"w:(ascii|hAnsi|eastAsia|cs)[Tt]heme=", xml)
    styles = _part(sample_docx, "word/styles.xml")
    defaults = styles.find(qn("w:docDefaults")).find(f".//{qn('w:rFonts')}")
    assert defaults.get(qn("w:ascii")) == "Times New Roman"
    assert defaults.get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_every_gb2312_font_has_an_alternative_name(sample_docx: Path) -> None:
    table = _part(sample_docx, "word/fontTable.xml")
    alt = {
        f.get(qn("w:name")): f.find(qn("w:altName")).get(qn("w:val"))
        for f in table.findall(qn("w:font"))
        if f.find(qn("w:altName")) is not None
    }
    assert alt["仿宋_GB2312"] == "仿宋"
    assert alt["楷体_GB2312"] == "楷体"
    assert alt["方正小标宋简体"] == "宋体"


def test_languages_and_overflowing_punctuation_in_the_defaults(sample_docx: Path) -> None:
    styles = _part(sample_docx, "word/styles.xml")
    lang = styles.find(qn("w:docDefaults")).find(f".//{qn('w:lang')}")
    assert (lang.get(qn("w:val")), lang.get(qn("w:eastAsia"))) == ("en-US", "zh-CN")
    for found in styles.iter(qn("w:lang")):  # no style sets Western text back to zh-CN
        assert found.get(qn("w:val")) in (None, "en-US")
    punct = styles.find(qn("w:docDefaults")).find(f".//{qn('w:overflowPunct')}")
    assert punct.get(qn("w:val")) == "1"


def test_every_section_has_the_28_by_22_grid(body: BaseOxmlElement) -> None:
    sections = list(body.iter(qn("w:sectPr")))
    assert len(sections) > 5
    for sect in sections:
        grid = sect.find(qn("w:docGrid"))
        assert grid.get(qn("w:type")) == "linesAndChars"
        assert (_w(grid, "linePitch"), _w(grid, "charSpace")) == (578, -849)
        size = sect.find(qn("w:pgSz"))
        landscape = size.get(qn("w:orient")) == "landscape"
        assert (_w(size, "w") > _w(size, "h")) == landscape


def test_fields_are_complex_fields_wps_updates(sample_docx: Path, body: BaseOxmlElement) -> None:
    instructions = "".join(t.text or "" for t in body.iter(qn("w:instrText")))
    assert 'TOC \\o "1-2" \\h \\z \\u' in instructions
    marks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    refs = re.findall(r"PAGEREF (_Toc\d+)", instructions)
    assert refs
    assert set(refs) <= marks  # every 目录 entry points at a heading's bookmark
    for name in ("word/footer1.xml", "word/footer2.xml"):
        footer = _part(sample_docx, name)
        assert "PAGE" in "".join(t.text or "" for t in footer.iter(qn("w:instrText")))
        assert footer.find(f".//{qn('w:txbxContent')}") is None  # portrait: not in a text box
    settings = _part(sample_docx, "word/settings.xml")
    assert settings.find(qn("w:evenAndOddHeaders")) is not None


def test_small_type_is_set_on_the_runs(body: BaseOxmlElement) -> None:
    """小五 in a table is w:sz on its runs: no style that WPS might not have."""
    sizes = {s.get(qn("w:val")) for s in body.iter(qn("w:sz"))}
    assert "18" in sizes


WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def _footer_parts(docx: Path) -> dict[str, str]:
    """Relationship id → part name of every footer."""
    rels = _part(docx, "word/_rels/document.xml.rels")
    return {
        r.get("Id"): "word/" + r.get("Target")
        for r in rels
        if r.get("Type", "").endswith("/footer")
    }


def test_landscape_pages_have_turned_page_numbers(sample_docx: Path, body: BaseOxmlElement) -> None:
    """GB/T 9704 §8: the number of a landscape page sits in its left margin, turned 90°,
    anchored to the page (not to the text), as a text box Word, WPS and LibreOffice all read."""
    footers = _footer_parts(sample_docx)
    kinds: dict[bool, set[str]] = {True: set(), False: set()}
    for sect in body.iter(qn("w:sectPr")):
        landscape = sect.find(qn("w:pgSz")).get(qn("w:orient")) == "landscape"
        refs = {
            r.get(qn("w:type")): r.get(qn("r:id")) for r in sect.findall(qn("w:footerReference"))
        }
        if not refs:
            continue  # the cover-and-目录 section: no page number
        assert set(refs) == {"default", "even"}
        kinds[landscape].update(footers[r] for r in refs.values())
    assert kinds[True]
    assert kinds[False]
    assert not kinds[True] & kinds[False]  # landscape sections have footers of their own
    left = next(
        _w(s.find(qn("w:pgMar")), "left")
        for s in body.iter(qn("w:sectPr"))
        if s.find(qn("w:pgSz")).get(qn("w:orient")) == "landscape"
    )
    for name in kinds[True]:
        footer = _part(sample_docx, name)
        box = footer.find(f".//{{{WPS_NS}}}wsp")
        assert box is not None, name
        assert box.find(f"{{{WPS_NS}}}bodyPr").get("vert") == "vert"  # turned 90° clockwise
        content = box.find(f".//{qn('w:txbxContent')}")
        assert "PAGE" in "".join(t.text or "" for t in content.iter(qn("w:instrText")))
        anchor = footer.find(f".//{{{WP_NS}}}anchor")
        h = anchor.find(f"{{{WP_NS}}}positionH")
        assert h.get("relativeFrom") == "page"
        x = int(h.find(f"{{{WP_NS}}}posOffset").text)
        width = int(anchor.find(f"{{{WP_NS}}}extent").get("cx"))
        assert x + width <= left * 635  # EMU: inside the left margin


def test_drawing_ids_are_unique_across_the_parts(sample_docx: Path) -> None:
    """Word repairs a document whose drawings (charts, page-number boxes) share an id."""
    names = ["word/document.xml", *_footer_parts(sample_docx).values()]
    ids = [
        d.get("id") for name in names for d in _part(sample_docx, name).iter(f"{{{WP_NS}}}docPr")
    ]
    assert len(ids) >= 3  # the charts and the two page-number boxes
    assert len(ids) == len(set(ids))

"""Cover, 目录 field, page numbering and document properties of the exported sample."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import TYPE_CHECKING

from docx.oxml.ns import qn

from desktop import paths
from desktop.core.calc import Figures
from desktop.core.narrative.document import build_document
from desktop.export.context import cover_title
from desktop.export.docx import DocxOptions, export_docx
from desktop.export.front_matter import fill_toc_pages, toc_entries
from desktop.export.pdf import outline_pages, toc_pages
from tests.export.docx_text import body_paragraphs, open_docx

if TYPE_CHECKING:
    from pathlib import Path

    from desktop.core.model import Case
    from desktop.sections.catalog import Catalog

UNIT = "内蒙古自治区鄂尔多斯市红十字会(本级)"


def _document_xml(path: Path) -> str:
    return zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")


def test_toc_is_a_field_whose_entries_link_to_the_headings(sample_docx: Path) -> None:
    xml = _document_xml(sample_docx)
    assert xml.count('TOC \\o "1-2" \\h \\z \\u') == 1
    entries = toc_entries(sample_docx.read_bytes())
    assert len(entries) == xml.count("PAGEREF _Toc") > 30
    doc = open_docx(sample_docx)
    marks = {
        b.get(qn("w:name")): "".join(t.text or "" for t in b.getparent().iter(qn("w:t")))
        for b in doc.element.body.iter(qn("w:bookmarkStart"))
    }
    assert all(marks[bookmark] == text for text, bookmark in entries)
    styles = {s for s, _ in body_paragraphs(doc)}
    assert {"toc 1", "toc 2"} <= styles
    # No page numbers yet (no LibreOffice here): Word is asked to update the fields on opening.
    settings = zipfile.ZipFile(sample_docx).read("word/settings.xml").decode("utf-8")
    assert '<w:updateFields w:val="true"/>' in settings


def test_cover_and_toc_have_no_page_number_and_the_body_starts_at_one(sample_docx: Path) -> None:
    doc = open_docx(sample_docx)
    front, first_body, *rest = doc.sections
    assert front._sectPr.findall(qn("w:footerReference")) == []
    start = first_body._sectPr.find(qn("w:pgNumType"))
    assert start is not None
    assert start.get(qn("w:start")) == "1"
    assert all(s._sectPr.find(qn("w:pgNumType")) is None for s in rest)
    texts = [t for _, t in body_paragraphs(doc)]
    assert texts[:3] == ["2022年度\n" + UNIT + "\n单位决算公开", UNIT, texts[2]]
    assert texts[2].endswith("月")
    assert texts[2].startswith("20")


def test_title_breaks_between_words() -> None:
    assert cover_title("2022年度某局单位决算公开", "某局") == "2022年度某局单位决算公开"
    assert cover_title(f"2022年度{UNIT}单位决算公开", UNIT) == (f"2022年度\n{UNIT}\n单位决算公开")
    assert cover_title("上海市某某区财政局2024年度部门决算", "上海市某某区财政局") == (
        "上海市某某区财政局2024年度部门决算"
    )
    assert cover_title(
        "上海市某某区规划和自然资源局2024年度部门决算", "上海市某某区规划和自然资源局"
    ) == ("上海市某某区规划和自然资源局\n2024年度部门决算")
    assert cover_title("年度决算公开", "不在标题里的单位") == "年度决算公开"


def test_properties_are_the_documents_own(
    tmp_path: Path, sample_case: Case, catalog: Catalog
) -> None:
    figures = Figures(sample_case, catalog.profile(sample_case.profile_id), catalog.codes)
    when = dt.datetime(2024, 3, 5, 9, 30, tzinfo=dt.UTC)
    target = tmp_path / "p.docx"
    options = DocxOptions(
        paths.resources_dir() / "templates" / figures.profile.template,
        paths.resources_dir() / "fonts",
        now=when,
    )
    notes = export_docx(build_document(figures), figures, target, options)
    assert any("目录页码" in n for n in notes)
    props = open_docx(target).core_properties
    assert props.title == f"2022年度{UNIT}单位决算公开"
    assert props.author == UNIT
    assert props.created == props.modified == when
    app = zipfile.ZipFile(target).read("docProps/app.xml").decode("utf-8")
    assert "<Application>决算公开助手</Application>" in app
    assert "Macintosh" not in app
    assert f"<Company>{UNIT}</Company>" in app
    assert "2024年3月" in [t for _, t in body_paragraphs(open_docx(target))]


def test_page_numbers_from_the_outline_fill_the_field(sample_docx: Path) -> None:
    entries = toc_entries(sample_docx.read_bytes())
    # Cover and 目录 take pages 0–2; the body (page 1) starts on page 3.
    outline = [("封面以外的书签", 0)] + [(text, 3 + n // 4) for n, (text, _) in enumerate(entries)]
    pages = toc_pages(entries, outline)
    assert [pages[b] for _, b in entries[:6]] == ["1", "1", "1", "1", "2", "2"]
    filled = fill_toc_pages(sample_docx.read_bytes(), pages)
    zipped = zipfile.ZipFile(io.BytesIO(filled))
    assert "updateFields" not in zipped.read("word/settings.xml").decode("utf-8")
    xml = zipped.read("word/document.xml").decode("utf-8")
    first = xml[xml.index("PAGEREF _Toc000001") :]
    assert '<w:t>1</w:t><w:fldChar w:fldCharType="end"/>' not in first  # result sits in its run
    assert first.split("<w:t>", 1)[1].startswith("1</w:t>")


def test_an_entry_missing_from_the_outline_leaves_no_numbers() -> None:
    entries = [("第一部分 概况", "_Toc000001"), ("一、职能", "_Toc000002")]
    assert toc_pages(entries, [("第一部分 概况", 2)]) == {}
    assert toc_pages(entries, [("第一部分 概况", 2), ("一、职能", 3)]) == {
        "_Toc000001": "1",
        "_Toc000002": "2",
    }


def test_outline_pages_reads_libreoffice_bookmarks() -> None:
    title = "FEFF" + "第一部分".encode("utf-16-be").hex().upper()
    pdf = (
        b"1 0 obj\n<</Type/Page/Parent 9 0 R>>\nendobj\n"
        b"2 0 obj\n<</Type/Page/Parent 9 0 R>>\nendobj\n"
        b"9 0 obj\n<</Type/Pages/Kids[ 1 0 R 2 0 R ]/Count 2>>\nendobj\n"
        b"5 0 obj\n<</Count 0/Title<" + title.encode() + b">\n/Dest[2 0 R/XYZ 1 2 0]>>\nendobj\n"
    )
    assert outline_pages(pdf) == [("第一部分", 1)]

"""Each profile's sample, converted by LibreOffice and read back from the PDF.

The PDF's lines are compared with the .docx paragraphs: no number broken across two lines, no
punctuation lost at a line end, and only the bundled faces embedded.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from typing import TYPE_CHECKING

import pytest

from desktop import paths
from desktop.export.pdf import convert_to_pdf
from desktop.storage.interchange import loads_case
from tests.conftest import export_case
from tests.export.docx_text import open_docx
from tests.export.pdf_text import compare, page_numbers, pdf_fonts, pdf_lines

if TYPE_CHECKING:
    from pathlib import Path

    from desktop.sections.catalog import Catalog

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("soffice") is None or shutil.which("pdftotext") is None,
        reason="LibreOffice and poppler are not installed (.ci/run installs them)",
    ),
]

PROFILES = ("nmg-2022-unit", "nmg-2023-unit", "sh-2024-dept")


@pytest.fixture(scope="module", params=PROFILES)
def converted(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, catalog: Catalog
) -> tuple[Path, Path]:
    profile = str(request.param)
    sample = paths.resources_dir() / "samples" / f"{profile}.json"
    case = loads_case(sample.read_text(encoding="utf-8"), catalog.profiles)
    docx = export_case(case, catalog, tmp_path_factory.mktemp(profile) / f"{profile}.docx")
    return docx, convert_to_pdf(docx, paths.resources_dir() / "fonts")


def bundled_faces() -> set[str]:
    """PostScript names of the fonts shipped in resources/fonts (read by fontconfig's fc-scan)."""
    names = set()
    for path in (paths.resources_dir() / "fonts").iterdir():
        if path.suffix in (".otf", ".ttf"):
            out = subprocess.run(
                ["fc-scan", "--format", "%{postscriptname}\n", str(path)],
                capture_output=True,
                text=True,
                check=True,
            )
            names.update(out.stdout.split())
    return names


def test_no_number_split_and_no_punctuation_lost(converted: tuple[Path, Path]) -> None:
    docx, pdf = converted
    paragraphs = [p.text for p in open_docx(docx).paragraphs]
    faults, checked = compare(paragraphs, pdf_lines(pdf))
    assert checked > 100  # the body was found in the PDF, paragraph by paragraph
    assert faults == []


def test_pdf_embeds_only_bundled_faces(converted: tuple[Path, Path]) -> None:
    _, pdf = converted
    faces = bundled_faces()
    embedded = pdf_fonts(pdf)
    assert embedded
    assert [f for f in embedded if not any(f.startswith(face) for face in faces)] == []
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(next(x.split()[-1] for x in info.stdout.splitlines() if x.startswith("Pages:")))
    assert pages > 20


def _page_texts(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return out.stdout.split("\f")


def test_toc_page_numbers_are_the_printed_ones(converted: tuple[Path, Path]) -> None:
    docx, pdf = converted
    xml = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
    entries = [
        (text, re.search(r"PAGEREF (_Toc\d+)", instr).group(1))  # type: ignore[union-attr]  # every TOC field has a PAGEREF; a None fails the test anyway
        for text, instr in re.findall(
            r'<w:pStyle w:val="TOC1"/>.*?<w:t xml:space="preserve">([^<]*)\t?</w:t>.*?'
            r"(PAGEREF _Toc\d+)",
            xml,
        )
    ]
    assert len(entries) >= 4  # every part heading is listed
    pages = _page_texts(pdf)
    for text, bookmark in entries:
        number = re.search(rf"PAGEREF {bookmark} \\h </w:instrText>.*?<w:t>(\d+)</w:t>", xml)
        assert number is not None, f"{text}: no page number in the 目录"
        want = "".join(text.split())
        page = next(  # the body page it heads (目录 pages have dot leaders)
            p
            for p in pages
            if "".join("".join(p.split("\n")[:4]).split()).startswith(want) and "..." not in p
        )
        footer = re.search(r"—\s*(\d+)\s*—", page)
        assert footer is not None
        assert footer.group(1) == number.group(1), text


def _lines(page: str) -> list[str]:
    """A page's text lines without the page number and the 草稿 header."""
    return [
        s
        for line in page.splitlines()
        if (s := line.strip()) and not re.fullmatch(r"—\s*\d+\s*—", s)
    ]


def test_no_page_holds_only_a_title_or_a_note(converted: tuple[Path, Path]) -> None:
    _, pdf = converted
    for n, page in enumerate(_page_texts(pdf)[:-1], start=1):  # the text after the last \f
        lines = _lines(page)
        assert len(lines) > 2, f"page {n}: {lines}"
        assert not all(line.startswith("注") for line in lines), f"page {n}: {lines}"


def test_every_page_of_indicators_repeats_their_header(converted: tuple[Path, Path]) -> None:
    _, pdf = converted
    pages = [p for p in _page_texts(pdf) if re.search(r"(正|反)向", p)]
    for page in pages:
        assert "一级指标" in page, _lines(page)[:3]
        assert "三级指标" in page


def test_each_summary_shares_a_page_with_its_table(converted: tuple[Path, Path]) -> None:
    _, pdf = converted
    for page in _page_texts(pdf):
        if "项目自评综述" in page:
            assert "项目支出绩效自评表" in page
            assert "项目名称" in page  # and the first rows of the table itself


def test_the_total_table_stands_on_one_page(converted: tuple[Path, Path], catalog: Catalog) -> None:
    docx, pdf = converted
    doc = open_docx(docx)
    total = next(t for t in doc.tables if t.rows[0].cells[0].text == "收入")
    last = total.rows[-1].cells[0].text  # 总计 or the like
    title = re.compile(r"[一二三四五六七八九十]+、\s*收入支出决算总表")
    pages = [p for p in _page_texts(pdf) if any(title.fullmatch(x) for x in _lines(p))]
    assert len(pages) == 1
    assert last in pages[0]


MM = 72 / 25.4  # points per millimetre


def test_page_numbers_stand_where_gb_9704_puts_them(converted: tuple[Path, Path]) -> None:
    """Portrait: below the type area, odd right, even left. Landscape (§8): at the portrait
    bottom, i.e. the landscape left margin, turned with the sheet; odd low, even high."""
    _, pdf = converted
    numbers = page_numbers(pdf)
    body = [n for n in numbers if n is not None]
    assert numbers[0] is None  # the cover and 目录 carry none
    assert [n.number for n in body] == list(range(1, len(body) + 1))  # runs on, landscape too
    landscape = [n for n in body if n.landscape]
    assert landscape, "every sample has landscape 自评表"
    for n in body:
        x0, y0, x1, y1 = n.box
        odd = n.number % 2 == 1
        if n.landscape:
            assert n.vertical, n
            assert x1 <= 28 * MM - 5 * MM, n  # in the left margin, clear of the type area
            assert (y0 > n.height / 2) if odd else (y1 < n.height / 2), n
        else:
            assert not n.vertical, n
            assert y0 > n.height - 35 * MM, n  # below the type area
            assert (x0 > n.width / 2) if odd else (x1 < n.width / 2), n


def test_no_toc_line_holds_the_dots_alone(converted: tuple[Path, Path]) -> None:
    """A 目录 line ending in dots and a page number starts with at least two characters."""
    _, pdf = converted
    toc = next(p for p in _page_texts(pdf) if "目" in p and "录" in p and "....." in p)
    rest = [p for p in _page_texts(pdf)[1:4] if "....." in p and p is not toc]
    dotted = [
        m.group(1).strip()
        for page in [toc, *rest]
        for line in _lines(page)
        if (m := re.fullmatch(r"(.*?)\.{5,}\s*\d+", line))
    ]
    assert len(dotted) >= 10
    assert all(len(title) >= 2 for title in dotted), dotted


def test_a_small_table_shares_its_page_with_the_sentence_leading_into_it(
    converted: tuple[Path, Path],
) -> None:
    _, pdf = converted
    for page in _page_texts(pdf):
        lines = _lines(page)
        if "部门决算单位构成表" in lines:  # the 上海 部门's table of its units
            title = lines.index("部门决算单位构成表")
            assert title > 0, "the table stands alone at the top of a page"
            assert lines[title - 1].endswith("："), lines[: title + 1]

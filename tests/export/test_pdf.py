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
from tests.export.pdf_text import compare, pdf_fonts, pdf_lines

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

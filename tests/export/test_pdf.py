"""The exported sample converts to PDF with LibreOffice, with a CJK font embedded."""

from __future__ import annotations

import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest

from desktop import paths
from desktop.export.pdf import convert_to_pdf

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.slow


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice is not installed (.ci/run installs it)"
)
def test_sample_converts_to_pdf_with_cjk_fonts(sample_docx: Path, tmp_path: Path) -> None:
    docx = tmp_path / "sample.docx"
    shutil.copy(sample_docx, docx)
    pdf = convert_to_pdf(docx, paths.resources_dir() / "fonts")
    assert pdf.is_file()
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert "NotoSerifSC" in fonts or "CJK" in fonts
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages > 30
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "3", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "单位决算公开" in text.replace(" ", "")

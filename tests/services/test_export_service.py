"""One export for both faces: what `export_case` writes, refuses and records."""

from __future__ import annotations

import hashlib
import shutil
from decimal import Decimal
from typing import TYPE_CHECKING

import docx
import grimp
import pytest

from desktop.core.calc import Figures
from desktop.services.export import (
    ExportRefusedError,
    ExportRequest,
    export_case,
    store_version,
)
from desktop.storage.cases import save_case
from desktop.storage.db import open_db
from desktop.storage.versions import list_versions
from tests.core.case_edits import set_cell

if TYPE_CHECKING:
    from pathlib import Path

    from desktop.core.model import Case
    from desktop.sections.catalog import Catalog


def _figures(case: Case, catalog: Catalog) -> Figures:
    return Figures(case, catalog.profile(case.profile_id), catalog.codes)


def test_a_formal_export_with_errors_is_refused_and_writes_nothing(
    tmp_path: Path, sample_case: Case, catalog: Catalog
) -> None:
    broken = set_cell(sample_case, "t1", "closing", "amount", Decimal("100000.00"))
    target = tmp_path / "公开.docx"
    with pytest.raises(ExportRefusedError) as refused:
        export_case(_figures(broken, catalog), ExportRequest(target))
    assert refused.value.errors
    assert "不能导出正式文档" in str(refused.value)
    assert any(i.rule == "T1-d" for i in refused.value.errors)
    assert list(tmp_path.iterdir()) == []


def test_a_draft_of_the_same_case_is_written(
    tmp_path: Path, sample_case: Case, catalog: Catalog
) -> None:
    broken = set_cell(sample_case, "t1", "closing", "amount", Decimal("100000.00"))
    target = tmp_path / "公开（草稿）.docx"
    result = export_case(_figures(broken, catalog), ExportRequest(target, draft=True))
    assert result.written == (target,)
    header = docx.Document(str(target)).sections[0].header.paragraphs[0].text
    assert "草稿" in header


def test_the_workbook_is_written_and_the_version_is_the_file_on_disk(
    tmp_path: Path, sample_case: Case, catalog: Catalog
) -> None:
    db = open_db(tmp_path / "cases.sqlite3")
    case_id = save_case(db, sample_case)
    target, book = tmp_path / "公开.docx", tmp_path / "公开.xlsx"
    result = export_case(
        _figures(sample_case, catalog),
        ExportRequest(target, workbook=book),
        prepare_version=True,
    )
    assert result.written == (target, book)
    assert book.stat().st_size > 0
    assert result.notes  # no PDF: Word is to fill in the 目录 page numbers
    number = store_version(db, case_id, result)
    (version,) = list_versions(db, case_id)
    assert version.id == number
    assert version.file_name == "公开.docx"
    assert version.sha256 == hashlib.sha256(target.read_bytes()).hexdigest() == result.sha256


def test_store_version_needs_a_prepared_export(
    tmp_path: Path, sample_case: Case, catalog: Catalog
) -> None:
    db = open_db(tmp_path / "cases.sqlite3")
    case_id = save_case(db, sample_case)
    result = export_case(_figures(sample_case, catalog), ExportRequest(tmp_path / "a.docx"))
    assert result.version is None
    with pytest.raises(ValueError, match="prepare"):
        store_version(db, case_id, result)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice 未安装")
def test_with_a_pdf_the_checksum_is_of_the_docx_after_the_toc_pages_were_filled(
    tmp_path: Path, sample_case: Case, catalog: Catalog
) -> None:
    target = tmp_path / "公开.docx"
    result = export_case(
        _figures(sample_case, catalog), ExportRequest(target, pdf=True), prepare_version=True
    )
    assert result.pdf_error is None
    assert result.written == (target, target.with_suffix(".pdf"))
    assert result.notes == ()  # LibreOffice wrote the page numbers
    assert result.version is not None
    assert result.version.sha256 == hashlib.sha256(target.read_bytes()).hexdigest()


def _imported_names(line: str) -> list[str]:
    """``from a.b import c, d as e`` → [c, d]."""
    _, _, names = line.split("#", 1)[0].partition(" import ")
    return [n.split(" as ")[0].strip(" ()") for n in names.split(",")]


def _faces_importing(names: tuple[str, ...]) -> set[tuple[str, str]]:
    """(module, import line) of the window and the command line that import any of `names`
    from outside desktop.services."""
    graph = grimp.build_graph("desktop")
    faces = {m for m in graph.modules if m.startswith(("desktop.ui", "desktop.cli", "desktop.app"))}
    return {
        (face, detail["line_contents"])
        for face in faces
        for imported in graph.find_modules_directly_imported_by(face)
        for detail in graph.get_import_details(importer=face, imported=imported)
        if set(_imported_names(detail["line_contents"])) & set(names)
        and not imported.startswith("desktop.services")
    }


def test_both_faces_export_through_the_service_only() -> None:
    """Neither the window nor the command line renders, converts or writes a document itself."""
    assert _faces_importing(("export_docx", "export_xlsx", "convert_to_pdf", "reexport")) == set()


def test_both_faces_import_workbooks_through_the_service_only() -> None:
    """The Excel preview and the remembered sheet layouts come from desktop.services.importing."""
    assert _faces_importing(("recognise", "load_layouts", "remember_layout")) == set()

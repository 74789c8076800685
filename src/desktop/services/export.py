"""Export a case: the Word document, its PDF and the 公开表 workbook, and the version record.

One function for both faces. `export_case` does everything that touches files (render, convert,
hash, archive the profile) and is safe on a background thread; `store_version` is the one quick
database write, done on the thread that owns the database. The command line calls both in turn;
the window runs the first in its background task and the second when the task reports back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop import paths

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from sqlite_utils import Database

    from desktop.core.calc import Figures
    from desktop.core.issues import Issue
    from desktop.core.model import CaseId
    from desktop.export.table_layout import TableLayout
    from desktop.storage.versions import NewVersion


class ExportRefusedError(Exception):
    """A formal export while 错误 remain; the message lists them (the same list as the window's)."""

    def __init__(self, message: str, errors: list[Issue]) -> None:
        super().__init__(message)
        self.errors = errors


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What to write: the .docx, and optionally its PDF (beside it) and a workbook."""

    document: Path
    pdf: bool = False
    workbook: Path | None = None
    draft: bool = False
    #: A department's 分单位收支 appendix, added at the end of the document.
    appendix: TableLayout | None = None


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What was written, in order (docx, PDF, xlsx), and what the officer should be told."""

    written: tuple[Path, ...]
    notes: tuple[str, ...]
    """About the files: that Word fills in the 目录 page numbers (no PDF made)…"""
    gaps: int
    """Places marked 【待填写】 (a draft only)."""
    sha256: str
    """Of the .docx as finally written (after the PDF step filled in the 目录 pages)."""
    pdf_error: str | None = None
    """Why the PDF was not made; the .docx and the workbook are there all the same."""
    version: NewVersion | None = None
    """What `store_version` records, when the export was asked to prepare it."""

    @property
    def document(self) -> Path:
        return self.written[0]


def blocking_errors(figures: Figures, extra: Iterable[Issue] = ()) -> list[Issue]:
    """The 错误 that stop a formal export: the checks' and any `extra` (a department's own)."""
    from desktop.core.checks import run_checks
    from desktop.core.issues import Severity

    return [i for i in (*run_checks(figures), *extra) if i.severity is Severity.ERROR]


def refusal(figures: Figures, errors: list[Issue]) -> ExportRefusedError:
    """The refusal of a formal export, listing each error under its section's title."""
    titles: dict[str, str] = {s.id: s.title for s in figures.profile.sections}
    listed = "\n".join(
        f"  {n}. 【{titles.get(i.location.section, '全文')}】{i.message}"
        for n, i in enumerate(errors, start=1)
    )
    return ExportRefusedError(
        f"还有 {len(errors)} 条错误，不能导出正式文档：\n{listed}\n"
        "请改正后再导出；要先看草稿，请导出草稿（未填写的内容标为【待填写：…】）。",
        errors,
    )


def export_case(
    figures: Figures,
    request: ExportRequest,
    *,
    prepare_version: bool = False,
    chart_cache: Path | None = None,
) -> ExportResult:
    """Write the files of `request`; safe off the UI thread (it touches no database).

    A formal export (not a draft) is refused with `ExportRefusedError` while the checks find
    错误. A PDF that cannot be made is reported in `pdf_error`, not raised: the document is
    there. With `prepare_version`, the result carries what `store_version` records.
    """
    from desktop.core.narrative.document import build_document
    from desktop.export.docx import DocxOptions, ExportError, export_docx
    from desktop.sections.templates import profile_template
    from desktop.services.history import prepare_version as prepare
    from desktop.storage.versions import file_sha256

    if not request.draft:
        errors = blocking_errors(figures)
        if errors:
            raise refusal(figures, errors)
    target = request.document
    fonts = paths.resources_dir() / "fonts"
    document = build_document(figures)
    options = DocxOptions(
        profile_template(figures.profile), fonts, draft=request.draft, chart_cache=chart_cache
    )
    notes = export_docx(document, figures, target, options)
    if request.appendix is not None:
        from desktop.export.unit_appendix import add_unit_appendix

        add_unit_appendix(target, request.appendix)
    written = [target]
    pdf_error = None
    if request.pdf:
        from desktop.export.pdf import convert_to_pdf

        try:
            written.append(convert_to_pdf(target, fonts))
            notes = ()  # LibreOffice has written the 目录 page numbers into the .docx
        except ExportError as exc:
            pdf_error = str(exc)
    if request.workbook is not None:
        from desktop.export.xlsx import export_xlsx

        export_xlsx(figures, request.workbook, draft=request.draft)
        written.append(request.workbook)
    digest = file_sha256(target)
    version = prepare(figures, target, digest, draft=request.draft) if prepare_version else None
    gaps = len(document.gaps) if request.draft else 0
    return ExportResult(tuple(written), tuple(notes), gaps, digest, pdf_error, version)


def store_version(db: Database, case_id: CaseId, result: ExportResult) -> int:
    """Record a finished export as the case's next version; returns the version's number."""
    from desktop.services.history import store_prepared

    if result.version is None:
        raise ValueError("export_case was not asked to prepare the version")
    return store_prepared(db, case_id, result.version)

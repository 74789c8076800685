"""Each profile's sample as a first draft (sparse.py): no empty slot, every gap listed and marked.

The document is exported and read back; the formal export is refused with the list of what is
missing (the same list as the check panel's 仅缺少原因), the 草稿 shows each gap as 【待填写：…】.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from desktop import paths
from desktop.core.calc import Figures
from desktop.core.checks import missing_reasons, run_checks
from desktop.core.issues import Severity
from desktop.core.narrative.document import build_document
from desktop.export.docx import ExportError, export_docx
from desktop.storage.interchange import dumps_case, loads_case
from tests.export.docx_text import open_docx
from tests.profiles.sparse import MARKER, numbering_gaps, slots, sparse_case

if TYPE_CHECKING:
    from pathlib import Path

    from desktop.core.model import Case
    from desktop.sections.catalog import Catalog

PROFILES = ("nmg-2022-unit", "nmg-2023-unit", "sh-2024-dept")


def _sparse(profile_id: str, catalog: Catalog) -> Case:
    path = paths.resources_dir() / "samples" / f"{profile_id}.json"
    case = loads_case(path.read_text(encoding="utf-8"), catalog.profiles)
    return sparse_case(case, catalog.profile(profile_id))


def _figures(case: Case, catalog: Catalog) -> Figures:
    return Figures(case, catalog.profile(case.profile_id), catalog.codes)


def _export(figures: Figures, target: Path, *, draft: bool) -> Path:
    template = paths.resources_dir() / "templates" / figures.profile.template
    fonts = paths.resources_dir() / "fonts"
    export_docx(build_document(figures), figures, template, fonts, target, draft=draft)
    return target


@pytest.mark.parametrize("profile_id", PROFILES)
def test_sparse_draft_has_no_empty_slot_and_marks_every_gap(
    profile_id: str, catalog: Catalog, tmp_path: Path
) -> None:
    figures = _figures(_sparse(profile_id, catalog), catalog)
    doc = open_docx(_export(figures, tmp_path / "draft.docx", draft=True))
    texts = [p.text for p in doc.paragraphs if p.text.strip()]
    found = {t: slots(t) for t in texts if slots(t)}
    assert found == {}
    markers = [m for t in texts for m in MARKER.findall(t)]
    gaps = build_document(figures).gaps
    assert markers, "the sparse case leaves required inputs out"
    assert len(markers) == len(gaps)
    assert "草稿（未经审核，不得公开）" in doc.sections[0].header.paragraphs[0].text
    # Every gap is an 错误 of the checks, listed by the 仅缺少原因 query, at the same place.
    listed = missing_reasons(figures)
    assert {i.location for i in listed} == {g.location for g in gaps}
    assert all(i.severity is Severity.ERROR for i in listed)


@pytest.mark.parametrize("profile_id", PROFILES)
@pytest.mark.parametrize("projects", [0, 1, None])
def test_sub_headings_are_numbered_without_a_gap(
    profile_id: str, projects: int | None, catalog: Catalog
) -> None:
    """No （一）…（三） when the （二） part has nothing to say (e.g. no 自评表 published)."""
    case = _sparse(profile_id, catalog)
    kept = case.performance.projects[:projects]
    case = dataclasses.replace(
        case, performance=dataclasses.replace(case.performance, projects=kept)
    )
    items = build_document(_figures(case, catalog)).items
    assert numbering_gaps(items) == []
    texts = [getattr(i, "text", "") for i in items]
    assert all(not slots(t) for t in texts), [t for t in texts if slots(t)]


@pytest.mark.parametrize("profile_id", PROFILES)
def test_sparse_formal_export_is_refused(profile_id: str, catalog: Catalog, tmp_path: Path) -> None:
    figures = _figures(_sparse(profile_id, catalog), catalog)
    target = tmp_path / "formal.docx"
    with pytest.raises(ExportError, match="不能导出正式文档"):
        _export(figures, target, draft=False)
    assert not target.exists()


def test_counts_not_entered_are_not_zero(catalog: Catalog) -> None:
    figures = _figures(_sparse("nmg-2022-unit", catalog), catalog)
    text = "\n".join(i.text for i in build_document(figures).items if hasattr(i, "text"))
    assert "保有量为【待填写：年末公务用车保有量】辆" in text
    assert "接待【待填写：国内公务接待批次】批次，【待填写：国内公务接待人次】人次" in text
    # 因公出国（境）费 0: its counts, not entered, are left out rather than printed as 0.
    assert "1.因公出国（境）费支出0.00万元。与上年决算持平。" in text


def test_command_line_refuses_formal_export_and_exports_a_draft(
    catalog: Catalog, tmp_path: Path
) -> None:
    case = _sparse("sh-2024-dept", catalog)
    source = tmp_path / "sparse.json"
    source.write_text(dumps_case(case), encoding="utf-8")
    target = tmp_path / "out.docx"

    def juesuan(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "desktop", "export", "--file", str(source), *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)

    refused = juesuan("-o", str(target))
    assert refused.returncode == 2
    assert "不能导出正式文档" in refused.stderr
    errors = [i for i in run_checks(_figures(case, catalog)) if i.severity is Severity.ERROR]
    for issue in errors:
        assert issue.message in refused.stderr
    assert "【年末结转和结余与上年相比的变动原因】" not in refused.stderr  # steps, not fields
    assert "--draft" in refused.stderr
    assert not target.exists()
    drafted = juesuan("-o", str(target), "--draft")
    assert drafted.returncode == 0, drafted.stderr
    text = "\n".join(p.text for p in open_docx(target).paragraphs)
    assert "【待填写：" in text

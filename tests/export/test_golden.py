"""第二部分 of the exported sample, paragraph by paragraph, against the reference wording.

The expected text (golden/nmg-2022-part2.txt) is the reference disclosure's 第二部分 with the
stray spaces of its PDF extraction removed; every paragraph whose figures are inconsistent in
the published text is replaced by the corrected sentence, with a comment above it saying what
was corrected and why.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tests.conftest import export_case
from tests.export.docx_text import open_docx, part_paragraphs, read_golden

if TYPE_CHECKING:
    from desktop.core.model import Case
    from desktop.sections.catalog import Catalog

GOLDEN = Path(__file__).parent / "golden" / "nmg-2022-part2.txt"


def test_part_two_matches_the_reference_wording(sample_docx: Path, update_golden: bool) -> None:
    actual = part_paragraphs(open_docx(sample_docx), "第二部分", "第三部分")
    if update_golden:
        GOLDEN.with_suffix(".new").write_text("\n".join(actual) + "\n", encoding="utf-8")
    expected = read_golden(GOLDEN)
    for n, (want, got) in enumerate(zip(expected, actual, strict=False)):
        assert got == want, f"第二部分第 {n + 1} 段不同"
    assert len(actual) == len(expected)


def test_dump_load_export_gives_the_same_text(
    tmp_path: Path, sample_docx: Path, sample_case: Case, catalog: Catalog
) -> None:
    from desktop.storage.cases import load_case, save_case
    from desktop.storage.db import open_db
    from desktop.storage.interchange import dumps_case, loads_case

    db = open_db(tmp_path / "empty.sqlite3")
    case_id = save_case(db, loads_case(dumps_case(sample_case), catalog.profiles))
    again = export_case(load_case(db, case_id), catalog, tmp_path / "again.docx")
    first = [p.text for p in open_docx(sample_docx).paragraphs]
    second = [p.text for p in open_docx(again).paragraphs]
    assert second == first

"""Accepted findings: a 警告 explained by the officer stays listed as 已说明; 错误 cannot be."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from desktop.core.calc import Figures
from desktop.core.checks import accept_finding, run_checks, withdraw_acceptance
from desktop.core.issues import Severity
from desktop.storage.cases import load_case, save_case
from desktop.storage.db import open_db
from desktop.storage.interchange import dumps_case, loads_case
from tests.core.case_edits import set_cell, set_field

if TYPE_CHECKING:
    from pathlib import Path

    from desktop.core.model import Case
    from desktop.sections.catalog import Catalog


def _issues(case: Case, catalog: Catalog, rule: str) -> list:  # type: ignore[type-arg]  # a list of Issue
    return run_checks(Figures(case, catalog.profile(case.profile_id), catalog.codes), (rule,))


def test_a_warning_accepted_with_a_reason_is_listed_as_explained(
    sample_case: Case, catalog: Catalog, tmp_path: Path
) -> None:
    case = set_field(sample_case, "overall", "prior_closing", Decimal("10000.00"))
    [warning] = _issues(case, catalog, "X12")
    assert warning.severity is Severity.WARNING
    assert warning.accepted == ""
    accepted = accept_finding(case, warning, "上年决算经审计调整，年末结余调减 1 万元。")
    [again] = _issues(accepted, catalog, "X12")
    assert again.severity is Severity.WARNING
    assert again.accepted == "上年决算经审计调整，年末结余调减 1 万元。"
    # stored with the case and in the interchange file (and so in every export version)
    db = open_db(tmp_path / "cases.sqlite3")
    case_id = save_case(db, accepted)
    assert load_case(db, case_id).accepted == accepted.accepted
    assert loads_case(dumps_case(accepted), catalog.profiles).accepted == accepted.accepted
    assert _issues(withdraw_acceptance(accepted, warning), catalog, "X12")[0].accepted == ""


def test_an_error_cannot_be_accepted(sample_case: Case, catalog: Catalog) -> None:
    case = set_cell(sample_case, "t1", "closing", "amount", Decimal("100000.00"))
    [error] = _issues(case, catalog, "T1-d")
    with pytest.raises(ValueError, match="只有“警告”可以"):
        accept_finding(case, error, "理由")


def test_an_empty_reason_is_refused(sample_case: Case, catalog: Catalog) -> None:
    case = set_field(sample_case, "overall", "prior_closing", Decimal("10000.00"))
    [warning] = _issues(case, catalog, "X12")
    with pytest.raises(ValueError, match="请写明"):
        accept_finding(case, warning, "  ")


def test_files_without_accepted_findings_are_unchanged(sample_case: Case) -> None:
    assert '"accepted"' not in dumps_case(sample_case)

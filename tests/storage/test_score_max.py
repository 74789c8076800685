"""The 满分 of a 自评表 is the profile's ``[performance] score_max``: the interchange reader, the
rules and the profile loader read it there (the window's test is tests/ui/test_entry_limits.py).
The Excel import carries no scores (only 公开表 amounts), so it has none to check."""

from __future__ import annotations

import dataclasses
import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from desktop import paths
from desktop.core.calc import Figures
from desktop.core.checks import run_checks
from desktop.core.performance import RatingScale
from desktop.sections.codetables import load_code_tables
from desktop.sections.errors import ProfileError
from desktop.sections.loader import load_profile
from desktop.storage.interchange import InterchangeError, loads_case

if TYPE_CHECKING:
    from desktop.core.model import Case
    from desktop.core.spec import Profile
    from desktop.sections.catalog import Catalog

SAMPLE = Path(__file__).parents[2] / "resources" / "samples" / "nmg-2022-unit.json"
PROFILE = "nmg-2022-unit"


def _sample() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return data


def _with_max(catalog: Catalog, top: int) -> Profile:
    return dataclasses.replace(catalog.profile(PROFILE), score_max=Decimal(top))


def _profile_folder(tmp_path: Path, extra: str) -> Path:
    folder = tmp_path / "forms" / PROFILE
    shutil.copytree(paths.forms_dir() / PROFILE, folder)
    with (folder / "profile.toml").open("a", encoding="utf-8") as fh:
        fh.write(f"\n{extra}\n")
    return folder


def _codes() -> set[str]:
    return set(load_code_tables(paths.bundled_codetables_dir()))


def test_the_default_maximum_is_100(catalog: Catalog) -> None:
    assert catalog.profile(PROFILE).score_max == 100


def test_the_loader_reads_score_max(tmp_path: Path) -> None:
    profile = load_profile(_profile_folder(tmp_path, "[performance]\nscore_max = 150"), _codes())
    assert profile.score_max == Decimal(150)


@pytest.mark.parametrize("value", ["0", "10001", '"100"', "99.5", "true"])
def test_a_bad_score_max_is_refused(tmp_path: Path, value: str) -> None:
    folder = _profile_folder(tmp_path, f"[performance]\nscore_max = {value}")
    with pytest.raises(ProfileError, match="score_max"):
        load_profile(folder, _codes())


def test_the_rating_floors_default_to_shares_of_the_maximum(tmp_path: Path) -> None:
    profile = load_profile(_profile_folder(tmp_path, "[performance]\nscore_max = 10"), _codes())
    assert profile.ratings == RatingScale(Decimal(9), Decimal(8), Decimal(6))


def test_the_loader_reads_the_rating_floors(tmp_path: Path) -> None:
    extra = '[performance]\nrating_excellent = 95\nrating_good = "87.5"\nrating_pass = 70'
    profile = load_profile(_profile_folder(tmp_path, extra), _codes())
    assert profile.ratings == RatingScale(Decimal(95), Decimal("87.5"), Decimal(70))


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ("rating_excellent = 80\nrating_good = 85", "从高到低"),  # 优 below 良
        ("rating_pass = 0", "都大于 0"),
        ("rating_excellent = 101", "rating_excellent"),  # above 满分 100
        ('rating_good = "八十"', "“良”的最低分：“八十”不是分值"),
    ],
)
def test_bad_rating_floors_are_refused(tmp_path: Path, extra: str, words: str) -> None:
    folder = _profile_folder(tmp_path, f"[performance]\n{extra}")
    with pytest.raises(ProfileError, match=words):
        load_profile(folder, _codes())


def test_an_unknown_performance_key_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="performance"):
        load_profile(_profile_folder(tmp_path, "[performance]\nmaximum = 150"), _codes())


@pytest.mark.parametrize(("top", "value", "accepted"), [
    (100, "100", True), (100, "100.01", False), (150, "120", True), (150, "150", True),
    (150, "150.5", False), (50, "60", False),
])  # fmt: skip
def test_the_reader_refuses_weights_and_scores_above_the_maximum(
    catalog: Catalog, top: int, value: str, accepted: bool
) -> None:
    profiles = {PROFILE: _with_max(catalog, top)}
    for where in ("funds_weight", "weight", "score"):
        data = _sample()
        project = data["performance"]["projects"][0]
        if where == "funds_weight":
            project[where] = value
        else:
            project["indicators"][0][where] = value
        if accepted:
            case = loads_case(json.dumps(data), profiles)
            read = case.performance.projects[0]
            got = (
                read.funds_weight if where == "funds_weight" else getattr(read.indicators[0], where)
            )
            assert got == Decimal(value)
        else:
            with pytest.raises(InterchangeError) as info:
                loads_case(json.dumps(data), profiles)
            assert info.value.path.endswith(where)
            assert f"超过了满分 {top}" in info.value.problem


def _weights_scaled(case: Case, factor: int) -> Case:
    """Every weight and score of the first project times `factor` (totals scale the same)."""
    project = case.performance.projects[0]
    scaled = dataclasses.replace(
        project,
        funds_weight=project.funds_weight * factor,
        indicators=tuple(
            dataclasses.replace(i, weight=i.weight * factor, score=i.score * factor)
            for i in project.indicators
        ),
    )
    perf = dataclasses.replace(case.performance, projects=(scaled,))
    return dataclasses.replace(case, performance=perf)


def _rules(case: Case, profile: Profile, catalog: Catalog) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for issue in run_checks(Figures(case, profile, catalog.codes), ("P-weight", "P-total")):
        found.setdefault(issue.rule, []).append(issue.message)
    return found


def test_the_rules_use_the_maximum(catalog: Catalog, sample_case: Case) -> None:
    hundred = catalog.profile(PROFILE)
    two_hundred = _with_max(catalog, 200)
    assert _rules(sample_case, hundred, catalog) == {}
    doubled = _weights_scaled(sample_case, 2)  # weights total 200, the score twice the sample's
    assert _rules(doubled, two_hundred, catalog) == {}
    found = _rules(sample_case, two_hundred, catalog)
    assert list(found) == ["P-weight"]
    assert "应为 200（满分）" in found["P-weight"][0]
    found = _rules(doubled, hundred, catalog)
    assert set(found) == {"P-weight", "P-total"}
    assert "超过满分 100 分" in found["P-total"][0]

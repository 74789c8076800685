"""A fast subset of bench/fuzz_interchange.py: mutated case files never crash the command line."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.interchange_fuzz import KINDS, SAMPLES, mutate, run_one

if TYPE_CHECKING:
    from pathlib import Path

    import pytest


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(kind=st.sampled_from(KINDS), sample=st.sampled_from(SAMPLES), seed=st.integers(0, 2**32))
def test_mutated_case_files_are_refused_or_round_trip(
    tmp_path_factory: pytest.TempPathFactory, kind: str, sample: Path, seed: int
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    text = mutate(sample.read_text(encoding="utf-8"), kind, random.Random(seed))
    outcome = run_one(text, folder, kind)
    assert outcome.problem == "", outcome.problem


def test_the_crashing_kinds_of_the_issue_are_refused(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    text = SAMPLES[0].read_text(encoding="utf-8")
    for kind in ("surrogate", "big_count", "amount", "big_year", "deep"):
        for seed in range(3):
            outcome = run_one(
                mutate(text, kind, random.Random(seed)), tmp_path_factory.mktemp(kind), kind
            )
            assert outcome.problem == "", outcome.problem
            if kind in ("surrogate", "big_year", "deep"):
                assert not outcome.accepted
                assert outcome.message.startswith("错误：")
                assert "$" in outcome.message

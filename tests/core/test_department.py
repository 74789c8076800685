"""部门决算 consolidation: sums per table and cell type, E1/E2 on their own 科目 rows, proposals.

Small hand-made units on the 上海 2024 部门 profile: a 本级 that pays its subordinate a 补助
(E1), a subordinate that pays the 本级 (E2), an external 上级补助收入 that stays.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from desktop.core.calc import Figures
from desktop.core.department import (
    Department,
    Elimination,
    FlowType,
    Kind,
    Level,
    Member,
    PairStatus,
    consolidate,
    kind_of,
    open_differences,
    propose,
)
from desktop.core.model import Case, CaseId, TableRow, TableValues, Unit

if TYPE_CHECKING:
    from desktop.core.spec import Profile
    from desktop.sections.catalog import Catalog

D = Decimal
PROFILE = "sh-2024-dept"
PARENT, CHILD, OTHER = CaseId(1), CaseId(2), CaseId(3)


def unit(
    name: str, t2: dict[str, dict[str, str]], t3: dict[str, dict[str, str]], **fields: object
) -> Case:
    def rows(cells: dict[str, dict[str, str]]) -> TableValues:
        return TableValues(
            tuple(TableRow(k, "", {c: D(v) for c, v in cs.items()}) for k, cs in cells.items())
        )

    three = {k: v for k, v in fields.items() if k in ("cars_held", "domestic_batches", "prior_run")}
    return Case(
        PROFILE,
        Unit(name, 2024),
        fields={"three": three} if three else {},  # type: ignore[dict-item]  # test values are Value
        tables={"t2": rows(t2), "t3": rows(t3)},
    )


@pytest.fixture
def profile(catalog: Catalog) -> Profile:
    return catalog.profile(PROFILE)


def two_units() -> dict[CaseId, Case]:
    parent = unit(
        "示例局",
        {"2013901": {"fiscal": "1000000.00", "upper": "0.00"}},
        {"2013901": {"basic": "700000.00", "affiliated": "200000.00"}},
        cars_held=2,
        domestic_batches=3,
        prior_run=D("10000.00"),
    )
    child = unit(
        "示例中心",
        {"2013950": {"fiscal": "300000.00", "upper": "200000.00"}},
        {"2013950": {"basic": "450000.00"}, "2080505": {"basic": "50000.00"}},
        cars_held=1,
    )
    return {PARENT: parent, CHILD: child}


def dept(*eliminations: Elimination, merged: bool = False) -> Department:
    members = [
        Member("示例局", Kind.ADMIN, Level.OWN, PARENT),
        Member("示例中心", Kind.INSTITUTION, Level.SUBORDINATE, CHILD),
    ]
    if merged:
        members.append(Member("示例所", Kind.CIVIL, Level.MERGED))
    own = Case(PROFILE, Unit("示例局", 2024), fields={"functions": {"functions": ("主要职能。",)}})
    return Department(own, tuple(members), eliminations)


E1 = Elimination(FlowType.E1, PARENT, CHILD, D("200000.00"), "2013901", "2013950")


def cell(case: Case, table: str, row: str, column: str) -> object:
    r = case.table(table).row(row)
    return r.cells.get(column) if r else None


def test_every_entered_cell_is_the_sum_of_the_units(profile: Profile) -> None:
    cases = two_units()
    result = consolidate(profile, dept(), cases)
    assert cell(result, "t2", "2013901", "fiscal") == D("1000000.00")
    assert cell(result, "t2", "2013950", "fiscal") == D("300000.00")
    assert cell(result, "t3", "2080505", "basic") == D("50000.00")
    # counts and amounts of fields add up; a field no member has stays absent (unknown)
    assert result.value("three", "cars_held") == 3
    assert result.value("three", "domestic_batches") == 3
    assert result.value("three", "prior_run") == D("10000.00")
    assert result.value("three", "foreign_batches") is None
    # texts are the department's own, the unit is the department
    assert result.value("functions", "functions") == ("主要职能。",)
    assert result.unit.name == "示例局"


def test_same_code_in_two_units_adds_up(profile: Profile) -> None:
    cases = two_units()
    cases[CHILD] = unit("示例中心", {"2013901": {"fiscal": "5.50"}}, {})
    result = consolidate(profile, dept(), cases)
    assert cell(result, "t2", "2013901", "fiscal") == D("1000005.50")


def test_e1_cancels_on_each_sides_own_row_and_totals_fall_alike(
    profile: Profile, catalog: Catalog
) -> None:
    cases = two_units()
    before = Figures(consolidate(profile, dept(), cases), profile, catalog.codes)
    result = consolidate(profile, dept(E1), cases)
    assert cell(result, "t3", "2013901", "affiliated") == D("0.00")
    assert cell(result, "t2", "2013950", "upper") == D("0.00")
    assert cell(result, "t3", "2013901", "basic") == D("700000.00")  # other columns untouched
    after = Figures(result, profile, catalog.codes)
    assert before.ref("t2:*:total") - after.ref("t2:*:total") == D("200000.00")
    assert before.ref("t3:*:total") - after.ref("t3:*:total") == D("200000.00")
    # no elimination in the 财政拨款 figures
    assert after.ref("t2:*:fiscal") == before.ref("t2:*:fiscal")


def test_e2_cancels_upper_paid_against_affiliated_income(profile: Profile) -> None:
    cases = two_units()
    cases[PARENT] = unit("示例局", {"2013901": {"affiliated": "30000.00"}}, {})
    cases[CHILD] = unit("示例中心", {}, {"2013950": {"upper_paid": "30000.00"}})
    pair = Elimination(FlowType.E2, CHILD, PARENT, D("30000.00"), "2013950", "2013901")
    result = consolidate(profile, dept(pair), cases)
    assert cell(result, "t3", "2013950", "upper_paid") == D("0.00")
    assert cell(result, "t2", "2013901", "affiliated") == D("0.00")


def test_external_flow_stays(profile: Profile) -> None:
    cases = two_units()
    external = Elimination(
        FlowType.E1,
        PARENT,
        CHILD,
        D("200000.00"),
        "2013901",
        "2013950",
        PairStatus.EXTERNAL,
        "市级补助",
    )
    result = consolidate(profile, dept(external), cases)
    assert cell(result, "t2", "2013950", "upper") == D("200000.00")


def test_member_list_from_the_members_including_merged(profile: Profile) -> None:
    result = consolidate(profile, dept(merged=True), two_units())
    rows = result.table("unit_list").rows
    assert [r.cells["name"] for r in rows] == ["示例局", "示例中心", "示例所"]
    assert [r.cells["kind"] for r in rows] == ["行政单位", "事业单位", "参照公务员法管理的事业单位"]
    notes = [m.note for m in dept(merged=True).members]
    assert notes == ["（本级）", "（下属事业单位）", "预算不单列，并入本级"]


def test_proposal_pairs_the_parents_subsidy_with_the_childs_income(profile: Profile) -> None:
    proposals = propose(profile, dept(), two_units())
    assert proposals == (E1,)
    # once confirmed, nothing more is proposed
    assert propose(profile, dept(E1), two_units()) == ()


def test_proposal_takes_the_smaller_side(profile: Profile) -> None:
    cases = two_units()
    cases[CHILD] = unit("示例中心", {"2013950": {"upper": "250000.00"}}, {})
    (p,) = propose(profile, dept(), cases)
    assert p.amount == D("200000.00")


def test_unmatched_pair_is_an_open_difference_until_explained(profile: Profile) -> None:
    cases = two_units()
    short = Elimination(FlowType.E1, PARENT, CHILD, D("150000.00"), "2013901", "2013950")
    diffs = open_differences(profile, dept(short), cases)
    assert {(d.member, d.side, d.open) for d in diffs} == {
        (PARENT, "payer", D("50000.00")),
        (CHILD, "payee", D("50000.00")),
    }
    explained = Elimination(
        FlowType.E1,
        PARENT,
        CHILD,
        D("150000.00"),
        "2013901",
        "2013950",
        explanation="年末在途5万元",
    )
    assert open_differences(profile, dept(explained), cases) == ()
    assert open_differences(profile, dept(E1), cases) == ()


def test_income_from_outside_is_no_open_difference(profile: Profile) -> None:
    cases = two_units()
    cases[PARENT] = unit("示例局", {"2013901": {"fiscal": "1.00"}}, {})  # pays no subsidy
    assert open_differences(profile, dept(), cases) == ()


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("行政单位", Kind.ADMIN),
        ("参照公务员法管理的事业单位", Kind.CIVIL),
        ("参公事业单位", Kind.CIVIL),
        ("事业单位", Kind.INSTITUTION),
        ("企业", None),
    ],
)
def test_kind_words(text: str, kind: Kind | None) -> None:
    assert kind_of(text) is kind


def test_edits_of_members() -> None:
    from desktop.core.department import (
        DepartmentEditError,
        with_changed_member,
        with_member,
        without_member,
    )

    d = dept(E1)
    with pytest.raises(DepartmentEditError, match="已在部门中"):
        with_member(d, Member("示例局", Kind.ADMIN, Level.SUBORDINATE, PARENT))
    added = with_member(d, Member("新本级", Kind.ADMIN, Level.OWN, OTHER))
    assert [m.level for m in added.members] == [Level.SUBORDINATE, Level.SUBORDINATE, Level.OWN]
    child = d.members[1]
    made_own = with_changed_member(d, child, Kind.CIVIL, own=True)
    assert [(m.level, m.kind) for m in made_own.members] == [
        (Level.SUBORDINATE, Kind.ADMIN),
        (Level.OWN, Kind.CIVIL),
    ]
    merged = dept(merged=True)
    with pytest.raises(DepartmentEditError, match="不能设为本级"):
        with_changed_member(merged, merged.members[2], own=True)
    kept, dropped = without_member(d, child)
    assert (len(kept.members), kept.eliminations, dropped) == (1, (), 1)
    kept, dropped = without_member(merged, merged.members[2])
    assert (len(kept.members), dropped) == (2, 0)


def test_edits_of_eliminations() -> None:
    from dataclasses import replace

    from desktop.core.department import DepartmentEditError, with_elimination

    d = dept()
    for pair, message in (
        (replace(E1, payee=PARENT), "同一个单位"),
        (replace(E1, amount=D("-1")), "负数"),
        (replace(E1, payee=OTHER), "不是本部门的单位"),
        (replace(E1, payee_code=""), "收款方没有记录"),
    ):
        with pytest.raises(DepartmentEditError, match=message):
            with_elimination(d, pair)
    once = with_elimination(d, E1)
    smaller = with_elimination(once, replace(E1, amount=D("1.00")))
    assert smaller.eliminations == (replace(E1, amount=D("1.00")),)
    other_row = with_elimination(smaller, replace(E1, payee_code="2080505"))
    assert len(other_row.eliminations) == 2
    assert with_elimination(smaller, replace(E1, amount=D("0"))).eliminations == ()


def test_proposal_pairs_a_childs_payment_to_the_parent(profile: Profile) -> None:
    cases = two_units()
    cases[PARENT] = unit("示例局", {"2013901": {"affiliated": "30000.00"}}, {})
    cases[CHILD] = unit("示例中心", {}, {"2013950": {"upper_paid": "30000.00"}})
    assert propose(profile, dept(), cases) == (
        Elimination(FlowType.E2, CHILD, PARENT, D("30000.00"), "2013950", "2013901"),
    )

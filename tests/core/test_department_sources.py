"""Where a department's figure comes from: each unit's figure and the eliminations on the cell.

Two hand-made units of the 上海 部门 profile: the 本级 pays 20 元 对附属单位补助支出 on 2013901
and has 100 元 财政拨款收入 on 2013950; the subordinate has 50 元 财政拨款收入 and the 20 元 as
上级补助收入 on 2013950. The E1 pair is confirmed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from desktop.core.calc import TOTAL_KEY, Figures
from desktop.core.department import (
    Department,
    Elimination,
    FlowType,
    Kind,
    Level,
    Member,
    consolidate,
)
from desktop.core.department_sources import MemberFigure, cell_sources, field_sources
from desktop.core.model import Case, CaseId, TableRow, TableValues, Unit

if TYPE_CHECKING:
    from desktop.sections.catalog import Catalog

D = Decimal
PROFILE = "sh-2024-dept"


def _case(name: str, t2: dict[str, Decimal], t3: dict[str, Decimal]) -> Case:
    return Case(
        PROFILE,
        Unit(name, 2024),
        fields={"overall": {"prior_total": D(7)}},
        tables={
            "t2": TableValues((TableRow("2013950", "事业运行", t2),)),
            "t3": TableValues((TableRow("2013901", "行政运行", t3),)),
        },
    )


def test_a_cell_lists_its_units_and_the_pair_that_cancels_on_it(catalog: Catalog) -> None:
    profile = catalog.profile(PROFILE)
    parent = _case("本级", {"fiscal": D(100)}, {"affiliated": D(20)})
    child = _case("下属", {"fiscal": D(50), "upper": D(20)}, {})
    cases = {CaseId(1): parent, CaseId(2): child}
    dept = Department(
        Case(PROFILE, Unit("部门", 2024)),
        (
            Member("本级", Kind.ADMIN, Level.OWN, CaseId(1)),
            Member("下属", Kind.INSTITUTION, Level.SUBORDINATE, CaseId(2)),
            Member("并入的单位", Kind.INSTITUTION, Level.MERGED),
        ),
        (Elimination(FlowType.E1, CaseId(1), CaseId(2), D(20), "2013901", "2013950"),),
    )
    figures = Figures(consolidate(profile, dept, cases), profile, catalog.codes)
    members = {i: Figures(c, profile, catalog.codes) for i, c in cases.items()}

    upper = cell_sources(profile, dept, figures, members, ("t2", 0, "2013950", "upper"))
    assert upper.members == (MemberFigure("本级", D(0)), MemberFigure("下属", D(20)))
    assert [m.name for m in upper.contributing] == ["下属"]
    assert upper.eliminations == (("E1 冲抵（收款方：本级 → 下属）", D(20)),)
    assert (upper.total, upper.eliminated) == (D(0), D(20))

    payer = cell_sources(profile, dept, figures, members, ("t3", 0, "2013901", "affiliated"))
    assert [e[0] for e in payer.eliminations] == ["E1 冲抵（付款方：本级 → 下属）"]

    # The 合计 row's 本年收入合计: computed, both units, the pair's share taken off.
    total = cell_sources(profile, dept, figures, members, ("t2", 0, TOTAL_KEY, "total"))
    assert [m.value for m in total.members] == [D(100), D(70)]
    assert total.eliminations == ()  # no pair names this very cell…
    assert (total.total, total.eliminated) == (D(150), D(20))  # …but 20 is taken off it
    fiscal = cell_sources(profile, dept, figures, members, ("t2", 0, TOTAL_KEY, "fiscal"))
    assert (fiscal.total, fiscal.eliminated) == (D(150), D(0))

    assert field_sources(dept, members, "overall", "prior_total") == (
        MemberFigure("本级", D(7)),
        MemberFigure("下属", D(7)),
    )

"""`juesuan --sample` (what scripts/run opens): the window on the built-in sample, one copy only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.storage.cases import list_cases

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from desktop.app import Controller


def test_the_sample_opens_in_the_window_and_is_not_copied_again(
    controller: Controller, qtbot: QtBot
) -> None:
    controller.open_sample_once("nmg-2023-unit")
    assert controller.main is not None
    qtbot.addWidget(controller.main)
    first = controller.main.session.case_id
    assert controller.main.session.case.unit.name == "内蒙古自治区示例市财政局(本级)"
    controller.open_sample_once("nmg-2023-unit")
    assert controller.main is not None
    qtbot.addWidget(controller.main)
    assert controller.main.session.case_id == first
    assert controller.db is not None
    assert [c.id for c in list_cases(controller.db)] == [first]


def test_an_officers_own_case_of_the_same_unit_is_not_taken_for_the_sample(
    controller: Controller, qtbot: QtBot
) -> None:
    from desktop.core.model import Case, Unit
    from desktop.storage.cases import save_case

    assert controller.db is not None
    own = save_case(
        controller.db, Case("nmg-2023-unit", Unit("内蒙古自治区示例市财政局(本级)", 2023))
    )
    controller.open_sample_once("nmg-2023-unit")
    assert controller.main is not None
    qtbot.addWidget(controller.main)
    assert controller.main.session.case_id != own
    assert len(list_cases(controller.db)) == 2


def test_a_profile_without_a_sample_says_so(controller: Controller) -> None:
    controller.open_sample_once("no-such-profile")
    assert controller.main is None
    assert controller.start is not None
    assert "没有内置样例" in controller.start.status.text()

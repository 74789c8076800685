"""A 部门 case on the start screen: it is consolidated from its units, so the window says so."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMessageBox

from desktop import paths
from desktop.core.department import Department, Kind, Level, Member
from desktop.core.model import Case, Unit
from desktop.storage.cases import save_case
from desktop.storage.departments import save_department
from desktop.storage.interchange import loads_case

if TYPE_CHECKING:
    import pytest

    from desktop.app import Controller


def test_opening_a_department_explains_instead_of_editing(
    controller: Controller, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert controller.db is not None
    assert controller.catalog is not None
    text = (paths.resources_dir() / "samples" / "sh-2024-dept.json").read_text(encoding="utf-8")
    unit = save_case(controller.db, loads_case(text, controller.catalog.profiles))
    own = Case("sh-2024-dept", Unit("示例部门", 2024))
    dept = save_department(
        controller.db, Department(own, (Member("示例单位", Kind.ADMIN, Level.OWN, unit),))
    )
    shown: list[str] = []

    def information(*args: Any, **_: Any) -> None:
        shown.append(str(args[2]))

    monkeypatch.setattr(QMessageBox, "information", information)
    controller.open_listed(dept)
    assert controller.main is None
    assert shown
    assert f"填报 {dept} 是部门填报" in shown[0]
    assert f"juesuan dept show {dept}" in shown[0]
    controller.open_listed(unit)  # a unit's case opens as before
    assert controller.main is not None
    assert len(shown) == 1

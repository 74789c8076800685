"""A 目录 entry whose last line is full gets a break, so its dots never stand alone."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from desktop.export.toc_wrap import LineRoom, last_line_room, line_rooms, with_leader_room
from tests.export.docx_text import open_docx

if TYPE_CHECKING:
    from pathlib import Path

# 10 Chinese characters on the first line, 8 on the following ones.
ROOM = LineRoom(first=10 * 15.75, rest=8 * 15.75, char=15.75)


def test_a_short_title_is_left_alone() -> None:
    assert with_leader_room("一、主要职能", ROOM) == "一、主要职能"
    assert last_line_room("一、主要职能", ROOM) == 4 * 15.75


def test_a_title_filling_its_only_line_carries_two_characters_down() -> None:
    text = "九、国有资本经营说明"  # exactly 10
    assert last_line_room(text, ROOM) < ROOM.char
    assert with_leader_room(text, ROOM) == "九、国有资本经营\n说明"


def test_a_title_with_room_for_the_dots_on_its_second_line_is_left_alone() -> None:
    text = "第三部分决算情况说明总体情况"  # 10 + 4
    assert last_line_room(text, ROOM) == pytest.approx(4 * 15.75)
    assert with_leader_room(text, ROOM) == text


def test_a_full_second_line_is_measured_with_the_hanging_indent() -> None:
    text = "第三部分决算情况说明" + "总体情况说明情况"  # 10 + 8: the second line is full
    assert last_line_room(text, ROOM) < ROOM.char
    assert with_leader_room(text, ROOM).endswith("\n情况")


def test_the_break_never_falls_inside_a_number() -> None:
    text = "部门决算情况说2024"  # 7 + ¼ where Chinese meets digits + 4 × ½: ¾ left
    assert last_line_room(text, ROOM) == pytest.approx(0.75 * 15.75)
    assert with_leader_room(text, ROOM) == "部门决算情况说\n2024"


def test_a_number_that_does_not_fit_goes_whole_to_the_next_line() -> None:
    text = "部门决算情况说明2024"  # 8 + ¼ + 2 > 10: "2024" moves on, leaving room
    assert last_line_room(text, ROOM) == pytest.approx(8 * 15.75 - 2 * 15.75)
    assert with_leader_room(text, ROOM) == text


def test_rooms_are_read_from_the_templates_toc_styles(sample_docx: Path) -> None:
    rooms = line_rooms(open_docx(sample_docx), ("TOC1", "TOC2"))
    width = 11906 - 1587 - 1474  # twips: A4 less the 28 mm and 26 mm margins
    assert rooms["TOC1"].first == (width - 640) / 20  # right indent of two characters
    assert rooms["TOC1"].rest == (width - 640 - 640) / 20  # wrapped lines under the title
    assert rooms["TOC2"].first == rooms["TOC1"].rest
    assert rooms["TOC1"].char == 16 - 0.25

"""The PDF-reading comparison itself, on hand-made lines (no LibreOffice needed)."""

from __future__ import annotations

from tests.export.pdf_text import Fault, compare


def test_compare_finds_a_split_number_and_a_lost_comma() -> None:
    paragraphs = ["本年支出合计138.04万元，比上年增加，各类财政拨款，包括一般公共预算。"]
    lines = ["本年支出合计138.", "04万元，比上年增加，各类财政拨款", "包括一般公共预算。", "— 3 —"]
    faults, checked = compare(paragraphs, lines)
    assert checked == 1
    assert faults == [
        Fault("split", "支出合计138./04万元，比上年"),
        Fault("lost", "加，各类财政拨款[，]包括一般公"),
    ]


def test_compare_accepts_breaks_between_words() -> None:
    paragraphs = ["本年收入合计2022年度增长6.85%，主要原因是人员增加。"]
    lines = ["本年收入合计2022", "年度增长6.85%，", "主要原因是人员增加。"]
    assert compare(paragraphs, lines) == ([], 1)

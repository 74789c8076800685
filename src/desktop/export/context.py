"""Builds the docxtpl context from a `Document`: the only place that knows template variables.

Every string is cleaned of characters XML cannot hold (a vertical tab, as Excel and Word write a
soft line break, becomes a line break). Images are left as PNG bytes for `export.docx` to wrap;
tables become anchor paragraphs that `export.docx_tables` replaces with Word tables.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from desktop.core.narrative.render import ChartItem, TableItem, TextItem

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import datetime

    from desktop.core.narrative.document import Document

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
ANCHOR = "\u00a7TABLE\u00a7{}"

TEMPLATE_VARIABLES = frozenset({"title", "unit", "date", "toc_heading", "toc", "blocks"})
#: Characters of 2号 (22 pt) on the 156 mm line; a cover title line holds no more.
TITLE_LINE_CHARS = 20


class ChartImage(NamedTuple):
    """A chart as the document shows it: a picture and its caption, or a sentence instead."""

    caption: str
    png: bytes | None  # None: not drawn (no data, or one slice is the whole)
    sentence: str | None = None  # written instead of a pie that one slice fills


def clean(text: str) -> str:
    r"""Text safe for Word XML: \\x0b (soft line break) → \\n, \\r\\n → \\n, other controls dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    return _XML_ILLEGAL.sub("", text)


def _width(text: str) -> float:
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def cover_title(title: str, unit: str) -> str:
    """The cover title in lines that break between words, never inside one.

    The lines are what comes before the unit name, the unit name and what comes after it,
    joined where they fit on one 22 pt line.
    """
    if not unit or unit not in title:
        return title
    before, after = title.split(unit, 1)
    lines: list[str] = []
    for part in (before, unit, after):
        if not part:
            continue
        if lines and _width(lines[-1] + part) <= TITLE_LINE_CHARS:
            lines[-1] += part
        else:
            lines.append(part)
    return "\n".join(lines)


def cover_date(when: datetime) -> str:
    """The cover date: year and month of the export (公文 dates in Arabic digits)."""
    return f"{when.year}年{when.month}月"


def anchor(n: int) -> str:
    return ANCHOR.format(n)


def build_context(
    document: Document,
    toc_heading: str,
    charts: Mapping[str, ChartImage],
    *,
    unit: str = "",
    date: str = "",
) -> tuple[dict[str, object], list[TableItem]]:
    """The render context and, in order, the tables its anchors stand for.

    Args:
        document: the case's document.
        toc_heading: the 目录 heading of the profile.
        charts: chart id → its picture, caption or sentence.
        unit: the unit's name, for the cover (the title breaks around it).
        date: the cover date.
    """
    blocks: list[dict[str, object]] = []
    tables: list[TableItem] = []
    for item in document.items:
        if isinstance(item, TextItem):
            blocks.append({"kind": item.style, "text": clean(item.text), "image": ""})
        elif isinstance(item, ChartItem):
            chart = charts[item.chart_id]
            if chart.sentence is not None:
                blocks.append({"kind": "body", "text": clean(chart.sentence), "image": ""})
                continue
            if chart.png is not None:
                blocks.append({"kind": "image", "text": "", "image": chart.png})
            blocks.append({"kind": "caption", "text": clean(chart.caption), "image": ""})
        else:
            blocks.append({"kind": "anchor", "text": anchor(len(tables)), "image": ""})
            tables.append(item)
    context: dict[str, object] = {
        "title": clean(cover_title(document.title, unit)),
        "unit": clean(unit),
        "date": clean(date),
        "toc_heading": clean(toc_heading),
        "toc": [{"level": t.level, "text": clean(t.text)} for t in document.toc],
        "blocks": blocks,
    }
    return context, tables

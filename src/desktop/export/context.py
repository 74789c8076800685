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

    from desktop.core.narrative.document import Document

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
ANCHOR = "\u00a7TABLE\u00a7{}"

TEMPLATE_VARIABLES = frozenset({"title", "toc_heading", "toc", "blocks"})


class ChartImage(NamedTuple):
    """A chart as the document shows it: a picture and its caption, or a sentence instead."""

    caption: str
    png: bytes | None  # None: not drawn (no data, or one slice is the whole)
    sentence: str | None = None  # written instead of a pie that one slice fills


def clean(text: str) -> str:
    r"""Text safe for Word XML: \\x0b (soft line break) → \\n, \\r\\n → \\n, other controls dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    return _XML_ILLEGAL.sub("", text)


def anchor(n: int) -> str:
    return ANCHOR.format(n)


def build_context(
    document: Document, toc_heading: str, charts: Mapping[str, ChartImage]
) -> tuple[dict[str, object], list[TableItem]]:
    """The render context and, in order, the tables its anchors stand for.

    Args:
        document: the case's document.
        toc_heading: the 目录 heading of the profile.
        charts: chart id → its picture, caption or sentence.
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
        "title": clean(document.title),
        "toc_heading": clean(toc_heading),
        "toc": [{"level": t.level, "text": clean(t.text)} for t in document.toc],
        "blocks": blocks,
    }
    return context, tables

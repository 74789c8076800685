"""Fills a section's blocks with its facts: conditions, repetition over list facts, placeholders.

Besides the section's facts a block may use ``{seq}`` / ``{seq_cn}``: its number (1, 2 … / 一、
二 …) among the sibling blocks shown that use it, so a numbered list stays continuous when a
line that does not apply is left out. Headings (h2, h3) are numbered among themselves; the other
blocks are numbered anew under each heading shown.

``when`` names a fact; ``!fact`` negates it, ``a&b`` holds when both hold and ``a|b`` when either
does (``&`` binds first). A block with ``join`` is one paragraph: its text, then the texts of the
child blocks shown, joined, then its ``end``.

A placeholder whose input was not entered (`Missing`) is never filled with nothing: a block that
uses an optional one, or that declares ``absent = "omit"``, is left out; otherwise the block shows
the marker “【待填写：…】” and the gap is collected, so that the checks can list it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from desktop.core.narrative.facts import Facts, FactValue, Missing, fill
from desktop.core.narrative.numbers import cn_number

if TYPE_CHECKING:
    from collections.abc import Sequence

    from desktop.core.spec import Block

#: Facts every block has besides its section's: its number among the siblings shown.
SEQUENCE_FACTS = ("seq", "seq_cn")
HEADINGS = ("h2", "h3")


@dataclass(frozen=True, slots=True)
class TextItem:
    """A paragraph: `style` is one of the document's block kinds (part, h1, h2, body …)."""

    style: str
    text: str


@dataclass(frozen=True, slots=True)
class ChartItem:
    """A chart of the profile, followed by its caption."""

    chart_id: str


@dataclass(frozen=True, slots=True)
class TableItem:
    """A table: a profile table id, or ``perf_summary`` / ``perf_project:N``.

    `heading` is shown above it as a numbered heading (the 公开表 of 第五部分) when not empty.
    """

    ref: str
    heading: str = ""


Item = TextItem | ChartItem | TableItem


class RenderError(LookupError):
    """A placeholder or condition names a fact that the section does not have."""


class _OmitError(Exception):
    """A block uses an input that was not entered and is to be left out."""


class _Scope:
    def __init__(self, chain: Sequence[Facts], gaps: list[Missing] | None = None) -> None:
        self.chain = chain
        self.gaps: list[Missing] = [] if gaps is None else gaps

    def get(self, name: str) -> FactValue:
        for facts in reversed(self.chain):
            if name in facts:
                return facts[name]
        raise RenderError(name)

    def text(self, name: str) -> str:
        value = self.get(name)
        if isinstance(value, str):
            return value
        raise RenderError(f"{name} 不是文字")

    def child(self, facts: Facts) -> _Scope:
        return _Scope([*self.chain, facts], self.gaps)


class _Lookup(dict[str, str]):
    """Placeholder values for one block; notes the required inputs that are missing."""

    def __init__(self, scope: _Scope, block: Block) -> None:
        super().__init__()
        self.scope = scope
        self.omit = block.absent == "omit"
        self.gaps: list[Missing] = []

    def __missing__(self, key: str) -> str:
        value = self.scope.get(key)
        if isinstance(value, Missing):
            if self.omit or not value.required:
                raise _OmitError(key)
            self.gaps.append(value)
            return value.marker
        return self.scope.text(key)


def _fill(template: str, lookup: _Lookup) -> str:
    return fill(template, lookup) if template else ""


def _holds(scope: _Scope, condition: str) -> bool:
    return any(
        all(_holds_one(scope, term.strip()) for term in part.split("&"))
        for part in condition.split("|")
    )


def _holds_one(scope: _Scope, condition: str) -> bool:
    negate = condition.startswith("!")
    value = scope.get(condition.lstrip("!"))
    truth = bool(value)
    return not truth if negate else truth


def render_blocks(
    blocks: Sequence[Block], chain: Sequence[Facts], gaps: list[Missing] | None = None
) -> list[Item]:
    """Render blocks in order; `chain` holds the outer facts first, the innermost last.

    The required inputs that are missing in the blocks shown are appended to `gaps`.
    """
    return _render(blocks, _Scope(chain, gaps))


class _Counter:
    """Numbers the sibling blocks shown that use ``{seq}`` or ``{seq_cn}``.

    Headings count among themselves; other blocks count from 1 again under each heading.
    """

    def __init__(self) -> None:
        self.headings = 0
        self.body = 0

    def scope(self, block: Block, scope: _Scope) -> _Scope:
        heading = block.style in HEADINGS
        if heading:
            self.body = 0
        if not any(f"{{{name}}}" in t for name in SEQUENCE_FACTS for t in (block.text, block.end)):
            return scope
        if heading:
            self.headings += 1
            n = self.headings
        else:
            self.body += 1
            n = self.body
        return scope.child({"seq": str(n), "seq_cn": cn_number(n)})


def _render(blocks: Sequence[Block], scope: _Scope) -> list[Item]:
    out: list[Item] = []
    counter = _Counter()
    for block in blocks:
        if block.when and not _holds(scope, block.when):
            continue
        if block.each:
            items = scope.get(block.each)
            if isinstance(items, Missing):
                # A required list left empty (e.g. 主要工作完成情况): its marker, in a 草稿 only.
                if items.required and block.absent != "omit":
                    scope.gaps.append(items)
                    out.append(TextItem(block.style, items.marker))
                continue
            if not isinstance(items, tuple):
                raise RenderError(f"{block.each} 不是列表")
            for facts in items:
                inner = scope.child(facts)
                if block.blocks and block.join is None:
                    out.extend(_render(block.blocks, inner))
                else:
                    out.extend(_emit(replace(block, each="", when=""), inner, counter))
            continue
        out.extend(_emit(block, scope, counter))
    return out


def _emit(block: Block, scope: _Scope, counter: _Counter) -> list[Item]:
    """One block that is shown: its children, then its chart, table or paragraph."""
    scope = counter.scope(block, scope)
    lookup = _Lookup(scope, block)
    try:
        text = _fill(block.text, lookup)
        end = _fill(block.end, lookup)
        ref = _fill(block.ref, lookup)
    except _OmitError:
        return []
    if block.join is not None:
        parts = [i.text for i in _render(block.blocks, scope) if isinstance(i, TextItem)]
        scope.gaps.extend(lookup.gaps)
        return [TextItem(block.style, text + block.join.join(parts) + end)]
    out: list[Item] = []
    if block.blocks:
        out.extend(_render(block.blocks, scope))
    scope.gaps.extend(lookup.gaps)
    if block.style == "chart":
        out.append(ChartItem(block.ref))
    elif block.style == "table":
        out.append(TableItem(ref))
    elif block.text:
        out.append(TextItem(block.style, text))
    return out

"""Fills a section's blocks with its facts: conditions, repetition over list facts, placeholders."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.core.narrative.facts import Facts, FactValue, fill
from desktop.core.spec import Block

if TYPE_CHECKING:
    from collections.abc import Sequence


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


class _Scope:
    def __init__(self, chain: Sequence[Facts]) -> None:
        self.chain = chain

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
        return _Scope([*self.chain, facts])


class _Lookup(dict[str, str]):
    def __init__(self, scope: _Scope) -> None:
        super().__init__()
        self.scope = scope

    def __missing__(self, key: str) -> str:
        return self.scope.text(key)


def _holds(scope: _Scope, condition: str) -> bool:
    negate = condition.startswith("!")
    value = scope.get(condition.lstrip("!"))
    truth = bool(value)
    return not truth if negate else truth


def render_blocks(blocks: Sequence[Block], chain: Sequence[Facts]) -> list[Item]:
    """Render blocks in order; `chain` holds the outer facts first, the innermost last."""
    return _render(blocks, _Scope(chain))


def _render(blocks: Sequence[Block], scope: _Scope) -> list[Item]:
    out: list[Item] = []
    for block in blocks:
        if block.when and not _holds(scope, block.when):
            continue
        if block.each:
            items = scope.get(block.each)
            if not isinstance(items, tuple):
                raise RenderError(f"{block.each} 不是列表")
            for facts in items:
                inner = scope.child(facts)
                if block.blocks:
                    out.extend(_render(block.blocks, inner))
                else:
                    out.extend(_render((Block(block.style, block.text, ref=block.ref),), inner))
            continue
        if block.blocks:
            out.extend(_render(block.blocks, scope))
        if block.style == "chart":
            out.append(ChartItem(block.ref))
        elif block.style == "table":
            out.append(TableItem(fill(block.ref, _Lookup(scope))))
        elif block.text:
            out.append(TextItem(block.style, fill(block.text, _Lookup(scope))))
    return out

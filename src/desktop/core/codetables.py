"""Classification code lists (功能分类 类/款/项, 经济分类 类/款) and lookups. No I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping


@dataclass(frozen=True, slots=True)
class CodeEntry:
    """One code: `level` is 类/款/项; `group` is e.g. 人员经费/公用经费 for economic codes."""

    code: str
    name: str
    level: str
    year: str = ""
    group: str = ""


@dataclass(frozen=True, slots=True)
class CodeTable:
    """A named, year-stamped code list. Codes nest by prefix: 类 3 digits, 款 5, 项 7."""

    name: str
    entries: tuple[CodeEntry, ...]
    index: Mapping[str, CodeEntry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {e.code: e for e in self.entries})

    def get(self, code: str) -> CodeEntry | None:
        return self.index.get(code)

    def name_of(self, code: str) -> str:
        entry = self.get(code)
        return entry.name if entry else ""

    def group_of(self, code: str) -> str:
        entry = self.get(code[:3]) if len(code) > 3 else self.get(code)
        return entry.group if entry else ""


def level_of(code: str) -> str:
    """类 / 款 / 项 from the code length (3 / 5 / 7 digits)."""
    return {3: "类", 5: "款", 7: "项"}.get(len(code), "")


def ancestors(code: str) -> tuple[str, ...]:
    """The 类 and 款 codes above a code, outermost first (``2081601`` → ``208``, ``20816``)."""
    return tuple(code[:n] for n in (3, 5) if n < len(code))

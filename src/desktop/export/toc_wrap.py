"""Where a 目录 entry's last line would leave no room for its dot leader.

The toc 1 / toc 2 styles wrap a long title under itself and stop short of the page-number
column (hanging and right indent, the right tab beyond the indent). When the title's last line
is full up to the indent, LibreOffice moves the tab to a line of its own: dots alone. Such an
entry gets a line break before its last two characters, so they carry the dots. The widths are
estimated from the style (indents, size) and the section's text width, the way the 28-character
grid sets them: a Chinese character is one grid step, digits and Latin half, a space a quarter,
and a quarter of space where Chinese meets Latin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docx.oxml.ns import qn

from desktop.export import table_fit as fit

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.oxml.xmlchemy import BaseOxmlElement

TWIPS_PER_PT = 20
CONDENSE_PT = 0.25  # every character as LibreOffice sets the 28-character line (export.pdf)
CARRIED = 2  # characters that go with the dots to the last line
_TOKEN = re.compile(r"[A-Za-z0-9.%]+|.", re.S)  # a Latin word or number is never broken


@dataclass(frozen=True, slots=True)
class LineRoom:
    """Widths in points: the first line and the following lines of an entry, one character."""

    first: float
    rest: float
    char: float


def _twips(element: BaseOxmlElement | None, name: str) -> int:
    value = element.get(qn(f"w:{name}")) if element is not None else None
    return int(value) if value and value.lstrip("-").isdigit() else 0


def line_rooms(doc: DocxDocument, style_ids: tuple[str, ...]) -> dict[str, LineRoom]:
    """The room of each of `style_ids` (those the document defines) in its body section."""
    sect = doc.element.body.sectPr
    size, mar = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar"))
    width = (_twips(size, "w") - _twips(mar, "left") - _twips(mar, "right")) / TWIPS_PER_PT
    out: dict[str, LineRoom] = {}
    for style in doc.styles.element.iterchildren(qn("w:style")):
        sid = style.get(qn("w:styleId"))
        if sid not in style_ids:
            continue
        ind = style.find(f"{qn('w:pPr')}/{qn('w:ind')}")
        sz = style.find(f"{qn('w:rPr')}/{qn('w:sz')}")
        pt = _twips(sz, "val") / 2 or 16.0  # half points; 三号 when the style has none
        left, right = _twips(ind, "left") / TWIPS_PER_PT, _twips(ind, "right") / TWIPS_PER_PT
        first = (
            left - _twips(ind, "hanging") / TWIPS_PER_PT + _twips(ind, "firstLine") / TWIPS_PER_PT
        )
        out[sid] = LineRoom(width - first - right, width - left - right, pt - CONDENSE_PT)
    return out


def _width(ch: str, prev: str, char: float) -> float:
    """Width of `ch` after `prev`, in points, for a line whose Chinese character is `char`."""
    own = char / 4 if ch == " " else fit.em(ch) * char  # CJK one grid step, others half
    mixed = prev and " " not in (ch, prev) and fit.em(prev) != fit.em(ch)
    return own + (char / 4 if mixed else 0.0)


def _token_width(token: str, prev: str, char: float) -> float:
    return sum(_width(ch, p, char) for ch, p in zip(token, prev + token, strict=False))


def last_line_room(text: str, room: LineRoom) -> float:
    """Points left at the end of `text`'s last line (Chinese breaks anywhere, Latin words not)."""
    width, used, prev = room.first, 0.0, ""
    for token in _TOKEN.findall(text):
        w = _token_width(token, prev[-1:], room.char)
        if used + w > width + 0.01 and used:
            width, used = room.rest, _token_width(token, "", room.char)
        else:
            used += w
        prev = token
    return width - used


def with_leader_room(text: str, room: LineRoom) -> str:
    """`text`, with a line break before its last characters when the dots would stand alone."""
    if last_line_room(text, room) >= room.char or len(text) <= CARRIED:
        return text
    cut = len(text) - CARRIED
    while cut > 0 and all(c.isascii() and c.isalnum() for c in text[cut - 1 : cut + 1]):
        cut -= 1  # never inside "2024" or a Latin word
    return f"{text[:cut]}\n{text[cut:]}" if cut > 0 else text

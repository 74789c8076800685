"""Reading a LibreOffice PDF back: where its lines break, compared with the .docx text.

`pdftotext` gives the PDF's lines; every body paragraph of the .docx is found in that stream
(white space and page footers ignored) and walked character by character. A line break whose
two sides are both part of one number ("138." / "04万元") is a split number; a punctuation mark
of the paragraph that the PDF does not have is lost punctuation.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

_FOOTER = re.compile(r"^\s*—\s*\d+\s*—\s*$")
_NUMBER_LEFT = set("0123456789.,")
_NUMBER_RIGHT = set("0123456789.,%")
PUNCTUATION = set("，。、；：？！“”‘’（）《》〔〕【】…—·,.;:%")


@dataclass(frozen=True, slots=True)
class Fault:
    """One typesetting fault: what and the text around it."""

    kind: str  # "split" or "lost"
    context: str


def pdf_lines(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [line for line in text.replace("\f", "\n").splitlines() if not _FOOTER.match(line)]


def _stream(lines: list[str]) -> tuple[str, set[int]]:
    """The PDF text without white space, and the offsets where a new line starts."""
    chars: list[str] = []
    breaks: set[int] = set()
    for line in lines:
        squeezed = re.sub(r"\s+", "", line)
        if not squeezed:
            continue
        if chars:
            breaks.add(len(chars))
        chars.extend(squeezed)
    return "".join(chars), breaks


def _inside_number(text: str, i: int) -> bool:
    """Whether a break before text[i] cuts a number (digits, decimal point, %) in two."""
    if i == 0 or text[i] not in _NUMBER_RIGHT:
        return False
    left = text[i - 1]
    return left.isdigit() or (left in _NUMBER_LEFT and i > 1 and text[i - 2].isdigit())


def compare(paragraphs: list[str], lines: list[str]) -> tuple[list[Fault], int]:
    """Faults of every paragraph found in the PDF, and how many paragraphs were checked."""
    stream, breaks = _stream(lines)
    faults: list[Fault] = []
    checked = 0
    pos = 0
    for raw in paragraphs:
        para = re.sub(r"\s+", "", raw)
        if len(para) < 12:
            continue
        start = stream.find(para[:10], pos)
        if start < 0:
            start = stream.find(para[:10])
        if start < 0:
            continue
        checked += 1
        i, j = 0, start
        while i < len(para) and j < len(stream):
            if para[i] == stream[j]:
                if j in breaks and _inside_number(para, i):
                    faults.append(Fault("split", f"{para[max(0, i - 8) : i]}/{para[i : i + 8]}"))
                i += 1
                j += 1
            elif para[i] in PUNCTUATION:
                faults.append(
                    Fault("lost", f"{para[max(0, i - 8) : i]}[{para[i]}]{para[i + 1 : i + 6]}")
                )
                i += 1
            else:
                break
        pos = j
    return faults, checked


def pdf_fonts(pdf: Path) -> list[str]:
    """The base font names `pdffonts` lists (subset prefix removed)."""
    out = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    return sorted({line.split()[0].split("+")[-1] for line in out if line.strip()})


@dataclass(frozen=True, slots=True)
class PageNumber:
    """Where a page's printed number "— n —" stands, in points from the top left."""

    width: float
    height: float
    number: int
    box: tuple[float, float, float, float]  # x0, y0, x1, y1
    vertical: bool  # the dashes above and below the digits: the text is turned

    @property
    def landscape(self) -> bool:
        return self.width > self.height


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


def page_numbers(pdf: Path) -> list[PageNumber | None]:
    """Each page's number as three words "—", digits, "—" (None where a page has none)."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    out: list[PageNumber | None] = []
    for width, height, body in _PAGE.findall(html):
        words = [(tuple(float(v) for v in w[:4]), w[4]) for w in _WORD.findall(body)]
        found: PageNumber | None = None
        for n in range(len(words) - 2):
            (a, dash1), (b, digits), (c, dash2) = words[n : n + 3]
            if dash1 == dash2 == "—" and digits.isdigit():
                box = (min(a[0], c[0]), min(a[1], c[1]), max(a[2], c[2]), max(a[3], c[3]))
                vertical = a[3] <= b[1] <= b[3] <= c[1]
                found = PageNumber(float(width), float(height), int(digits), box, vertical)
        out.append(found)
    return out

"""Reading an exported document back: paragraphs of a part, headings, tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

import docx

if TYPE_CHECKING:
    from pathlib import Path

    from docx.document import Document as DocxDocument


def open_docx(path: Path) -> DocxDocument:
    return docx.Document(str(path))


def body_paragraphs(doc: DocxDocument) -> list[tuple[str, str]]:
    """(style name, text) of every non-empty body paragraph, in order."""
    return [
        (p.style.name if p.style is not None else "", p.text)
        for p in doc.paragraphs
        if p.text.strip()
    ]


def part_paragraphs(doc: DocxDocument, start: str, stop: str) -> list[str]:
    """Texts from the part heading starting with `start` up to the one starting with `stop`."""
    paras = body_paragraphs(doc)
    heads = [i for i, (style, text) in enumerate(paras) if style == "公开-部分标题"]
    first = next(i for i in heads if paras[i][1].startswith(start))
    last = next(i for i in heads if paras[i][1].startswith(stop))
    return [text for _, text in paras[first:last]]


def read_golden(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]

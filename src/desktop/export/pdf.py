"""Converts an exported .docx to PDF with LibreOffice (soffice --headless), where installed.

fontconfig is pointed at the bundled fonts (resources/fonts/fonts.conf) so 仿宋_GB2312 and 黑体
render with the bundled fonts on Linux machines that have no Chinese fonts. LibreOffice converts
a copy in which the 28-characters grid is written the way LibreOffice understands (see
`for_libreoffice`); the .docx the officer gets is not touched. LibreOffice gets absolute paths
only (a relative name starting with "-" would be read as an option), converts in a private
temporary folder, and the PDF is put beside the document with `desktop.files.write_atomically`.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

from desktop.export.docx import ExportError, write_atomically
from desktop.export.front_matter import fill_toc_pages, toc_entries


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


_CHAR_GRID = re.compile(rb'(<w:docGrid\b[^>]*?) w:charSpace="-\d+"')
_GRID_TYPE = re.compile(rb'(<w:docGrid\b[^>]*?) w:type="linesAndChars"')
_DEFAULT_RPR = b"<w:rPrDefault><w:rPr>"
# 16 pt − 0.25 pt: 28 characters of 三号 fit the 156 mm line (GB/T 9704 §5.2.3).
_CONDENSED = b'<w:spacing w:val="-5"/>'


def for_libreoffice(docx: bytes) -> bytes:
    """The .docx as LibreOffice should lay it out: the same pages as in Word.

    Word fits 28 characters on a line through the grid's negative w:charSpace; LibreOffice 7.4
    misreads a negative value (every character about 1.5 wide), so the copy keeps the line grid,
    drops the character grid and condenses every character by 0.25 pt instead.
    """
    src = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = _GRID_TYPE.sub(rb'\1 w:type="lines"', _CHAR_GRID.sub(rb"\1", data))
            elif info.filename == "word/styles.xml" and _DEFAULT_RPR in data:
                data = data.replace(_DEFAULT_RPR, _DEFAULT_RPR + _CONDENSED, 1)
            dst.writestr(info, data)
    return out.getvalue()


def convert_to_pdf(docx: Path, fonts_dir: Path, timeout: int = 180) -> Path:
    """Write DOCX's PDF beside it and return its path; `ExportError` when it cannot.

    When the .docx has a 目录 field, LibreOffice lays the document out once to find the page
    of every heading; the page numbers go into the .docx (so it is right before anyone presses
    F9) and the PDF is made from that.
    """
    soffice = find_soffice()
    if soffice is None:
        raise ExportError(
            "未找到 LibreOffice（soffice），无法生成 PDF。Word 文档已导出，可在 Word 或 WPS 中另存为 PDF。"
        )
    docx = Path(os.path.abspath(docx))
    target = docx.with_suffix(".pdf")
    env = dict(os.environ)
    conf = (fonts_dir / "fonts.conf").resolve()
    if conf.is_file():
        env["FONTCONFIG_FILE"] = str(conf)
    with (
        tempfile.TemporaryDirectory(prefix="juesuan-lo-") as profile,
        tempfile.TemporaryDirectory(prefix="juesuan-pdf-") as outdir,
    ):
        work = _Soffice(soffice, Path(profile), Path(outdir), env, timeout)
        data = docx.read_bytes()
        produced = work.convert(docx.name, data)
        entries = toc_entries(data)
        if entries:
            pages = toc_pages(entries, outline_pages(produced.read_bytes()))
            if pages:
                data = fill_toc_pages(data, pages)
                filled = data
                write_atomically(docx, lambda tmp: _write(tmp, filled))
                produced = work.convert(docx.name, data)
        result = produced
        write_atomically(target, lambda tmp: shutil.copyfile(result, tmp))
    return target


def _write(path: Path, data: bytes) -> None:
    path.write_bytes(data)


class _Soffice:
    """One LibreOffice user profile and output folder, for one or two conversions."""

    def __init__(
        self, soffice: str, profile: Path, outdir: Path, env: dict[str, str], timeout: int
    ) -> None:
        self.soffice, self.profile, self.outdir = soffice, profile, outdir
        self.env, self.timeout = env, timeout

    def convert(self, name: str, docx: bytes) -> Path:
        source = self.profile / name
        source.write_bytes(for_libreoffice(docx))
        cmd = [
            self.soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={self.profile.as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(self.outdir),
            str(source),
        ]
        produced = self.outdir / f"{source.stem}.pdf"
        produced.unlink(missing_ok=True)
        try:
            subprocess.run(
                cmd, env=self.env, capture_output=True, timeout=self.timeout, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise ExportError("LibreOffice 转换 PDF 超时，Word 文档已导出。") from exc
        if not produced.is_file():
            raise ExportError(
                "LibreOffice 未能生成 PDF，Word 文档已导出，可在 Word 或 WPS 中另存为 PDF。"
            )
        return produced


_OBJECT = re.compile(rb"(\d+) 0 obj\s*<<(.*?)>>\s*endobj", re.S)
_KIDS = re.compile(rb"/Type\s*/Pages\b.*?/Kids\s*\[([^\]]*)\]", re.S)
_TITLE = re.compile(rb"/Title\s*<([0-9A-Fa-f]*)>")
_DEST = re.compile(rb"/Dest\s*\[\s*(\d+) 0 R")


def outline_pages(pdf: bytes) -> list[tuple[str, int]]:
    """(title, page index from 0) of every bookmark in a LibreOffice PDF, in document order.

    LibreOffice writes its outline as plain objects with UTF-16 titles and /Dest [page 0 R …];
    the page objects' order is the /Kids of the page tree. Reads nothing else of the PDF.
    """
    order: dict[bytes, int] = {}
    for kids in _KIDS.finditer(pdf):
        for ref in re.findall(rb"(\d+) 0 R", kids.group(1)):
            order.setdefault(ref, len(order))
    out: list[tuple[str, int]] = []
    for match in _OBJECT.finditer(pdf):
        body = match.group(2)
        title, dest = _TITLE.search(body), _DEST.search(body)
        if title is None or dest is None or dest.group(1) not in order:
            continue
        raw = bytes.fromhex(title.group(1).decode("ascii"))
        text = raw[2:].decode("utf-16-be", "replace") if raw[:2] == b"\xfe\xff" else raw.decode()
        out.append((text, order[dest.group(1)]))
    return out


def toc_pages(
    entries: Sequence[tuple[str, str]], outline: Sequence[tuple[str, int]]
) -> dict[str, str]:
    """Bookmark → printed page number of each 目录 entry (page 1 = the first entry's page).

    Entries are matched to the outline in order, by their text; an entry that cannot be found
    leaves no numbers at all rather than wrong ones.
    """
    pages: dict[str, str] = {}
    pos = 0
    first: int | None = None
    for text, bookmark in entries:
        want = "".join(text.split())
        while pos < len(outline) and "".join(outline[pos][0].split()) != want:
            pos += 1
        if pos == len(outline):
            return {}
        page = outline[pos][1]
        first = page if first is None else first
        pages[bookmark] = str(page - first + 1)
        pos += 1
    return pages

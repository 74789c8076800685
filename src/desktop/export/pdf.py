"""Converts an exported .docx to PDF with LibreOffice (soffice --headless), where installed.

fontconfig is pointed at the bundled fonts (resources/fonts/fonts.conf) so 仿宋_GB2312 and 黑体
render with the bundled fonts on Linux machines that have no Chinese fonts. LibreOffice converts
a copy in which the 28-characters grid is written the way LibreOffice understands (see
`for_libreoffice`); the .docx the officer gets is not touched.
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

from desktop.export.docx import ExportError


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
    """Write DOCX's PDF beside it and return its path; `ExportError` when it cannot."""
    soffice = find_soffice()
    if soffice is None:
        raise ExportError(
            "未找到 LibreOffice（soffice），无法生成 PDF。Word 文档已导出，可在 Word 或 WPS 中另存为 PDF。"
        )
    target = docx.with_suffix(".pdf")
    env = dict(os.environ)
    conf = (fonts_dir / "fonts.conf").resolve()
    if conf.is_file():
        env["FONTCONFIG_FILE"] = str(conf)
    with (
        tempfile.TemporaryDirectory(prefix="juesuan-lo-") as profile,
        tempfile.TemporaryDirectory(prefix="juesuan-pdf-", dir=docx.parent) as outdir,
    ):
        source = Path(profile) / docx.name
        source.write_bytes(for_libreoffice(docx.read_bytes()))
        cmd = [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            outdir,
            str(source),
        ]
        try:
            subprocess.run(cmd, env=env, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise ExportError("LibreOffice 转换 PDF 超时，Word 文档已导出。") from exc
        produced = Path(outdir) / f"{docx.stem}.pdf"
        if not produced.is_file():
            raise ExportError(
                "LibreOffice 未能生成 PDF，Word 文档已导出，可在 Word 或 WPS 中另存为 PDF。"
            )
        os.replace(produced, target)
    return target

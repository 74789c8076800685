"""Converts an exported .docx to PDF with LibreOffice (soffice --headless), where installed.

fontconfig is pointed at the bundled fonts (resources/fonts/fonts.conf) so 仿宋_GB2312 and 黑体
render with the bundled Noto fonts on Linux machines that have no Chinese fonts. LibreOffice gets
absolute paths only (a relative name starting with "-" would be read as an option), converts in
a private temporary folder, and the PDF is put beside the document with
`desktop.files.write_atomically`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from desktop.export.docx import ExportError, write_atomically


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def convert_to_pdf(docx: Path, fonts_dir: Path, timeout: int = 180) -> Path:
    """Write DOCX's PDF beside it and return its path; `ExportError` when it cannot."""
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
        cmd = [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            outdir,
            str(docx),
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
        write_atomically(target, lambda tmp: shutil.copyfile(produced, tmp))
    return target

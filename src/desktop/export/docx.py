"""Writes the Word document: renders the profile's docxtpl template, adds tables and charts.

The only importer of docxtpl. Rendering uses autoescape and StrictUndefined; the file is written
to a temporary name beside the target and renamed into place, so a failed export never leaves a
half-written document where the officer expects the finished one.
"""

from __future__ import annotations

import errno
import io
import os
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from docx.opc.exceptions import PackageNotFoundError
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from desktop.export.charts import FONT_FILE, build_pie, figure_png, register_font
from desktop.export.context import anchor, build_context
from desktop.export.docx_tables import insert_tables
from desktop.export.layouts import table_layout

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop.core.calc import Figures
    from desktop.core.narrative.document import Document

CHART_WIDTH_MM = 140


class ExportError(Exception):
    """The document could not be written; the message is Chinese and says what to do."""


def chart_images(figures: Figures, fonts_dir: Path) -> dict[str, tuple[str, bytes | None]]:
    """Every chart of the profile as (caption, PNG bytes or None when it has no data)."""
    family = register_font(fonts_dir)
    out: dict[str, tuple[str, bytes | None]] = {}
    for chart in figures.profile.charts:
        fig = build_pie(chart, figures, family)
        out[chart.id] = (chart.caption, figure_png(fig) if fig is not None else None)
    return out


def write_atomically(target: Path, write: Callable[[Path], None]) -> None:
    """Call `write(tmp)` for a temporary file beside `target`, then rename it into place."""
    folder = target.parent
    if not folder.is_dir():
        raise ExportError(f"保存位置“{folder}”不存在，请选择已有的文件夹。")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".tmp", dir=folder)
    except PermissionError as exc:
        raise ExportError(f"没有权限在“{folder}”中写文件，请换一个文件夹。") from exc
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        os.replace(tmp, target)
    except PermissionError as exc:
        raise ExportError(
            f"无法写入“{target}”：文件可能正在被 Word 或 WPS 打开，或没有写入权限。请关闭该文件后重试。"
        ) from exc
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise ExportError(
                f"磁盘空间不足，无法写入“{target}”。请清理磁盘或换一个位置后重试。"
            ) from exc
        raise ExportError(
            f"写入“{target}”失败：{exc.strerror or exc}。请检查磁盘空间和文件夹权限后重试。"
        ) from exc
    finally:
        if tmp.exists():
            tmp.unlink()


def export_docx(
    document: Document,
    figures: Figures,
    template: Path,
    fonts_dir: Path,
    target: Path,
    *,
    draft: bool = False,
) -> None:
    """Render the document for `figures`' case into `target` (.docx).

    A formal export (not `draft`) of a document that still has gaps (【待填写】) is refused.
    """
    if document.gaps and not draft:
        missing = "；".join(dict.fromkeys(g.label for g in document.gaps))
        raise ExportError(
            f"还有 {len(document.gaps)} 处内容未填写（{missing}），不能导出正式文档。"
            "请在检查面板中逐条填写，或先导出草稿。"
        )
    if not template.is_file():
        raise ExportError(f"找不到 Word 模板“{template}”，请重新安装程序。")
    if not (fonts_dir / FONT_FILE).is_file():
        raise ExportError(
            f"缺少程序自带的字体文件“{fonts_dir / FONT_FILE}”，图表无法绘制。请重新安装程序。"
        )
    charts = chart_images(figures, fonts_dir)
    context, tables = build_context(document, figures.profile.toc_heading, charts)
    try:
        tpl = DocxTemplate(str(template))
        tpl.init_docx()
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise ExportError(f"Word 模板“{template}”已损坏，无法使用。请重新安装程序。") from exc
    for block in context["blocks"]:  # type: ignore[attr-defined]
        png = block["image"]
        if isinstance(png, bytes):
            block["image"] = InlineImage(tpl, io.BytesIO(png), width=Mm(CHART_WIDTH_MM))
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)
    tpl.render(context, jinja_env=env, autoescape=True)
    markers = [anchor(n) for n in range(len(tables))]
    insert_tables(
        tpl.docx, markers, lambda n: table_layout(tables[n].ref, tables[n].heading, figures)
    )
    if draft:
        _mark_draft(tpl.docx)
    write_atomically(target, lambda tmp: tpl.save(str(tmp)))


def _mark_draft(doc: object) -> None:
    """Put 草稿 in the page header of every page (all sections inherit the first one's)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    section = doc.sections[0]  # type: ignore[attr-defined]
    for header in (section.header, section.even_page_header):
        para = header.paragraphs[0]
        para.text = "草稿（未经审核，不得公开）"
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER

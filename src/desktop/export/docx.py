"""Writes the Word document: renders the profile's docxtpl template, adds tables and charts.

The only importer of docxtpl. Rendering uses autoescape and StrictUndefined; the file is written
to a temporary name beside the target and renamed into place, so a failed export never leaves a
half-written document where the officer expects the finished one.
"""

from __future__ import annotations

import datetime as dt
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

from desktop.export.charts import FONT_FILE, WIDTH_MM, chart_png, single_slice_text
from desktop.export.context import ChartImage, anchor, build_context, cover_date
from desktop.export.docx_tables import insert_tables
from desktop.export.front_matter import (
    TOC_NOTE,
    ask_to_update_fields,
    make_toc_field,
    number_body_from_one,
)
from desktop.export.layouts import table_layout
from desktop.export.properties import set_properties

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop.core.calc import Figures
    from desktop.core.narrative.document import Document


class ExportError(Exception):
    """The document could not be written; the message is Chinese and says what to do."""


def chart_images(
    figures: Figures, fonts_dir: Path, cache_dir: Path | None = None
) -> dict[str, ChartImage]:
    """Every chart of the profile: its caption, PNG (None: not drawn) and sentence instead."""
    return {
        chart.id: ChartImage(
            chart.caption,
            chart_png(chart, figures, fonts_dir, cache_dir),
            single_slice_text(chart, figures),
        )
        for chart in figures.profile.charts
    }


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
    now: dt.datetime | None = None,
    chart_cache: Path | None = None,
) -> tuple[str, ...]:
    """Render the document for `figures`' case into `target` (.docx).

    Returns:
        Notes for the officer about the file (e.g. that Word fills in the 目录 page numbers).
    """
    when = now or dt.datetime.now(dt.UTC).astimezone()
    if not template.is_file():
        raise ExportError(f"找不到 Word 模板“{template}”，请重新安装程序。")
    if not (fonts_dir / FONT_FILE).is_file():
        raise ExportError(
            f"缺少程序自带的字体文件“{fonts_dir / FONT_FILE}”，图表无法绘制。请重新安装程序。"
        )
    charts = chart_images(figures, fonts_dir, chart_cache)
    unit = figures.case.unit.name
    context, tables = build_context(
        document, figures.profile.toc_heading, charts, unit=unit, date=cover_date(when)
    )
    try:
        tpl = DocxTemplate(str(template))
        tpl.init_docx()
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise ExportError(f"Word 模板“{template}”已损坏，无法使用。请重新安装程序。") from exc
    for block in context["blocks"]:  # type: ignore[attr-defined]
        png = block["image"]
        if isinstance(png, bytes):
            block["image"] = InlineImage(tpl, io.BytesIO(png), width=Mm(WIDTH_MM))
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)
    tpl.render(context, jinja_env=env, autoescape=True)
    markers = [anchor(n) for n in range(len(tables))]
    insert_tables(
        tpl.docx, markers, lambda n: table_layout(tables[n].ref, tables[n].heading, figures)
    )
    number_body_from_one(tpl.docx)
    make_toc_field(tpl.docx)
    ask_to_update_fields(tpl.docx)
    set_properties(tpl.docx, title=document.title, author=unit, when=when)
    if draft:
        _mark_draft(tpl.docx)
    write_atomically(target, lambda tmp: tpl.save(str(tmp)))
    return (TOC_NOTE,)


def _mark_draft(doc: object) -> None:
    """Put 草稿 in the page header of every page (all sections inherit the first one's)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    section = doc.sections[0]  # type: ignore[attr-defined]
    for header in (section.header, section.even_page_header):
        para = header.paragraphs[0]
        para.text = "草稿（未经审核，不得公开）"
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER

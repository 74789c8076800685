"""Writes the Word document: renders the profile's docxtpl template, adds tables and charts.

The only importer of docxtpl. Templates are data that may come from another unit, so they are
rendered in Jinja's `SandboxedEnvironment` (no ``__class__``/``__subclasses__``, no unsafe calls)
with autoescape and StrictUndefined; an error in a template is a Chinese message. The file is
written with `desktop.files.write_atomically`, so a failed export never leaves a half-written
document where the officer expects the finished one.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING

import jinja2
from docx.opc.exceptions import PackageNotFoundError
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from desktop import files
from desktop.export.charts import FONT_FILE, WIDTH_MM, chart_png, single_slice_text
from desktop.export.context import ChartImage, anchor, build_context, cover_date
from desktop.export.docx_tables import insert_tables
from desktop.export.front_matter import (
    TOC_NOTE,
    ask_to_update_fields,
    make_toc_field,
    number_body_from_one,
)
from desktop.export.landscape_footer import number_landscape_pages
from desktop.export.layouts import table_layout
from desktop.export.properties import set_properties
from desktop.files import FileWriteError, ReadOnlyTargetError

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from desktop.core.calc import Figures
    from desktop.core.narrative.document import Document

#: Longest string or list a template expression may build (``"x" * n``), and the largest power.
_MAX_REPEAT = 100_000
_MAX_EXPONENT = 64


class _TemplateSandbox(SandboxedEnvironment):
    """Jinja's sandbox, also refusing huge ``*`` and ``**`` results that would exhaust memory.

    The sandbox itself refuses ``_``-attributes (``__class__``, ``__subclasses__``) and unsafe
    callables.
    """

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: object, operator: str, left: object, right: object) -> object:
        if operator == "**":
            if isinstance(right, int) and abs(right) > _MAX_EXPONENT:
                raise SecurityError("指数过大")
            return left**right  # type: ignore[operator]  # jinja2 hands untyped operands; Python raises if they do not fit
        for count, other in ((right, left), (left, right)):
            if (
                isinstance(count, int)
                and isinstance(other, str | list | tuple)
                and count * len(other) > _MAX_REPEAT
            ):
                raise SecurityError("重复的结果过长")
        return left * right  # type: ignore[operator]  # as for **: operands come untyped from the template


def template_environment() -> SandboxedEnvironment:
    """The one Jinja environment every Word template is rendered with.

    Sandboxed, autoescaped, and strict: a name the program does not provide is an error.
    """
    return _TemplateSandbox(undefined=jinja2.StrictUndefined, autoescape=True)


def _template_problem(exc: jinja2.TemplateError) -> str:
    if isinstance(exc, SecurityError):
        return f"模板试图访问程序不允许的内容：{exc}"
    if isinstance(exc, jinja2.UndefinedError):
        return f"使用了程序不提供的变量：{exc.message}"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"第 {exc.lineno} 行语法错误：{exc.message}"
    return str(exc)


class ExportError(Exception):
    """The document could not be written; the message is Chinese and says what to do."""


class ExportWriteError(ExportError, FileWriteError):
    """A file of the export could not be written (an OS error); both kinds of error at once."""


def write_atomically(target: Path, write: Callable[[Path], object]) -> None:
    """`desktop.files.write_atomically`, its OS errors raised as `ExportWriteError`.

    A read-only target stays a `ReadOnlyTargetError`, so the window can ask before replacing.
    """
    try:
        files.write_atomically(target, write)
    except ReadOnlyTargetError:
        raise
    except FileWriteError as exc:
        raise ExportWriteError(str(exc), exc.path, exc.errno) from exc


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


@dataclass(frozen=True)
class DocxOptions:
    """Where the Word template and chart font are, and how the document is written."""

    template: Path
    fonts_dir: Path
    draft: bool = False
    """A draft: 草稿 in the page header, gaps marked 【待填写】 instead of refused."""
    now: dt.datetime | None = None
    """The export's time (the cover date, the file properties); by default the present."""
    chart_cache: Path | None = None
    """A folder keeping drawn chart PNGs for the next export."""


def export_docx(
    document: Document, figures: Figures, target: Path, options: DocxOptions
) -> tuple[str, ...]:
    """Render the document for `figures`' case into `target` (.docx).

    A formal export (not `options.draft`) of a document that still has gaps (【待填写】) is
    refused.

    Returns:
        Notes for the officer about the file (e.g. that Word fills in the 目录 page numbers).
    """
    template, fonts_dir, draft = options.template, options.fonts_dir, options.draft
    _refuse_missing(document, template, fonts_dir, draft=draft)
    when = options.now or dt.datetime.now(dt.UTC).astimezone()
    try:
        charts = chart_images(figures, fonts_dir, options.chart_cache)
    except (RuntimeError, OSError, ValueError) as exc:  # FreeType cannot read the font file
        raise ExportError(
            f"程序自带的字体文件“{fonts_dir / FONT_FILE}”已损坏，图表无法绘制。请重新安装程序。"
        ) from exc
    unit = figures.case.unit.name
    context, tables = build_context(
        document, figures.profile.toc_heading, charts, unit=unit, date=cover_date(when)
    )
    tpl = _rendered(template, context)
    markers = [anchor(n) for n in range(len(tables))]
    insert_tables(
        tpl.docx, markers, lambda n: table_layout(tables[n].ref, tables[n].heading, figures)
    )
    number_landscape_pages(tpl.docx)
    _drop_theme_fonts(tpl.docx)
    number_body_from_one(tpl.docx)
    make_toc_field(tpl.docx)
    ask_to_update_fields(tpl.docx)
    set_properties(tpl.docx, title=document.title, author=unit, when=when)
    if draft:
        _mark_draft(tpl.docx)
    write_atomically(target, lambda tmp: tpl.save(str(tmp)))
    return (TOC_NOTE,)


def _refuse_missing(document: Document, template: Path, fonts_dir: Path, *, draft: bool) -> None:
    """Refuse a formal export with gaps, and one whose template or chart font is not there."""
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


def _rendered(template: Path, context: dict[str, object]) -> DocxTemplate:
    """The Word template filled in with `context` (its chart PNGs made inline images)."""
    try:
        tpl = DocxTemplate(str(template))
        tpl.init_docx()
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise ExportError(f"Word 模板“{template}”已损坏，无法使用。请重新安装程序。") from exc
    for block in context["blocks"]:  # type: ignore[attr-defined]  # the context is a plain dict built by export.context
        png = block["image"]
        if isinstance(png, bytes):
            block["image"] = InlineImage(tpl, io.BytesIO(png), width=Mm(WIDTH_MM))
    try:
        tpl.render(context, jinja_env=template_environment(), autoescape=True)
    except jinja2.TemplateError as exc:  # a syntax error, an unknown name or a refused access
        raise ExportError(
            f"Word 模板“{template.name}”中的模板语句有误，无法使用（{_template_problem(exc)}）。"
            "请改正模板（可用 juesuan profile-check 检查）或重新安装程序。"
        ) from exc
    except SyntaxError as exc:  # lxml's XMLSyntaxError: the filled-in XML does not parse
        raise ExportError(
            f"Word 模板“{template.name}”填入内容后不是有效的 Word 文档（{exc}）。"
            "请改正模板或重新安装程序。"
        ) from exc
    return tpl


_THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


def _drop_theme_fonts(doc: object) -> None:
    """No style refers to a theme font (WPS maps those to 等线 or a Japanese face).

    The template's own styles name their fonts; the built-in styles python-docx's default
    template brings (Heading 1–9, Title, table styles) refer to the theme: they fall back to
    the document defaults (Times New Roman, 仿宋_GB2312) instead.
    """
    from docx.oxml.ns import qn

    styles = doc.styles.element  # type: ignore[attr-defined]
    names = [qn(f"w:{a}") for a in _THEME_ATTRS]
    for fonts in styles.iter(qn("w:rFonts")):
        for name in names:
            fonts.attrib.pop(name, None)


def _mark_draft(doc: object) -> None:
    """Put 草稿 in the page header of every page (all sections inherit the first one's)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    section = doc.sections[0]  # type: ignore[attr-defined]  # python-docx has no type hints; doc is a docx Document
    for header in (section.header, section.even_page_header):
        para = header.paragraphs[0]
        para.text = "草稿（未经审核，不得公开）"
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER

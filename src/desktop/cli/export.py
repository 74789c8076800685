"""`juesuan export` and `juesuan versions`: the document (and PDF, workbook) and its history."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.context import UsageError
from desktop.cli.options import CASE_HELP, add_db, add_source

if TYPE_CHECKING:
    import argparse

    from desktop.cli.context import Run
    from desktop.core.calc import Figures
    from desktop.export.table_layout import TableLayout


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    exp = sub.add_parser("export", help="导出 Word 文档（可同时导出 PDF）")
    add_source(exp, with_file=True)
    exp.add_argument(
        "-o", "--output", type=Path, required=True, metavar="输出.docx", help="要写出的 Word 文档"
    )
    exp.add_argument("--pdf", action="store_true", help="同时用 LibreOffice 生成 PDF")
    exp.add_argument("--xlsx", type=Path, metavar="输出.xlsx", help="同时导出公开表 Excel 工作簿")
    exp.add_argument(
        "--draft",
        action="store_true",
        help="导出草稿：页眉标“草稿”，未填写的内容标为【待填写：…】；有错误时也可导出",
    )
    exp.add_argument(
        "--unit-appendix",
        action="store_true",
        help="部门填报：文末附“各单位收入支出决算情况表”（按单位列示收入、支出，万元）",
    )
    exp.add_argument(
        "--version",
        dest="export_version",
        type=int,
        metavar="版本号",
        help="重新导出某个历史版本（与 --case 一起使用，见 juesuan versions）",
    )
    add_overwrite_option(exp)
    ver = sub.add_parser("versions", help="列出一份填报的历史导出版本")
    ver.add_argument("--case", type=int, required=True, metavar="编号", help=CASE_HELP)
    add_db(ver)


def add_overwrite_option(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument(
        "--overwrite-read-only", action="store_true", help="输出文件是只读文件时也替换它"
    )


def allow_replacing(*targets: Path | None) -> None:
    """--overwrite-read-only: the officer has said read-only outputs may be replaced."""
    from desktop.files import allow_replacing as allow

    for target in targets:
        if target is not None:
            allow(target)


def export(run: Run) -> int:
    from desktop.core.calc import Figures
    from desktop.services.export import ExportRequest, export_case, store_version

    args = run.args
    target: Path = args.output
    if target.suffix.lower() != ".docx":
        raise UsageError(f"输出文件“{target}”应以 .docx 结尾。")
    workbook: Path | None = args.xlsx
    if workbook is not None and workbook.suffix.lower() != ".xlsx":
        raise UsageError(f"Excel 文件“{workbook}”应以 .xlsx 结尾。")
    if args.overwrite_read_only:
        allow_replacing(target, workbook, target.with_suffix(".pdf") if args.pdf else None)
    if args.export_version is not None:
        if workbook is not None:
            raise UsageError("重新导出历史版本时不能同时导出 Excel，请去掉 --xlsx。")
        return _export_version(run, target)
    case = run.case()
    if args.case is not None and not args.draft:
        _refuse_blocked_department(run)
    figures = Figures(case, run.catalog.profile(case.profile_id), run.catalog.codes)
    from desktop import paths

    appendix = _unit_appendix(run, figures)
    request = ExportRequest(
        target, pdf=args.pdf, workbook=workbook, draft=args.draft, appendix=appendix
    )
    result = export_case(
        figures,
        request,
        prepare_version=args.case is not None,
        chart_cache=paths.user_data_dir() / "chart-cache",
    )
    print(f"已导出{'草稿' if args.draft else ''}：{target.resolve()}")
    if result.gaps:
        print(f"草稿中有 {result.gaps} 处标为【待填写】的内容。")
    for path in result.written[1:]:
        print(f"已导出：{path.resolve()}")
    for note in result.notes:
        print(note)
    if args.case is not None:
        version = store_version(run.db(), args.case, result)
        print(f"已记录为历史版本 {version}。")
    if result.pdf_error is not None:
        raise UsageError(f"PDF 未能生成：{result.pdf_error}")
    return 0


def _unit_appendix(run: Run, figures: Figures) -> TableLayout | None:
    """The 分单位收支 appendix to add: asked for (--unit-appendix) or required by the profile."""
    from desktop.export.unit_appendix import appendix_wanted
    from desktop.services.departments import department_appendix

    args = run.args
    asked: bool = args.unit_appendix
    profile = figures.profile
    if asked and args.case is None:
        raise UsageError("分单位收支附表只用于部门填报：请用 --case 指定数据库中的部门填报。")
    if not appendix_wanted(profile, asked=asked):
        if asked:
            raise UsageError(
                f"模板“{profile.id}”没有设置分单位附表的列（profile.toml 的 [consolidation] "
                "breakdown），不能附分单位收支表。"
            )
        return None
    if args.case is None:
        return None
    layout = department_appendix(run.db(), args.case, run.catalog, figures)
    if layout is None and asked:
        raise UsageError(
            f"填报 {args.case} 是单位填报，不是部门填报；分单位收支附表只用于部门填报。"
        )
    return layout


def _refuse_blocked_department(run: Run) -> None:
    """A department is not exported while a member has 错误 or an elimination is impossible."""
    from desktop.core.issues import Severity
    from desktop.services.departments import department_findings

    case_id = run.args.case
    blocking = [
        i
        for i in department_findings(run.db(), case_id, run.catalog)
        if i.severity is Severity.ERROR
    ]
    if blocking:
        listed = "\n".join(f"  {i.rule}：{i.message}" for i in blocking)
        raise UsageError(f"部门填报 {case_id} 还有 {len(blocking)} 条“错误”，不能导出：\n{listed}")


def _export_version(run: Run, target: Path) -> int:
    from desktop.services.history import VersionNotFoundError, reexport, stored_version

    args = run.args
    if args.case is None:
        raise UsageError("重新导出历史版本时请用 --case 指定填报编号。")
    try:
        case_json, archive = stored_version(run.db(), args.case, args.export_version)
    except VersionNotFoundError:
        raise UsageError(
            f"填报 {args.case} 没有编号为 {args.export_version} 的历史版本，"
            "请用 juesuan versions 查看。"
        ) from None
    reexport(case_json, archive, target)
    print(f"已按历史版本 {args.export_version} 重新导出：{target.resolve()}")
    return 0


def versions(run: Run) -> int:
    from desktop.storage.versions import list_versions

    found = list_versions(run.db(), run.args.case)
    if not found:
        print(f"填报 {run.args.case} 还没有导出过。")
    for v in found:
        print(f"{v.id}\t{v.created}\t{v.file_name}\t{v.profile_id}\tsha256:{v.sha256[:16]}")
    return 0


COMMANDS = {"export": export, "versions": versions}

"""The command line: export, dump, load and profiles work without a display.

Every failure prints one Chinese sentence on stderr that says what is wrong and what to do, and
exits with status 2. Heavy libraries are imported only by the commands that need them, so
``juesuan --version`` stays fast.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop import __version__, paths
from desktop.cli_parser import VERSION_HELP, ChineseParser

if TYPE_CHECKING:
    import argparse

    from sqlite_utils import Database

    from desktop.core.calc import Figures
    from desktop.core.model import Case
    from desktop.sections.catalog import Catalog

if TYPE_CHECKING:
    from collections.abc import Sequence

DEFAULT_PROFILE = "nmg-2022-unit"
DB_HELP = "数据库文件（默认在用户数据目录）"
CASE_HELP = "数据库中的填报编号（juesuan list 列出）"


class UsageError(Exception):
    """A problem the user can fix; printed as is."""


def _add_check(sub: argparse._SubParsersAction[Any]) -> None:
    chk = sub.add_parser("check", help="检查一份填报，按章节列出问题；有“错误”时退出码为 1")
    group = chk.add_mutually_exclusive_group(required=True)
    group.add_argument(
        "--sample", nargs="?", const=DEFAULT_PROFILE, metavar="模板", help="检查内置样例"
    )
    group.add_argument("--case", type=int, metavar="编号", help=CASE_HELP)
    group.add_argument("--file", type=Path, metavar="文件", help="交换文件（.json）")
    group.add_argument(
        "--list-rules", action="store_true", help="列出全部检查规则：编号、严重程度、内容、需要"
    )
    chk.add_argument(
        "--profile", metavar="模板", help="与 --list-rules 同用：说明该模板运行哪些规则"
    )
    chk.add_argument("--db", type=Path, metavar="数据库", help=DB_HELP)
    chk.add_argument("--json", action="store_true", help="以 JSON 输出")


def _parser() -> argparse.ArgumentParser:
    p = ChineseParser(
        prog="juesuan",
        description="决算公开助手：填报、检查并导出单位决算公开文档。",
        epilog="不带命令运行时打开窗口；juesuan --sample 打开窗口并载入内置样例。"
        "每条命令的用法：juesuan 命令 --help。",
    )
    p.add_argument(
        "--version",
        action="version",
        version=f"决算公开助手 juesuan {__version__}",
        help=VERSION_HELP,
    )
    sub = p.add_subparsers(dest="command", title="命令", metavar="命令", help="下列命令之一")

    def source(cmd: argparse.ArgumentParser, with_file: bool) -> None:
        group = cmd.add_mutually_exclusive_group(required=True)
        group.add_argument(
            "--sample",
            nargs="?",
            const=DEFAULT_PROFILE,
            metavar="模板",
            help=f"使用内置样例（默认 {DEFAULT_PROFILE}）",
        )
        group.add_argument("--case", type=int, metavar="编号", help=CASE_HELP)
        if with_file:
            group.add_argument("--file", type=Path, metavar="文件", help="交换文件（.json）")
        cmd.add_argument("--db", type=Path, metavar="数据库", help=DB_HELP)

    exp = sub.add_parser("export", help="导出 Word 文档（可同时导出 PDF）")
    source(exp, with_file=True)
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
        "--version",
        dest="export_version",
        type=int,
        metavar="版本号",
        help="重新导出某个历史版本（与 --case 一起使用，见 juesuan versions）",
    )
    dump = sub.add_parser("dump", help="把一份填报导出为交换文件（JSON）")
    source(dump, with_file=False)
    dump.add_argument(
        "-o", "--output", type=Path, required=True, metavar="输出.json", help="要写出的交换文件"
    )
    for cmd in (exp, dump):
        cmd.add_argument(
            "--overwrite-read-only", action="store_true", help="输出文件是只读文件时也替换它"
        )
    load = sub.add_parser("load", help="把交换文件载入数据库，打印新的填报编号")
    load.add_argument("file", type=Path, metavar="文件", help="交换文件（.json）")
    load.add_argument("--db", type=Path, metavar="数据库", help=DB_HELP)
    lst = sub.add_parser(
        "list", help="列出数据库中的全部填报：编号、单位、年度、模板、最后修改、错误和警告数"
    )
    lst.add_argument("--db", type=Path, metavar="数据库", help=DB_HELP)
    sub.add_parser("profiles", help="列出已安装的模板")
    pck = sub.add_parser(
        "profile-check", help="检查一个模板文件夹；有问题时列在标准错误输出，退出码为 2"
    )
    pck.add_argument("folder", type=Path, metavar="模板文件夹", help="例如 forms/nmg-2022-unit")
    bak = sub.add_parser("backups", help="列出数据库的自动备份")
    bak.add_argument("--db", type=Path, metavar="数据库", help=DB_HELP)
    res = sub.add_parser("restore", help="用一个备份恢复数据库（恢复前先备份当前文件）")
    res.add_argument("backup", metavar="备份", help="备份文件名（juesuan backups 列出）或路径")
    res.add_argument("--db", type=Path, metavar="数据库", help=DB_HELP)
    res.add_argument(
        "--force", action="store_true", help="当前数据库完好时也用备份替换（当前文件会先备份）"
    )
    ver = sub.add_parser("versions", help="列出一份填报的历史导出版本")
    ver.add_argument("--case", type=int, required=True, metavar="编号", help=CASE_HELP)
    ver.add_argument("--db", type=Path, metavar="数据库", help=DB_HELP)
    _add_check(sub)
    from desktop.cli_import import add_parsers

    add_parsers(sub)
    from desktop.cli_dept import add_parsers as add_dept_parsers

    add_dept_parsers(sub)
    return p


def _catalog() -> Catalog:
    from desktop.profile_check import static_problems
    from desktop.sections.catalog import load_catalog

    catalog = load_catalog(
        paths.forms_dir(),
        paths.resources_dir() / "codetables",
        paths.user_codetables_dir(),
        check=static_problems,
    )
    for warning in catalog.warnings:
        print(f"警告：{warning}", file=sys.stderr)
    return catalog


def _read_case(args: argparse.Namespace, catalog: Catalog) -> Case:
    from desktop.storage.interchange import loads_case

    if getattr(args, "sample", None) is not None:
        sample = paths.resources_dir() / "samples" / f"{args.sample}.json"
        if args.sample not in catalog.profiles:
            known = "、".join(sorted(catalog.profiles))
            raise UsageError(f"没有名为“{args.sample}”的模板；已安装：{known}")
        if not sample.is_file():
            raise UsageError(f"模板“{args.sample}”没有内置样例。")
        return loads_case(sample.read_text(encoding="utf-8"), catalog.profiles)
    if getattr(args, "file", None) is not None:
        return loads_case(_read_text(args.file), catalog.profiles)
    from desktop.storage.departments import effective_case

    return effective_case(_db(args), args.case, catalog.profiles)


def _read_text(path: Path) -> str:
    from desktop.storage.interchange import case_file_text

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"找不到文件“{path}”。请检查文件名和所在文件夹。") from None
    except IsADirectoryError:
        raise UsageError(f"“{path}”是文件夹，不是交换文件。请给出其中的 .json 文件。") from None
    except OSError as exc:
        raise UsageError(f"无法读取“{path}”：{exc.strerror}") from None
    return case_file_text(data, path.name)


def _export(args: argparse.Namespace) -> int:
    from desktop.core.calc import Figures
    from desktop.core.narrative.document import build_document
    from desktop.export.docx import export_docx
    from desktop.sections.templates import profile_template

    target: Path = args.output
    if target.suffix.lower() != ".docx":
        raise UsageError(f"输出文件“{target}”应以 .docx 结尾。")
    workbook: Path | None = args.xlsx
    if workbook is not None and workbook.suffix.lower() != ".xlsx":
        raise UsageError(f"Excel 文件“{workbook}”应以 .xlsx 结尾。")
    if args.overwrite_read_only:
        _allow_replacing(target, workbook, target.with_suffix(".pdf") if args.pdf else None)
    if args.export_version is not None:
        if workbook is not None:
            raise UsageError("重新导出历史版本时不能同时导出 Excel，请去掉 --xlsx。")
        return _export_version(args, target)
    catalog = _catalog()
    case = _read_case(args, catalog)
    profile = catalog.profile(case.profile_id)
    if args.case is not None:
        _refuse_blocked_department(args, catalog)
    figures = Figures(case, profile, catalog.codes)
    draft: bool = args.draft
    if not draft:
        _refuse_with_errors(figures)
    template = profile_template(profile)
    document = build_document(figures)
    fonts = paths.resources_dir() / "fonts"
    notes = export_docx(
        document, figures, template, fonts, target, draft=draft,
        chart_cache=paths.user_data_dir() / "chart-cache",
    )  # fmt: skip
    print(f"已导出{'草稿' if draft else ''}：{target.resolve()}")
    if draft and document.gaps:
        print(f"草稿中有 {len(document.gaps)} 处标为【待填写】的内容。")
    if workbook is not None:
        from desktop.export.xlsx import export_xlsx

        export_xlsx(figures, workbook, draft=draft)
        print(f"已导出：{workbook.resolve()}")
    if args.case is not None:
        _record_version(args, figures, target, draft=draft)
    if args.pdf:
        from desktop.export.pdf import convert_to_pdf

        pdf = convert_to_pdf(target, paths.resources_dir() / "fonts")
        print(f"已导出：{pdf.resolve()}")
    else:  # with --pdf LibreOffice has written the 目录 page numbers
        for note in notes:
            print(note)
    return 0


def _allow_replacing(*targets: Path | None) -> None:
    """--overwrite-read-only: the officer has said read-only outputs may be replaced."""
    from desktop.files import allow_replacing

    for target in targets:
        if target is not None:
            allow_replacing(target)


def _refuse_blocked_department(args: argparse.Namespace, catalog: Catalog) -> None:
    """A department is not exported while a member has 错误 or an elimination is impossible."""
    from desktop.cli_dept import department_findings
    from desktop.core.issues import Severity

    blocking = [
        i
        for i in department_findings(_db(args), args.case, catalog)
        if i.severity is Severity.ERROR
    ]
    if blocking:
        listed = "\n".join(f"  {i.rule}：{i.message}" for i in blocking)
        raise UsageError(
            f"部门填报 {args.case} 还有 {len(blocking)} 条“错误”，不能导出：\n{listed}"
        )


_OPEN: dict[Path, Database] = {}


def _db(args: argparse.Namespace, must_exist: bool = True) -> Database:
    """The command's database, opened once per process (the writer lock is per open)."""
    from desktop.storage.db import open_db

    db_path: Path = (args.db or paths.default_db_path()).resolve()
    if db_path not in _OPEN:
        if must_exist and not db_path.exists():
            raise UsageError(f"数据库“{db_path}”不存在。请用 --db 指定数据库文件。")
        _OPEN[db_path] = open_db(db_path)
    return _OPEN[db_path]


def _refuse_with_errors(figures: Figures) -> None:
    """A formal export is refused while the checks find 错误 (the same list as the window's)."""
    from desktop.core.checks import run_checks
    from desktop.core.issues import Severity

    errors = [i for i in run_checks(figures) if i.severity is Severity.ERROR]
    if not errors:
        return
    titles = {s.id: s.title for s in figures.profile.sections}
    listed = "\n".join(
        f"  {n}. 【{titles.get(i.location.section, '全文')}】{i.message}"
        for n, i in enumerate(errors, start=1)
    )
    raise UsageError(
        f"还有 {len(errors)} 条错误，不能导出正式文档：\n{listed}\n"
        "请改正后再导出；要先看草稿，请加 --draft（未填写的内容标为【待填写：…】）。"
    )


def _record_version(
    args: argparse.Namespace, figures: Figures, target: Path, *, draft: bool = False
) -> None:
    from desktop.history import record_version

    version = record_version(_db(args), args.case, figures, target, draft=draft)
    print(f"已记录为历史版本 {version}。")


def _export_version(args: argparse.Namespace, target: Path) -> int:
    from desktop.history import VersionNotFoundError, reexport, stored_version

    if args.case is None:
        raise UsageError("重新导出历史版本时请用 --case 指定填报编号。")
    try:
        case_json, archive = stored_version(_db(args), args.case, args.export_version)
    except VersionNotFoundError:
        raise UsageError(
            f"填报 {args.case} 没有编号为 {args.export_version} 的历史版本，请用 juesuan versions 查看。"
        ) from None
    reexport(case_json, archive, target)
    print(f"已按历史版本 {args.export_version} 重新导出：{target.resolve()}")
    return 0


def _backups(args: argparse.Namespace) -> int:
    from desktop.storage.backups import REASONS, list_backups

    db_path = args.db or paths.default_db_path()
    found = list_backups(db_path)
    if not found:
        print(f"数据库“{db_path}”还没有备份。")
    for b in found:
        print(f"{b.path.name}\t{b.taken:%Y-%m-%d %H:%M:%S}\t{REASONS.get(b.reason, b.reason)}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from desktop.storage.restore import HealthyDatabaseError, restore_backup

    db_path = args.db or paths.default_db_path()
    try:
        saved = restore_backup(db_path, args.backup, force=args.force)
    except HealthyDatabaseError as exc:
        raise UsageError(
            f"{exc}确实要回到备份时的数据，请加 --force（当前文件会先备份）。"
        ) from exc
    print(f"已恢复：{db_path}（恢复前的文件已备份为 {saved.name}）")
    return 0


def _versions(args: argparse.Namespace) -> int:
    from desktop.storage.versions import list_versions

    found = list_versions(_db(args), args.case)
    if not found:
        print(f"填报 {args.case} 还没有导出过。")
    for v in found:
        print(f"{v.id}\t{v.created}\t{v.file_name}\t{v.profile_id}\tsha256:{v.sha256[:16]}")
    return 0


def _dump(args: argparse.Namespace) -> int:
    from desktop.files import write_text_atomically
    from desktop.storage.interchange import dumps_case

    case = _read_case(args, _catalog())
    if args.overwrite_read_only:
        _allow_replacing(args.output)
    text = dumps_case(case)
    if args.case is not None:
        from desktop.cli_dept import dump_department

        text = dump_department(_db(args), args.case, case) or text
    write_text_atomically(args.output, text)
    print(f"已导出：{args.output.resolve()}")
    return 0


def _load(args: argparse.Namespace) -> int:
    from desktop.storage.cases import save_case
    from desktop.storage.department_file import department_data, load_department_file
    from desktop.storage.interchange import loads_case

    text = _read_text(args.file)
    catalog = _catalog()
    data = department_data(text)
    if data is not None:
        print(load_department_file(_db(args, must_exist=False), data, catalog.profiles))
        return 0
    case = loads_case(text, catalog.profiles)
    print(save_case(_db(args, must_exist=False), case))
    return 0


def _import_xlsx(args: argparse.Namespace) -> int:
    from desktop.cli_import import import_xlsx

    return import_xlsx(args, _catalog(), lambda must_exist: _db(args, must_exist))


def _import_codes(args: argparse.Namespace) -> int:
    from desktop.cli_import import import_codes

    return import_codes(args)


def _list(args: argparse.Namespace) -> int:
    from datetime import datetime

    from desktop.storage.case_list import case_statuses

    db_path: Path = (args.db or paths.default_db_path()).resolve()
    if args.db is None and not db_path.exists():
        print(f"还没有填报（数据库“{db_path}”尚未建立）。用 juesuan load 交换文件.json 载入一份。")
        return 0
    db = _db(args)
    catalog = _catalog()
    statuses = case_statuses(db, catalog.profiles, catalog.codes)
    if not statuses:
        print(f"数据库“{db_path}”中还没有填报。用 juesuan load 交换文件.json 载入一份。")
        return 0
    print("编号\t单位\t年度\t模板\t部门/单位\t最后修改\t错误\t警告")
    for status in statuses:
        c = status.summary
        changed = datetime.fromisoformat(c.updated).astimezone().strftime("%Y-%m-%d %H:%M")
        kind = "部门" if status.department else "单位"
        installed = "" if c.profile in catalog.profiles else "（未安装）"
        errors = "—" if status.errors is None else status.errors
        warnings = "—" if status.warnings is None else status.warnings
        print(
            f"{c.id}\t{c.unit_name}\t{c.year}\t{c.profile}{installed}\t{kind}\t{changed}"
            f"\t{errors}\t{warnings}"
        )
    return 0


def _profiles(_: argparse.Namespace) -> int:
    for profile in _catalog().profiles.values():
        tables = sum(len(s.tables) for s in profile.sections if s.part == "tables")
        print(f"{profile.id}\t{profile.name}（{tables} 张公开表）")
    return 0


def _check(args: argparse.Namespace) -> int:
    import json

    from desktop.core.calc import Figures
    from desktop.core.checks import run_checks
    from desktop.core.issues import Severity

    if args.list_rules:
        from desktop.core.rules.catalogue import rule_lines

        listed = _catalog().profile(args.profile) if args.profile else None
        print("\n".join(rule_lines(listed)))
        return 0
    catalog = _catalog()
    from desktop.cli_dept import checked_department

    department = checked_department(_db(args), args.case, catalog) if args.case else None
    case = department[0] if department else _read_case(args, catalog)
    profile = catalog.profile(case.profile_id)
    issues = run_checks(Figures(case, profile, catalog.codes))
    if department:
        issues += department[1]
    errors = sum(1 for i in issues if i.severity is Severity.ERROR)
    if args.json:
        rows = [
            {
                "severity": i.severity.value,
                "rule": i.rule,
                "message": i.message,
                "section": i.location.section,
                "field": i.location.field,
                "table": i.location.table,
                "row": i.location.row,
                "column": i.location.column,
                "accepted": i.accepted,
            }
            for i in issues
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        titles = {s.id: s.title for s in profile.sections}
        current = None
        for issue in issues:
            if issue.location.section != current:
                current = issue.location.section
                print(f"【{titles.get(current, current) or '全文'}】")
            explained = f"（已说明：{issue.accepted}）" if issue.accepted else ""
            print(f"  {issue.severity.value} {issue.rule}：{issue.message}{explained}")
        counts = {s: sum(1 for i in issues if i.severity is s) for s in Severity}
        summary = "，".join(f"{s.value} {n} 条" for s, n in counts.items())
        print(f"共 {len(issues)} 条：{summary}。" if issues else "未发现问题。")
    return 1 if errors else 0


def _dept(args: argparse.Namespace) -> int:
    from desktop.cli_dept import run

    return run(args, _db(args), _catalog())


def _profile_check(args: argparse.Namespace) -> int:
    from desktop.profile_check import main as profile_check

    return profile_check(args.folder)


COMMANDS = {
    "list": _list,
    "backups": _backups,
    "restore": _restore,
    "versions": _versions,
    "export": _export,
    "dump": _dump,
    "load": _load,
    "profiles": _profiles,
    "check": _check,
    "profile-check": _profile_check,
    "import-xlsx": _import_xlsx,
    "import-codes": _import_codes,
    "dept": _dept,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; returns the process exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    from desktop.export.docx import ExportError
    from desktop.files import FileWriteError
    from desktop.importing.workbook import WorkbookError
    from desktop.sections.errors import ProfileError
    from desktop.storage.cases import CaseNotFoundError
    from desktop.storage.db import DatabaseDamagedError, DatabaseUnavailableError
    from desktop.storage.departments import DepartmentError
    from desktop.storage.interchange import InterchangeError
    from desktop.storage.lock import DatabaseLockedError
    from desktop.storage.restore import RestoreError

    try:
        return COMMANDS[args.command](args)
    except (
        UsageError, ExportError, ProfileError, InterchangeError, DatabaseDamagedError,
        DatabaseLockedError, RestoreError, WorkbookError, DatabaseUnavailableError,
        FileWriteError, DepartmentError,
    ) as exc:  # fmt: skip
        print(f"错误：{exc}", file=sys.stderr)
    except CaseNotFoundError as exc:
        print(
            f"错误：数据库中没有编号为 {exc.args[0]} 的填报。"
            f"请用“juesuan list{_db_option(args)}”查看已有的填报和编号。",
            file=sys.stderr,
        )
    except sqlite3.OperationalError as exc:  # a write to the open database failed (disk full…)
        from desktop.storage.backups import sqlite_os_error

        where = next(iter(_OPEN), None) or Path(args.db or paths.default_db_path())
        error = DatabaseUnavailableError(where, sqlite_os_error(exc, where), doing="写入失败")
        print(f"错误：{error}", file=sys.stderr)
    except OSError as exc:  # any other file the command read or wrote
        from desktop.files import describe_os_error

        print(f"错误：{describe_os_error(exc, Path(exc.filename or '?'))}", file=sys.stderr)
    finally:
        _close_all()
    return 2


def _db_option(args: argparse.Namespace) -> str:
    """` --db 数据库` when the command named a database, for the commands a message suggests."""
    db: Path | None = getattr(args, "db", None)
    return f" --db {db}" if db is not None else ""


def _close_all() -> None:
    """Close the databases a command opened (and release their writer locks)."""
    from desktop.storage.db import close_db

    while _OPEN:
        close_db(_OPEN.popitem()[1])

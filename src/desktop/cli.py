"""The command line: export, dump, load and profiles work without a display.

Every failure prints one Chinese sentence on stderr that says what is wrong and what to do, and
exits with status 2. Heavy libraries are imported only by the commands that need them, so
``juesuan --version`` stays fast.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from desktop import __version__, paths

if TYPE_CHECKING:
    from sqlite_utils import Database

    from desktop.core.calc import Figures
    from desktop.core.model import Case
    from desktop.sections.catalog import Catalog

if TYPE_CHECKING:
    from collections.abc import Sequence

DEFAULT_PROFILE = "nmg-2022-unit"


class UsageError(Exception):
    """A problem the user can fix; printed as is."""


_MESSAGES = (
    (re.compile(r"one of the arguments (.+) is required"), r"必须指定以下参数之一：\1"),
    (re.compile(r"the following arguments are required: (.+)"), r"缺少必需的参数：\1"),
    (re.compile(r"unrecognized arguments: (.+)"), r"不认识的参数：\1"),
    (re.compile(r"argument (.+?): not allowed with argument (.+)"), r"参数 \1 不能与 \2 同时使用"),
    (re.compile(r"argument (.+?): invalid int value: (.+)"), r"参数 \1 应为整数，收到 \2"),
    (re.compile(r"argument (.+?): expected one argument"), r"参数 \1 后面需要一个值"),
    (
        re.compile(r"argument (.+?): invalid choice: (.+?) \(choose from (.+)\)"),
        r"没有命令 \2，可用命令：\3",
    ),
)


def _chinese(message: str) -> str:
    for pattern, replacement in _MESSAGES:
        if pattern.search(message):
            return pattern.sub(replacement, message)
    return message


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"命令参数有误：{_chinese(message)}\n请运行“{self.prog} --help”查看用法。\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="juesuan", description="决算公开助手：填报、检查并导出单位决算公开文档。")
    p.add_argument("--version", action="version", version=f"决算公开助手 juesuan {__version__}")
    sub = p.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)

    def source(cmd: argparse.ArgumentParser, with_file: bool) -> None:
        group = cmd.add_mutually_exclusive_group(required=True)
        group.add_argument(
            "--sample",
            nargs="?",
            const=DEFAULT_PROFILE,
            metavar="模板",
            help=f"使用内置样例（默认 {DEFAULT_PROFILE}）",
        )
        group.add_argument("--case", type=int, metavar="编号", help="数据库中的填报编号")
        if with_file:
            group.add_argument("--file", type=Path, metavar="文件", help="交换文件（.json）")
        cmd.add_argument(
            "--db", type=Path, metavar="数据库", help="数据库文件（默认在用户数据目录）"
        )

    exp = sub.add_parser("export", help="导出 Word 文档（可同时导出 PDF）")
    source(exp, with_file=True)
    exp.add_argument("-o", "--output", type=Path, required=True, metavar="输出.docx")
    exp.add_argument("--pdf", action="store_true", help="同时用 LibreOffice 生成 PDF")
    exp.add_argument("--xlsx", type=Path, metavar="输出.xlsx", help="同时导出公开表 Excel 工作簿")
    exp.add_argument(
        "--version",
        dest="export_version",
        type=int,
        metavar="版本号",
        help="重新导出某个历史版本（与 --case 一起使用，见 juesuan versions）",
    )
    dump = sub.add_parser("dump", help="把一份填报导出为交换文件（JSON）")
    source(dump, with_file=False)
    dump.add_argument("-o", "--output", type=Path, required=True, metavar="输出.json")
    load = sub.add_parser("load", help="把交换文件载入数据库，打印新的填报编号")
    load.add_argument("file", type=Path, metavar="文件")
    load.add_argument("--db", type=Path, metavar="数据库")
    sub.add_parser("profiles", help="列出已安装的模板")
    pck = sub.add_parser(
        "profile-check", help="检查一个模板文件夹；有问题时列在标准错误输出，退出码为 2"
    )
    pck.add_argument("folder", type=Path, metavar="模板文件夹")
    bak = sub.add_parser("backups", help="列出数据库的自动备份")
    bak.add_argument("--db", type=Path, metavar="数据库")
    res = sub.add_parser("restore", help="用一个备份恢复数据库（恢复前先备份当前文件）")
    res.add_argument("backup", metavar="备份", help="备份文件名（juesuan backups 列出）或路径")
    res.add_argument("--db", type=Path, metavar="数据库")
    ver = sub.add_parser("versions", help="列出一份填报的历史导出版本")
    ver.add_argument("--case", type=int, required=True, metavar="编号")
    ver.add_argument("--db", type=Path, metavar="数据库")
    chk = sub.add_parser("check", help="检查一份填报，按章节列出问题；有“错误”时退出码为 1")
    group = chk.add_mutually_exclusive_group(required=True)
    group.add_argument(
        "--sample", nargs="?", const=DEFAULT_PROFILE, metavar="模板", help="检查内置样例"
    )
    group.add_argument("--case", type=int, metavar="编号", help="数据库中的填报编号")
    group.add_argument("--file", type=Path, metavar="文件", help="交换文件（.json）")
    group.add_argument("--list-rules", action="store_true", help="列出全部检查规则")
    chk.add_argument("--db", type=Path, metavar="数据库")
    chk.add_argument("--json", action="store_true", help="以 JSON 输出")
    from desktop.cli_import import add_parsers

    add_parsers(sub)
    from desktop.cli_dept import add_parsers as add_dept_parsers

    add_dept_parsers(sub)
    return p


def _catalog() -> Catalog:
    from desktop.sections.catalog import load_catalog

    catalog = load_catalog(
        paths.forms_dir(), paths.resources_dir() / "codetables", paths.user_codetables_dir()
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
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"找不到文件“{path}”。") from None
    except UnicodeDecodeError:
        raise UsageError(f"“{path}”不是 UTF-8 编码的交换文件。") from None
    except OSError as exc:
        raise UsageError(f"无法读取“{path}”：{exc.strerror}") from None


def _export(args: argparse.Namespace) -> int:
    from desktop.core.calc import Figures
    from desktop.core.narrative.document import build_document
    from desktop.export.docx import export_docx

    target: Path = args.output
    if target.suffix.lower() != ".docx":
        raise UsageError(f"输出文件“{target}”应以 .docx 结尾。")
    workbook: Path | None = args.xlsx
    if workbook is not None and workbook.suffix.lower() != ".xlsx":
        raise UsageError(f"Excel 文件“{workbook}”应以 .xlsx 结尾。")
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
    template = paths.resources_dir() / "templates" / profile.template
    export_docx(build_document(figures), figures, template, paths.resources_dir() / "fonts", target)
    print(f"已导出：{target.resolve()}")
    if workbook is not None:
        from desktop.export.xlsx import export_xlsx

        export_xlsx(figures, workbook)
        print(f"已导出：{workbook.resolve()}")
    if args.case is not None:
        _record_version(args, figures, target)
    if args.pdf:
        from desktop.export.pdf import convert_to_pdf

        pdf = convert_to_pdf(target, paths.resources_dir() / "fonts")
        print(f"已导出：{pdf.resolve()}")
    return 0


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


def _record_version(args: argparse.Namespace, figures: Figures, target: Path) -> None:
    from desktop.history import record_version

    version = record_version(_db(args), args.case, figures, target)
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
    from desktop.storage.restore import restore_backup

    db_path = args.db or paths.default_db_path()
    saved = restore_backup(db_path, args.backup)
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
    from desktop.export.docx import write_atomically
    from desktop.storage.interchange import dumps_case

    case = _read_case(args, _catalog())
    text = dumps_case(case)
    if args.case is not None:
        from desktop.cli_dept import dump_department

        text = dump_department(_db(args), args.case, case) or text

    def write(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8")

    write_atomically(args.output, write)
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
    from desktop.core.rules import RULES

    if args.list_rules:
        for info in RULES.values():
            print(f"{info.id}\t{info.severity.value}\t{info.description}")
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
            print(f"  {issue.severity.value} {issue.rule}：{issue.message}")
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
    from desktop.importing.workbook import WorkbookError
    from desktop.sections.errors import ProfileError
    from desktop.storage.cases import CaseNotFoundError
    from desktop.storage.db import DatabaseDamagedError
    from desktop.storage.departments import DepartmentError
    from desktop.storage.interchange import InterchangeError
    from desktop.storage.lock import DatabaseLockedError
    from desktop.storage.restore import RestoreError

    try:
        return COMMANDS[args.command](args)
    except (
        UsageError, ExportError, ProfileError, InterchangeError, DatabaseDamagedError,
        DatabaseLockedError, RestoreError, WorkbookError, DepartmentError,
    ) as exc:  # fmt: skip
        print(f"错误：{exc}", file=sys.stderr)
    except CaseNotFoundError as exc:
        print(
            f"错误：数据库中没有编号为 {exc.args[0]} 的填报。请用 dump/load 核对编号。",
            file=sys.stderr,
        )
    finally:
        _close_all()
    return 2


def _close_all() -> None:
    """Close the databases a command opened (and release their writer locks)."""
    from desktop.storage.db import close_db

    while _OPEN:
        close_db(_OPEN.popitem()[1])

"""`juesuan import-xlsx` and `import-codes`: Excel in, headless, with the window's report."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

    from sqlite_utils import Database

    from desktop.core.model import Case
    from desktop.core.sheet_layout import SheetLayout
    from desktop.core.spec import Profile
    from desktop.importing.workbook import Sheet
    from desktop.sections.catalog import Catalog


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    imp = sub.add_parser(
        "import-xlsx",
        help="从 Excel 工作簿导入公开表（先打印预览；有无法导入的内容时退出码为 1，不作任何修改）",
    )
    imp.add_argument("file", type=Path, metavar="工作簿", help=".xlsx 或 .xls 文件")
    target = imp.add_mutually_exclusive_group(required=True)
    target.add_argument("--case", type=int, metavar="编号", help="导入到数据库中已有的填报")
    target.add_argument("--new", action="store_true", help="新建一份填报并导入")
    imp.add_argument("--unit", metavar="单位名称", help="（--new）单位名称")
    imp.add_argument("--year", type=int, metavar="年度", help="（--new）决算年度")
    imp.add_argument("--profile", metavar="模板", help="（--new）模板编号，默认按年度选择")
    imp.add_argument("--dry-run", action="store_true", help="只打印预览，不写入")
    imp.add_argument("--partial", action="store_true", help="工作簿缺少某些表时，只导入已识别的表")
    imp.add_argument(
        "--sheet",
        action="append",
        default=[],
        metavar="工作表=表号",
        help="指明标题无法识别的工作表是哪张表（如 Sheet1=公开02表），导入后会记住",
    )
    imp.add_argument("--db", type=Path, metavar="数据库", help="数据库文件（默认在用户数据目录）")
    codes = sub.add_parser("import-codes", help="从 Excel/CSV 导入一年的政府收支分类科目（代码表）")
    codes.add_argument("file", type=Path, metavar="文件", help=".xlsx、.xls 或 .csv 文件")
    codes.add_argument(
        "--table",
        default="functional_classification",
        choices=("functional_classification", "economic_classification"),
        help="导入到哪张代码表（默认功能分类）",
    )
    codes.add_argument("--year", metavar="年度", help="科目的年度（默认从标题读出）")
    codes.add_argument("--dry-run", action="store_true", help="只打印预览，不写入")


def _new_case(args: argparse.Namespace, catalog: Catalog) -> Case:
    from desktop.cli import UsageError
    from desktop.core.model import Case, GlossaryEntry, Unit

    if not args.unit or not args.year:
        raise UsageError("新建填报时请用 --unit 和 --year 给出单位名称和年度。")
    if args.profile:
        profile = catalog.profile(args.profile)
    else:
        fits = [p for p in catalog.profiles.values() if p.year == args.year]
        if len(fits) != 1:
            known = "、".join(f"{p.id}（{p.year} 年）" for p in catalog.profiles.values())
            raise UsageError(f"请用 --profile 指定模板；已安装：{known}")
        profile = fits[0]
    glossary = tuple(GlossaryEntry(t, x) for t, x in profile.glossary)
    return Case(profile.id, Unit(args.unit, args.year), glossary=glossary)


def _sheet_hints(
    args: argparse.Namespace, sheets: list[Sheet], profile: Profile
) -> dict[str, SheetLayout]:
    from desktop.cli import UsageError
    from desktop.core.sheet_layout import SheetLayout
    from desktop.importing.recognise import norm, signature

    tables = profile.disclosure_tables()
    hints: dict[str, SheetLayout] = {}
    for given in args.sheet:
        name, _, table = str(given).partition("=")
        sheet = next((s for s in sheets if s.name == name.strip()), None)
        if sheet is None:
            raise UsageError(f"工作簿中没有名为“{name.strip()}”的工作表。")
        spec = next(
            (t for t in tables if norm(table) in (norm(t.number), t.id, norm(t.title))), None
        )
        if spec is None:
            known = "、".join(t.number or t.id for t in tables)
            raise UsageError(f"“{table}”不是本模板的公开表；可用：{known}")
        hints[signature(sheet)] = SheetLayout(spec.id)
    return hints


def import_xlsx(
    args: argparse.Namespace, catalog: Catalog, open_db: Callable[[bool], Database]
) -> int:
    """Print the import report; apply it unless --dry-run or something blocks it."""
    from desktop.core.edits import apply_edit
    from desktop.importing.recognise import recognise
    from desktop.importing.workbook import read_workbook
    from desktop.storage.cases import load_case, save_case
    from desktop.storage.edits import persist_edit
    from desktop.storage.layouts import load_layouts, remember_layout

    sheets = read_workbook(args.file)
    db_path = args.db
    needs_db = not (args.new and args.dry_run)
    db = open_db(args.case is not None) if needs_db or (db_path and db_path.exists()) else None
    case = load_case(db, args.case) if args.case is not None and db else _new_case(args, catalog)
    profile = catalog.profile(case.profile_id)
    hints = _sheet_hints(args, sheets, profile)
    layouts = {**(load_layouts(db, profile.id) if db else {}), **hints}
    report = recognise(sheets, profile, case, layouts, catalog.codes)
    print(report.text())
    refusal = report.refusal(partial=args.partial, how="请加 --partial")
    if refusal:
        print(f"未导入：{refusal}", file=sys.stderr)
        return 1
    if args.dry_run or db is None:
        print("（预览，未写入。去掉 --dry-run 即可导入。）")
        return 0
    edited = apply_edit(case, report.edit)
    if args.case is None:
        case_id = save_case(db, edited)
        print(f"已新建填报 {case_id}，导入 {len(report.edits)} 个数。")
    else:
        persist_edit(db, args.case, edited, report.edit)
        print(f"已导入填报 {args.case}：{len(report.edits)} 个数。")
    for sig, layout in hints.items():
        remember_layout(db, profile.id, sig, layout)
    return 0


def import_codes(args: argparse.Namespace) -> int:
    """Import a code list: the report on stdout (exit 0, or 1 with nothing written).

    A file that cannot be read gives its reason on stderr and exit 2.
    """
    from desktop.importing.codetable_store import import_code_list_command

    code, text = import_code_list_command(
        args.file, table=args.table, year=args.year, dry_run=args.dry_run
    )
    if code == 0:
        text += (
            "\n去掉 --dry-run 即可导入。"
            if args.dry_run
            else "\n下次打开决算公开助手时生效（已打开的请关闭后重新打开）。"
        )
    if code == 2:
        print(f"错误：{text}", file=sys.stderr)
    else:
        print(text)
    return code

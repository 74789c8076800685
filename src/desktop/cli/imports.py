"""`juesuan import-xlsx` and `import-codes`: Excel in, headless, with the window's report."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.options import add_db

if TYPE_CHECKING:
    import argparse

    from desktop.cli.context import Run


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
    add_db(imp)
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


def import_xlsx(run: Run) -> int:
    """Print the import report; apply it unless --dry-run or something blocks it."""
    from desktop.core.edits import apply_edit
    from desktop.importing.workbook import read_workbook
    from desktop.services.importing import (
        new_case,
        preview_import,
        remember_layouts,
        remembered_layouts,
        sheet_hints,
    )
    from desktop.storage.cases import load_case, save_case
    from desktop.storage.edits import persist_edit

    args, catalog = run.args, run.catalog
    sheets = read_workbook(args.file)
    db_path = args.db
    needs_db = not (args.new and args.dry_run)
    wanted = needs_db or (db_path and db_path.exists())
    db = run.db(must_exist=args.case is not None) if wanted else None
    if args.case is not None and db:
        case = load_case(db, args.case)
    else:
        case = new_case(catalog, args.unit, args.year, args.profile)
    profile = catalog.profile(case.profile_id)
    hints = sheet_hints(args.sheet, sheets, profile)
    layouts = {**remembered_layouts(db, profile.id), **hints}
    report = preview_import(sheets, case, catalog, layouts)
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
    remember_layouts(db, profile.id, hints)
    return 0


def import_codes(run: Run) -> int:
    """Import a code list: the report on stdout (exit 0, or 1 with nothing written).

    A file that cannot be read gives its reason on stderr and exit 2.
    """
    from desktop.importing.codetable_store import import_code_list_command

    args = run.args
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


COMMANDS = {"import-xlsx": import_xlsx, "import-codes": import_codes}

"""`juesuan list`, `load`, `dump` and `profiles`: the cases in a database and in files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.export import add_overwrite_option, allow_replacing
from desktop.cli.options import add_db, add_source

if TYPE_CHECKING:
    import argparse

    from desktop.cli.context import Run


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    dump = sub.add_parser("dump", help="把一份填报导出为交换文件（JSON）")
    add_source(dump, with_file=False)
    dump.add_argument(
        "-o", "--output", type=Path, required=True, metavar="输出.json", help="要写出的交换文件"
    )
    add_overwrite_option(dump)
    load = sub.add_parser("load", help="把交换文件载入数据库，打印新的填报编号")
    load.add_argument("file", type=Path, metavar="文件", help="交换文件（.json）")
    add_db(load)
    lst = sub.add_parser(
        "list", help="列出数据库中的全部填报：编号、单位、年度、模板、最后修改、错误和警告数"
    )
    add_db(lst)
    sub.add_parser("profiles", help="列出已安装的模板")


def dump(run: Run) -> int:
    from desktop.files import write_text_atomically
    from desktop.services.cases import dump_text

    args = run.args
    case = run.case()
    if args.overwrite_read_only:
        allow_replacing(args.output)
    text = dump_text(case, run.db(), args.case) if args.case is not None else dump_text(case)
    write_text_atomically(args.output, text)
    print(f"已导出：{args.output.resolve()}")
    return 0


def load(run: Run) -> int:
    from desktop.services.cases import load_file

    print(load_file(run.args.file, run.catalog, lambda: run.db(must_exist=False)).case_id)
    return 0


def list_cases(run: Run) -> int:
    from datetime import datetime

    from desktop.services.cases import list_cases as listed

    db_path = run.workspace.db_path
    if run.args.db is None and not db_path.exists():
        print(f"还没有填报（数据库“{db_path}”尚未建立）。用 juesuan load 交换文件.json 载入一份。")
        return 0
    statuses = listed(run.db(), run.catalog)
    if not statuses:
        print(f"数据库“{db_path}”中还没有填报。用 juesuan load 交换文件.json 载入一份。")
        return 0
    print("编号\t单位\t年度\t模板\t部门/单位\t最后修改\t错误\t警告")
    for status in statuses:
        c = status.summary
        changed = datetime.fromisoformat(c.updated).astimezone().strftime("%Y-%m-%d %H:%M")
        kind = "部门" if status.department else "单位"
        installed = "" if c.profile in run.catalog.profiles else "（未安装）"
        errors = "—" if status.errors is None else status.errors
        warnings = "—" if status.warnings is None else status.warnings
        print(
            f"{c.id}\t{c.unit_name}\t{c.year}\t{c.profile}{installed}\t{kind}\t{changed}"
            f"\t{errors}\t{warnings}"
        )
    return 0


def profiles(run: Run) -> int:
    for profile in run.catalog.profiles.values():
        tables = len(profile.disclosure_tables())
        print(f"{profile.id}\t{profile.name}（{tables} 张公开表）")
    return 0


COMMANDS = {"dump": dump, "load": load, "list": list_cases, "profiles": profiles}

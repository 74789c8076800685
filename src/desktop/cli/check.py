"""`juesuan check` and `juesuan profile-check`: the findings of a case, the health of a profile."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.context import UsageError
from desktop.cli.options import CASE_HELP, add_db
from desktop.services.cases import SAMPLE_PROFILE

if TYPE_CHECKING:
    import argparse

    from desktop.cli.context import Run
    from desktop.core.issues import Issue
    from desktop.core.model import Case


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    chk = sub.add_parser("check", help="检查一份填报，按章节列出问题；有“错误”时退出码为 1")
    group = chk.add_mutually_exclusive_group(required=True)
    group.add_argument(
        "--sample", nargs="?", const=SAMPLE_PROFILE, metavar="模板", help="检查内置样例"
    )
    group.add_argument("--case", type=int, metavar="编号", help=CASE_HELP)
    group.add_argument("--file", type=Path, metavar="文件", help="交换文件（.json）")
    group.add_argument(
        "--list-rules", action="store_true", help="列出全部检查规则：编号、严重程度、内容、需要"
    )
    chk.add_argument(
        "--profile", metavar="模板", help="与 --list-rules 同用：说明该模板运行哪些规则"
    )
    add_db(chk)
    chk.add_argument("--json", action="store_true", help="以 JSON 输出")
    chk.add_argument(
        "--accept",
        metavar="标识",
        help="与 --case、--reason 同用：说明一条警告（数字无误），此后列为“已说明”。标识：规则编号"
        "（该规则只有一条警告时），或 check --json 输出的完整标识；错误不能说明，须改正",
    )
    chk.add_argument("--reason", metavar="说明", help="与 --accept 同用：写明数字无误的原因")
    chk.add_argument("--withdraw", metavar="标识", help="与 --case 同用：撤销一条警告的说明")
    pck = sub.add_parser(
        "profile-check", help="检查一个模板文件夹；有问题时列在标准错误输出，退出码为 2"
    )
    pck.add_argument("folder", type=Path, metavar="模板文件夹", help="例如 forms/nmg-2022-unit")


def check(run: Run) -> int:
    from desktop.core.calc import Figures
    from desktop.core.checks import run_checks
    from desktop.core.issues import Severity

    args = run.args
    catalog = run.catalog
    if args.list_rules:
        from desktop.core.rules.catalogue import rule_lines

        listed = catalog.profile(args.profile) if args.profile else None
        print("\n".join(rule_lines(listed)))
        return 0
    if args.profile:
        raise UsageError(
            "--profile 只与 --list-rules 同用。检查某个模板的样例请写 juesuan check --sample 模板，"
            "例如 juesuan check --sample sh-2024-dept"
        )
    from desktop.services.departments import checked_department

    department = checked_department(run.db(), args.case, catalog) if args.case else None
    case = department[0] if department else run.case()
    profile = catalog.profile(case.profile_id)
    issues = run_checks(Figures(case, profile, catalog.codes))
    if args.accept or args.withdraw:
        case = _explain_warning(run, case, issues, department=department is not None)
        issues = run_checks(Figures(case, profile, catalog.codes))
    if department:
        issues += department[1]
    if args.json:
        _print_json(issues)
    else:
        _print_text(issues, {s.id: s.title for s in profile.sections})
    return 1 if any(i.severity is Severity.ERROR for i in issues) else 0


def _print_json(issues: list[Issue]) -> None:
    import json

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
            "key": i.key,
        }
        for i in issues
    ]
    print(json.dumps(rows, ensure_ascii=False, indent=2))


def _explain_warning(run: Run, case: Case, issues: list[Issue], *, department: bool) -> Case:
    """``check --case N --accept 标识 --reason …`` / ``--withdraw 标识``: the stored case after it."""
    from desktop.cli.context import UsageError
    from desktop.services.findings import FindingError, explain_finding, find_finding

    args = run.args
    if args.case is None:
        raise UsageError("只能说明已保存的填报中的警告：请用 --case 编号（juesuan list 列出）。")
    if department:
        raise UsageError("部门填报由各单位汇总：请在相应单位的填报中说明这条警告。")
    if args.accept and args.withdraw:
        raise UsageError("--accept 与 --withdraw 不能同用。")
    if args.accept and not (args.reason or "").strip():
        raise UsageError("请用 --reason “…” 写明数字无误的原因。")
    try:
        issue = find_finding(issues, args.accept or args.withdraw, args.case)
        return explain_finding(
            run.db(), args.case, case, issue, args.reason if args.accept else None
        )
    except FindingError as exc:
        raise UsageError(str(exc)) from exc


def _print_text(issues: list[Issue], titles: dict[str, str]) -> None:
    from desktop.core.issues import Severity

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


def profile_check(run: Run) -> int:
    """0 when the profile is usable, 2 with the problems on stderr."""
    from desktop.services.profiles import check_profile_folder

    folder: Path = run.args.folder
    if not folder.is_dir():
        sys.stderr.write(f"错误：找不到模板文件夹“{folder}”。\n")
        return 2
    folder = folder.resolve()
    report = check_profile_folder(folder)
    if report.problems or report.profile is None:
        for problem in report.problems:
            sys.stderr.write(f"错误：{problem}\n")
        sys.stderr.write(
            f"模板“{folder.name}”有 {len(report.problems)} 处问题，请按上面的提示修改。\n"
        )
        return 2
    profile = report.profile
    tables = profile.disclosure_tables()
    sample = f"，内置样例 {report.sample.name} 可以载入" if report.sample else "，没有内置样例"
    sys.stdout.write(
        f"模板“{profile.id}”（{profile.name}）检查通过：{len(profile.sections)} 个章节文件、"
        f"{len(tables)} 张公开表{sample}。\n"
    )
    return 0


COMMANDS = {"check": check, "profile-check": profile_check}

"""`juesuan dept`: build a 部门 case from unit cases, pair its internal flows, show what is open.

A department is stored as its member cases plus eliminations; `export`, `check` and `dump` of its
number consolidate it on the spot (see desktop.core.department).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse

    from sqlite_utils import Database

    from desktop.cli.context import Run
    from desktop.core.department import Department, Member
    from desktop.core.model import Case
    from desktop.sections.catalog import Catalog


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    dept = sub.add_parser("dept", help="部门决算：由下属单位的填报汇总部门填报，冲抵内部往来")
    cmds = dept.add_subparsers(
        dest="dept_command",
        metavar="操作",
        required=True,
        parser_class=type(dept),
        help="下列操作之一",
    )

    def db(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db", type=Path, metavar="数据库", help="数据库文件（默认在用户数据目录）")

    new = cmds.add_parser("create", help="新建部门填报，打印其编号")
    new.add_argument("--name", required=True, metavar="名称", help="部门名称")
    new.add_argument("--year", type=int, required=True, metavar="年度", help="决算年度")
    new.add_argument("--profile", metavar="模板", help="部门模板（默认与第一个单位相同）")
    new.add_argument(
        "--members",
        required=True,
        metavar="编号,编号,…",
        help="单位填报编号，用逗号分隔；第一个为本级，其余为下属单位",
    )
    db(new)
    show = cmds.add_parser("show", help="列出部门的单位、冲抵和未说明的差额")
    show.add_argument("dept", type=int, metavar="部门编号")
    db(show)
    add = cmds.add_parser("add", help="把一个单位加入部门")
    add.add_argument("dept", type=int, metavar="部门编号")
    who = add.add_mutually_exclusive_group(required=True)
    who.add_argument("--member", type=int, metavar="编号", help="单位的填报编号")
    who.add_argument(
        "--merged", metavar="单位名称", help="预算不单列、已并入本级的单位（只列名，不含数字）"
    )
    add.add_argument("--kind", metavar="单位性质", help="行政、参公或事业（默认从单位填报读出）")
    add.add_argument("--own", action="store_true", help="该单位是部门本级")
    db(add)
    st = cmds.add_parser("set", help="修改一个单位的单位性质，或把它设为本级")
    st.add_argument("dept", type=int, metavar="部门编号")
    st.add_argument(
        "--member", required=True, metavar="编号或名称", help="填报编号，或不单列单位的名称"
    )
    st.add_argument("--kind", metavar="单位性质", help="行政、参公或事业")
    st.add_argument("--own", action="store_true", help="设为部门本级（原本级改为下属单位）")
    db(st)
    rem = cmds.add_parser("remove", help="把一个单位移出部门（连同它的冲抵）")
    rem.add_argument("dept", type=int, metavar="部门编号")
    rem.add_argument(
        "--member", required=True, metavar="编号或名称", help="填报编号，或不单列单位的名称"
    )
    db(rem)
    eli = cmds.add_parser("eliminate", help="确认（或修改、删除）一笔内部往来冲抵")
    eli.add_argument("dept", type=int, metavar="部门编号")
    eli.add_argument("--payer", type=int, required=True, metavar="编号", help="付款单位的填报编号")
    eli.add_argument("--payee", type=int, required=True, metavar="编号", help="收款单位的填报编号")
    eli.add_argument(
        "--type",
        required=True,
        choices=("E1", "E2"),
        help="E1 对附属单位补助支出↔上级补助收入；E2 上缴上级支出↔附属单位上缴收入",
    )
    eli.add_argument(
        "--amount", required=True, metavar="元", help="冲抵金额（元）；0 表示删除这笔冲抵"
    )
    eli.add_argument(
        "--payer-code", metavar="科目", help="付款方的功能科目（默认其金额最大的科目）"
    )
    eli.add_argument(
        "--payee-code", metavar="科目", help="收款方的功能科目（默认其金额最大的科目）"
    )
    eli.add_argument("--external", action="store_true", help="标为与部门外的往来：不冲抵，只作说明")
    eli.add_argument("--explain", default="", metavar="说明", help="经费差额或外部往来的说明")
    db(eli)
    con = cmds.add_parser("confirm", help="确认 dept show 列出的全部建议冲抵")
    con.add_argument("dept", type=int, metavar="部门编号")
    db(con)


def _error(message: str) -> Exception:
    from desktop.storage.departments import DepartmentError

    return DepartmentError(message)


def _kind(text: str) -> Any:
    from desktop.core.department import kind_of

    kind = kind_of(text)
    if kind is None:
        raise _error(f"不认识的单位性质“{text}”。请写“行政”“参公”或“事业”。")
    return kind


def _guess_kind(case: Case, own: bool) -> Any:
    """The kind a unit's own 单位构成 list gives for it, else 行政 for the 本级, 事业 below."""
    from desktop.core.department import Kind, kind_of

    rows = case.table("unit_list").rows
    named = [r for r in rows if r.cells.get("name") == case.unit.name] or list(rows[:1])
    for r in named:
        kind = kind_of(str(r.cells.get("kind", "")))
        if kind is not None:
            return kind
    return Kind.ADMIN if own else Kind.INSTITUTION


def _member(db: Database, case_id: int, own: bool, kind_text: str | None) -> Any:
    from desktop.core.department import Level, Member
    from desktop.core.model import CaseId
    from desktop.storage.cases import load_case

    case = load_case(db, CaseId(case_id))
    kind = _kind(kind_text) if kind_text else _guess_kind(case, own)
    return Member(case.unit.name, kind, Level.OWN if own else Level.SUBORDINATE, CaseId(case_id))


def _create(args: argparse.Namespace, db: Database, catalog: Catalog) -> int:
    from desktop.core.department import Department, own_case
    from desktop.core.model import CaseId
    from desktop.storage.cases import load_case
    from desktop.storage.departments import save_department

    try:
        ids = [int(x) for x in str(args.members).replace("，", ",").split(",") if x.strip()]
    except ValueError:
        raise _error("--members 应为用逗号分隔的填报编号，例如 --members 1,2,3。") from None
    if not ids:
        raise _error("请用 --members 列出部门的单位填报编号。")
    members = [_member(db, n, i == 0, None) for i, n in enumerate(ids)]
    first = load_case(db, CaseId(ids[0]))
    profile_id = args.profile or first.profile_id
    if profile_id not in catalog.profiles:
        known = "、".join(sorted(catalog.profiles))
        raise _error(f"没有名为“{profile_id}”的模板；已安装：{known}")
    profile = catalog.profile(profile_id)
    if not profile.consolidation.flows:
        raise _error(f"模板“{profile_id}”不是部门决算模板（没有汇总设置），请选用部门模板。")
    own = own_case(profile, args.name.strip(), args.year, first)
    new_id = save_department(db, Department(own, tuple(members)))
    print(f"已新建部门填报 {new_id}")
    return 0


def _load(db: Database, dept_id: int) -> Department:
    from desktop.core.model import CaseId
    from desktop.storage.departments import load_department

    return load_department(db, CaseId(dept_id))


def _show(args: argparse.Namespace, db: Database, catalog: Catalog) -> int:
    from desktop.core.department import open_differences, propose
    from desktop.core.money import format_wan
    from desktop.storage.departments import member_cases

    dept = _load(db, args.dept)
    profile = catalog.profile(dept.own.profile_id)
    cases = member_cases(db, dept)
    names = {m.case_id: m.name for m in dept.members}
    print(
        f"部门填报 {args.dept}：{dept.own.unit.name}（{dept.own.unit.year} 年度，模板 {profile.id}）"
    )
    print("单位：")
    for n, m in enumerate(dept.members, 1):
        ref = f"填报 {m.case_id}" if m.case_id is not None else "无单独填报"
        print(f"  {n}. {m.name}\t{m.kind.value}\t{m.note}\t{ref}")
    labels = {f.type: f.label for f in profile.consolidation.flows}

    def line(e: Any) -> str:
        return (
            f"{e.type.value} {labels.get(e.type.value, '')}：{names[e.payer]}（{e.payer_code}）→ "
            f"{names[e.payee]}（{e.payee_code}）{format_wan(e.amount)} 万元"
        )

    print("已确认的冲抵：" if dept.eliminations else "已确认的冲抵：无")
    for e in dept.eliminations:
        status = "外部往来，不冲抵" if e.status.value == "external" else "冲抵"
        note = f"；说明：{e.explanation}" if e.explanation else ""
        print(f"  {line(e)}（{status}{note}）")
    proposals = propose(profile, dept, cases)
    print("建议的冲抵（juesuan dept confirm 确认全部）：" if proposals else "建议的冲抵：无")
    for e in proposals:
        print(f"  {line(e)}")
    diffs = open_differences(profile, dept, cases)
    print("未说明的差额：" if diffs else "未说明的差额：无")
    for d in diffs:
        print(
            f"  {d.type.value} {names[d.member]}：记录 {format_wan(d.recorded)} 万元，"
            f"已处理 {format_wan(d.paired)} 万元，相差 {format_wan(d.open)} 万元"
        )
    return 0


def _save(db: Database, dept_id: int, dept: Department) -> None:
    from desktop.core.model import CaseId
    from desktop.storage.departments import save_department

    save_department(db, dept, CaseId(dept_id))


def _add(args: argparse.Namespace, db: Database, catalog: Catalog) -> int:
    from desktop.core.department import Kind, Level, Member, with_member

    dept = _load(db, args.dept)
    if args.member is not None:
        member = _member(db, args.member, args.own, args.kind)
    else:
        kind = _kind(args.kind) if args.kind else Kind.INSTITUTION
        member = Member(args.merged.strip(), kind, Level.MERGED)
    _save(db, args.dept, with_member(dept, member))
    print(f"已把“{member.name}”加入部门填报 {args.dept}（{member.note}）。")
    return 0


def _find(dept: Department, dept_id: int, text: str) -> list[Member]:
    text = text.strip()
    found = [
        m for m in dept.members if str(m.case_id) == text or (m.case_id is None and m.name == text)
    ]
    if not found:
        raise _error(
            f"部门填报 {dept_id} 中没有单位“{text}”。请用 juesuan dept show {dept_id} 查看。"
        )
    return found


def _set(args: argparse.Namespace, db: Database, catalog: Catalog) -> int:
    from desktop.core.department import with_changed_member

    dept = _load(db, args.dept)
    target = _find(dept, args.dept, str(args.member))[0]
    if not args.kind and not args.own:
        raise _error("请用 --kind 指定单位性质，或用 --own 设为本级。")
    kind = _kind(args.kind) if args.kind else None
    changed = with_changed_member(dept, target, kind, own=args.own)
    _save(db, args.dept, changed)
    now = changed.members[dept.members.index(target)]
    print(f"已修改“{now.name}”：{now.kind.value}{now.note}。")
    return 0


def _remove(args: argparse.Namespace, db: Database, catalog: Catalog) -> int:
    from desktop.core.department import without_member

    dept = _load(db, args.dept)
    gone = _find(dept, args.dept, str(args.member))[0]
    kept, dropped = without_member(dept, gone)
    _save(db, args.dept, kept)
    extra = f"，并删除了与它有关的 {dropped} 笔冲抵" if dropped else ""
    print(f"已把“{gone.name}”移出部门填报 {args.dept}{extra}（单位自己的填报仍保留）。")
    return 0


def _eliminate(args: argparse.Namespace, db: Database, catalog: Catalog) -> int:
    from desktop.core.department import (
        Elimination,
        FlowType,
        PairStatus,
        main_code,
        payee_side,
        payer_side,
        with_elimination,
    )
    from desktop.core.model import CaseId
    from desktop.core.money import AmountError, format_wan, parse_amount
    from desktop.storage.departments import member_cases

    dept = _load(db, args.dept)
    profile = catalog.profile(dept.own.profile_id)
    cases = member_cases(db, dept)
    for who in (args.payer, args.payee):
        if who not in cases:
            raise _error(
                f"填报 {who} 不是部门填报 {args.dept} 的单位。请先用 juesuan dept add 加入。"
            )
    try:
        amount = parse_amount(str(args.amount), default_unit="元")
    except AmountError as exc:
        raise _error(f"冲抵金额“{args.amount}”无法识别：{exc.message}") from None
    ftype = FlowType(args.type)
    flow = next((f for f in profile.consolidation.flows if f.type == ftype.value), None)
    if flow is None:
        raise _error(f"模板“{profile.id}”没有 {ftype.value} 这类冲抵。")
    payer_code = args.payer_code or main_code(payer_side(flow, cases[CaseId(args.payer)]))
    payee_code = args.payee_code or main_code(payee_side(flow, cases[CaseId(args.payee)]))
    status = PairStatus.EXTERNAL if args.external else PairStatus.CONFIRMED
    pair = Elimination(
        ftype, CaseId(args.payer), CaseId(args.payee), amount, payer_code, payee_code,
        status, args.explain.strip(),
    )  # fmt: skip
    changed = with_elimination(dept, pair)
    _save(db, args.dept, changed)
    if not amount:
        removed = len(changed.eliminations) < len(dept.eliminations)
        print("已删除这笔冲抵。" if removed else "没有这笔冲抵，未作修改。")
    else:
        what = "已标为外部往来（不冲抵）" if args.external else "已确认冲抵"
        print(f"{what}：{flow.label} {format_wan(amount)} 万元。")
    return 0


def _confirm(args: argparse.Namespace, db: Database, catalog: Catalog) -> int:
    from dataclasses import replace

    from desktop.core.department import propose
    from desktop.storage.departments import member_cases

    dept = _load(db, args.dept)
    proposals = propose(catalog.profile(dept.own.profile_id), dept, member_cases(db, dept))
    _save(db, args.dept, replace(dept, eliminations=(*dept.eliminations, *proposals)))
    print(f"已确认 {len(proposals)} 笔冲抵。" if proposals else "没有待确认的冲抵。")
    return 0


OPERATIONS = {
    "create": _create,
    "show": _show,
    "add": _add,
    "set": _set,
    "remove": _remove,
    "eliminate": _eliminate,
    "confirm": _confirm,
}


def run(run: Run) -> int:
    from desktop.core.department import DepartmentEditError

    try:
        return OPERATIONS[run.args.dept_command](run.args, run.db(), run.catalog)
    except DepartmentEditError as exc:
        raise _error(str(exc)) from None


COMMANDS = {"dept": run}

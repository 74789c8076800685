"""部门决算: a department's figures as the sum of its member units' cases, less the internal flows.

A department case is never retyped. It is its members (each an ordinary unit case), the
eliminations (冲抵) between them and the department's own texts. `consolidate` computes the
department's entered figures from them; totals, text, checks and export then work on the result
exactly as on a unit's case.

- Every money and count field and every entered table cell is the sum over the members
  (a field no member has stays absent: unknown, not 0). Texts are the department's own.
- An elimination cancels an internal flow on each side's own 功能科目 row: E1 对附属单位补助支出
  (payer) ↔ 上级补助收入 (payee); E2 上缴上级支出 (subordinate) ↔ 附属单位上缴收入 (parent).
  Which cells these are is profile data (`[consolidation]` in profile.toml); the 财政拨款
  tables carry no such cells, so nothing is eliminated there.
- A unit whose budget is 不单列 is entered inside 本级: it is listed, with no figures of its own.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from desktop.core.model import Case, CaseId, Cell, TableRow, TableValues, Unit, Value
from desktop.core.money import ZERO

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from desktop.core.spec import ConsolidationSpec, FlowSpec, Profile


class Level(StrEnum):
    """A member's place in the department."""

    OWN = "本级"
    SUBORDINATE = "下属"
    MERGED = "不单列"


class Kind(StrEnum):
    """单位性质, as the 单位构成 list and the 机关运行经费 rule need it."""

    ADMIN = "行政单位"
    CIVIL = "参照公务员法管理的事业单位"
    INSTITUTION = "事业单位"


#: 单位性质 words an officer or a unit's own list may use, to the kind they mean.
_KIND_WORDS = (
    ("参公", Kind.CIVIL),
    ("参照公务员", Kind.CIVIL),
    ("行政", Kind.ADMIN),
    ("机关", Kind.ADMIN),
    ("事业", Kind.INSTITUTION),
)


def kind_of(text: str) -> Kind | None:
    """The kind a 单位性质 text names (“参照公务员法管理的事业单位” is 参公, not 事业), or None."""
    for word, kind in _KIND_WORDS:
        if word in text:
            return kind
    return None


class FlowType(StrEnum):
    """E1 对附属单位补助支出 ↔ 上级补助收入; E2 上缴上级支出 ↔ 附属单位上缴收入."""

    E1 = "E1"
    E2 = "E2"


class PairStatus(StrEnum):
    """A confirmed pair is eliminated; an external one is a flow to or from outside: it stays."""

    CONFIRMED = "confirmed"
    EXTERNAL = "external"


@dataclass(frozen=True, slots=True)
class Member:
    """One unit of the department: a case of its own, or (不单列) only a line in the list."""

    name: str
    kind: Kind
    level: Level
    case_id: CaseId | None = None

    @property
    def note(self) -> str:
        """备注 of the 单位构成 list."""
        if self.level is Level.MERGED:
            return "预算不单列，并入本级"
        if self.level is Level.OWN:
            return "（本级）"
        return {
            Kind.ADMIN: "（下属行政单位）",
            Kind.CIVIL: "（下属参公事业单位）",
            Kind.INSTITUTION: "（下属事业单位）",
        }[self.kind]


@dataclass(frozen=True, slots=True)
class Elimination:
    """One internal flow between two members, in 元, on each side's own 科目 row."""

    type: FlowType
    payer: CaseId
    payee: CaseId
    amount: Decimal
    payer_code: str
    payee_code: str
    status: PairStatus = PairStatus.CONFIRMED
    #: Why the payer's and the payee's figures differ (经费差额), or why a flow is external.
    explanation: str = ""


@dataclass(frozen=True, slots=True)
class Department:
    """What is stored for a department: its own case (texts), its members, its eliminations."""

    own: Case
    members: tuple[Member, ...] = ()
    eliminations: tuple[Elimination, ...] = ()


@dataclass(frozen=True, slots=True)
class FlowAmounts:
    """One side of one flow type in one member's case: the amount on each 科目 row."""

    by_code: Mapping[str, Decimal] = field(default_factory=dict)

    @property
    def total(self) -> Decimal:
        return sum(self.by_code.values(), ZERO)


def _cell_amount(case: Case, table: str, column: str) -> FlowAmounts:
    out: dict[str, Decimal] = {}
    for row in case.table(table).rows:
        value = row.cells.get(column)
        if isinstance(value, Decimal) and value:
            out[row.key] = value
    return FlowAmounts(out)


def payer_side(spec: FlowSpec, case: Case) -> FlowAmounts:
    return _cell_amount(case, spec.payer_table, spec.payer_column)


def payee_side(spec: FlowSpec, case: Case) -> FlowAmounts:
    return _cell_amount(case, spec.payee_table, spec.payee_column)


def _flow(cons: ConsolidationSpec, flow: FlowType) -> FlowSpec | None:
    return next((f for f in cons.flows if f.type == flow.value), None)


def _sum_fields(profile: Profile, cases: Iterable[Case], own: Case) -> dict[str, dict[str, Value]]:
    """Money and count fields summed over the members; texts are the department's own."""
    out: dict[str, dict[str, Value]] = {}
    for section in profile.sections:
        values: dict[str, Value] = {}
        for f in section.fields:
            if f.type in ("money", "count") and f.consolidate == "sum":
                found = [c.value(section.id, f.id) for c in cases]
                present = [v for v in found if isinstance(v, (Decimal, int))]
                if present:
                    total = sum(present[1:], present[0])
                    values[f.id] = total
            else:
                mine = own.value(section.id, f.id)
                if mine is not None:
                    values[f.id] = mine
        if values:
            out[section.id] = values
    return out


def _add(a: Cell | None, b: Cell) -> Cell:
    if isinstance(b, Decimal):
        return (a if isinstance(a, Decimal) else ZERO) + b
    return a if a is not None else b


def _sum_tables(profile: Profile, cases: list[Case], skip: set[str]) -> dict[str, TableValues]:
    """Every entered cell summed by row key; free lists (rows = "list") are joined in order."""
    out: dict[str, TableValues] = {}
    for spec in profile.tables():
        if spec.id in skip:
            continue
        if spec.rows == "list":
            rows = [r for c in cases for r in c.table(spec.id).rows]
            joined = tuple(replace(r, key=str(n)) for n, r in enumerate(rows, 1))
            if joined:
                out[spec.id] = TableValues(joined)
            continue
        labels: dict[str, str] = {}
        cells: dict[str, dict[str, Cell]] = defaultdict(dict)
        for case in cases:
            for row in case.table(spec.id).rows:
                labels.setdefault(row.key, row.label)
                target = cells[row.key]
                for col, value in row.cells.items():
                    target[col] = _add(target.get(col), value)
        if cells:
            out[spec.id] = TableValues(
                tuple(TableRow(k, labels[k], dict(v)) for k, v in cells.items())
            )
    return out


def _subtract(
    tables: dict[str, TableValues], table: str, key: str, column: str, amount: Decimal
) -> None:
    values = tables.get(table, TableValues())
    rows = list(values.rows)
    for n, row in enumerate(rows):
        if row.key == key:
            old = row.cells.get(column)
            base = old if isinstance(old, Decimal) else ZERO
            rows[n] = replace(row, cells={**row.cells, column: base - amount})
            break
    else:
        rows.append(TableRow(key, "", {column: -amount}))
    tables[table] = TableValues(tuple(rows))


def member_list_rows(profile: Profile, members: Iterable[Member]) -> tuple[TableRow, ...]:
    """The 单位构成 table's rows: 单位名称, 单位性质 and 备注, in the members' order."""
    cons = profile.consolidation
    columns = {
        c.id
        for t in profile.tables()
        if t.id == cons.members_table
        for s in t.sides
        for c in s.columns
    }
    rows = []
    for n, m in enumerate(members, 1):
        cells: dict[str, Cell] = {"name": m.name, "kind": m.kind.value, "note": m.note}
        rows.append(TableRow(str(n), "", {k: v for k, v in cells.items() if k in columns}))
    return tuple(rows)


def consolidate(profile: Profile, department: Department, cases: Mapping[CaseId, Case]) -> Case:
    """The department's entered figures: Σ members − Σ confirmed eliminations.

    Args:
        profile: the department's profile (its `[consolidation]` names the flow cells).
        department: the stored department.
        cases: the members' cases by id (a 不单列 member has none).
    """
    cons = profile.consolidation
    member_cases = [cases[m.case_id] for m in department.members if m.case_id is not None]
    tables = _sum_tables(profile, member_cases, {cons.members_table})
    for e in department.eliminations:
        if e.status is not PairStatus.CONFIRMED or not e.amount:
            continue
        flow = _flow(cons, e.type)
        if flow is None:
            continue
        _subtract(tables, flow.payer_table, e.payer_code, flow.payer_column, e.amount)
        _subtract(tables, flow.payee_table, e.payee_code, flow.payee_column, e.amount)
    if cons.members_table:
        tables[cons.members_table] = TableValues(member_list_rows(profile, department.members))
    own = department.own
    projects = tuple(p for c in member_cases for p in c.performance.projects)
    return Case(
        profile_id=profile.id,
        unit=Unit(own.unit.name, own.unit.year),
        fields=_sum_fields(profile, member_cases, own),
        tables=tables,
        performance=replace(own.performance, projects=projects),
        glossary=own.glossary,
        comments=own.comments,
    )


def main_code(side: FlowAmounts) -> str:
    """The 科目 row carrying the largest amount of a flow side ("" when none)."""
    return max(side.by_code.items(), key=lambda kv: kv[1])[0] if side.by_code else ""


def propose(
    profile: Profile, department: Department, cases: Mapping[CaseId, Case]
) -> tuple[Elimination, ...]:
    """Pairs the program suggests for the flows not yet paired or marked external.

    E1: the 本级 pays each subordinate that records 上级补助收入; E2: each subordinate that records
    上缴上级支出 pays the 本级. One proposal per payee (E1) or payer (E2) 科目 row, for the
    smaller of the two sides' open amounts; the officer confirms, edits or marks it external.
    """
    own = next((m for m in department.members if m.level is Level.OWN and m.case_id), None)
    if own is None or own.case_id is None:
        return ()
    parent = own.case_id
    done = {(e.type, e.payer, e.payee) for e in department.eliminations}
    out: list[Elimination] = []
    subs = [m.case_id for m in department.members if m.level is Level.SUBORDINATE and m.case_id]
    for ftype in (FlowType.E1, FlowType.E2):
        flow = _flow(profile.consolidation, ftype)
        if flow is None:
            continue
        # E1: the 本级 pays each subordinate; E2: each subordinate pays the 本级.
        parent_side = (payer_side if ftype is FlowType.E1 else payee_side)(flow, cases[parent])
        left = parent_side.total
        for sub in subs:
            payer, payee = (parent, sub) if ftype is FlowType.E1 else (sub, parent)
            if (ftype, payer, payee) in done or left <= 0:
                continue
            sub_side = (payee_side if ftype is FlowType.E1 else payer_side)(flow, cases[sub])
            for code, amount in sub_side.by_code.items():
                take = min(amount, left)
                if take > 0:
                    own_code = code if code in parent_side.by_code else main_code(parent_side)
                    codes = (own_code, code) if ftype is FlowType.E1 else (code, own_code)
                    out.append(Elimination(ftype, payer, payee, take, *codes))
                    left -= take
    return tuple(out)


@dataclass(frozen=True, slots=True)
class OpenDifference:
    """An amount of one member's flow side that no confirmed or external pair covers."""

    type: FlowType
    member: CaseId
    side: str  # "payer" | "payee"
    recorded: Decimal
    paired: Decimal

    @property
    def open(self) -> Decimal:
        return self.recorded - self.paired


def open_differences(
    profile: Profile, department: Department, cases: Mapping[CaseId, Case]
) -> tuple[OpenDifference, ...]:
    """Per member and flow side, what is recorded but not covered by a pair (internal flows only).

    A side counts only where an internal counterpart could exist: a subordinate's 上级补助收入
    when the 本级 records 对附属单位补助支出 (and the other way round; likewise E2). A flow whose
    difference is explained on one of its pairs is not open.
    """
    levels = {m.case_id: m.level for m in department.members if m.case_id is not None}
    out: list[OpenDifference] = []
    for flow in profile.consolidation.flows:
        ftype = FlowType(flow.type)
        payers = {i: payer_side(flow, cases[i]).total for i in levels}
        payees = {i: payee_side(flow, cases[i]).total for i in levels}
        # E1: the 本级 pays subordinates; E2: subordinates pay the 本级.
        pays = Level.OWN if ftype is FlowType.E1 else Level.SUBORDINATE
        gets = Level.SUBORDINATE if ftype is FlowType.E1 else Level.OWN
        any_payer = any(v for i, v in payers.items() if levels[i] is pays)
        any_payee = any(v for i, v in payees.items() if levels[i] is gets)
        pairs = [e for e in department.eliminations if e.type is ftype]
        for member, level in levels.items():
            for side, recorded, other_exists, role in (
                ("payer", payers[member], any_payee, pays),
                ("payee", payees[member], any_payer, gets),
            ):
                if level is not role or not recorded or not other_exists:
                    continue
                mine = [e for e in pairs if (e.payer if side == "payer" else e.payee) == member]
                if any(e.explanation.strip() for e in mine):
                    continue
                paired = sum((e.amount for e in mine), ZERO)
                if paired != recorded:
                    out.append(OpenDifference(ftype, member, side, recorded, paired))
    return tuple(out)


class DepartmentEditError(ValueError):
    """An edit of a department that cannot be made; the message says why."""


def with_member(dept: Department, member: Member) -> Department:
    """`member` added at the end; a new 本级 makes the former 本级 a subordinate."""
    if member.case_id is not None and any(m.case_id == member.case_id for m in dept.members):
        raise DepartmentEditError(f"填报 {member.case_id} 已在部门中。")
    members = list(dept.members)
    if member.level is Level.OWN:
        members = [
            replace(m, level=Level.SUBORDINATE) if m.level is Level.OWN else m for m in members
        ]
    return replace(dept, members=(*members, member))


def with_changed_member(
    dept: Department, target: Member, kind: Kind | None = None, *, own: bool = False
) -> Department:
    """`target` with another kind, or made the 本级 (the former 本级 becomes a subordinate)."""
    if own and target.case_id is None:
        raise DepartmentEditError("预算不单列的单位不能设为本级。")

    def changed(m: Member) -> Member:
        if m == target:
            return replace(m, kind=kind or m.kind, level=Level.OWN if own else m.level)
        if own and m.level is Level.OWN:
            return replace(m, level=Level.SUBORDINATE)
        return m

    return replace(dept, members=tuple(changed(m) for m in dept.members))


def without_member(dept: Department, target: Member) -> tuple[Department, int]:
    """`target` removed with every elimination it takes part in; also how many those were."""
    members = tuple(m for m in dept.members if m != target)
    gone = target.case_id
    pairs = tuple(e for e in dept.eliminations if gone is None or gone not in (e.payer, e.payee))
    return replace(dept, members=members, eliminations=pairs), len(dept.eliminations) - len(pairs)


def with_elimination(dept: Department, pair: Elimination) -> Department:
    """`pair` recorded, replacing the one of the same type, units and 科目; amount 0 removes it."""
    if pair.payer == pair.payee:
        raise DepartmentEditError("付款单位和收款单位不能是同一个单位。")
    if pair.amount < 0:
        raise DepartmentEditError("冲抵金额不能为负数。")
    ids = {m.case_id for m in dept.members if m.case_id is not None}
    for who in (pair.payer, pair.payee):
        if who not in ids:
            raise DepartmentEditError(f"填报 {who} 不是本部门的单位，请先加入。")
    for side, code in (("付款方", pair.payer_code), ("收款方", pair.payee_code)):
        if pair.amount and not code:
            raise DepartmentEditError(
                f"{side}没有记录这类往来，无法确定冲抵的科目。请指明科目（--payer-code/--payee-code）。"
            )

    def same(e: Elimination) -> bool:
        return (e.type, e.payer, e.payee, e.payer_code, e.payee_code) == (
            pair.type, pair.payer, pair.payee, pair.payer_code, pair.payee_code
        )  # fmt: skip

    kept = tuple(e for e in dept.eliminations if not same(e))
    return replace(dept, eliminations=kept if not pair.amount else (*kept, pair))


def own_case(profile: Profile, name: str, year: int, own_unit: Case) -> Case:
    """A new department's own case: its name and year, the texts of its 本级 to start from."""
    texts: dict[str, dict[str, Value]] = {}
    for s in profile.sections:
        for f in s.fields:
            value = own_unit.value(s.id, f.id)
            if f.type in ("text", "paragraphs") and value is not None:
                texts.setdefault(s.id, {})[f.id] = value
    perf = own_unit.performance
    return Case(
        profile.id,
        Unit(name, year),
        fields=texts,
        performance=replace(perf, projects=()),
        glossary=own_unit.glossary,
    )

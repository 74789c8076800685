"""A department in an interchange file: the consolidated case plus a `department` block.

The top level is an ordinary case file holding the department's consolidated entered figures, so
it can be checked and exported anywhere like a unit's. The `department` block carries what
recreates the department: its members (each with its whole case, or none for a 不单列 unit) and
its eliminations, whose payer and payee are positions in the member list (case ids belong to one
database only). See docs/interchange.md.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TypeVar

from desktop.core.department import (
    Department,
    Elimination,
    FlowType,
    Kind,
    Level,
    Member,
    PairStatus,
)
from desktop.core.model import Case, CaseId, Performance
from desktop.core.money import format_yuan
from desktop.storage.cases import save_case
from desktop.storage.departments import save_department
from desktop.storage.interchange import MAX_BYTES, _Node, case_from_json, case_to_json

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sqlite_utils import Database

    from desktop.core.spec import Profile


def dumps_department(consolidated: Case, dept: Department, cases: Mapping[CaseId, Case]) -> str:
    position = {m.case_id: n for n, m in enumerate(dept.members) if m.case_id is not None}
    data = case_to_json(consolidated)
    data["department"] = {
        "members": [
            {
                "name": m.name,
                "kind": m.kind.value,
                "level": m.level.value,
                "case": case_to_json(cases[m.case_id]) if m.case_id is not None else None,
            }
            for m in dept.members
        ],
        "eliminations": [
            {
                "type": e.type.value,
                "payer": position[e.payer],
                "payee": position[e.payee],
                "amount": format_yuan(e.amount),
                "payer_code": e.payer_code,
                "payee_code": e.payee_code,
                "status": e.status.value,
                "explanation": e.explanation,
            }
            for e in dept.eliminations
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


_E = TypeVar("_E", Kind, Level, FlowType, PairStatus)


def _choice(node: _Node, enum: type[_E]) -> _E:
    text = node.text()
    try:
        return enum(text)
    except ValueError:
        allowed = "、".join(f"“{e.value}”" for e in enum)
        raise node.fail(f"“{text}”不是可用的值（可用：{allowed}）") from None


def _own_case(profile: Profile, consolidated: Case) -> Case:
    """The department's own part of a consolidated case: its texts, none of the figures."""
    texts: dict[str, dict[str, object]] = {}
    for section in profile.sections:
        for f in section.fields:
            value = consolidated.value(section.id, f.id)
            keep = f.type in ("text", "paragraphs") or f.consolidate == "own"
            if value is not None and keep:
                texts.setdefault(section.id, {})[f.id] = value
    return Case(
        profile.id,
        consolidated.unit,
        fields=texts,  # type: ignore[arg-type]  # values are the case's own Value objects
        performance=Performance(
            evaluation_text=consolidated.performance.evaluation_text,
            report_title=consolidated.performance.report_title,
            report=consolidated.performance.report,
        ),
        glossary=consolidated.glossary,
        comments=consolidated.comments,
    )


def read_department(
    data: dict[str, object], profiles: Mapping[str, Profile]
) -> tuple[Case, list[tuple[Member, Case | None]], list[tuple[Elimination, int, int]]]:
    """Validate a department file: its consolidated case, members and eliminations (by position)."""
    block = _Node(data.pop("department"), "$.department")
    consolidated = case_from_json(data, profiles)
    block.obj({"members", "eliminations"}, {"members"})
    members: list[tuple[Member, Case | None]] = []
    for node in block.get("members").items():
        node.obj({"name", "kind", "level", "case"}, {"name", "kind", "level"})
        level = _choice(node.get("level"), Level)
        raw = node.get("case").value
        case = case_from_json(raw, profiles) if raw is not None else None
        if case is None and level is not Level.MERGED:
            raise node.get("case").fail("只有“不单列”的单位可以没有填报数据")
        if case is not None and case.profile_id != consolidated.profile_id:
            raise node.get("case").fail("下属单位的模板应与部门相同")
        name = node.get("name").text().strip()
        if not name:
            raise node.get("name").fail("单位名称不能为空")
        members.append((Member(name, _choice(node.get("kind"), Kind), level), case))
    pairs: list[tuple[Elimination, int, int]] = []
    for node in block.get("eliminations", []).items():
        keys = {"type", "payer", "payee", "amount", "payer_code", "payee_code", "status"}
        node.obj(keys | {"explanation"}, keys)
        ends = []
        for key in ("payer", "payee"):
            n = node.get(key).integer()
            if n >= len(members) or members[n][1] is None:
                raise node.get(key).fail("应为有填报数据的下属单位在 members 中的序号（从 0 起）")
            ends.append(n)
        pair = Elimination(
            _choice(node.get("type"), FlowType),
            CaseId(0),
            CaseId(0),
            node.get("amount").amount(),
            node.get("payer_code").text(),
            node.get("payee_code").text(),
            _choice(node.get("status"), PairStatus),
            node.get("explanation", "").text(),
        )
        pairs.append((pair, ends[0], ends[1]))
    return consolidated, members, pairs


def load_department_file(
    db: Database, data: dict[str, object], profiles: Mapping[str, Profile]
) -> CaseId:
    """Recreate a department and its member cases from a parsed file; one transaction."""
    consolidated, members, pairs = read_department(data, profiles)
    profile = profiles[consolidated.profile_id]
    with db.atomic():
        stored: list[Member] = []
        ids: dict[int, CaseId] = {}  # member position -> its new case id
        for n, (member, case) in enumerate(members):
            if case is not None:
                ids[n] = save_case(db, case)
            stored.append(Member(member.name, member.kind, member.level, ids.get(n)))
        eliminations = []
        for pair, payer, payee in pairs:
            eliminations.append(
                Elimination(
                    pair.type,
                    ids[payer],
                    ids[payee],
                    pair.amount,
                    pair.payer_code,
                    pair.payee_code,
                    pair.status,
                    pair.explanation,
                )
            )
        own = _own_case(profile, consolidated)
        return save_department(db, Department(own, tuple(stored), tuple(eliminations)))


def department_data(text: str) -> dict[str, object] | None:
    """The parsed file when it is a department file, else None.

    None also for a file that is not valid JSON at all: the ordinary reader then says what is
    wrong with it.
    """
    if '"department"' not in text or len(text.encode("utf-8")) > MAX_BYTES:
        return None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) and "department" in data else None

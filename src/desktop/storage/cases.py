"""Cases in the database: `save_case` and `load_case`. Rows never leave this module.

A save replaces everything of the case in one transaction, so a case is either fully the old one
or fully the new one. Amounts are written as INTEGER 分.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from desktop.core.model import (
    AcceptedFinding,
    Case,
    CaseId,
    Cell,
    FundLine,
    GlossaryEntry,
    Indicator,
    Performance,
    PerfProject,
    TableRow,
    TableValues,
    Unit,
    Value,
)
from desktop.core.money import CENT

if TYPE_CHECKING:
    from sqlite_utils import Database

_CHILD_TABLES = (
    "field_values",
    "table_rows",
    "table_cells",
    "perf_projects",
    "perf_indicators",
    "case_texts",
    "accepted_findings",
)


class CaseNotFoundError(LookupError):
    """No case with that id."""


@dataclass(frozen=True, slots=True)
class CaseSummary:
    """A line of the case list."""

    id: CaseId
    profile: str
    unit_name: str
    year: int
    updated: str


def to_fen(amount: Decimal) -> int:
    return int((amount / CENT).to_integral_exact())


def from_fen(fen: int) -> Decimal:
    return (Decimal(fen) * CENT).quantize(CENT)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _field_row(case_id: int, section: str, field: str, value: Value) -> dict[str, Any]:
    row: dict[str, Any] = {
        "case_id": case_id,
        "section": section,
        "field": field,
        "amount_fen": None,
        "number": None,
        "text": None,
    }
    if isinstance(value, Decimal):
        row.update(kind="money", amount_fen=to_fen(value))
    elif isinstance(value, int):
        row.update(kind="count", number=value)
    elif isinstance(value, tuple):
        row.update(kind="paragraphs", text=json.dumps(list(value), ensure_ascii=False))
    else:
        row.update(kind="text", text=value)
    return row


def _fund_columns(prefix: str, line: FundLine) -> dict[str, int]:
    return {
        f"{prefix}_initial_fen": to_fen(line.initial),
        f"{prefix}_full_fen": to_fen(line.full),
        f"{prefix}_executed_fen": to_fen(line.executed),
    }


def _write_children(db: Database, case_id: int, case: Case) -> None:
    db.table("field_values").insert_all(
        _field_row(case_id, s, f, v) for s, values in case.fields.items() for f, v in values.items()
    )
    rows, cells = [], []
    for table_id, table in case.tables.items():
        for pos, row in enumerate(table.rows):
            rows.append(
                {
                    "case_id": case_id,
                    "table_id": table_id,
                    "position": pos,
                    "key": row.key,
                    "label": row.label,
                }
            )
            for col, value in row.cells.items():
                cell = {"case_id": case_id, "table_id": table_id, "position": pos, "col": col}
                if isinstance(value, Decimal):
                    cells.append({**cell, "amount_fen": to_fen(value), "text": None})
                else:
                    cells.append({**cell, "amount_fen": None, "text": value})
    db.table("table_rows").insert_all(rows)
    db.table("table_cells").insert_all(cells)
    write_performance(db, case_id, case)
    write_texts(db, case_id, case)


def write_performance(db: Database, case_id: int, case: Case) -> None:
    """Insert the 绩效 projects and indicators of a case (after deleting the old ones)."""
    perf = case.performance
    projects, indicators = [], []
    for pos, p in enumerate(perf.projects):
        projects.append(
            {
                "case_id": case_id,
                "position": pos,
                "name": p.name,
                "department": p.department,
                "implementer": p.implementer,
                **_fund_columns("fiscal", p.fiscal),
                **_fund_columns("carryover", p.carryover),
                **_fund_columns("other", p.other),
                "funds_weight": str(p.funds_weight),
                "goal_expected": p.goal_expected,
                "goal_actual": p.goal_actual,
                "completion": p.completion,
                "problems": p.problems,
                "measures": p.measures,
            }
        )
        for n, i in enumerate(p.indicators):
            indicators.append(
                {
                    "case_id": case_id,
                    "project": pos,
                    "position": n,
                    "level1": i.level1,
                    "level2": i.level2,
                    "name": i.name,
                    "nature": i.nature,
                    "direction": i.direction,
                    "target": i.target,
                    "actual": i.actual,
                    "unit": i.unit,
                    "weight": str(i.weight),
                    "score": str(i.score),
                    "deviation": i.deviation,
                }
            )
    db.table("perf_projects").insert_all(projects)
    db.table("perf_indicators").insert_all(indicators)


def write_texts(db: Database, case_id: int, case: Case) -> None:
    """Insert the evaluation, report, glossary and comment texts of a case."""
    perf = case.performance
    texts = [
        {"case_id": case_id, "kind": "evaluation", "position": n, "text": t, "detail": ""}
        for n, t in enumerate(perf.evaluation_text)
    ]
    texts += [
        {"case_id": case_id, "kind": "report", "position": n, "text": t, "detail": ""}
        for n, t in enumerate(perf.report)
    ]
    texts += [
        {"case_id": case_id, "kind": "glossary", "position": n, "text": g.term, "detail": g.text}
        for n, g in enumerate(case.glossary)
    ]
    texts += [
        {"case_id": case_id, "kind": "comment", "position": n, "text": t, "detail": ""}
        for n, t in enumerate(case.comments)
    ]
    db.table("case_texts").insert_all(texts)
    db.table("accepted_findings").insert_all(
        {"case_id": case_id, "position": n, "key": a.key, "explanation": a.explanation}
        for n, a in enumerate(case.accepted)
    )


def save_case(db: Database, case: Case, case_id: CaseId | None = None) -> CaseId:
    """Insert a new case (case_id None) or replace an existing one, atomically."""
    now = _now()
    with db.atomic():
        header = {
            "profile": case.profile_id,
            "unit_name": case.unit.name,
            "year": case.unit.year,
            "report_title": case.performance.report_title,
            "updated": now,
        }
        if case_id is None:
            cursor = db.execute(
                "INSERT INTO cases (profile, unit_name, year, report_title, created, updated) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [case.profile_id, case.unit.name, case.unit.year, header["report_title"], now, now],
            )
            new_id = cursor.lastrowid
            assert new_id is not None
            case_id = CaseId(new_id)
        else:
            if db.execute("SELECT 1 FROM cases WHERE id = ?", [case_id]).fetchone() is None:
                raise CaseNotFoundError(case_id)
            db.table("cases").update(case_id, header)
            for table in _CHILD_TABLES:
                db.execute(f"DELETE FROM {table} WHERE case_id = ?", [case_id])
        _write_children(db, case_id, case)
    return case_id


def _rows(db: Database, sql: str, params: list[object]) -> list[dict[str, Any]]:
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def _field_value(r: dict[str, Any]) -> Value:
    kind = r["kind"]
    if kind == "money":
        return from_fen(r["amount_fen"])
    if kind == "count":
        return int(r["number"])
    if kind == "paragraphs":
        return tuple(json.loads(r["text"]))
    text: Value = r["text"]
    return text


def _load_fields(db: Database, case_id: CaseId) -> dict[str, dict[str, Value]]:
    fields: dict[str, dict[str, Value]] = {}
    for r in _rows(db, "SELECT * FROM field_values WHERE case_id = ? ORDER BY rowid", [case_id]):
        fields.setdefault(r["section"], {})[r["field"]] = _field_value(r)
    return fields


def _load_tables(db: Database, case_id: CaseId) -> dict[str, list[TableRow]]:
    cells: dict[tuple[str, int], dict[str, Cell]] = {}
    for r in _rows(db, "SELECT * FROM table_cells WHERE case_id = ? ORDER BY rowid", [case_id]):
        value_cell: Cell = from_fen(r["amount_fen"]) if r["amount_fen"] is not None else r["text"]
        cells.setdefault((r["table_id"], r["position"]), {})[r["col"]] = value_cell
    tables: dict[str, list[TableRow]] = {}
    for r in _rows(
        db, "SELECT * FROM table_rows WHERE case_id = ? ORDER BY table_id, position", [case_id]
    ):
        key = (r["table_id"], r["position"])
        tables.setdefault(r["table_id"], []).append(
            TableRow(r["key"], r["label"], cells.get(key, {}))
        )
    return tables


def load_case(db: Database, case_id: CaseId) -> Case:
    """The case with that id; `CaseNotFoundError` when there is none."""
    heads = _rows(db, "SELECT * FROM cases WHERE id = ?", [case_id])
    if not heads:
        raise CaseNotFoundError(case_id)
    head = heads[0]
    fields = _load_fields(db, case_id)
    tables = _load_tables(db, case_id)
    indicators: dict[int, list[Indicator]] = {}
    for r in _rows(
        db, "SELECT * FROM perf_indicators WHERE case_id = ? ORDER BY project, position", [case_id]
    ):
        indicators.setdefault(r["project"], []).append(
            Indicator(
                r["level1"],
                r["level2"],
                r["name"],
                r["nature"],
                r["direction"],
                r["target"],
                r["actual"],
                r["unit"],
                Decimal(r["weight"]),
                Decimal(r["score"]),
                r["deviation"],
            )
        )

    def fund(r: dict[str, Any], prefix: str) -> FundLine:
        return FundLine(
            from_fen(r[f"{prefix}_initial_fen"]),
            from_fen(r[f"{prefix}_full_fen"]),
            from_fen(r[f"{prefix}_executed_fen"]),
        )

    projects = tuple(
        PerfProject(
            r["name"],
            r["department"],
            r["implementer"],
            fund(r, "fiscal"),
            fund(r, "carryover"),
            fund(r, "other"),
            Decimal(r["funds_weight"]),
            r["goal_expected"],
            r["goal_actual"],
            r["completion"],
            r["problems"],
            r["measures"],
            tuple(indicators.get(r["position"], [])),
        )
        for r in _rows(
            db, "SELECT * FROM perf_projects WHERE case_id = ? ORDER BY position", [case_id]
        )
    )
    texts: dict[str, list[tuple[str, str]]] = {}
    for r in _rows(
        db, "SELECT * FROM case_texts WHERE case_id = ? ORDER BY kind, position", [case_id]
    ):
        texts.setdefault(r["kind"], []).append((r["text"], r["detail"]))
    return Case(
        profile_id=head["profile"],
        unit=Unit(head["unit_name"], head["year"]),
        fields=fields,
        tables={t: TableValues(tuple(rows)) for t, rows in tables.items()},
        performance=Performance(
            projects=projects,
            evaluation_text=tuple(t for t, _ in texts.get("evaluation", [])),
            report_title=head["report_title"],
            report=tuple(t for t, _ in texts.get("report", [])),
        ),
        glossary=tuple(GlossaryEntry(t, d) for t, d in texts.get("glossary", [])),
        comments=tuple(t for t, _ in texts.get("comment", [])),
        accepted=tuple(
            AcceptedFinding(r["key"], r["explanation"])
            for r in _rows(
                db,
                "SELECT key, explanation FROM accepted_findings WHERE case_id = ? ORDER BY position",
                [case_id],
            )
        ),
    )


def list_cases(db: Database) -> list[CaseSummary]:
    return [
        CaseSummary(CaseId(r["id"]), r["profile"], r["unit_name"], r["year"], r["updated"])
        for r in _rows(
            db, "SELECT id, profile, unit_name, year, updated FROM cases ORDER BY id", []
        )
    ]

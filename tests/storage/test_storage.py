from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from desktop.core.model import Case, CaseId
from desktop.storage.cases import CaseNotFoundError, list_cases, load_case, save_case
from desktop.storage.db import open_db
from desktop.storage.interchange import InterchangeError, dumps_case, loads_case

if TYPE_CHECKING:
    from pathlib import Path

    from desktop.sections.catalog import Catalog


def test_case_round_trips_through_sqlite(tmp_path: Path, sample_case: Case) -> None:
    db = open_db(tmp_path / "cases.sqlite3")
    case_id = save_case(db, sample_case)
    assert load_case(db, case_id) == sample_case
    assert [c.unit_name for c in list_cases(db)] == [sample_case.unit.name]


def test_money_is_stored_as_integer_fen(tmp_path: Path, sample_case: Case) -> None:
    db = open_db(tmp_path / "cases.sqlite3")
    case_id = save_case(db, sample_case)
    row = db.execute(
        "SELECT amount_fen, typeof(amount_fen) FROM table_cells "
        "WHERE case_id = ? AND table_id = 't4' AND col = 'amount'",
        [case_id],
    ).fetchone()
    assert row == (788538000, "integer")
    types = {r[0] for r in db.execute("SELECT DISTINCT typeof(amount_fen) FROM field_values")}
    assert "real" not in types
    strict = db.execute(
        "SELECT strict FROM pragma_table_list WHERE name = 'table_cells'"
    ).fetchone()
    assert strict == (1,)
    assert db.execute("PRAGMA foreign_keys").fetchone() == (1,)


def test_save_replaces_the_whole_case(tmp_path: Path, sample_case: Case) -> None:
    db = open_db(tmp_path / "cases.sqlite3")
    case_id = save_case(db, sample_case)
    smaller = dataclasses.replace(sample_case, tables={}, comments=())
    save_case(db, smaller, case_id)
    assert load_case(db, case_id) == smaller
    assert db.execute("SELECT count(*) FROM table_cells").fetchone() == (0,)
    with pytest.raises(CaseNotFoundError):
        load_case(db, CaseId(999))


def test_interchange_round_trip(sample_case: Case, catalog: Catalog) -> None:
    text = dumps_case(sample_case)
    assert '"7885380.00"' in text
    assert loads_case(text, catalog.profiles) == sample_case


@pytest.mark.parametrize(
    ("edit", "path", "says"),
    [
        (lambda t: t.replace('"juesuan-case"', '"other"'), "$.format", "不是决算公开助手"),
        (
            lambda t: t.replace('"7885380.00"', "7885380.0"),
            "$.tables.t4[0].cells.amount",
            "金额应写成文字",
        ),
        (
            lambda t: t.replace('"7885380.00"', '"78853.801"'),
            "$.tables.t4[0].cells.amount",
            "精确到分",
        ),
        (lambda t: t.replace('"year": 2022', '"year": "2022"'), "$.unit.year", "非负整数"),
        (
            lambda t: t.replace('"prior_total"', '"prior_totl"', 1),
            "$.fields.overall.prior_totl",
            "没有字段",
        ),
        (lambda t: t.replace('"version": 1', '"version": 9'), "$.version", "升级程序"),
        (lambda t: t[: len(t) // 2], "", "不是有效的 JSON"),  # not JSON at all: no path
    ],
)
def test_bad_interchange_files_name_the_json_path(
    sample_case: Case, catalog: Catalog, edit: object, path: str, says: str
) -> None:
    text = edit(dumps_case(sample_case))  # type: ignore[operator]  # edit is a parametrized callable
    with pytest.raises(InterchangeError) as info:
        loads_case(text, catalog.profiles)
    assert info.value.path == path
    assert says in str(info.value)


def test_amounts_never_become_float(sample_case: Case) -> None:
    for values in sample_case.fields.values():
        for value in values.values():
            assert not isinstance(value, float)
    cell = sample_case.table("t4").rows[0].cells["amount"]
    assert isinstance(cell, Decimal)


def test_not_entered_stays_distinct_from_zero(
    tmp_path: Path, sample_case: Case, catalog: Catalog
) -> None:
    """A 上年数 or a count not entered stays unknown through the database and the interchange
    file (null or absent there); one entered as 0 stays 0."""
    fields = {s: dict(v) for s, v in sample_case.fields.items()}
    fields["running"].pop("prior_running", None)
    fields["three"].pop("groups", None)
    fields["overall"]["prior_nonfiscal"] = Decimal(0)
    fields["three"]["people"] = 0
    case = dataclasses.replace(sample_case, fields=fields)
    db = open_db(tmp_path / "cases.sqlite3")
    back = load_case(db, save_case(db, case))
    again = loads_case(dumps_case(back), catalog.profiles)
    for got in (back, again):
        assert got.value("running", "prior_running") is None
        assert got.value("three", "groups") is None
        assert got.value("overall", "prior_nonfiscal") == Decimal(0)
        assert got.value("three", "people") == 0
    data = json.loads(dumps_case(case))
    data["fields"]["fund"]["prior_spend"] = None
    text = json.dumps(data, ensure_ascii=False)
    assert '"prior_spend": null' in text
    assert loads_case(text, catalog.profiles).value("fund", "prior_spend") is None

"""Arbitrary text and amount strings through parse → store → export → read back."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import TYPE_CHECKING

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.model import Case, TableRow, TableValues
from desktop.core.money import AmountError, parse_amount
from desktop.core.narrative.facts import clause_text
from desktop.export.context import clean
from desktop.storage.cases import load_case, save_case
from desktop.storage.db import open_db
from tests.conftest import export_case

if TYPE_CHECKING:
    from pathlib import Path

    from desktop.sections.catalog import Catalog

NASTY = st.sampled_from(
    [
        "&",
        "<",
        ">",
        '"',
        "'",
        "{{ x }}",
        "{% if %}",
        "\x0b",
        "\x00",
        "\r\n",
        "\u202e",
        "🙂",
        "\t",
        "\a",
        "\f",
    ]
)
TEXTS = st.lists(st.one_of(st.text(min_size=1, max_size=30), NASTY), min_size=1, max_size=12).map(
    "".join
)


def _with_texts(case: Case, reason: str, name: str) -> Case:
    fields = {k: dict(v) for k, v in case.fields.items()}
    fields["overall"]["reason_budget"] = reason
    unit_list = TableValues((TableRow("1", "", {"name": name, "kind": "全额拨款"}),))
    return dataclasses.replace(case, fields=fields, tables={**case.tables, "unit_list": unit_list})


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(reason=TEXTS, name=TEXTS)
def test_any_text_survives_store_and_export(
    tmp_path_factory: object, sample_case: Case, catalog: Catalog, reason: str, name: str
) -> None:
    folder: Path = tmp_path_factory.mktemp("fuzz")  # type: ignore[attr-defined]  # pytest's TempPathFactory, typed as object for hypothesis
    reason = "变动" + reason  # an empty reason is a gap, and a formal export refuses gaps
    db = open_db(":memory:")
    stored = load_case(db, save_case(db, _with_texts(sample_case, reason, name)))
    assert stored.value("overall", "reason_budget") == reason
    out = export_case(stored, catalog, folder / "fuzz.docx")
    doc = docx.Document(str(out))
    paragraphs = [p.text for p in doc.paragraphs]
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    # The sentence adds its own 。/；, so the reason's closing punctuation is dropped.
    assert any(clean(clause_text(reason)) in p for p in paragraphs if "收、支总计各" in p)
    assert clean(name) in cells


def test_a_hundred_thousand_character_text(
    tmp_path: Path, sample_case: Case, catalog: Catalog
) -> None:
    long_text = ("鄂尔多斯市红十字会&<>" * 10_000)[:100_000]
    out = export_case(_with_texts(sample_case, long_text, "单位"), catalog, tmp_path / "long.docx")
    assert any(long_text in p.text for p in docx.Document(str(out)).paragraphs)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=40))
def test_any_amount_string_is_parsed_or_refused_with_a_reason(text: str) -> None:
    try:
        value = parse_amount(text)
    except AmountError as exc:
        message = exc.message
    else:
        assert value == value.quantize(Decimal("0.01"))
        return
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)

"""Every value the model cannot hold is refused at load with its JSON path and a Chinese reason,
before anything is written; the window and the Excel import use the same limits."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from desktop import cli
from desktop.core.limits import LimitError, check_amount, clean_text, parse_score, text_problem
from desktop.core.money import AmountError, parse_count
from desktop.storage.interchange import InterchangeError, dumps_case, loads_case

if TYPE_CHECKING:
    from desktop.sections.catalog import Catalog

SAMPLE = Path(__file__).parents[2] / "resources" / "samples" / "nmg-2022-unit.json"


def _sample() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return data


def _first_amount_path(data: dict[str, Any]) -> tuple[str, str]:
    for section, values in data["fields"].items():
        for field, value in values.items():
            if isinstance(value, str) and value.replace(".", "").isdigit() and "." in value:
                return section, field
    raise AssertionError("no amount in the sample")


def _first_count_path(data: dict[str, Any], catalog: Catalog) -> tuple[str, str]:
    profile = catalog.profile(data["profile"])
    for section, values in data["fields"].items():
        specs = {f.id: f.type for f in profile.section(section).fields}
        for field in values:
            if specs[field] == "count":
                return section, field
    raise AssertionError("no count in the sample")


def _refusal(data: dict[str, Any], catalog: Catalog) -> InterchangeError:
    with pytest.raises(InterchangeError) as info:
        loads_case(json.dumps(data), catalog.profiles)
    return info.value


BAD_AMOUNTS = [
    ("1e20", "科学记数法"),
    ("1e400", "科学记数法"),
    ("10000000000000.00", "范围"),
    ("-10000000000000", "范围"),
    ("1.234", "小数超过 2 位"),
    ("NaN", "不是金额"),
    ("Infinity", "不是金额"),
    (" 12.00", "不是金额"),
    ("1" * 5000, "不是金额"),
]


@pytest.mark.parametrize(("value", "says"), BAD_AMOUNTS)
def test_bad_amounts_name_the_path(catalog: Catalog, value: str, says: str) -> None:
    data = _sample()
    section, field = _first_amount_path(data)
    data["fields"][section][field] = value
    error = _refusal(data, catalog)
    assert (error.path, says in error.problem) == (f"$.fields.{section}.{field}", True)


@pytest.mark.parametrize(
    ("value", "says"),
    [(2**63, "超出范围"), (10**9 + 1, "超出范围"), (-1, "非负整数"), (1.5, "整数")],
)
def test_bad_counts(catalog: Catalog, value: object, says: str) -> None:
    data = _sample()
    section, field = _first_count_path(data, catalog)
    data["fields"][section][field] = value
    error = _refusal(data, catalog)
    assert (error.path, says in error.problem) == (f"$.fields.{section}.{field}", True)


@pytest.mark.parametrize(
    ("where", "value", "says"),
    [
        ("funds_weight", "1e400", "不是分值"),
        ("funds_weight", "100.5", "超过了满分 100"),
        ("funds_weight", "-1", "不是分值"),
        ("weight", "NaN", "不是分值"),
        ("score", "1E+2", "不是分值"),
        ("score", "", "不能为空"),
    ],
)
def test_bad_weights_and_scores(catalog: Catalog, where: str, value: str, says: str) -> None:
    data = _sample()
    project = data["performance"]["projects"][0]
    if where == "funds_weight":
        project[where] = value
        path = "$.performance.projects[0].funds_weight"
    else:
        project["indicators"][0][where] = value
        path = f"$.performance.projects[0].indicators[0].{where}"
    with pytest.raises(InterchangeError) as info:
        loads_case(json.dumps(data), catalog.profiles)
    assert info.value.path == path
    assert says in info.value.problem


@pytest.mark.parametrize("year", [1989, 2101, 99999])
def test_bad_years(catalog: Catalog, year: int) -> None:
    data = _sample()
    data["unit"]["year"] = year
    with pytest.raises(InterchangeError) as info:
        loads_case(json.dumps(data), catalog.profiles)
    assert info.value.path == "$.unit.year"
    assert "年度" in info.value.problem


def test_a_five_thousand_digit_year_is_a_message(catalog: Catalog) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace('"year": 2022', '"year": ' + "9" * 5000, 1)
    with pytest.raises(InterchangeError, match="过长的数字"):
        loads_case(text, catalog.profiles)


@pytest.mark.parametrize(
    ("raw", "says"),
    [("\\ud800", "孤立的代理项"), ("a\\udfffb", "孤立的代理项"), ("\\u0000", "控制字符"),
     ("\\u001b[31m", "控制字符"), ("\\r\\n", "控制字符"), ("\\u000b", "控制字符")],
)  # fmt: skip
def test_bad_texts(catalog: Catalog, raw: str, says: str) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    name = _sample()["unit"]["name"]
    text = text.replace(f'"name": "{name}"', f'"name": "{name}{raw}"', 1)
    with pytest.raises(InterchangeError) as info:
        loads_case(text, catalog.profiles)
    assert info.value.path == "$.unit.name"
    assert says in info.value.problem
    str(info.value).encode("utf-8")  # printable: no lone surrogate reaches stderr


def test_deep_nesting_is_a_message(catalog: Catalog) -> None:
    data = _sample()
    deep = "[" * 100_000 + "]" * 100_000
    text = json.dumps(data).replace('"comments": [', f'"comments": [{deep}, ', 1)
    with pytest.raises(InterchangeError, match=r"嵌套层次太深|应为文字"):
        loads_case(text, catalog.profiles)
    data["comments"] = [[["x"]]]
    with pytest.raises(InterchangeError) as info:
        loads_case(json.dumps(data), catalog.profiles)
    assert info.value.path == "$.comments[0]"


def test_tabs_and_newlines_are_fine_and_round_trip(catalog: Catalog) -> None:
    data = _sample()
    data["comments"] = ["第一行\n第二行\t制表"]
    case = loads_case(json.dumps(data, ensure_ascii=False), catalog.profiles)
    assert case.comments == ("第一行\n第二行\t制表",)
    assert loads_case(dumps_case(case), catalog.profiles) == case


def test_a_refused_load_creates_no_database(
    tmp_path: Path, catalog: Catalog, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _sample()
    data["performance"]["projects"][0]["funds_weight"] = "1e400"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    db = tmp_path / "new.sqlite3"
    assert cli.main(["load", str(bad), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：")
    assert "$.performance.projects[0].funds_weight" in err
    assert not db.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json"]


def test_old_data_with_control_characters_dumps_loadable(catalog: Catalog) -> None:
    case = loads_case(SAMPLE.read_text(encoding="utf-8"), catalog.profiles)
    dirty = dataclasses.replace(case, comments=("甲\x0b乙\x00丙\r\n丁",))
    again = loads_case(dumps_case(dirty), catalog.profiles)
    assert again.comments == ("甲\n乙丙\n丁",)


def test_the_same_limits_for_the_window_and_the_excel_import() -> None:
    with pytest.raises(AmountError, match="超出范围"):
        parse_count("1" * 30)
    assert parse_count("1000000000") == 10**9
    with pytest.raises(LimitError):
        parse_score("1e400")
    with pytest.raises(LimitError):
        parse_score("101")
    assert parse_score("99.97") == Decimal("99.97")
    with pytest.raises(LimitError, match="范围"):
        check_amount(Decimal("1e20"))
    with pytest.raises(LimitError, match="范围"):
        check_amount(Decimal("Infinity"))
    with pytest.raises(LimitError, match="精确"):
        check_amount(Decimal("1.001"))
    assert text_problem("正常\t文字\n") is None
    assert clean_text("a\x0bb\x01c\ud800") == "a\nbc"

"""The profile keys come from the spec dataclasses; docs/profiles.md is generated from them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.sections import schema

DOC = Path(__file__).resolve().parents[2] / "docs" / "profiles.md"


def test_the_key_tables_of_docs_profiles_md_are_current() -> None:
    written = DOC.read_text(encoding="utf-8")
    assert written == schema.write_keys(written), (
        "docs/profiles.md 的配置项一览已过期：运行 scripts/gen_profile_doc.py"
    )


def test_every_key_is_explained_and_every_explanation_names_a_key() -> None:
    keys = {(t.name, k.name) for t in schema.TABLES for k in t.entries()}
    assert keys - set(schema.EXPLAINED) == set()
    assert set(schema.EXPLAINED) - keys == set()


def test_keys_follow_the_dataclass_fields() -> None:
    @dataclass(frozen=True)
    class Made:
        id: str
        printed: bool = True
        file: str = ""
        shown: int = 3

    table = schema.TomlTable("x", Made, rename={"printed": "print"}, skip=frozenset({"file"}))
    assert [(k.name, k.kind, k.default) for k in table.entries()] == [
        ("id", "文字", "（必填）"),
        ("print", "true / false", "true"),
        ("shown", "整数", "`3`"),
    ]


def test_the_loader_accepts_exactly_the_schema_keys() -> None:
    from desktop.sections import loader

    assert schema.COLUMN.names() == loader._COLUMN_KEYS
    assert "print" in loader._COLUMN_KEYS
    assert "printed" not in loader._COLUMN_KEYS
    assert "multiline" in loader._FIELD_KEYS  # a FieldSpec field is a key, nothing else to edit
    assert "file" not in loader._SECTION_KEYS  # set by the loader, not written in a file


def test_a_stale_document_is_rewritten_between_its_markers() -> None:
    stale = f"前言\n{schema.BEGIN}\n旧的表\n{schema.END}\n后记\n"
    fresh = schema.write_keys(stale)
    assert fresh.startswith("前言\n")
    assert fresh.endswith(f"{schema.END}\n后记\n")
    assert "旧的表" not in fresh
    assert "| `multiline` |" in fresh

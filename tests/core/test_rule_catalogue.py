"""The rule catalogue: docs/checks.md is generated from the registry and must not be stale."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.core.rules import RULES
from desktop.core.rules.catalogue import profile_status, rule_lines, rules_markdown
from tests.conftest import ROOT

if TYPE_CHECKING:
    from desktop.sections.catalog import Catalog


def test_docs_checks_md_is_generated_from_the_registry() -> None:
    written = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    assert written == rules_markdown(), "docs/checks.md 已过期：运行 scripts/gen_checks_doc.py"


def test_every_rule_has_an_id_severity_description_and_listed_needs() -> None:
    for line in rule_lines():
        rule_id, severity, description, needs = line.split("\t")
        assert rule_id in RULES
        assert severity in ("错误", "警告", "提示")
        assert description
        assert needs.startswith("需要：")


def test_status_per_profile(catalog: Catalog) -> None:
    sh = catalog.profile("sh-2024-dept")
    assert profile_status(RULES["X3"], sh) == "运行"
    assert profile_status(RULES["X10"], sh).startswith(
        "未列入，也不能运行：模板缺少《项目收入支出决算表》"
    )
    nmg = catalog.profile("nmg-2022-unit")
    assert profile_status(RULES["X10"], nmg) == "运行"

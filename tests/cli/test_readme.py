"""README.md agrees with the repository: commands, templates, table counts, system packages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.options import build_parser as _parser

if TYPE_CHECKING:
    from desktop.sections.catalog import Catalog

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _packages(text: str) -> list[str]:
    """The Debian packages of the first `apt-get install` in a shell text."""
    command = re.search(r"apt-get install ((?:[^\n]*\\\n)*[^\n]*)", text)
    assert command is not None
    return [w for w in command.group(1).replace("\\\n", " ").split() if not w.startswith("-")]


def test_the_system_packages_are_the_ones_ci_installs() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _packages(README) == _packages(ci)
    assert "libxcb-cursor0" in _packages(README)


def test_every_template_is_listed_with_its_table_count(catalog: Catalog) -> None:
    assert {p.name for p in (ROOT / "forms").iterdir() if p.is_dir()} == set(catalog.profiles)
    for profile in catalog.profiles.values():
        count = len(profile.disclosure_tables())
        row = re.search(rf"^\| `forms/{profile.id}` \|.*（(\d+) 张公开表）", README, re.MULTILINE)
        assert row is not None, profile.id
        assert int(row.group(1)) == count, profile.id
    summary = README[README.index("## English summary") :]
    stated = [int(n) for n in re.findall(r"\((\d+) tables\)", summary)]
    assert sorted(stated) == sorted(len(p.disclosure_tables()) for p in catalog.profiles.values())


def test_every_command_of_the_readme_exists() -> None:
    block = README[README.index("## 命令行") :]
    block = block[block.index("```bash") : block.index("```", block.index("```bash") + 3)]
    parser = _parser()
    (sub,) = (a for a in parser._actions if a.dest == "command")
    known = set(sub.choices or {})
    used = set(re.findall(r"(?:^|/ )juesuan ([a-z][a-z-]*)", block, re.MULTILINE))
    assert used, block
    assert used <= known, used - known
    assert known <= used, f"not in the README: {known - used}"


def _cited(pattern: str) -> list[tuple[Path, str]]:
    found = []
    for folder in ("src", "tests", "scripts", "bench", "forms", "docs"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in (".py", ".toml", ".md") and path.is_file():
                found += [(path, m) for m in re.findall(pattern, path.read_text(encoding="utf-8"))]
    return found


def test_comments_cite_documents_that_are_in_the_repository() -> None:
    outside = _cited(r"\b(?<!docs/)(?:DOMAIN\.md|TABLES-NMG\.md|shared/[r]eference/\w+)")
    assert outside == [], outside
    for name in ("domain.md", "tables-nmg.md"):
        text = (ROOT / "docs" / name).read_text(encoding="utf-8")
        headings = set(re.findall(r"^#+ (\d+(?:\.\d+)?)\.? ", text, re.MULTILINE))
        cited = _cited(rf"docs/{re.escape(name)} §(\d+(?:\.\d+)?)")
        assert cited, name
        missing = [(str(p.relative_to(ROOT)), s) for p, s in cited if s not in headings]
        assert missing == [], missing

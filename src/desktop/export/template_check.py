"""Check a profile's Word template before any export: variables, styles, refused accesses.

The template is rendered in the export's sandboxed Jinja environment; here it is parsed with the
same environment, so anything the export would refuse is reported first (`juesuan profile-check`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from jinja2 import nodes
    from jinja2.sandbox import SandboxedEnvironment


def word_template_problems(template: Path) -> list[str]:
    """What is wrong with the Word template at `template`, one Chinese sentence each."""
    from docxtpl import DocxTemplate

    from desktop.export.context import TEMPLATE_VARIABLES
    from desktop.export.docx_tables import PARAGRAPH_STYLES, TABLE_STYLE

    try:
        tpl = DocxTemplate(str(template))
        env, trees = _recording_environment()
        used = set(tpl.get_undeclared_template_variables(jinja_env=env))
        styles = {s.name for s in tpl.get_docx().styles}
    except Exception as exc:  # any unreadable file is reported, not raised
        return [f"Word 模板“{template.name}”无法读取：{exc}"]
    problems = [
        f"Word 模板“{template.name}”访问了“{name}”：模板不能访问以 _ 开头的属性（导出时会被拒绝）"
        for name in sorted(_private_names(trees))
    ]
    problems += [
        f"Word 模板“{template.name}”使用了程序不提供的变量“{name}”；"
        f"可用：{'、'.join(sorted(TEMPLATE_VARIABLES))}"
        for name in sorted(used - TEMPLATE_VARIABLES)
    ]
    problems += [
        f"Word 模板“{template.name}”没有使用变量“{name}”，文档会缺少这部分内容"
        for name in sorted(TEMPLATE_VARIABLES - used)
    ]
    problems += [
        f"Word 模板“{template.name}”缺少样式“{style}”（公开表要用）"
        for style in (*PARAGRAPH_STYLES, TABLE_STYLE)
        if style not in styles
    ]
    return problems


def _recording_environment() -> tuple[SandboxedEnvironment, list[nodes.Template]]:
    """The export's sandboxed environment, keeping every template tree it parses."""
    from desktop.export.docx import template_environment

    env = template_environment()
    trees: list[nodes.Template] = []
    parse = env.parse

    def recording(source: str, *args: Any, **kwargs: Any) -> nodes.Template:
        tree = parse(source, *args, **kwargs)
        trees.append(tree)
        return tree

    env.parse = recording  # type: ignore[method-assign]  # wraps parse to keep the template trees
    return env, trees


def _private_names(trees: Iterable[nodes.Template]) -> set[str]:
    """``x.__class__``, ``x['_y']``, ``x|attr('_y')``: what the sandbox refuses, found early."""
    from jinja2 import nodes

    found = set()
    for tree in trees:
        for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter)):
            name: object = None
            if isinstance(node, nodes.Getattr):
                name = node.attr
            elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
                name = node.arg.value
            elif isinstance(node, nodes.Filter) and node.name == "attr" and node.args:
                first = node.args[0]
                name = first.value if isinstance(first, nodes.Const) else None
            if isinstance(name, str) and name.startswith("_"):
                found.add(name)
    return found

"""The module map holds: every module is in a layer, and the core needs only the standard library."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]


def _layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    layers = next(c for c in contracts if c["name"] == "Layers")["layers"]
    return [name.strip() for layer in layers for name in layer.split("|")]


def _modules() -> list[str]:
    src = ROOT / "src"
    return sorted(
        ".".join(p.relative_to(src).with_suffix("").parts).removesuffix(".__init__")
        for p in (src / "desktop").rglob("*.py")
    )


def _in(module: str, layer: str) -> bool:
    return module == layer or module.startswith(layer + ".")


def test_every_module_is_in_a_layer() -> None:
    layers = _layers()
    outside = [
        m for m in _modules() if m != "desktop" and not any(_in(m, layer) for layer in layers)
    ]
    assert outside == [], f"modules in no import-linter layer: {outside}"


def test_no_two_layers_claim_a_module() -> None:
    layers = _layers()
    assert len(layers) == len(set(layers))
    for module in _modules():
        claims = [layer for layer in layers if _in(module, layer)]
        assert len(claims) <= 1, (module, claims)


def test_core_imports_only_the_standard_library() -> None:
    graph = grimp.build_graph("desktop", include_external_packages=True)
    core = {m for m in graph.modules if _in(m, "desktop.core")}
    foreign = {
        (module, imported)
        for module in core
        for imported in graph.find_modules_directly_imported_by(module)
        if not imported.startswith("desktop.")
        and imported.split(".")[0] not in sys.stdlib_module_names
    }
    inside = {
        (module, imported)
        for module in core
        for imported in graph.find_modules_directly_imported_by(module)
        if imported.startswith("desktop.") and not _in(imported, "desktop.core")
    }
    assert foreign == set(), f"the core imports packages outside the standard library: {foreign}"
    assert inside == set(), f"the core imports the rest of the program: {inside}"


def test_the_map_sees_the_layers_it_names() -> None:
    """A layer that names no module (a typo, a moved package) would check nothing."""
    modules = _modules()
    for layer in _layers():
        assert any(_in(m, layer) for m in modules), f"layer {layer} names no module"

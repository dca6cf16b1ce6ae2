"""The package's layers import only downwards, and no module imports another in a cycle.

Every import is counted: at module level, inside functions (a deferred import is still an
edge) and under ``TYPE_CHECKING``. A module may import its own layer or the layers below it,
never a layer above; ``viz`` never imports a loader (it takes frames); and the import graph
has no cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "cybercrime_eg"

#: Layer of every module, lowest first. A new module must be placed here (the test fails
#: until it is).
LAYERS: dict[str, int] = {
    # 0: words and schemas
    "vocab": 0,
    "schema": 0,
    "paths": 0,
    "errors": 0,
    "checks": 0,
    # 1: text model
    "text": 1,
    "model": 1,
    "countries": 1,
    "entities": 1,
    "taxonomy": 1,
    "reading": 1,
    "statements": 2,
    # 2: parser and report tables
    "parser": 2,
    "tables": 2,
    # 3: reading tables
    "io": 3,
    "external": 3,
    "publish": 3,
    # 4: analysis (frames in, frames out)
    "themes": 4,
    "positions": 4,
    "items": 4,
    "facts": 4,
    "states": 4,
    "budapest_crosswalk": 4,
    # 5: package writer
    "package": 5,
    # 6: loading facade and command line
    "api": 6,
    "cli": 6,
    "__init__": 6,
    "__main__": 6,
    # 7: charts and explorers
    "viz": 7,
}
#: What viz may not import even though it is below it: viz takes frames and never loads.
VIZ_NEVER = {"api", "io", "external", "package", "paths", "cli", "parser", "__init__"}


def _name(path: Path, src: Path) -> str:
    rel = path.relative_to(src).with_suffix("")
    return ".".join(rel.parts)


def _top(module: str) -> str:
    return module.split(".")[0]


def _resolve(current: str, node: ast.ImportFrom | ast.Import) -> list[str]:
    """Modules of the package that ``node`` imports, as dotted names below the package."""
    out = []
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.name == "cybercrime_eg":
                out.append("__init__")
            elif alias.name.startswith("cybercrime_eg."):
                out.append(alias.name.removeprefix("cybercrime_eg."))
        return out
    if node.level == 0:
        if node.module == "cybercrime_eg":
            return [a.name for a in node.names]  # from cybercrime_eg import x
        if node.module and node.module.startswith("cybercrime_eg."):
            return [node.module.removeprefix("cybercrime_eg.")]
        return []
    package = current.split(".")[:-1] if not current.endswith("__init__") else current.split(".")
    if current.endswith("__init__"):
        package = package[:-1]
    base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
    if node.module:
        return [".".join([*base, node.module])]
    return [".".join([*base, a.name]) for a in node.names]


def import_graph(src: Path = SRC) -> dict[str, set[str]]:
    """Module -> the package modules it imports (anywhere in the file)."""
    graph: dict[str, set[str]] = {}
    modules = {_name(p, src) for p in src.rglob("*.py")}
    for path in sorted(src.rglob("*.py")):
        current = _name(path, src)
        edges: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                for target in _resolve(current, node):
                    target = target.removesuffix(".__init__")
                    if target in modules:
                        edges.add(target)
                    elif f"{target}.__init__" in modules:
                        edges.add(f"{target}.__init__")
                    elif target.rsplit(".", 1)[0] in modules:  # from .pkg import function
                        edges.add(target.rsplit(".", 1)[0])
                    elif f"{target.rsplit('.', 1)[0]}.__init__" in modules:
                        edges.add(f"{target.rsplit('.', 1)[0]}.__init__")
        graph[current] = edges - {current}
    return graph


def _layer(module: str) -> int:
    top = _top(module)
    if top not in LAYERS:
        raise AssertionError(f"module {module} has no layer in tests/test_layers.py")
    return LAYERS[top]


def test_every_module_has_a_layer():
    for module in import_graph():
        _layer(module)


def upward_edges(graph: dict[str, set[str]]) -> list[str]:
    """Edges that go up a layer, or from viz to a loader."""
    upward = []
    for module, targets in graph.items():
        for target in targets:
            if _top(module) == "__init__" or _top(target) == _top(module):
                continue  # the facade re-exports lazily; a subpackage may import itself
            if _layer(target) > _layer(module):
                upward.append(f"{module} -> {target}")
            if _top(module) == "viz" and _top(target) in VIZ_NEVER:
                upward.append(f"{module} -> {target} (viz takes frames, never loads)")
    return upward


def test_imports_only_go_down():
    assert upward_edges(import_graph()) == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found, state, stack = [], {}, []

    def visit(node: str) -> None:
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                found.append(stack[stack.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def test_no_import_cycle():
    graph = import_graph()
    # a subpackage's __init__ re-exports its modules: that is not a cycle with them
    for module in graph:
        if module.endswith("__init__"):
            package = module.removesuffix("__init__")
            graph[module] = {t for t in graph[module] if not t.startswith(package)}
    assert _cycles(graph) == []


@pytest.mark.parametrize(
    ("source", "edge"),
    [
        ("def f():\n    from .api import read_table\n", "themes -> api"),
        ("import cybercrime_eg\n", "themes -> __init__"),
        ("from . import package\n", "themes -> package"),
    ],
)
def test_the_check_sees_deferred_and_absolute_imports(tmp_path, source, edge):
    """The check can fail: an import inside a function or of the top package is an edge."""
    fake = tmp_path / "cybercrime_eg"
    fake.mkdir()
    for name in ("api", "package", "__init__"):
        (fake / f"{name}.py").write_text("")
    (fake / "themes.py").write_text(source)
    graph = import_graph(fake)
    module, target = edge.split(" -> ")
    assert target in graph[module]
    assert upward_edges(graph) == [edge]


def test_the_cycle_check_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []

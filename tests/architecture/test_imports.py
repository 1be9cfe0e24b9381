"""The package layering: no import cycle between hoaxlens packages, no private name borrowed.

Walks every module's imports with ``ast`` (module level, inside functions and under
``TYPE_CHECKING`` alike: a type-only import still says which layer depends on which) and
builds the graph between top-level parts of the package (``hoaxlens.batch``,
``hoaxlens.output``, ``hoaxlens.analyzer``…).
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGE = SRC / "hoaxlens"


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(path: Path, module: str) -> list[tuple[str, tuple[str, ...], int]]:
    """``(imported module, names imported from it, line)`` for each import in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend((alias.name, (), node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            out.append((base, tuple(a.name for a in node.names), node.lineno))
    return out


def _part(module: str) -> str | None:
    """``hoaxlens.batch.run`` → ``hoaxlens.batch``; None outside the package."""
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "hoaxlens" and len(parts) > 1 else None


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, path in _modules().items():
        source = _part(module)
        if source is None:
            continue
        for imported, _names, _line in _imports(path, module):
            target = _part(imported)
            if target is not None and target != source:
                graph.setdefault(source, set()).add(target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected component of more than one part (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_between_hoaxlens_packages():
    graph = _graph()
    assert "hoaxlens.batch" in graph  # the walk sees the package
    cycles = _cycles(graph)
    detail = [
        f"{' <-> '.join(c)}: " + "; ".join(f"{a} imports {sorted(graph[a] & set(c))}" for a in c)
        for c in cycles
    ]
    assert not cycles, "\n".join(detail)


def test_no_private_name_imported_across_packages():
    borrowed = []
    for module, path in _modules().items():
        for imported, names, line in _imports(path, module):
            if _part(imported) is None or _part(imported) == _part(module):
                continue
            private = [n for n in names if n.startswith("_") and not n.startswith("__")]
            last = imported.rsplit(".", 1)[-1]
            if last.startswith("_") and not last.startswith("__"):
                private.append(imported)
            borrowed.extend(f"{path.relative_to(SRC)}:{line} {imported} {n}" for n in private)
    assert not borrowed, "private names used across packages:\n" + "\n".join(borrowed)

"""The import structure: layers point down, nothing imports in a circle.

docs/architecture.md draws the layers. Every import of our own code counts, at
the top of a module or inside a function: a lazy import still ties the modules.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The lower the number, the lower the layer. An app imports its own modules and
# those of apps in lower layers; apps of one layer do not import each other.
LAYERS = {
    "common": 0,
    "config": 0,
    "accounts": 1,
    "academy": 2,
    "participants": 3,
    "roadmaps": 3,
    "accompaniment": 4,
    "evaluation": 4,
    "opendata": 5,
    "cohort": 6,
}
# The root URL configuration names every app's URLs: it sits above them all.
TOP = {"config.urls": 7}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def our_modules() -> dict[str, Path]:
    modules = {}
    for app in LAYERS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                modules[module_name(path)] = path
    return modules


def imports_of(path: Path, name: str, known: set[str]) -> set[str]:
    """Our modules that ``path`` imports (``from x import y`` counts x.y when
    x.y is a module, else x)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                for alias in node.names
            ]
        else:
            continue
        found.update(target for target in targets if target in known)
    found.discard(name)
    return found


def layer_of(module: str) -> int:
    for prefix, layer in TOP.items():
        if module == prefix or module.startswith(prefix + "."):
            return layer
    return LAYERS[module.split(".")[0]]


def import_graph() -> dict[str, set[str]]:
    modules = our_modules()
    known = set(modules)
    return {name: imports_of(path, name, known) for name, path in modules.items()}


def test_every_app_has_a_layer():
    apps = {
        path.parent.name
        for path in ROOT.glob("*/apps.py")
        if path.parent.name not in {".venv"}
    }
    assert sorted(apps - set(LAYERS)) == []


def test_imports_point_down_the_layers():
    upward = sorted(
        f"{module} -> {target}"
        for module, targets in import_graph().items()
        for target in targets
        if module.split(".")[0] != target.split(".")[0]
        and layer_of(target) >= layer_of(module)
    )

    assert upward == []


def test_no_module_imports_itself_in_a_circle():
    graph = import_graph()
    circles = []
    index, low, stack, on_stack = {}, {}, [], set()

    def visit(node):  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)

    assert circles == []


def test_the_checks_see_an_upward_import_and_a_circle(tmp_path):
    """The helpers above find what they must (a check that cannot fail is none)."""
    (tmp_path / "low.py").write_text("from high import thing\n")
    module = imports_of(tmp_path / "low.py", "low", {"low", "high"})
    assert module == {"high"}

"""The layers hold: model < knowledge < clinical < io < present < cli, no import cycle between
modules, and no module uses another module's private names."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import mpsdose

SRC = Path(mpsdose.__file__).parent
ROOT = SRC.parent.parent


def _modules() -> dict[str, Path]:
    found = {}
    for path in SRC.rglob("*.py"):
        if "data" in path.relative_to(SRC).parts:
            continue
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(path: Path, module: str) -> list[tuple[str, list[str]]]:
    """(imported module, names) for every ``from mpsdose… import …`` in a file, at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("mpsdose"):
                found.append((target, [alias.name for alias in node.names]))
    return found


def test_the_layer_contract_holds():
    """import-linter, in its own process: it reconfigures logging, which would disable the
    loggers of the modules the rest of the suite has imported."""
    pytest.importorskip("importlinter.cli")
    code = ("import sys; from importlinter.cli import lint_imports; "
            f"sys.exit(lint_imports(config_filename={str(ROOT / 'pyproject.toml')!r}, "
            "no_logo=True, no_cache=True))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_module_imports_another_modules_private_names():
    offences = []
    for module, path in _modules().items():
        for target, names in _imports(path, module):
            for name in names:
                if name.startswith("_") and not name.startswith("__") and target != module:
                    offences.append(f"{module} imports {target}.{name}")
    assert not offences, offences


def test_no_import_cycle_between_modules():
    """Module-level imports only (a function-level import is not run at import time); the one
    documented exception of the layer contract is function-level."""
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("mpsdose"):
                target = node.module or ""
                if target in graph and target != name:
                    graph[name].add(target)
    seen: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        seen[node] = 1
        for nxt in graph[node]:
            if seen.get(nxt) == 1:
                pytest.fail("import cycle: " + " -> ".join([*stack, node, nxt]))
            if nxt not in seen:
                visit(nxt, [*stack, node])
        seen[node] = 2

    for name in graph:
        if name not in seen:
            visit(name, [])

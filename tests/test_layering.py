"""The import rules of architecture.md, read from the source with `ast`: the protocol,
procedure, engine and emulator layers stay free of MIDI and TUI libraries, the emulator
leans on nothing in wizard but the protocol core and the errors, every package imports
only the layers below it (the engine neither the transport nor the emulator, nothing
but the front ends the demo), and no module imports one that imports it back."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

WIZARD = Path(__file__).resolve().parent.parent / "wizard"

IO_FREE_PACKAGES = ("m1", "procedure", "engine", "emulator")
BANNED = frozenset({"mido", "rtmidi", "textual"})
EMULATOR_MAY_USE = ("wizard.m1", "wizard.errors", "wizard.emulator")


def module_name(path: Path) -> str:
    """Dotted name of a source file under wizard/, e.g. "wizard.m1.parse"."""
    parts = path.relative_to(WIZARD.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imported_modules(source: str, module: str, is_package: bool = False) -> list[tuple[int, str]]:
    """Every module `source` imports, as (line, absolute dotted name).

    Relative imports are resolved against `module`; `importlib.import_module("x")` and
    `__import__("x")` with a literal name count too, so a dynamic import cannot hide.
    """
    package = module if is_package else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            found.append((node.lineno, name))
            # `from wizard import tui` names a module through an alias
            found.extend((node.lineno, f"{name}.{alias.name}") for alias in node.names)
        elif isinstance(node, ast.Call) and _is_dynamic_import(node.func):
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.append((node.lineno, first.value))
    return found


def _is_dynamic_import(func: ast.expr) -> bool:
    if isinstance(func, ast.Name):
        return func.id in {"__import__", "import_module"}
    return isinstance(func, ast.Attribute) and func.attr == "import_module"


def banned_imports(source: str, module: str, is_package: bool = False) -> list[str]:
    """Imports of mido, rtmidi or textual in `source`, as "line: name"."""
    return [
        f"{line}: {name}"
        for line, name in imported_modules(source, module, is_package)
        if name.split(".")[0] in BANNED
    ]


def foreign_wizard_imports(source: str, module: str, is_package: bool = False) -> list[str]:
    """Imports of wizard modules other than m1, errors and the emulator itself.

    The bare package `wizard` is allowed: `from wizard import m1` reads its name only.
    """
    return [
        f"{line}: {name}"
        for line, name in imported_modules(source, module, is_package)
        if name.startswith("wizard.")
        and not any(name == ok or name.startswith(ok + ".") for ok in EMULATOR_MAY_USE)
    ]


def sources(package: str) -> list[Path]:
    """The Python files of wizard/<package>, or none when it does not exist yet."""
    root = WIZARD / package
    return sorted(root.rglob("*.py")) if root.is_dir() else []


IO_FREE_FILES = [path for package in IO_FREE_PACKAGES for path in sources(package)]

LOWER_ONLY: dict[str, frozenset[str]] = {
    # package: the wizard packages it must not import (architecture.md's layers)
    "m1": frozenset({"emulator", "transport", "device", "operations", "engine", "procedure"}),
    "emulator": frozenset({"transport", "device", "operations", "engine", "procedure"}),
    "transport": frozenset({"device", "operations", "engine", "procedure"}),
    "device": frozenset({"operations", "engine", "procedure"}),
    "operations": frozenset({"transport", "emulator", "engine", "procedure"}),
    "procedure": frozenset({"emulator", "transport", "device", "operations", "engine"}),
    "engine": frozenset({"transport", "emulator"}),
    "demo": frozenset(),
}
FRONT_ENDS = frozenset({"cli", "tui", "demo"})
"""No layer below the front ends imports them; only they import the demo."""


def all_modules() -> dict[str, Path]:
    """Every module under wizard/ by dotted name."""
    return {module_name(path): path for path in sorted(WIZARD.rglob("*.py"))}


def wizard_imports(path: Path, known: dict[str, Path]) -> set[str]:
    """The wizard modules `path` imports, lazy imports inside functions included.

    `from wizard.m1 import parse` names the module wizard.m1.parse (not the package);
    `from wizard.m1 import Bank` names the package wizard.m1 (its __init__ runs).
    """
    module = module_name(path)
    by_line: dict[int, set[str]] = {}
    source = path.read_text(encoding="utf-8")
    for line, name in imported_modules(source, module, path.name == "__init__.py"):
        if name in known:
            by_line.setdefault(line, set()).add(name)
        elif name.rpartition(".")[0] in known:
            by_line.setdefault(line, set()).add(name.rpartition(".")[0])
    found: set[str] = set()
    for names in by_line.values():
        found |= {n for n in names if not any(o.startswith(n + ".") for o in names)}
    found.discard(module)
    return found


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that reach each other through imports (Tarjan's algorithm)."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        order[node] = low[node] = len(order)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in order:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], order[nxt])
        if low[node] == order[node]:
            group: list[str] = []
            while True:
                top = stack.pop()
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in order:
            visit(node)
    return found


def package_of(module: str) -> str:
    """The wizard package a module belongs to ("" for wizard's own top-level modules)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and (WIZARD / parts[1]).is_dir() else ""


def test_the_walk_finds_the_protocol_core() -> None:
    names = {module_name(path) for path in IO_FREE_FILES}
    assert {"wizard.m1.parse", "wizard.m1.messages", "wizard.m1.packing"} <= names


@pytest.mark.parametrize("path", IO_FREE_FILES, ids=module_name)
def test_layer_imports_neither_midi_nor_tui_libraries(path: Path) -> None:
    module = module_name(path)
    found = banned_imports(path.read_text(encoding="utf-8"), module, path.name == "__init__.py")
    assert found == [], f"{module} imports what only transport/tui may: {found}"


@pytest.mark.parametrize("path", sources("emulator"), ids=module_name)
def test_emulator_imports_only_the_protocol_core_and_errors(path: Path) -> None:
    module = module_name(path)
    found = foreign_wizard_imports(
        path.read_text(encoding="utf-8"), module, path.name == "__init__.py"
    )
    assert found == [], f"{module} reaches outside wizard.m1 / wizard.errors: {found}"


MODULES = all_modules()
GRAPH = {name: wizard_imports(path, MODULES) for name, path in MODULES.items()}


@pytest.mark.parametrize("package", sorted(LOWER_ONLY))
def test_package_imports_only_the_layers_below_it(package: str) -> None:
    banned = LOWER_ONLY[package] | (FRONT_ENDS - {package})
    found = [
        f"{module} -> {target}"
        for module, targets in GRAPH.items()
        if package_of(module) == package
        for target in sorted(targets)
        if package_of(target) in banned
    ]
    assert found == [], f"wizard.{package} reaches a layer it must not: {found}"


def test_the_engine_imports_neither_the_transport_nor_the_emulator() -> None:
    engine = {m: t for m, t in GRAPH.items() if package_of(m) == "engine"}
    assert engine, "the walk found no engine modules"
    reached = {package_of(t) for targets in engine.values() for t in targets}
    assert reached.isdisjoint({"transport", "emulator", "demo"}), reached


def test_no_module_imports_one_that_imports_it_back() -> None:
    assert circles(GRAPH) == []


# The checks themselves, on small made-up sources, so a broken checker cannot pass quietly.


def test_the_circle_finder_sees_a_loop_of_three() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(graph) == [["a", "b", "c"]]


def test_the_circle_finder_lets_a_tree_through() -> None:
    assert circles({"a": {"b", "c"}, "b": {"c"}, "c": set()}) == []


def test_a_lazy_import_inside_a_function_counts() -> None:
    source = "def f():\n    from wizard.transport import link\n"
    names = {name for _, name in imported_modules(source, "wizard.engine.x")}
    assert "wizard.transport.link" in names


@pytest.mark.parametrize(
    "source",
    [
        "import mido",
        "import rtmidi.midiutil as mu",
        "from textual.app import App",
        "def f():\n    import mido.backends.rtmidi",
        "import importlib\nimportlib.import_module('rtmidi')",
        "__import__('textual')",
    ],
)
def test_banned_import_checker_sees_each_form(source: str) -> None:
    assert banned_imports(source, "wizard.m1.x") != []


def test_banned_import_checker_lets_ordinary_imports_through() -> None:
    source = "import ast\nfrom wizard.m1 import parse\nfrom . import packing\nimport midistuff"
    assert banned_imports(source, "wizard.m1.x") == []


@pytest.mark.parametrize(
    "source",
    [
        "from wizard.transport import link",
        "import wizard.tui.app",
        "from wizard import engine",
        "from ..cli import registry",
        "from .. import procedure",
    ],
)
def test_emulator_checker_sees_reaches_outside(source: str) -> None:
    assert foreign_wizard_imports(source, "wizard.emulator.machine") != []


@pytest.mark.parametrize(
    "source",
    [
        "from wizard.m1.messages import Status",
        "from wizard.errors import ParseError",
        "from wizard.emulator.state import M1State",
        "from .state import M1State",
        "from . import state",
        "from wizard import m1",
        "import wizard.m1",
        "from dataclasses import dataclass",
    ],
)
def test_emulator_checker_allows_its_own_layers(source: str) -> None:
    assert foreign_wizard_imports(source, "wizard.emulator.machine") == []

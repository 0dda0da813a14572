"""The import rules of architecture.md, read from the source with `ast`: the protocol,
procedure, engine and emulator layers stay free of MIDI and TUI libraries, and the
emulator leans on nothing in wizard but the protocol core and the errors."""

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


# The checks themselves, on small made-up sources, so a broken checker cannot pass quietly.


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

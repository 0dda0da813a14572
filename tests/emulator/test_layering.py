"""The emulator is sans-I/O: its modules import only the standard library, wizard.m1,
wizard.errors and wizard.emulator (architecture.md, "Layers")."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import wizard.emulator

ALLOWED = ("wizard.m1", "wizard.errors", "wizard.emulator")
PACKAGE = Path(wizard.emulator.__file__).parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_emulator_imports_only_its_layer_and_below() -> None:
    offenders: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.glob("*.py")):
        for name in imported_modules(path):
            top = name.split(".")[0]
            if top in sys.stdlib_module_names or top == "__future__":
                continue
            if not any(name == allowed or name.startswith(allowed + ".") for allowed in ALLOWED):
                offenders.setdefault(path.name, []).append(name)
    assert offenders == {}


def test_the_check_sees_real_imports() -> None:
    assert "wizard.m1.constants" in imported_modules(PACKAGE / "machine.py")

"""No import circle within wizard/tui: read with `ast`, every import counts (those under
`TYPE_CHECKING` and those inside functions too), and relative imports are resolved, so no
module imports a module that imports it back, directly or through others."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from tests.test_layering import WIZARD, imported_modules, module_name

Sources = Mapping[str, tuple[str, bool]]
"""Module name to (source text, is a package's __init__)."""


def tui_sources() -> dict[str, tuple[str, bool]]:
    """The Python files of wizard/tui by module name."""
    return {
        module_name(path): (path.read_text(encoding="utf-8"), path.name == "__init__.py")
        for path in sorted((WIZARD / "tui").rglob("*.py"))
    }


def import_graph(sources: Sources) -> dict[str, list[str]]:
    """Which of the given modules each one imports.

    A package's own submodules are imported by name (`from pkg.a import X`), so the parent
    package that Python runs first is not counted as an edge: that is what lets a package's
    `__init__` gather its modules for others.
    """
    return {
        module: sorted(
            {
                name
                for _, name in imported_modules(source, module, is_package)
                if name in sources and name != module
            }
        )
        for module, (source, is_package) in sources.items()
    }


def import_circles(graph: Mapping[str, list[str]]) -> list[list[str]]:
    """Each circle found, as the modules along it with the first repeated at the end."""
    circles: list[list[str]] = []
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            circles.append([*path[path.index(module) :], module])
            return
        if module in done:
            return
        for imported in graph.get(module, []):
            visit(imported, [*path, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])
    return circles


def test_the_walk_finds_the_step_screen_and_what_it_imports() -> None:
    graph = import_graph(tui_sources())
    assert "wizard.tui.screens.step.questions" in graph["wizard.tui.screens.step.screen"]
    assert "wizard.tui.widgets.action_bar" in graph["wizard.tui.screens.step.questions"]


def test_no_module_in_wizard_tui_imports_one_that_imports_it() -> None:
    assert import_circles(import_graph(tui_sources())) == []


# The checker itself, on made-up modules, so a broken checker cannot pass quietly.

SCREEN = "from pkg.questions import Questions\n"


@pytest.mark.parametrize(
    "questions",
    [
        "from pkg.screen import Screen",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.screen import Screen",
        "def later():\n    from .screen import Screen",
        "from . import screen",
        "import pkg.screen",
    ],
)
def test_a_circle_is_found_in_each_import_form(questions: str) -> None:
    sources = {
        "pkg": ("", True),
        "pkg.screen": (SCREEN, False),
        "pkg.questions": (questions, False),
    }
    assert import_circles(import_graph(sources)) == [
        ["pkg.questions", "pkg.screen", "pkg.questions"]
    ]


def test_a_circle_through_a_third_module_is_found() -> None:
    sources = {
        "pkg.screen": (SCREEN, False),
        "pkg.questions": ("from pkg.page import Page", False),
        "pkg.page": ("def f():\n    import pkg.screen", False),
    }
    assert import_circles(import_graph(sources)) == [
        ["pkg.page", "pkg.screen", "pkg.questions", "pkg.page"]
    ]


def test_a_package_gathering_its_modules_is_no_circle() -> None:
    sources = {
        "pkg": ("from pkg.screen import Screen\nfrom pkg.questions import Questions", True),
        "pkg.screen": (SCREEN, False),
        "pkg.questions": ("from pkg.page import Page", False),
        "pkg.page": ("", False),
    }
    assert import_circles(import_graph(sources)) == []

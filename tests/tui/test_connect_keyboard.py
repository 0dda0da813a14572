"""The connect screen from the keyboard alone: Enter on the emulated M1 connects, Enter
again continues to the procedure's first step, Tab goes from the list straight to Connect,
and the footer names the keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button

from tests.tui.person import SIZE, Person, demo_launch, until
from tests.tui.test_layout import shown_text
from wizard.tui.app import WizardApp
from wizard.tui.screens.connect import ConnectScreen
from wizard.tui.screens.step import StepScreen


async def open_connect(person: Person, procedure: str) -> ConnectScreen:
    """Start `procedure` on the home screen; the connect screen it opens."""
    await person.choose_on_home(procedure)
    app = person.app
    await until(person.pilot, lambda: isinstance(app.screen, ConnectScreen), "connect")
    await person.pilot.pause()
    screen = app.screen
    assert isinstance(screen, ConnectScreen)
    return screen


@pytest.mark.parametrize(
    ("scenario", "procedure", "first_step"),
    [
        ("factory", "backup", "Step 1 of"),
        ("battery-dead", "battery-replacement", "Step 1 of 33 · When to do this"),
    ],
)
async def test_enter_connects_and_enter_again_opens_the_first_step(
    tmp_path: Path, scenario: str, procedure: str, first_step: str
) -> None:
    app = WizardApp(demo_launch(tmp_path, scenario))
    async with app.run_test(size=SIZE) as pilot:
        person = Person(pilot)
        screen = await open_connect(person, procedure)
        await pilot.press("enter")
        proceed = screen.query_one("#connect-continue", Button)
        await until(pilot, lambda: bool(proceed.display), "the detection result")
        await pilot.pause()
        assert app.focused is proceed
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, StepScreen), "the first step")
        heading = app.screen.query_one("#step-heading")
        await until(pilot, lambda: bool(heading.display), "the first step's title")
        assert str(heading.render()).startswith(first_step)


async def test_tab_goes_from_the_list_to_connect_then_the_other_buttons(tmp_path: Path) -> None:
    # battery-replacement sends sounds: the interface test is offered on this screen too.
    app = WizardApp(demo_launch(tmp_path, "battery-dead"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_connect(Person(pilot), "battery-replacement")
        assert app.focused is screen.query_one("#port-list")
        await pilot.press("tab")
        assert app.focused is screen.query_one("#connect-go")
        await pilot.press("enter")
        proceed = screen.query_one("#connect-continue", Button)
        await until(pilot, lambda: bool(proceed.display), "the detection result")
        await pilot.pause()
        order = []
        for _ in range(5):
            await pilot.press("tab")
            order.append(app.focused.id if app.focused else None)
        assert order == ["connect-scan", "connect-back", "loop-go", "port-list", "connect-go"]


async def test_the_footer_names_the_keys_and_c_connects(tmp_path: Path) -> None:
    app = WizardApp(demo_launch(tmp_path, "factory"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_connect(Person(pilot), "factory-restore")
        lines = shown_text(app).splitlines()
        assert "Choose the interface in the list and press Enter." in " ".join(
            " ".join(lines).split()
        )
        footer = lines[-1]
        for key in ("c Connect", "r Re-scan", "i Test interface", "esc Back"):
            assert key in footer
        await pilot.press("c")
        result = screen.query_one("#detect-result")
        await until(pilot, lambda: "✓ Found a Korg M1" in str(result.render()), "the M1 found")
        assert app.focused is screen.query_one("#connect-continue")

"""The interface test inside the wizard: offered on the connect screen before a procedure
that sends sounds, with the result in plain words."""

from __future__ import annotations

from pathlib import Path

from tests.tui.person import SIZE, Person, demo_launch, until
from wizard.tui.app import WizardApp
from wizard.tui.screens.connect import ConnectScreen


async def test_connect_screen_offers_the_interface_test_before_a_restore(tmp_path: Path) -> None:
    app = WizardApp(demo_launch(tmp_path / "home", "battery-dead"))
    async with app.run_test(size=SIZE) as pilot:
        person = Person(pilot)
        await person.choose_on_home("battery-replacement")
        await until(pilot, lambda: isinstance(app.screen, ConnectScreen), "connect")
        await person.click("#loop-go")
        result = app.screen.query_one("#loop-result")
        await until(pilot, lambda: "16 KB" in str(result.render()), "the test's result")
        assert str(result.render()) == (
            "✓ Passed: 16 KB out and back unchanged. This interface carries sound banks safely."
        )


async def test_connect_screen_offers_no_interface_test_where_nothing_is_sent(
    tmp_path: Path,
) -> None:
    app = WizardApp(demo_launch(tmp_path / "home", "battery-dead"))
    async with app.run_test(size=SIZE) as pilot:
        person = Person(pilot)
        await person.choose_on_home("enable-midi")
        await until(pilot, lambda: isinstance(app.screen, ConnectScreen), "connect")
        assert not app.screen.query("#loop-go")

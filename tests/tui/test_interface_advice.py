"""Advice to test the MIDI interface, inside the wizard: a person there cannot run
`m1-wizard loopback`, so the wizard names its own interface test instead."""

from __future__ import annotations

from pathlib import Path

from tests.tui.person import SIZE, Person, demo_launch
from tests.tui.test_refused_restore_flow import reordered_bank
from wizard.device.outcomes import TEST_INTERFACE
from wizard.emulator import Faults
from wizard.engine.endings import RunStatus
from wizard.procedure.loader import load_file
from wizard.tui.app import WizardApp
from wizard.tui.screens.error import INTERFACE_TEST_TITLE, ErrorScreen, in_wizard

PROCEDURES = Path(__file__).parents[2] / "procedures"


def test_the_wizard_names_the_interface_test_by_its_title_on_the_home_screen() -> None:
    title = load_file(PROCEDURES / "interface-test.yaml").title
    assert title == INTERFACE_TEST_TITLE
    assert in_wizard(f"Bytes are lost: {TEST_INTERFACE}, then try again.") == (
        f'Bytes are lost: test it with "{title}" on the wizard\'s home screen, then try again.'
    )


async def test_an_error_dialog_gives_the_wizards_test_not_the_command(tmp_path: Path) -> None:
    app = WizardApp(demo_launch(tmp_path / "home", "factory"))
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(ErrorScreen("Damaged.", f"Bytes are lost: {TEST_INTERFACE}."))
        await pilot.pause()
        shown = str(app.screen.query_one(".dialog-text").render())
    assert "m1-wizard loopback" not in shown
    assert (
        'What to do: Bytes are lost: test it with "Test the MIDI interface (loopback)" on the '
        "wizard's home screen."
    ) in shown


async def test_a_read_back_that_differs_points_to_the_wizards_interface_test(
    tmp_path: Path,
) -> None:
    bank, sent = reordered_bank(tmp_path)
    launch = demo_launch(
        tmp_path / "home", "factory", procedure="factory-restore", connect_at_start=True
    )
    app = WizardApp(launch)
    failures: list[str] = []

    async def cable_replaced(person: Person) -> None:
        failures.append(person.check_text())
        assert app.rig is not None and app.rig.link is not None
        with app.rig.link.locked() as emulator:
            emulator.faults = Faults()  # another interface: nothing damaged any more
        await person.answer("retry")

    async with app.run_test(size=SIZE) as pilot:
        person = Person(pilot)
        await person.next_question()
        assert app.rig is not None and app.rig.link is not None
        with app.rig.link.locked() as emulator:
            emulator.faults = Faults(corrupt_input=3, seed=1)  # a cheap cable
        await person.answer("yes")
        await person.follow(bank, on_recover=cable_replaced)
        outcome = person.step_screen.outcome
        assert outcome is not None and outcome.status is RunStatus.COMPLETED
        with app.rig.link.locked() as emulator:
            assert emulator.state.memory.programs == sent.programs
    assert failures
    assert "m1-wizard loopback" not in failures[0]
    assert (
        "What to do: The MIDI interface probably corrupts long messages: test it with "
        '"Test the MIDI interface (loopback)" on the wizard\'s home screen, then send the '
        "file again (or use another interface)."
    ) in failures[0]

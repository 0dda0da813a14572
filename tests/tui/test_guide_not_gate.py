"""The panel guides, it does not gate: in the demo, a keys step whose display already shows
what it wants can be finished without the remaining keys (and the question about that
display is not asked again); a "no" to a question gets advice for that answer, not a bug
report."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button

from tests.tui.person import SIZE, Person, demo_launch
from wizard.engine.endings import RunStatus
from wizard.m1.panel_keys import Key
from wizard.tui.app import WizardApp


async def test_keys_step_finishes_once_the_display_shows_what_it_wants(tmp_path: Path) -> None:
    # A factory M1 already has every MIDI filter on: GLOBAL, 5, + shows the wanted page.
    app = WizardApp(demo_launch(tmp_path / "home", "factory"))
    async with app.run_test(size=SIZE) as pilot:
        person = Person(pilot)
        await person.choose_on_home("enable-midi")
        await person.connect_emulator()
        # Found on connecting: the cable instruction is not asked again (said once).
        assert await person.next_question() == "keys"
        screen = person.step_screen
        assert screen.query_one("#act-yes", Button).disabled
        await person.type_keys((Key.GLOBAL, Key("5"), Key("+")))
        assert not screen.query_one("#act-yes", Button).disabled
        assert str(screen.query_one("#display-note").render()) == (
            "✓ The display already shows what it should: Continue, no more keys needed."
        )
        await person.answer("yes")
        # "Does the lower line of the display show ENA four times?" was seen: not asked.
        # The M1 answers over MIDI by itself, so the run ends with nothing more to ask.
        assert await person.next_question() == "end"
        outcome = person.step_screen.outcome
        assert outcome is not None and outcome.status is RunStatus.COMPLETED


async def test_a_no_to_a_question_gets_advice_for_that_answer(tmp_path: Path) -> None:
    app = WizardApp(demo_launch(tmp_path / "home", "used"))
    async with app.run_test(size=SIZE) as pilot:
        person = Person(pilot)
        await person.choose_on_home("used-m1-checklist")
        await person.connect_emulator()
        while await person.next_question() != "confirm":
            await person.answer("yes")
        assert person.step.id == "battery-fine"
        await person.answer("no")
        assert await person.next_question() == "recover"
        verdict = person.check_text()
        assert verdict.startswith("You answered no\nWhat to do: A “Battery Low” message means")
        assert "Failed" not in verdict
        assert "MIDI log for a bug report" not in str(
            person.step_screen.query_one("#notes").render()
        )

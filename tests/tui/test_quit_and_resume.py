"""Quitting in the middle of the battery replacement and coming back: q stops at the step
under way, the home screen offers to resume there (also after the app was closed and
opened again), and the run goes on from that step."""

from __future__ import annotations

from pathlib import Path

from tests.tui.person import SIZE, Person, demo_launch, until
from wizard.engine.endings import RunStatus
from wizard.operations.journal import Event, Journal
from wizard.tui.app import WizardApp
from wizard.tui.screens.home import RESUME_ID, HomeScreen

STOP_AT = "battery-replacement/turn-over"


async def test_q_stops_at_the_step_and_the_home_screen_resumes_there(tmp_path: Path) -> None:
    launch = demo_launch(tmp_path / "home", "battery-dead")
    app = WizardApp(launch)
    async with app.run_test(size=SIZE) as pilot:
        person = Person(pilot)
        await person.choose_on_home("battery-replacement")
        await person.connect_emulator()
        while await person.next_question() and person.step_screen.questions.position:
            position = person.step_screen.questions.position
            if position.path == STOP_AT:
                break
            await person.answer("yes")
        await pilot.press("q")
        assert await person.next_question() == "end"
        outcome = person.step_screen.outcome
        assert outcome is not None and outcome.status is RunStatus.STOPPED
        assert outcome.path == STOP_AT
        assert "resume at step 4 of 33: 2. Turn the M1 over onto padding" in person.step_text()
        await person.answer("home")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "the home screen")
        details = str(app.screen.query_one("#details-text").render())
        assert "It goes on at step 4 of 33: 2. Turn the M1 over onto padding." in details
    stopped = [e for e in Journal(app.unit.journal).read().entries if e.event is Event.STOPPED]
    assert [e.path for e in stopped] == [STOP_AT]

    # Opened again (a new app, the same files): the resume entry is first and goes on there.
    again = WizardApp(launch)
    async with again.run_test(size=SIZE) as pilot:
        person = Person(pilot)
        await person.choose_on_home(RESUME_ID)
        await person.connect_emulator()
        await person.next_question()
        resumed = person.step_screen.questions.position
        assert resumed is not None and resumed.path == STOP_AT
        assert "Resuming at step 4 of 33: 2. Turn the M1 over onto padding." in str(
            person.step_screen.query_one("#notes").render()
        )

"""Cancel and quit as a person expects them: Escape cancels a backup in one press, the
cancelled backup says that nothing was saved and the M1 is unchanged (not "Failed"), the
Retry/Skip/Abort buttons go once one is chosen, and a run stopped during a transfer leaves
no frozen progress box and no live Cancel."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button

from tests.tui.person import SIZE, Person, demo_launch, until
from wizard.emulator import Timing
from wizard.engine.endings import RunStatus
from wizard.tui.app import WizardApp
from wizard.tui.widgets.action_bar import ActionBar
from wizard.tui.widgets.transfer_view import TransferView

SLOW = Timing(wire_rate=20000.0)
"""Fast enough for a test, slow enough that a backup is still running when Escape lands."""


def backup_app(home: Path) -> WizardApp:
    launch = demo_launch(home, "factory", procedure="backup", connect_at_start=True, timing=SLOW)
    return WizardApp(launch)


async def until_backing_up(person: Person) -> TransferView:
    """Answer the steps before the backup and wait until its figures are on show."""
    screen = person.step_screen
    bar = screen.query_one(ActionBar)

    def backing_up() -> bool:
        view = screen.query_one(TransferView)
        return view.display and view.progress is not None

    while not backing_up():
        await until(person.pilot, lambda: backing_up() or bar.pending, "the backup")
        if not backing_up():
            await person.next_question()
            await person.answer("yes")
    assert person.step.kind == "backup"
    return screen.query_one(TransferView)


async def test_escape_cancels_a_backup_and_says_nothing_was_saved(tmp_path: Path) -> None:
    app = backup_app(tmp_path / "home")
    async with app.run_test(size=SIZE) as pilot:
        person = Person(pilot)
        await until_backing_up(person)
        await pilot.press("escape")
        assert await person.next_question() == "recover"
        assert person.check_text() == (
            "■ Cancelled: nothing was saved, and the M1 is unchanged.\n"
            "What to do: Nothing on disk was left half written. Press Retry to start again, "
            "or Abort to end here."
        )
        # "Cancelling …" was news while the cancel was under way; the verdict replaces it.
        notes = person.step_screen.query_one("#notes")
        assert "Cancelling" not in str(notes.render()) or not notes.display
        assert list(app.unit.backups.glob("*.syx")) == []
        await person.answer("retry")
        # While the backup runs again, Retry, Skip and Abort are gone, not greyed out.
        view = await until_backing_up(person)
        assert list(person.step_screen.query_one(ActionBar).query(Button)) == []
        assert view.banner.value == ""


async def test_quit_during_a_backup_leaves_no_progress_box(tmp_path: Path) -> None:
    app = backup_app(tmp_path / "home")
    async with app.run_test(size=SIZE) as pilot:
        person = Person(pilot)
        view = await until_backing_up(person)
        await pilot.press("q")
        assert await person.next_question() == "end"
        outcome = person.step_screen.outcome
        assert outcome is not None and outcome.status is RunStatus.STOPPED
        assert not person.step_screen.query_one(TransferView).display
        assert not view.is_attached or not view.display


async def test_after_the_end_q_says_and_does_back_to_the_start(tmp_path: Path) -> None:
    from textual.widgets import Footer

    from tests.tui.person import until
    from wizard.tui.screens.home import HomeScreen

    app = backup_app(tmp_path / "home")
    async with app.run_test(size=(120, 30)) as pilot:
        person = Person(pilot)
        await until_backing_up(person)
        footer = person.step_screen.query_one(Footer)
        assert "Stop here" in " ".join(str(k.render()) for k in footer.query("FooterKey"))
        await pilot.press("q")
        assert await person.next_question() == "end"
        await pilot.pause()
        keys = " ".join(str(k.render()) for k in footer.query("FooterKey"))
        assert "Back to the start" in keys and "Stop here" not in keys
        await pilot.press("q")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "the home screen")

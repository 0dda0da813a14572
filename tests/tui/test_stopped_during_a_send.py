"""q pressed while sounds go into the M1: the run stops once the data is in and read back,
and the stopped screen says plainly that the M1 may be switched off and that what was sent
was verified; no line about reading back is left over from the work that has ended, and the
end's own sentence is not said twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.engine.helpers import factory_file
from tests.tui.person import SIZE, Person, demo_launch
from wizard.device.progress import Progress
from wizard.engine.endings import RunStatus
from wizard.operations import words
from wizard.tui.app import WizardApp
from wizard.tui.screens.step import StepScreen
from wizard.tui.widgets.transfer_view import TransferView


async def test_the_stopped_screen_says_the_send_was_verified_and_nothing_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    update = TransferView.update_progress

    def q_while_sending(view: TransferView, progress: Progress) -> None:
        # The demo sends fast: q is pressed at the moment the first bytes go in.
        update(view, progress)
        if progress.in_flight and not pressed:
            pressed.append(progress)
            screen = view.screen
            assert isinstance(screen, StepScreen)
            screen.action_stop()

    pressed: list[Progress] = []
    monkeypatch.setattr(TransferView, "update_progress", q_while_sending)
    bank = factory_file(tmp_path, "factory-like.syx")
    launch = demo_launch(
        tmp_path / "home", "factory", procedure="factory-restore", connect_at_start=True
    )
    app = WizardApp(launch)
    async with app.run_test(size=SIZE) as pilot:
        person = Person(pilot)
        while (kind := await person.next_question()) != "overwrite":
            match kind:
                case "file":
                    await person.paste_path(str(bank))
                    await person.click("#file-send")
                case "keys":
                    await person.type_keys(person.lit())
                    await person.answer("yes")
                case _:
                    await person.answer("yes")
        await person.click("#overwrite-yes")
        assert await person.next_question() == "end"
        outcome = person.step_screen.outcome
        assert outcome is not None and outcome.status is RunStatus.STOPPED
        notes = str(person.step_screen.query_one("#notes").render()).splitlines()
    assert pressed, "q was pressed while data went in"
    assert notes[-1] == f"✓ {words.STOPPED_VERIFIED}"
    assert words.KEEP_ON_READING not in notes
    assert not any(line.startswith("Done, and it cannot be undone") for line in notes)

    # Opened again, the run resumes at the read-back: once it proves the sounds, the next
    # step says the M1 may be switched off (nothing more goes into it).
    monkeypatch.setattr(TransferView, "update_progress", update)
    again = WizardApp(launch)
    async with again.run_test(size=SIZE) as pilot:
        person = Person(pilot)
        kind = await person.next_question()
        assert person.step.id == "first-sound", (kind, person.step.id)
        notes = str(person.step_screen.query_one("#notes").render()).splitlines()
        assert f"✓ {words.SAFE_NOW}" in notes
        await person.type_keys(person.lit())
        await person.answer("yes")
        await person.follow()
        outcome = person.step_screen.outcome
        assert outcome is not None and outcome.status is RunStatus.COMPLETED
        # The backup this run took before the stop is shown at its end, with its place.
        (saved,) = again.unit.backups.glob("*.syx")
        files = str(person.step_screen.query_one("#files").render())
        assert files.startswith(f"Backup file: {saved}\nIn the folder: {saved.parent}")
        notes = str(person.step_screen.query_one("#notes").render()).splitlines()
    # The end's heading says "Completed"; the notes do not say it again.
    assert not any(line.startswith("Completed:") for line in notes)
    assert notes[-1] == f"✓ {words.STOPPED_VERIFIED}"

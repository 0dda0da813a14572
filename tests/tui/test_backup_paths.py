"""Where the files are: a backup is shown with its full path and its folder from the moment
it is saved, at the "keep the file safe" step and on the completion screen; p copies the
path; in the demo the wizard says that the backup is of the emulated M1."""

from __future__ import annotations

from pathlib import Path

from tests.tui.person import SIZE, Person, demo_launch
from wizard.operations.words import DEMO_FILES_TEMPORARY


async def test_the_backup_is_shown_with_its_path_and_copied_with_p(tmp_path: Path) -> None:
    launch = demo_launch(tmp_path / "home", "factory", procedure="backup", connect_at_start=True)
    from wizard.tui.app import WizardApp

    app = WizardApp(launch)
    async with app.run_test(size=SIZE) as pilot:
        person = Person(pilot)
        shown_at_keep_it = ""
        while (kind := await person.next_question()) != "end":
            if person.step.id == "keep-it":
                shown_at_keep_it = str(person.step_screen.query_one("#files").render())
            assert kind != "recover", person.check_text()
            await person.answer("yes")
        (saved,) = app.unit.backups.glob("*.syx")
        expected = (
            f"Backup file: {saved}\n"
            f"In the folder: {saved.parent}\n"
            f"{DEMO_FILES_TEMPORARY}\n"
            "(p: copy the backup's path)"
        )
        assert shown_at_keep_it == expected
        assert str(person.step_screen.query_one("#files").render()) == expected
        assert "✓ Completed: Back up the M1 to the computer." in person.step_text()
        await pilot.press("p")
        await pilot.pause()
        assert app.clipboard == str(saved)

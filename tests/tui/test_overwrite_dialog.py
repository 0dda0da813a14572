"""The overwrite question as the person sees it: each part the send replaces (only those
sent), with what and from which file, the factory recognition inside the dialog, the safe
answer focused with the way to the other written on it; "Not now" is the person's choice,
never "Failed", and Retry goes back to choosing the file."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button

from tests.engine.helpers import factory_file
from tests.tui.person import SIZE, Person, demo_launch
from wizard.tui.app import WizardApp
from wizard.tui.screens.overwrite import OverwriteScreen

FIXTURES = Path("../shared/fixtures/m1")


async def run_to_overwrite(person: Person, bank: Path) -> str:
    while (kind := await person.next_question()) != "overwrite":
        assert kind != "end"
        if kind == "file":
            await person.paste_path(str(bank))
            await person.click("#file-send")
        elif kind == "keys":
            await person.type_keys(person.lit())
            await person.answer("yes")
        else:
            await person.answer("yes")
    screen = person.app.screen
    assert isinstance(screen, OverwriteScreen)
    return str(screen.query_one("#overwrite-text").render())


def app_for(tmp_path: Path) -> WizardApp:
    launch = demo_launch(
        tmp_path / "home", "factory", procedure="factory-restore", connect_at_start=True
    )
    return WizardApp(launch)


async def test_a_whole_bank_lists_every_part_with_its_file_and_the_recognition(
    tmp_path: Path,
) -> None:
    bank = factory_file(tmp_path, "factory-like.syx")
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        person = Person(pilot)
        text = await run_to_overwrite(person, bank)
        assert text.startswith(
            "This send replaces in the M1's memory:\n"
            " • the global settings\n"
            " • the combinations\n"
            " • the programs\n"
            " • the songs (sequencer data)\n"
            "With:\n"
        )
        assert ", from factory-like.syx" in text
        assert "Recognised" not in text  # made by the emulator: not Korg's set
        (backup,) = [p for p in (tmp_path / "home").rglob("*.syx") if "backups" in p.parts]
        assert (
            "What makes it safe: A backup of everything in the M1's memory was saved and read "
            f"back in this run: {backup}"
        ) in text
        assert "SHA-256" not in text
        screen = app.screen
        assert screen.focused is screen.query_one("#overwrite-no", Button)
        keys = str(screen.query_one("#overwrite-keys").render())
        assert keys == "Enter or Esc: not now · Tab, then Enter: overwrite now"
        await pilot.press("enter")  # the focused, safe answer
        assert await person.next_question() == "recover"
        assert person.check_text() == (
            "■ Not now: You chose not to overwrite the M1's memory, so nothing was sent.\n"
            "What to do: Press Retry to choose the sounds again when ready, or Skip this step "
            "to go on without sending."
        )
        await person.answer("retry")
        assert await person.next_question() == "file"


async def test_only_programs_sent_replaces_only_the_programs(tmp_path: Path) -> None:
    programs = FIXTURES / "ORIGPROG.SYX"
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        person = Person(pilot)
        text = await run_to_overwrite(person, programs)
        assert text.startswith(
            "This send replaces in the M1's memory:\n • the programs\nWith:\n • 100 programs ("
        )
        assert "from ORIGPROG.SYX" in text
        assert "combinations" not in text.split("Recognised")[0]
        assert (
            'Recognised: This file holds Korg\'s M1 factory sounds: programs (00 "Universe"'
        ) in text

"""Resume means resume in the demo too: the emulated M1, the journal and the backups are
kept in a demo folder between runs, and `--demo --fresh` starts afresh."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.person import SIZE, Person, demo_launch, until
from wizard.cli import main
from wizard.demo.saved_m1 import load_m1
from wizard.m1.panel_keys import Choice
from wizard.tui.app import WizardApp
from wizard.tui.launch import Launch
from wizard.tui.screens.home import RESUME_ID, HomeScreen

STOP_AT = "battery-replacement/protects-off"


def test_the_demo_folder_is_kept_and_fresh_empties_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    opened: list[Launch] = []
    monkeypatch.setattr("wizard.tui.app.run_app", opened.append)
    monkeypatch.setenv("M1_WIZARD_HOME", str(tmp_path))
    assert main(["--demo", "--scenario", "used"]) == 0
    folder = opened[-1].home
    assert folder == tmp_path / "demo" / "used"
    folder.mkdir(parents=True)
    (folder / "journal.jsonl").write_text("{}\n")
    assert main(["--demo", "--scenario", "used"]) == 0
    assert (folder / "journal.jsonl").exists()  # kept: the next run resumes
    assert main(["--demo", "--scenario", "used", "--fresh"]) == 0
    assert opened[-1].home == folder and not folder.exists()


async def test_a_demo_run_resumes_with_the_emulated_m1_as_it_was_left(tmp_path: Path) -> None:
    launch = demo_launch(tmp_path / "home", "battery-dead")
    app = WizardApp(launch)
    async with app.run_test(size=SIZE) as pilot:
        person = Person(pilot)
        await person.choose_on_home("battery-replacement")
        await person.connect_emulator()
        while (kind := await person.next_question()) != "end":
            position = person.step_screen.questions.position
            assert position is not None
            if position.path == STOP_AT:
                break
            if kind == "keys":
                await person.type_keys(p for p in person.lit() if not isinstance(p, Choice))
            await person.answer("yes")
        await pilot.press("q")
        assert await person.next_question() == "end"
        await person.answer("home")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "the home screen")
    kept = load_m1(launch.home)
    assert kept is not None and kept.excl_enabled  # the MIDI filters set before the stop

    again = WizardApp(launch)
    async with again.run_test(size=SIZE) as pilot:
        person = Person(pilot)
        await person.choose_on_home(RESUME_ID)
        # The M1 kept its MIDI settings, so it answers at once this time.
        assert "Nothing answered." not in await person.connect_emulator()
        await person.next_question()
        resumed = person.step_screen.questions.position
        assert resumed is not None and resumed.path == STOP_AT

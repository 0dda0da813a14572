"""The second-hand M1 checklist in the demo, on the emulated stranger's M1 (channel 5, EXCL
off, protects on, 50/50 memory): the person switches MIDI on, unlocks the memory and
changes the allocation on the drawn panel, and the wizard saves what the last owner left
before the bank goes in; after that, keys steps name the backup in one line."""

from __future__ import annotations

from pathlib import Path

from tests.engine.helpers import factory_file
from tests.tui.person import SIZE, Person, demo_launch
from wizard.emulator import build_state
from wizard.engine.endings import RunStatus
from wizard.m1.constants import Allocation
from wizard.tui.app import WizardApp

FACTORY = build_state("factory").memory


async def test_used_m1_is_set_up_on_the_drawn_panel_and_gets_the_new_bank(tmp_path: Path) -> None:
    bank = factory_file(tmp_path, "bank.syx")
    app = WizardApp(demo_launch(tmp_path / "home", "used"))
    async with app.run_test(size=SIZE) as pilot:
        person = Person(pilot)
        await person.choose_on_home("used-m1-checklist")
        assert "Nothing answered." in await person.connect_emulator()
        under_keys: dict[str, str] = {}

        async def look(person: Person) -> None:
            files = person.step_screen.query_one("#files")
            if person.step.kind == "keys" and files.display:
                under_keys[person.step.id] = str(files.render())

        keys_steps = await person.follow(bank, on_question=look)
        outcome = person.step_screen.outcome
        assert outcome is not None and outcome.status is RunStatus.COMPLETED
        assert keys_steps == [
            "set-filters",
            "protects-off",
            "set-allocation",
            "first-sound",
            "new-first-sound",
        ]
        assert app.rig is not None and app.rig.link is not None
        with app.rig.link.locked() as emulator:
            state = emulator.state
            assert state.excl_enabled
            assert not (state.protect_program or state.protect_combination)
            assert state.memory.allocation is Allocation.P100_C100
            assert state.memory.programs == FACTORY.programs
            assert state.memory.combinations == FACTORY.combinations
    # What the last owner left was saved (and read back) before anything was replaced.
    (saved,) = sorted(app.unit.backups.glob("*.syx"))
    assert saved.name.endswith("-all.syx")
    # At 80 x 24 the six lines of the backup's place pushed a keys step's own words and
    # the M1's display off the screen; there the backup is named in one line.
    assert under_keys["set-allocation"] == f"Backup saved: {saved.name} (p copies its full path)"

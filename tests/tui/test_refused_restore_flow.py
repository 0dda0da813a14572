"""A restore the M1 refuses because a memory protect is still on, and its recovery: the
error names the fix, the drawn panel lights the protect keys, the person presses them on
the emulated panel, and Retry sends the bank again and verifies it."""

from __future__ import annotations

from pathlib import Path

from tests.tui.person import SIZE, Person, demo_launch
from wizard.device.outcomes import PROTECT_OFF_KEYS
from wizard.emulator import build_state
from wizard.emulator.dumps import bank_dump
from wizard.emulator.state import Memory
from wizard.engine.endings import RunStatus
from wizard.m1 import Bank, Function
from wizard.m1.panel_keys import parse_sequence
from wizard.tui.app import WizardApp


def reordered_bank(folder: Path) -> tuple[Path, Memory]:
    """A 100/100 bank unlike the M1's own: the factory set with programs 00 and 01 swapped."""
    memory = build_state("factory").memory.copy()
    memory.programs[0], memory.programs[1] = memory.programs[1], memory.programs[0]
    path = folder / "reordered.syx"
    path.write_bytes(bank_dump(memory, Function.ALL_DATA_DUMP, Bank.INTERNAL, 1).to_bytes())
    return path, memory


async def test_refused_restore_is_recovered_on_the_panel_and_verified(tmp_path: Path) -> None:
    bank, sent = reordered_bank(tmp_path)
    launch = demo_launch(
        tmp_path / "home", "factory", procedure="factory-restore", connect_at_start=True
    )
    app = WizardApp(launch)
    refusals: list[str] = []

    async def fix_on_the_panel(person: Person) -> None:
        assert person.step.id == "send-bank", person.check_text()
        refusals.append(person.check_text())
        assert person.lit() == parse_sequence(PROTECT_OFF_KEYS)
        await person.type_keys(person.lit())
        await person.answer("retry")

    async with app.run_test(size=SIZE) as pilot:
        person = Person(pilot)
        await person.next_question()  # the first step is on show; the M1 not yet asked
        assert app.rig is not None and app.rig.link is not None
        with app.rig.link.locked() as emulator:
            # Programs and combinations unlocked, the sequencer left locked; MIDI cannot
            # tell, and the person below answers the check's question with "yes" anyway.
            emulator.state.protect_sequence = True
        await person.answer("yes")
        await person.follow(bank, on_recover=fix_on_the_panel)
        outcome = person.step_screen.outcome
        assert outcome is not None and outcome.status is RunStatus.COMPLETED
        with app.rig.link.locked() as emulator:
            assert not emulator.state.protect_sequence
            assert emulator.state.memory.programs == sent.programs
    (refusal,) = refusals
    assert "The M1 refused the data (reply 24, DATA LOAD ERROR)" in refusal
    assert f"What to do: Turn the memory protects off ({PROTECT_OFF_KEYS})" in refusal

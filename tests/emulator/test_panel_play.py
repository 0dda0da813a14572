"""The emulated front panel in PROG, COMBI and the EDIT modes, unknown keys, and the LCD's
size on every page."""

from __future__ import annotations

import pytest

from tests.emulator.panel_driver import drive
from tests.shared import shared_capture
from wizard.emulator.actions import ModeChanged, ProgramSelected
from wizard.emulator.panel import EmulatedPanel
from wizard.emulator.state import M1State, Memory
from wizard.errors import BuildError
from wizard.m1.constants import Allocation, Mode
from wizard.m1.messages import AllProgramsDump
from wizard.m1.panel_keys import Key
from wizard.m1.parse import parse
from wizard.m1.records import encode_name


def named(name: str, size: int) -> bytes:
    return encode_name(name) + bytes(size - 10)


def numbered_memory() -> Memory:
    return Memory(
        programs=[named(f"Prog {n:02d}", 143) for n in range(100)],
        combinations=[named(f"Combi {n:02d}", 124) for n in range(100)],
    )


def test_prog_00_selects_the_first_program() -> None:
    state = M1State(mode=Mode.GLOBAL, memory=numbered_memory(), program_number=42)
    panel = EmulatedPanel(state)
    actions = drive(panel, "PROG, 00.")
    assert actions == [ModeChanged(Mode.PROGRAM), ProgramSelected(0)]
    assert state.mode is Mode.PROGRAM
    assert state.program_number == 0
    assert state.edit_program == state.memory.programs[0]
    assert panel.display == (
        "Program 00  Prog 00".ljust(40),
        "Bank:INT   Memory:100/100".ljust(40),
    )


@pytest.mark.fixtures
def test_prog_00_shows_universe_with_the_factory_programs() -> None:
    data = shared_capture("ORIGPROG.SYX")
    start = data.index(b"\xf0\x42")
    dump = parse(data[start : data.index(b"\xf7", start) + 1])
    assert isinstance(dump, AllProgramsDump)
    state = M1State(mode=Mode.GLOBAL, memory=Memory(programs=[p.raw for p in dump.programs]))
    panel = EmulatedPanel(state)
    drive(panel, "PROG, 00")
    assert panel.display[0] == "Program 00  Universe".ljust(40)
    drive(panel, "9, 9")
    assert panel.display[0] == "Program 99  Surprise!!".ljust(40)


def test_first_digit_waits_for_the_second() -> None:
    state = M1State(memory=numbered_memory())
    panel = EmulatedPanel(state)
    assert panel.press("4") == []
    assert panel.display[0] == "Program 4_".ljust(40)
    assert panel.press("2") == [ProgramSelected(42)]
    assert panel.display[0] == "Program 42  Prog 42".ljust(40)


def test_another_key_drops_a_half_typed_number() -> None:
    state = M1State(memory=numbered_memory())
    panel = EmulatedPanel(state)
    drive(panel, "4, A, 1, 2")
    assert state.program_number == 12


def test_number_beyond_the_allocation_is_refused() -> None:
    memory = Memory(
        allocation=Allocation.P50_C50,
        programs=[named(f"Prog {n:02d}", 143) for n in range(50)],
        combinations=[named(f"Combi {n:02d}", 124) for n in range(50)],
    )
    state = M1State(memory=memory, program_number=3)
    panel = EmulatedPanel(state)
    assert drive(panel, "7, 5") == []
    assert state.program_number == 3
    assert panel.display[1] == "Out of Range".ljust(40)


def test_up_then_down_shows_the_newly_loaded_bank() -> None:
    state = M1State(memory=numbered_memory())
    panel = EmulatedPanel(state)
    drive(panel, "PROG, 00")
    # A bulk load replaces memory; the edit buffer (and the display) keep the old sound.
    state.memory.programs = [named(f"New {n:02d}", 143) for n in range(100)]
    assert panel.display[0] == "Program 00  Prog 00".ljust(40)
    actions = drive(panel, "UP, DOWN")
    assert actions == [ProgramSelected(1), ProgramSelected(0)]
    assert panel.display[0] == "Program 00  New 00".ljust(40)
    assert state.edit_program == state.memory.programs[0]


def test_up_and_down_stop_at_the_ends() -> None:
    state = M1State(memory=numbered_memory(), program_number=99)
    panel = EmulatedPanel(state)
    assert panel.press("UP") == []
    assert panel.press("DOWN") == [ProgramSelected(98)]
    state.program_number = 0
    assert panel.press("DOWN") == []


def test_combi_selects_a_combination() -> None:
    state = M1State(memory=numbered_memory())
    panel = EmulatedPanel(state)
    actions = drive(panel, "COMBI, 17")
    assert actions == [ModeChanged(Mode.COMBINATION), ProgramSelected(17)]
    assert state.combination_number == 17
    assert state.program_number == 0
    assert state.edit_combination == state.memory.combinations[17]
    assert panel.display[0] == "Combi 17  Combi 17".ljust(40)


def test_edit_modes_keep_the_edit_buffer_and_number_pages() -> None:
    state = M1State(memory=numbered_memory())
    panel = EmulatedPanel(state)
    drive(panel, "PROG, 0, 5")
    edited = named("Edited", 143)
    state.edit_program = edited
    assert drive(panel, "EDIT PROG, 3") == [ModeChanged(Mode.EDIT_PROGRAM)]
    assert panel.location == (Mode.EDIT_PROGRAM, 3, 0)
    assert panel.display == ("Edit Prog 3".ljust(40), "05  Edited".ljust(40))
    drive(panel, "PROG")
    assert state.edit_program == edited  # EDIT PROG -> PROG keeps the edits
    drive(panel, "EDIT COMBI")
    assert panel.display == ("Edit Combi 0".ljust(40), "00  Combi 00".ljust(40))


def test_card_key_without_a_card() -> None:
    panel = EmulatedPanel(M1State())
    assert panel.press("CARD") == []
    assert panel.display[1] == "No Card".ljust(40)
    panel.press("INT")
    assert panel.display[1] == "Bank:INT   Memory:100/100".ljust(40)


def test_unknown_key_is_refused_with_the_closest_key() -> None:
    panel = EmulatedPanel(M1State())
    with pytest.raises(BuildError) as caught:
        panel.press("GLOBL")
    assert (
        str(caught.value) == "'GLOBL' is not a key on the M1's front panel. Did you mean 'GLOBAL'?"
    )
    with pytest.raises(BuildError) as caught:
        panel.press("start stop")
    assert caught.value.message == "'start stop' is not a key on the M1's front panel."
    assert caught.value.next_action == "Did you mean 'START/STOP'?"


def test_a_choice_cannot_be_pressed() -> None:
    panel = EmulatedPanel(M1State())
    with pytest.raises(BuildError) as caught:
        panel.press("UP/DOWN")
    assert str(caught.value) == (
        "'UP/DOWN' is a choice between keys, not one key. Press one of them: UP or DOWN."
    )


def test_keys_are_read_in_any_case() -> None:
    state = M1State()
    panel = EmulatedPanel(state)
    assert panel.press("global") == [ModeChanged(Mode.GLOBAL)]
    panel.press("Up")
    assert panel.display[1] == "Master Tune:+01".ljust(40)


def every_page() -> list[tuple[str, str]]:
    """The display of every page and sub-page of every mode."""
    state = M1State(memory=numbered_memory())
    panel = EmulatedPanel(state)
    shown = [panel.display]
    for mode_key in ("GLOBAL", "SEQ", "EDIT PROG", "EDIT COMBI", "COMBI"):
        panel.press(mode_key)
        shown.append(panel.display)
        for number in "0123456789":
            panel.press(number)
            shown.append(panel.display)
            for _ in range(4):
                panel.press("+")
                shown.append(panel.display)
    return shown


def test_every_page_is_two_lines_of_forty_characters() -> None:
    shown = every_page()
    assert len(set(shown)) > 40
    for lines in shown:
        assert len(lines) == 2
        assert all(len(line) == 40 for line in lines)


def test_cursor_moves_only_to_fields_of_the_page() -> None:
    panel = EmulatedPanel(M1State(mode=Mode.GLOBAL))
    cursors = []
    for keys in ("5, +", "B", "H", "C"):
        drive(panel, keys)
        cursors.append(panel.cursor)
    assert cursors == [Key.A, Key.A, Key.H, Key.H]

"""Rule 7 (4E MODE CHANGE), rule 8 (Program Change) and rule 9's active sensing of
m1-sysex.md §5.6."""

from __future__ import annotations

import pytest

from tests.emulator.helpers import LOAD_COMPLETED, LOAD_ERROR, answer, emulator, hx
from wizard.emulator import Behaviour, Faults, M1Emulator, Reply
from wizard.m1 import Mode
from wizard.m1.records import Combination, Program


@pytest.mark.parametrize(
    ("mode_byte", "mode"),
    [
        ("00", Mode.COMBINATION),
        ("01", Mode.EDIT_COMBINATION),
        ("02", Mode.PROGRAM),
        ("03", Mode.EDIT_PROGRAM),
    ],
)
def test_mode_change_selects_modes_0_to_3_without_reply(mode_byte: str, mode: Mode) -> None:
    m1 = emulator()
    m1.state.mode = Mode.GLOBAL
    assert answer(m1, f"F0 42 30 19 4E {mode_byte} 00 F7") == []
    assert m1.state.mode is mode


def test_the_display_follows_a_mode_change_received_over_midi() -> None:
    m1 = emulator()
    m1.press("GLOBAL")
    assert m1.display[0].startswith("Global 0  Master Tune")
    answer(m1, "F0 42 30 19 4E 00 00 F7")
    assert m1.state.mode is Mode.COMBINATION
    assert m1.display[0].startswith("Combi 00  ")
    assert m1.display == emulator_in(Mode.COMBINATION).display


def emulator_in(mode: Mode) -> M1Emulator:
    """A fresh emulated M1 whose panel opened in `mode`."""
    m1 = emulator()
    m1.state.mode = mode
    return m1


@pytest.mark.parametrize("mode_byte", ["04", "06", "05", "07"])
def test_mode_change_to_global_or_sequencer_is_ignored(mode_byte: str) -> None:
    m1 = emulator()
    assert answer(m1, f"F0 42 30 19 4E {mode_byte} 00 F7") == []
    assert m1.state.mode is Mode.PROGRAM


def test_mode_change_to_global_is_possible_when_switched_on() -> None:
    m1 = emulator(behaviour=Behaviour(remote_modes=frozenset(Mode)))
    answer(m1, "F0 42 30 19 4E 04 00 F7")
    assert m1.state.mode is Mode.GLOBAL


def test_mode_change_with_dont_change_flag_is_ignored() -> None:
    m1 = emulator()
    answer(m1, "F0 42 30 19 4E 00 01 F7")
    assert m1.state.mode is Mode.PROGRAM


def test_malformed_mode_change_is_a_format_error() -> None:
    assert answer(emulator(), "F0 42 30 19 4E 00 F7") == [hx("F0 42 30 19 26 F7")]


def test_mode_change_into_prog_reloads_the_edit_buffer() -> None:
    m1 = emulator()
    m1.state.mode = Mode.COMBINATION
    m1.state.program_number = 22
    m1.state.edit_program = bytes(143)
    answer(m1, "F0 42 30 19 4E 02 00 F7")
    assert Program(m1.state.edit_program).name == "Pizzicato"


def test_mode_change_between_prog_and_edit_prog_keeps_edits() -> None:
    m1 = emulator()
    edited = m1.state.memory.programs[50]
    m1.state.edit_program = edited
    answer(m1, "F0 42 30 19 4E 03 00 F7")
    answer(m1, "F0 42 30 19 4E 02 00 F7")
    assert m1.state.edit_program == edited


def test_mode_change_into_combi_reloads_the_combination_edit_buffer() -> None:
    m1 = emulator()
    m1.state.combination_number = 2
    m1.state.edit_combination = bytes(124)
    answer(m1, "F0 42 30 19 4E 00 00 F7")
    assert Combination(m1.state.edit_combination).name == "Big Split"


def test_parameter_change_is_ignored() -> None:
    m1 = emulator()
    before = m1.state.edit_program
    assert answer(m1, "F0 42 30 19 41 01 02 05 00 F7") == []
    assert m1.state.edit_program == before


def test_program_change_selects_the_program_silently_by_default() -> None:
    m1 = emulator()
    assert answer(m1, "C0 14") == []
    assert m1.state.program_number == 20
    assert m1.state.edit_program == m1.state.memory.programs[20]


def test_program_change_in_combi_mode_selects_a_combination() -> None:
    m1 = emulator()
    m1.state.mode = Mode.COMBINATION
    answer(m1, "C0 21")
    assert m1.state.combination_number == 33
    assert m1.state.edit_combination == m1.state.memory.combinations[33]
    assert m1.state.program_number == 0


def test_program_change_on_another_channel_is_ignored() -> None:
    m1 = emulator()
    answer(m1, "C1 14")
    assert m1.state.program_number == 0


def test_program_change_with_the_filter_off_is_ignored() -> None:
    m1 = emulator()
    m1.state.program_change_enabled = False
    answer(m1, "C0 14")
    assert m1.state.program_number == 0


def test_program_change_reply_switch_confirms_with_23() -> None:
    m1 = emulator(behaviour=Behaviour(program_change_reply=True))
    assert answer(m1, "C0 14") == [LOAD_COMPLETED]


def test_program_change_reply_switch_refuses_missing_numbers_with_24() -> None:
    m1 = emulator(behaviour=Behaviour(program_change_reply=True))
    assert answer(m1, "C0 64") == [LOAD_ERROR]  # program 100 does not exist
    assert m1.state.program_number == 0


def test_program_change_reply_switch_refuses_in_global_mode() -> None:
    m1 = emulator(behaviour=Behaviour(program_change_reply=True))
    m1.state.mode = Mode.GLOBAL
    assert answer(m1, "C0 01") == [LOAD_ERROR]


def test_program_change_reply_needs_excl_enabled() -> None:
    m1 = emulator(behaviour=Behaviour(program_change_reply=True))
    m1.state.excl_enabled = False
    assert answer(m1, "C0 14") == []
    assert m1.state.program_number == 20


def test_active_sensing_is_off_by_default() -> None:
    assert emulator().active_sensing() == []


def test_active_sensing_sends_fe_when_switched_on() -> None:
    m1 = emulator(behaviour=Behaviour(active_sensing=True))
    assert m1.active_sensing() == [Reply(hx("FE"), 0.0)]


def test_active_sensing_stops_when_the_m1_is_silent() -> None:
    m1 = emulator(behaviour=Behaviour(active_sensing=True), faults=Faults(silent=True))
    assert m1.active_sensing() == []

"""Key presses through M1Emulator: what the M1 transmits because of them (§2.6 triggers C
and D, §5.1) and how the edit buffers follow."""

from __future__ import annotations

import pytest

from tests.emulator.helpers import WRITE_COMPLETED, answer, emulator, hx
from wizard.emulator import Behaviour, Faults, M1Emulator, Timing
from wizard.errors import BuildError
from wizard.m1 import AllDataDump, CombinationDump, Mode, ProgramDump, parse
from wizard.m1.records import Program

ANNOUNCE = Behaviour(announce_panel_changes=True)


def press_all(m1: M1Emulator, *keys: str) -> list[bytes]:
    out: list[bytes] = []
    for key in keys:
        out += [reply.data for reply in m1.press(key)]
    return out


def test_panel_data_dump_goes_out_with_excl_disabled() -> None:
    m1 = emulator("used")
    assert not m1.state.excl_enabled
    (dump,) = press_all(m1, "GLOBAL", "7", "UP", "UP", "UP", "UP", "G")
    assert dump[:6] == hx("F0 42 34 19 50 02")  # channel 5, internal, 50/50
    message = parse(dump)
    assert isinstance(message, AllDataDump)
    assert [p.raw for p in message.programs] == m1.state.memory.programs


def test_panel_program_dump_is_the_program_bank() -> None:
    m1 = emulator()
    (dump,) = press_all(m1, "GLOBAL", "7", "G")
    assert dump == answer(emulator(), "F0 42 30 19 1C 00 F7")[0]


def test_panel_dump_suffers_output_faults() -> None:
    m1 = emulator(faults=Faults(drop_output=2))
    (dump,) = press_all(m1, "GLOBAL", "7", "G")
    assert len(dump) == 16348


def test_panel_dump_is_not_sent_by_a_silent_m1() -> None:
    m1 = emulator(faults=Faults(silent=True))
    assert press_all(m1, "GLOBAL", "7", "G") == []


def test_mode_keys_are_silent_unless_announcing() -> None:
    m1 = emulator()
    assert press_all(m1, "COMBI") == []
    assert m1.state.mode is Mode.COMBINATION


def test_mode_key_announces_4e_with_excl_on() -> None:
    m1 = emulator(behaviour=ANNOUNCE)
    assert press_all(m1, "COMBI") == [hx("F0 42 30 19 4E 00 00 F7")]
    assert press_all(m1, "GLOBAL") == [hx("F0 42 30 19 4E 04 00 F7")]


def test_mode_key_does_not_announce_with_excl_off() -> None:
    m1 = emulator(behaviour=ANNOUNCE)
    m1.state.excl_enabled = False
    assert press_all(m1, "COMBI") == []


def test_number_keys_select_a_program_and_its_edit_buffer() -> None:
    m1 = emulator()
    assert press_all(m1, "2", "2") == []
    assert m1.state.program_number == 22
    assert Program(m1.state.edit_program).name == "Pizzicato"


def test_number_keys_announce_the_program_with_40() -> None:
    m1 = emulator(behaviour=ANNOUNCE)
    (dump,) = press_all(m1, "2", "2")
    message = parse(dump)
    assert isinstance(message, ProgramDump)
    assert message.program.name == "Pizzicato"


def test_number_keys_in_combi_mode_announce_the_combination_with_49() -> None:
    m1 = emulator(behaviour=ANNOUNCE)
    m1.state.mode = Mode.COMBINATION
    (dump,) = press_all(m1, "0", "2")
    message = parse(dump)
    assert isinstance(message, CombinationDump)
    assert message.combination.name == "Big Split"
    assert m1.state.combination_number == 2


def test_write_probe_through_the_panel() -> None:
    m1 = emulator()
    before = m1.state.memory.copy()
    press_all(m1, "4", "2")
    assert answer(m1, "F0 42 30 19 11 00 2A F7") == [WRITE_COMPLETED]
    assert m1.state.memory == before


def test_panel_replies_carry_the_late_fault_but_no_processing_delay() -> None:
    m1 = emulator(timing=Timing.real(), faults=Faults(late=0.5))
    replies = m1.press("GLOBAL") + m1.press("7") + m1.press("G")
    assert [r.delay for r in replies] == [0.5]


def test_display_is_two_lines_of_40() -> None:
    m1 = emulator()
    line1, line2 = m1.display
    assert len(line1) == len(line2) == 40
    assert "Grand Hall" in line1


def test_display_follows_a_replaced_state() -> None:
    m1 = emulator()
    m1.display  # noqa: B018 - builds the panel on the first state
    m1.state = emulator("battery-dead").state
    assert "Init Prog" in m1.display[0]


def test_unknown_key_is_refused() -> None:
    with pytest.raises(BuildError):
        emulator().press("TURBO")

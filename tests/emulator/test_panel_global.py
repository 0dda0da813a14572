"""The emulated front panel in GLOBAL mode: the owner's guide's sequences for MIDI, memory
protect, allocation, data dump and transpose, and what the display shows on the way."""

from __future__ import annotations

import pytest

from tests.emulator.panel_driver import drive
from wizard.emulator.actions import ModeChanged, SendDump
from wizard.emulator.panel import EmulatedPanel
from wizard.emulator.state import Card, M1State, Memory
from wizard.m1.constants import Allocation, Function, Mode
from wizard.m1.panel_keys import Key
from wizard.m1.records import GlobalData, decode_name, encode_name

MIDI_READY = "GLOBAL, 5, +, UP, D, UP, F, UP, H, UP."
PROTECTS_OFF = "GLOBAL, 6, DOWN, +, B, DOWN, +, B, DOWN."
TO_100 = "GLOBAL, 6, +, +, +, DOWN, G."
TO_50 = "GLOBAL, 6, +, +, +, UP, G."


def named(name: str, size: int) -> bytes:
    return encode_name(name) + bytes(size - 10)


def numbered_memory() -> Memory:
    """100/100 memory whose records carry their number in the name."""
    return Memory(
        programs=[named(f"Prog {n:02d}", 143) for n in range(100)],
        combinations=[named(f"Combi {n:02d}", 124) for n in range(100)],
    )


def test_midi_ready_enables_all_four_filters() -> None:
    state = M1State(
        excl_enabled=False,
        program_change_enabled=False,
        aftertouch_enabled=False,
        control_change_enabled=False,
    )
    panel = EmulatedPanel(state)
    actions = drive(panel, MIDI_READY)
    assert actions == [ModeChanged(Mode.GLOBAL)]
    assert state.mode is Mode.GLOBAL
    assert state.program_change_enabled
    assert state.aftertouch_enabled
    assert state.control_change_enabled
    assert state.excl_enabled
    assert panel.display == (
        "Global 5  MIDI Filter                   ",
        "Prog:ENA  Aftch:ENA  Ctrl:ENA  Excl:ENA ",
    )


def test_filter_sub_page_opens_on_program_change() -> None:
    state = M1State(program_change_enabled=False, excl_enabled=False)
    panel = EmulatedPanel(state)
    drive(panel, "GLOBAL, 5, +")
    assert panel.cursor is Key.A
    assert panel.display[1] == "Prog:DIS  Aftch:ENA  Ctrl:ENA  Excl:DIS ".ljust(40)
    panel.press("UP")
    assert state.program_change_enabled
    assert not state.excl_enabled


def test_disable_aftertouch_touches_nothing_else() -> None:
    state = M1State()
    panel = EmulatedPanel(state)
    drive(panel, "GLOBAL, 5, +, D, DOWN.")
    assert not state.aftertouch_enabled
    assert state.program_change_enabled
    assert state.control_change_enabled
    assert state.excl_enabled
    assert panel.display[1] == "Prog:ENA  Aftch:DIS  Ctrl:ENA  Excl:ENA ".ljust(40)


def test_external_clock_and_back_to_internal_at_power_on() -> None:
    state = M1State()
    panel = EmulatedPanel(state)
    drive(panel, "GLOBAL, 5, D, UP")
    assert state.clock_external
    assert panel.display == (
        "Global 5  MIDI".ljust(40),
        "Global Ch:01   Clock:EXT".ljust(40),
    )
    panel.power_on()
    assert not state.clock_external


def test_clock_choice_down_selects_internal() -> None:
    state = M1State(clock_external=True)
    panel = EmulatedPanel(state)
    drive(panel, "GLOBAL, 5, D, UP/DOWN (select).", ("DOWN", 1))
    assert not state.clock_external
    assert panel.display[1] == "Global Ch:01   Clock:INT".ljust(40)


def test_global_channel_on_a_stays_within_1_to_16() -> None:
    state = M1State()
    panel = EmulatedPanel(state)
    drive(panel, "GLOBAL, 5, A, UP, UP")
    assert state.global_channel == 3
    assert panel.display[1].startswith("Global Ch:03")
    for _ in range(20):
        panel.press("UP")
    assert state.global_channel == 16
    for _ in range(20):
        panel.press("DOWN")
    assert state.global_channel == 1


def test_protects_off() -> None:
    state = M1State()
    panel = EmulatedPanel(state)
    assert (state.protect_program, state.protect_combination, state.protect_sequence) == (
        True,
        True,
        True,
    )
    drive(panel, PROTECTS_OFF)
    assert not state.protect_program
    assert not state.protect_combination
    assert not state.protect_sequence
    assert panel.display == (
        "Global 6  Memory Protect".ljust(40),
        "Bank:INT   Seq:OFF".ljust(40),
    )


def test_protect_pages_show_each_step() -> None:
    panel = EmulatedPanel(M1State())
    drive(panel, "GLOBAL, 6")
    assert panel.display[1] == "Prog:ON".ljust(40)
    assert panel.cursor is Key.A
    drive(panel, "DOWN")
    assert panel.display[1] == "Prog:OFF".ljust(40)
    drive(panel, "+")
    assert panel.display[1] == "Bank:INT   Combi:ON".ljust(40)
    assert panel.cursor is Key.A


def test_down_before_b_leaves_the_protect_on() -> None:
    state = M1State()
    panel = EmulatedPanel(state)
    drive(panel, "GLOBAL, 6, DOWN, +, DOWN")
    assert not state.protect_program
    assert state.protect_combination
    assert panel.display[1] == "Bank:CARD  Combi:--".ljust(40)
    # Pressing B now shows the card's switch, which no key can turn off.
    drive(panel, "B, DOWN")
    assert state.protect_combination
    assert panel.display[1] == "Use the switch on the card".ljust(40)


def test_card_bank_shows_the_cards_switch() -> None:
    state = M1State(card=Card(write_protected=True))
    panel = EmulatedPanel(state)
    drive(panel, "GLOBAL, 6, +, +, DOWN")
    assert panel.display[1] == "Bank:CARD  Seq:ON".ljust(40)
    assert state.protect_sequence


def test_allocation_to_50_drops_programs_50_to_99() -> None:
    state = M1State(memory=numbered_memory(), program_number=75)
    panel = EmulatedPanel(state)
    drive(panel, "GLOBAL, 6, +, +, +")
    assert panel.display == (
        "Global 6  Memory Allocation".ljust(40),
        "100PROG/100COMBI/4400SEQ".ljust(40),
    )
    drive(panel, "UP")
    assert panel.display[1] == "50PROG/50COMBI/7700SEQ".ljust(40)
    assert state.memory.allocation is Allocation.P100_C100  # nothing happens before G
    drive(panel, "G")
    assert panel.display[1] == "Completed".ljust(40)
    memory = state.memory
    assert memory.allocation is Allocation.P50_C50
    assert [decode_name(p) for p in memory.programs] == [f"Prog {n:02d}" for n in range(50)]
    assert [decode_name(c) for c in memory.combinations] == [f"Combi {n:02d}" for n in range(50)]
    assert state.program_number == 0
    assert state.edit_program == memory.programs[0]


def test_allocation_back_to_100_brings_init_records() -> None:
    state = M1State(memory=numbered_memory())
    panel = EmulatedPanel(state)
    drive(panel, TO_50)
    drive(panel, TO_100)
    memory = state.memory
    assert memory.allocation is Allocation.P100_C100
    assert len(memory.programs) == len(memory.combinations) == 100
    assert decode_name(memory.programs[49]) == "Prog 49"
    assert {decode_name(p) for p in memory.programs[50:]} == {"Init Prog"}
    assert {decode_name(c) for c in memory.combinations[50:]} == {"Init Combi"}


def test_allocation_already_chosen_changes_nothing() -> None:
    memory = numbered_memory()
    programs = list(memory.programs)
    state = M1State(memory=memory)
    panel = EmulatedPanel(state)
    drive(panel, TO_100)
    assert state.memory.allocation is Allocation.P100_C100
    assert state.memory.programs == programs


DUMP_FUNCTIONS = [
    (0, "PROG DATA", Function.ALL_PROGRAMS_DUMP),
    (1, "COMBI DATA", Function.ALL_COMBINATIONS_DUMP),
    (2, "GLOBAL DATA", Function.GLOBAL_DUMP),
    (3, "SEQ DATA", Function.SEQUENCE_DUMP),
    (4, "ALL DATA", Function.ALL_DATA_DUMP),
]


@pytest.mark.parametrize(("ups", "label", "function"), DUMP_FUNCTIONS)
def test_data_dump_type_chosen_with_up(ups: int, label: str, function: Function) -> None:
    state = M1State(mode=Mode.GLOBAL)
    panel = EmulatedPanel(state)
    drive(panel, "GLOBAL, 7, UP/DOWN (select file type)", ("UP", ups))
    assert panel.display == ("Global 7  Data Dump".ljust(40), f"Type:{label}".ljust(40))
    assert drive(panel, "G") == [SendDump(function)]
    assert panel.display[1] == "Completed".ljust(40)


def test_data_dump_all_goes_out_with_excl_disabled() -> None:
    state = M1State(excl_enabled=False)
    panel = EmulatedPanel(state)
    actions = drive(panel, 'GLOBAL, 7, UP, UP, UP, UP (for "All"), G.')
    assert actions == [ModeChanged(Mode.GLOBAL), SendDump(Function.ALL_DATA_DUMP)]


def test_data_dump_type_stops_at_all_and_comes_back_with_down() -> None:
    panel = EmulatedPanel(M1State(mode=Mode.GLOBAL))
    drive(panel, "7, UP, UP, UP, UP, UP, UP")
    assert panel.display[1] == "Type:ALL DATA".ljust(40)
    drive(panel, "DOWN, DOWN")
    assert panel.display[1] == "Type:GLOBAL DATA".ljust(40)
    assert drive(panel, "G") == [SendDump(Function.GLOBAL_DUMP)]


def test_data_dump_page_reopens_at_prog() -> None:
    panel = EmulatedPanel(M1State(mode=Mode.GLOBAL))
    drive(panel, "7, UP, UP, 5, 7")
    assert panel.display[1] == "Type:PROG DATA".ljust(40)


@pytest.mark.parametrize(("key", "expected", "stored"), [("UP", 12, 0x0C), ("DOWN", -12, 0xF4)])
def test_transpose_stops_at_one_octave(key: str, expected: int, stored: int) -> None:
    state = M1State()
    panel = EmulatedPanel(state)
    drive(
        panel,
        "GLOBAL, +, F, UP/DOWN (+12 = +1 octave, 00 = default, -12 = -1 octave.)",
        (key, 15),
    )
    assert state.memory.global_data[1] == stored
    assert GlobalData(state.memory.global_data).key_transpose == expected
    assert panel.display == (
        "Global 0  Key Transpose".ljust(40),
        f"Key Transpose:{expected:+03d}".ljust(40),
    )


def test_transpose_keeps_the_rest_of_the_global_data() -> None:
    original = bytes(range(256)) * 3 + bytes(93)
    state = M1State(memory=Memory(global_data=original))
    panel = EmulatedPanel(state)
    drive(panel, "GLOBAL, +, F, DOWN")
    after = state.memory.global_data
    assert after[1] == 0x00  # was 1: one step down
    assert after[:1] == original[:1]
    assert after[2:] == original[2:]


def test_global_opens_page_0_with_master_tune() -> None:
    panel = EmulatedPanel(M1State())
    drive(panel, "GLOBAL, 5, GLOBAL")
    assert panel.location == (Mode.GLOBAL, 0, 0)
    assert panel.display == ("Global 0  Master Tune".ljust(40), "Master Tune:+00".ljust(40))


def test_mode_key_announces_only_a_change() -> None:
    state = M1State()
    panel = EmulatedPanel(state)
    assert panel.press("GLOBAL") == [ModeChanged(Mode.GLOBAL)]
    assert panel.press("GLOBAL") == []
    assert panel.press("SEQ") == [ModeChanged(Mode.SEQUENCER)]
    assert state.mode is Mode.SEQUENCER


def test_page_keys_stop_at_the_first_and_last_sub_page() -> None:
    panel = EmulatedPanel(M1State(mode=Mode.GLOBAL))
    drive(panel, "6, -, -")
    assert panel.location == (Mode.GLOBAL, 6, 0)
    drive(panel, "+, +, +, +, +")
    assert panel.location == (Mode.GLOBAL, 6, 3)
    drive(panel, "-")
    assert panel.location == (Mode.GLOBAL, 6, 2)


def test_plain_pages_show_their_number() -> None:
    panel = EmulatedPanel(M1State(mode=Mode.GLOBAL))
    drive(panel, "3")
    assert panel.display == ("Global 3".ljust(40), " " * 40)
    assert panel.cursor is None
    assert drive(panel, "UP, G, +") == []

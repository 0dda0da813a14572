"""Rule 5 of m1-sysex.md §5.6: bulk and edit-buffer loads, lengths, protects, allocation."""

from __future__ import annotations

import pytest

from tests.emulator.helpers import (
    FORMAT_ERROR,
    LOAD_COMPLETED,
    LOAD_ERROR,
    answer,
    emulator,
    hx,
)
from wizard.emulator import Behaviour, Protect, ProtectRules
from wizard.emulator.state import Card, CardKind, M1State
from wizard.m1 import Allocation, Bank, Function, Mode, SequenceData, SequenceDump
from wizard.m1.records import Program

ALL_PROGRAMS = "F0 42 30 19 1C 00 F7"
ALL_COMBINATIONS = "F0 42 30 19 1D 00 F7"
SEQUENCE = "F0 42 30 19 18 00 F7"
GLOBAL = "F0 42 30 19 0E 00 F7"
ALL_DATA = "F0 42 30 19 0F 00 F7"


def dump_from(scenario: str, request: str) -> bytes:
    """What an emulated M1 on `scenario` (EXCL on, channel 1) sends for `request`."""
    source = emulator(scenario)
    source.state.excl_enabled = True
    source.state.global_channel = 1
    (data,) = answer(source, request)
    return data


def open_target() -> M1State:
    """A wiped M1 with EXCL on and protects off, ready to be restored."""
    m1 = emulator("battery-dead")
    m1.state.excl_enabled = True
    m1.state.protect_program = m1.state.protect_combination = m1.state.protect_sequence = False
    return m1.state


def test_program_bank_load_is_stored_and_confirmed() -> None:
    data = dump_from("factory", ALL_PROGRAMS)
    m1 = emulator(state=open_target())
    assert answer(m1, data) == [LOAD_COMPLETED]
    assert answer(m1, ALL_PROGRAMS) == [data]


@pytest.mark.parametrize("asked", [ALL_COMBINATIONS, SEQUENCE, GLOBAL, ALL_DATA])
def test_every_bank_load_round_trips(asked: str) -> None:
    data = dump_from("factory", asked)
    m1 = emulator(state=open_target())
    assert answer(m1, data) == [LOAD_COMPLETED]
    assert answer(m1, asked) == [data]


@pytest.mark.parametrize("mode", list(Mode))
def test_bulk_loads_are_taken_in_every_mode(mode: Mode) -> None:
    data = dump_from("factory", GLOBAL)
    target = open_target()
    target.mode = mode
    assert answer(emulator(state=target), data) == [LOAD_COMPLETED]


def test_one_byte_short_is_a_format_error_and_changes_nothing() -> None:
    data = dump_from("factory", ALL_PROGRAMS)
    target = open_target()
    before = list(target.memory.programs)
    short = data[:-2] + data[-1:]
    assert answer(emulator(state=target), short) == [FORMAT_ERROR]
    assert target.memory.programs == before


def test_one_byte_long_is_a_format_error() -> None:
    data = dump_from("factory", GLOBAL)
    assert answer(emulator(state=open_target()), data[:-1] + b"\x00\xf7") == [FORMAT_ERROR]


def test_status_byte_inside_a_dump_is_a_format_error() -> None:
    data = bytearray(dump_from("factory", GLOBAL))
    data[500] = 0x90
    assert answer(emulator(state=open_target()), bytes(data)) == [FORMAT_ERROR]


def test_unknown_allocation_bits_are_a_format_error() -> None:
    data = bytearray(dump_from("factory", ALL_PROGRAMS))
    data[5] = 0x04
    assert answer(emulator(state=open_target()), bytes(data)) == [FORMAT_ERROR]


@pytest.mark.parametrize(
    ("asked", "flag"),
    [
        (ALL_PROGRAMS, "protect_program"),
        (ALL_COMBINATIONS, "protect_combination"),
        (SEQUENCE, "protect_sequence"),
        (ALL_DATA, "protect_program"),
        (ALL_DATA, "protect_combination"),
        (ALL_DATA, "protect_sequence"),
    ],
)
def test_default_protect_mapping_refuses(asked: str, flag: str) -> None:
    data = dump_from("factory", asked)
    target = open_target()
    setattr(target, flag, True)
    before = target.memory.copy()
    assert answer(emulator(state=target), data) == [LOAD_ERROR]
    assert target.memory == before


@pytest.mark.parametrize(
    ("asked", "flags"),
    [
        (ALL_PROGRAMS, ("protect_combination", "protect_sequence")),
        (ALL_COMBINATIONS, ("protect_program", "protect_sequence")),
        (SEQUENCE, ("protect_program", "protect_combination")),
        (GLOBAL, ("protect_program", "protect_combination", "protect_sequence")),
    ],
)
def test_default_protect_mapping_lets_other_flags_pass(asked: str, flags: tuple[str, ...]) -> None:
    data = dump_from("factory", asked)
    target = open_target()
    for flag in flags:
        setattr(target, flag, True)
    assert answer(emulator(state=target), data) == [LOAD_COMPLETED]


def test_protect_mapping_is_switchable() -> None:
    rules = ProtectRules(global_data=frozenset({Protect.PROGRAM}), all_programs=frozenset())
    data_global = dump_from("factory", GLOBAL)
    data_programs = dump_from("factory", ALL_PROGRAMS)
    target = open_target()
    target.protect_program = True
    m1 = emulator(state=target, behaviour=Behaviour(protect=rules))
    assert answer(m1, data_global) == [LOAD_ERROR]
    assert answer(m1, data_programs) == [LOAD_COMPLETED]


def test_length_is_checked_before_protect() -> None:
    data = dump_from("factory", ALL_PROGRAMS)
    target = open_target()
    target.protect_program = True
    assert answer(emulator(state=target), data[:-3] + data[-1:]) == [FORMAT_ERROR]


def test_50_50_bank_into_100_100_memory_is_a_format_error_by_default() -> None:
    data = dump_from("used", ALL_PROGRAMS)
    target = open_target()
    before = list(target.memory.programs)
    assert answer(emulator(state=target), data) == [FORMAT_ERROR]
    assert target.memory.programs == before


def test_allocation_mismatch_reply_is_switchable() -> None:
    data = dump_from("factory", ALL_DATA)
    target = open_target()
    target.memory.allocation = Allocation.P50_C50
    m1 = emulator(state=target, behaviour=Behaviour(allocation_mismatch_reply=Function.LOAD_ERROR))
    assert answer(m1, data) == [LOAD_ERROR]


def test_global_dump_has_no_allocation_to_mismatch() -> None:
    data = dump_from("factory", GLOBAL)
    target = emulator("used").state
    target.excl_enabled = True
    target.global_channel = 1
    target.protect_program = target.protect_combination = target.protect_sequence = False
    assert answer(emulator(state=target), data) == [LOAD_COMPLETED]


def sequence_dump(events: int, allocation: Allocation) -> bytes:
    raw = SequenceData(bytes(1522 + 4 * events))
    return SequenceDump(1, raw, Bank.INTERNAL, allocation).to_bytes()


def test_more_events_than_100_100_holds_is_a_format_error() -> None:
    assert answer(emulator(state=open_target()), sequence_dump(4401, Allocation.P100_C100)) == [
        FORMAT_ERROR
    ]


def test_the_100_100_event_limit_itself_is_accepted() -> None:
    assert answer(emulator(state=open_target()), sequence_dump(4400, Allocation.P100_C100)) == [
        LOAD_COMPLETED
    ]


def test_50_50_memory_takes_up_to_7700_events() -> None:
    target = emulator("used").state
    target.excl_enabled = True
    target.global_channel = 1
    target.protect_sequence = False
    m1 = emulator(state=target)
    assert answer(m1, sequence_dump(7700, Allocation.P50_C50)) == [LOAD_COMPLETED]
    assert answer(m1, sequence_dump(7701, Allocation.P50_C50)) == [FORMAT_ERROR]


def test_bank_load_leaves_the_edit_buffer_alone_by_default() -> None:
    data = dump_from("factory", ALL_PROGRAMS)
    target = open_target()
    edit_before = target.edit_program
    assert answer(emulator(state=target), data) == [LOAD_COMPLETED]
    assert target.edit_program == edit_before
    assert target.memory.programs[0] != edit_before


def test_bank_load_refreshes_the_edit_buffer_when_switched_on() -> None:
    data = dump_from("factory", ALL_PROGRAMS)
    target = open_target()
    m1 = emulator(state=target, behaviour=Behaviour(refresh_edit_buffer_after_load=True))
    assert answer(m1, data) == [LOAD_COMPLETED]
    assert target.edit_program == target.memory.programs[0]


def test_program_dump_goes_to_the_edit_buffer_only() -> None:
    source = emulator()
    source.receive(hx("C0 05"))
    (data,) = answer(source, "F0 42 30 19 10 F7")
    target = open_target()
    before = list(target.memory.programs)
    assert answer(emulator(state=target), data) == [LOAD_COMPLETED]
    assert Program(target.edit_program).name == "Tine Keys"
    assert target.memory.programs == before


def test_program_dump_is_taken_even_with_protect_on() -> None:
    (data,) = answer(emulator(), "F0 42 30 19 10 F7")
    target = open_target()
    target.protect_program = True
    assert answer(emulator(state=target), data) == [LOAD_COMPLETED]


def test_edit_buffer_protect_is_switchable() -> None:
    (data,) = answer(emulator(), "F0 42 30 19 10 F7")
    target = open_target()
    target.protect_program = True
    rules = ProtectRules(edit_buffers=frozenset({Protect.PROGRAM}))
    assert answer(emulator(state=target, behaviour=Behaviour(protect=rules)), data) == [LOAD_ERROR]


def test_program_dump_in_combi_mode_is_refused() -> None:
    (data,) = answer(emulator(), "F0 42 30 19 10 F7")
    target = open_target()
    target.mode = Mode.COMBINATION
    edit_before = target.edit_program
    assert answer(emulator(state=target), data) == [LOAD_ERROR]
    assert target.edit_program == edit_before


def test_program_dump_of_the_wrong_length_is_a_format_error() -> None:
    (data,) = answer(emulator(), "F0 42 30 19 10 F7")
    assert answer(emulator(state=open_target()), data[:-2] + data[-1:]) == [FORMAT_ERROR]


def test_combination_dump_goes_to_the_combination_edit_buffer() -> None:
    source = emulator()
    source.state.mode = Mode.COMBINATION
    (data,) = answer(source, "F0 42 30 19 19 F7")
    target = open_target()
    target.mode = Mode.EDIT_COMBINATION
    assert answer(emulator(state=target), data) == [LOAD_COMPLETED]
    assert target.edit_combination == source.state.edit_combination


def test_combination_dump_in_prog_mode_is_refused() -> None:
    source = emulator()
    source.state.mode = Mode.COMBINATION
    (data,) = answer(source, "F0 42 30 19 19 F7")
    assert answer(emulator(state=open_target()), data) == [LOAD_ERROR]


def card_dump() -> bytes:
    data = bytearray(dump_from("factory", ALL_PROGRAMS))
    data[5] = 0x01  # same bank, addressed to the card (§2.1 bit 0)
    return bytes(data)


def test_card_load_without_a_card_is_refused() -> None:
    assert answer(emulator(state=open_target()), card_dump()) == [LOAD_ERROR]


def test_card_load_into_a_writable_ram_card_is_stored_there() -> None:
    target = open_target()
    target.card = Card(CardKind.RAM)
    target.protect_program = True  # internal protect does not guard the card
    internal_before = list(target.memory.programs)
    assert answer(emulator(state=target), card_dump()) == [LOAD_COMPLETED]
    assert Program(target.card.memory.programs[0]).name == "Grand Hall"
    assert target.memory.programs == internal_before


@pytest.mark.parametrize(
    "card",
    [
        Card(CardKind.RAM, write_protected=True),
        Card(CardKind.RAM, formatted=None),
        Card(CardKind.ROM),
    ],
)
def test_card_load_into_an_unsuitable_card_is_refused(card: Card) -> None:
    target = open_target()
    target.card = card
    assert answer(emulator(state=target), card_dump()) == [LOAD_ERROR]

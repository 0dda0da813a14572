"""Loading parsed messages straight into an emulator state, with synthetic dumps and,
when present, the real captures in ../shared/fixtures/m1/."""

from __future__ import annotations

import pytest

from tests.emulator.helpers import LOAD_COMPLETED, answer, emulator, hx
from tests.shared import shared_capture
from wizard.emulator import LoadSummary, build_state, load_messages
from wizard.emulator.state import CardKind
from wizard.errors import ProtocolError
from wizard.m1 import (
    AllDataDump,
    Allocation,
    AllProgramsDump,
    Bank,
    Message,
    ModeChange,
    ProgramDump,
    SequenceData,
    SequenceDump,
    Status,
    parse,
)
from wizard.m1.message_kinds import MessageKind
from wizard.m1.records import Program


def messages_of(scenario: str, *requests: str) -> list[Message]:
    m1 = emulator(scenario)
    m1.state.excl_enabled = True
    m1.state.global_channel = 1
    return [parse(answer(m1, request)[0]) for request in requests]


def test_program_bank_replaces_programs_and_refreshes_the_edit_buffer() -> None:
    state = build_state("battery-dead")
    summary = load_messages(state, messages_of("factory", "F0 42 30 19 1C 00 F7"))
    assert summary == LoadSummary((MessageKind("all_programs"),), ())
    assert state.memory.programs == build_state("factory").memory.programs
    assert state.edit_program == state.memory.programs[0]


def test_all_data_brings_its_own_allocation() -> None:
    state = build_state("factory")
    state.program_number = 77
    load_messages(state, messages_of("used", "F0 42 30 19 0F 00 F7"))
    assert state.memory == build_state("used").memory
    assert state.program_number == 0
    assert state.edit_program == state.memory.programs[0]


def test_bank_of_another_allocation_is_refused_verbatim() -> None:
    state = build_state("factory")
    with pytest.raises(ProtocolError) as caught:
        load_messages(state, messages_of("used", "F0 42 30 19 1C 00 F7"))
    assert caught.value.message == (
        "the ALL PROGRAMS DUMP (4C) is laid out for 50/50 memory, "
        "but the emulated M1 holds 100/100."
    )
    assert caught.value.next_action == (
        "Load an ALL DATA dump first, or start from a scenario with the same allocation."
    )


def test_too_many_events_are_refused_verbatim() -> None:
    dump = SequenceDump(1, SequenceData(bytes(1522 + 4 * 4401)), Bank.INTERNAL)
    with pytest.raises(ProtocolError) as caught:
        load_messages(build_state("factory"), [dump])
    assert str(caught.value) == (
        "the sequence data holds 4401 events, more than the 4400 that 100/100 memory has "
        "room for. Use sequence data saved from an M1 with the same memory allocation."
    )


def test_edit_buffer_dump_and_other_messages() -> None:
    state = build_state("battery-dead")
    program = Program(build_state("factory").memory.programs[3])
    summary = load_messages(
        state,
        [ModeChange(1, 2, 0), ProgramDump(1, program), Status(1)],
    )
    assert summary == LoadSummary(
        (MessageKind("program"),), (MessageKind("mode_change"), MessageKind("status"))
    )
    assert state.edit_program == program.raw
    assert state.memory.programs[3] != program.raw


def test_card_bank_goes_into_a_new_ram_card() -> None:
    state = build_state("battery-dead")
    (message,) = messages_of("factory", "F0 42 30 19 1C 00 F7")
    assert isinstance(message, AllProgramsDump)
    card_message = AllProgramsDump(1, message.programs, Bank.CARD, Allocation.P100_C100)
    load_messages(state, [card_message])
    assert state.card is not None and state.card.kind is CardKind.RAM
    assert state.card.memory.programs == [p.raw for p in message.programs]
    assert {Program(raw).name for raw in state.memory.programs} == {"Init Prog"}


def test_loaded_state_answers_with_the_loaded_bytes() -> None:
    originals = messages_of("used", "F0 42 30 19 0F 00 F7")
    state = build_state("battery-dead")
    load_messages(state, originals)
    m1 = emulator(state=state)
    m1.state.excl_enabled = True
    assert answer(m1, "F0 42 30 19 0F 00 F7") == [originals[0].to_bytes()]


@pytest.mark.fixtures
def test_real_program_bank_loads_and_is_sent_back_byte_for_byte() -> None:
    capture = shared_capture("ORIGPROG.SYX")
    start = capture.index(hx("F0 42 30 19 4C"))
    dump = capture[start : start + 16350]
    state = build_state("battery-dead")
    load_messages(state, [parse(dump)])
    assert Program(state.memory.programs[0]).name == "Universe"
    assert Program(state.memory.programs[99]).name == "Surprise!!"
    m1 = emulator(state=state)
    m1.state.excl_enabled = True
    assert answer(m1, "F0 42 30 19 1C 00 F7") == [dump]


@pytest.mark.fixtures
@pytest.mark.parametrize(("name", "asked"), [("ORIGGLOB.SYX", "0E"), ("ORIGSEQS.SYX", "18")])
def test_real_dumps_load_over_midi_and_come_back_unchanged(name: str, asked: str) -> None:
    dump = shared_capture(name)
    m1 = emulator("battery-dead")
    m1.state.excl_enabled = True
    m1.state.protect_sequence = False
    assert answer(m1, dump) == [LOAD_COMPLETED]
    assert answer(m1, f"F0 42 30 19 {asked} 00 F7") == [dump]


@pytest.mark.fixtures
def test_real_captures_make_an_all_data_dump_of_the_documented_size() -> None:
    state = build_state("battery-dead")
    prog = shared_capture("ORIGPROG.SYX")
    start = prog.index(hx("F0 42 30 19 4C"))
    load_messages(
        state,
        [
            parse(prog[start : start + 16350]),
            parse(shared_capture("ORIGGLOB.SYX")),
            parse(shared_capture("ORIGSEQS.SYX")),
        ],
    )
    m1 = emulator(state=state)
    m1.state.excl_enabled = True
    (everything,) = answer(m1, "F0 42 30 19 0F 00 F7")
    assert everything[:8] == hx("F0 42 30 19 50 00 23 1C")  # §6.1: N = 3619
    # §3.4: 49 791 bytes for factory data; the combinations here are init ones, which
    # does not change the size.
    assert len(everything) == 49791
    message = parse(everything)
    assert isinstance(message, AllDataDump)
    assert message.programs[1].name == "Piano 16'"

"""Every fault switch of the emulated M1: lost and damaged bytes both ways, silence,
lateness, a wrong reply channel and stray traffic around dumps."""

from __future__ import annotations

import pytest

from tests.emulator.helpers import (
    FORMAT_ERROR,
    LOAD_COMPLETED,
    answer,
    emulator,
    hx,
)
from wizard.emulator import Faults, M1Emulator, Timing
from wizard.errors import BuildError, ParseError
from wizard.m1 import AllProgramsDump, parse

ALL_PROGRAMS = "F0 42 30 19 1C 00 F7"


def clean_programs() -> bytes:
    (data,) = answer(emulator(), ALL_PROGRAMS)
    return data


def open_wiped(faults: Faults) -> M1Emulator:
    m1 = emulator("battery-dead", faults=faults)
    m1.state.excl_enabled = True
    m1.state.protect_program = False
    return m1


def differing_positions(a: bytes, b: bytes) -> list[int]:
    assert len(a) == len(b)
    return [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]


def test_dropped_input_bytes_make_a_load_a_format_error() -> None:
    m1 = open_wiped(Faults(drop_input=3))
    before = list(m1.state.memory.programs)
    assert answer(m1, clean_programs()) == [FORMAT_ERROR]
    assert m1.state.memory.programs == before


def test_short_input_messages_lose_no_bytes() -> None:
    m1 = emulator(faults=Faults(drop_input=3))
    assert answer(m1, "F0 42 30 19 12 F7") == [hx("F0 42 30 19 42 02 00 00 01 F7")]


def test_corrupted_input_bytes_are_stored_unnoticed() -> None:
    m1 = open_wiped(Faults(corrupt_input=4, seed=7))
    data = clean_programs()
    assert answer(m1, data) == [LOAD_COMPLETED]
    (stored,) = answer(m1, ALL_PROGRAMS)
    assert 1 <= len(differing_positions(stored, data)) <= 4


def test_dropped_output_bytes_give_a_short_dump() -> None:
    m1 = emulator(faults=Faults(drop_output=5))
    (reply,) = answer(m1, ALL_PROGRAMS)
    assert len(reply) == 16345
    assert reply[:6] == hx("F0 42 30 19 4C 00") and reply[-1] == 0xF7
    with pytest.raises(ParseError, match="5 bytes are missing"):
        parse(reply)


def test_corrupted_output_bytes_keep_the_length() -> None:
    m1 = emulator(faults=Faults(corrupt_output=4, seed=3))
    (reply,) = answer(m1, ALL_PROGRAMS)
    positions = differing_positions(reply, clean_programs())
    assert len(positions) == 4
    assert all(8 <= i < len(reply) - 1 for i in positions)
    assert all(b <= 0x7F for b in reply[1:-1])


def test_short_replies_are_not_damaged() -> None:
    m1 = emulator(faults=Faults(drop_output=5, corrupt_output=5, sensing_in_dumps=2))
    assert answer(m1, "F0 42 30 19 12 F7") == [hx("F0 42 30 19 42 02 00 00 01 F7")]


def test_long_message_threshold_is_configurable() -> None:
    m1 = emulator(faults=Faults(drop_output=1, long_message=100))
    (reply,) = answer(m1, "F0 42 30 19 10 F7")
    assert len(reply) == 169


def test_same_seed_gives_the_same_damage() -> None:
    faults = Faults(corrupt_output=6, seed=11)
    first = answer(emulator(faults=faults), ALL_PROGRAMS)
    second = answer(emulator(faults=faults), ALL_PROGRAMS)
    assert first == second


def test_another_seed_gives_other_damage() -> None:
    first = answer(emulator(faults=Faults(corrupt_output=6, seed=1)), ALL_PROGRAMS)
    second = answer(emulator(faults=Faults(corrupt_output=6, seed=2)), ALL_PROGRAMS)
    assert first != second


def test_silent_m1_answers_nothing_but_still_acts() -> None:
    m1 = open_wiped(Faults(silent=True))
    data = clean_programs()
    assert m1.receive(data) == []
    assert m1.receive(hx("F0 7E 7F 06 01 F7")) == []
    message = parse(data)
    assert isinstance(message, AllProgramsDump)
    assert m1.state.memory.programs == [p.raw for p in message.programs]


def test_late_fault_adds_its_seconds_to_every_reply() -> None:
    m1 = emulator(faults=Faults(late=1.5))
    replies = m1.receive(hx("F0 42 30 19 12 F7"))
    assert [r.delay for r in replies] == [1.5]


def test_late_fault_adds_to_the_processing_delay() -> None:
    m1 = open_wiped(Faults(late=1.5))
    m1.timing = Timing(processing_delay=0.25)
    replies = m1.receive(clean_programs())
    assert [(r.data, r.delay) for r in replies] == [(LOAD_COMPLETED, 1.75)]


def test_reply_channel_fault_rewrites_the_header_only() -> None:
    m1 = emulator(faults=Faults(reply_channel=3))
    assert answer(m1, "F0 42 30 19 12 F7") == [hx("F0 42 32 19 42 02 00 00 01 F7")]
    assert answer(m1, "F0 42 32 19 12 F7") == []  # it still listens on channel 1
    assert answer(m1, "F0 7E 7F 06 01 F7") == [hx("F0 7E 02 06 02 42 19 00 00 00 13 00 01 00 F7")]


def test_reply_channel_fault_applies_to_dumps() -> None:
    m1 = emulator(faults=Faults(reply_channel=16))
    (reply,) = answer(m1, ALL_PROGRAMS)
    assert reply == hx("F0 42 3F 19") + clean_programs()[4:]


def test_active_sensing_inside_dumps() -> None:
    m1 = emulator(faults=Faults(sensing_in_dumps=3, seed=5))
    (reply,) = answer(m1, ALL_PROGRAMS)
    assert reply.count(0xFE) == 3
    assert reply[0] == 0xF0 and reply[-1] == 0xF7
    assert bytes(b for b in reply if b != 0xFE) == clean_programs()


def test_mode_change_before_dumps() -> None:
    m1 = emulator(faults=Faults(mode_change_before_dumps=True))
    replies = answer(m1, ALL_PROGRAMS)
    assert replies == [hx("F0 42 30 19 4E 02 00 F7"), clean_programs()]


def test_mode_change_before_dumps_uses_the_reply_channel() -> None:
    m1 = emulator(faults=Faults(mode_change_before_dumps=True, reply_channel=2))
    replies = answer(m1, ALL_PROGRAMS)
    assert replies[0] == hx("F0 42 31 19 4E 02 00 F7")


def test_emulator_takes_stray_fe_inside_an_incoming_dump() -> None:
    data = clean_programs()
    noisy = data[:100] + b"\xfe" + data[100:5000] + b"\xfe" + data[5000:]
    assert answer(open_wiped(Faults()), noisy) == [LOAD_COMPLETED]


def test_setting_new_faults_restarts_their_sequence() -> None:
    m1 = emulator(faults=Faults(corrupt_output=3, seed=9))
    first = answer(m1, ALL_PROGRAMS)
    m1.faults = Faults(corrupt_output=3, seed=9)
    assert answer(m1, ALL_PROGRAMS) == first


def test_negative_fault_counts_are_refused() -> None:
    with pytest.raises(BuildError) as caught:
        Faults(drop_input=-1)
    assert str(caught.value) == "fault byte counts and the long-message size cannot be negative."


def test_negative_lateness_is_refused() -> None:
    with pytest.raises(BuildError) as caught:
        Faults(late=-0.5)
    assert str(caught.value) == "a reply cannot come -0.5 seconds late."


def test_reply_channel_outside_1_to_16_is_refused() -> None:
    with pytest.raises(BuildError) as caught:
        Faults(reply_channel=17)
    assert str(caught.value) == "MIDI channel 17 does not exist (1-16)."

"""Restores into the emulated M1: planning checks, acknowledged sending, read-back."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.device.helpers import JACK_LIMIT, connect, ready_state, with_faults
from wizard.device.backup import take_backup
from wizard.device.detect import detect
from wizard.device.outcomes import DeviceError, Outcome
from wizard.device.restore import (
    RestoreRefused,
    RestoreState,
    plan_restore,
    read_back,
    send_plan,
    verify,
)
from wizard.emulator import build_state
from wizard.m1 import AllDataDump, AllProgramsDump, GlobalDump, SequenceDump
from wizard.m1.constants import Allocation
from wizard.m1.syx_file import read_dump_bytes


def factory_file(channel: int = 1) -> bytes:
    """An ALL DATA dump of the synthetic factory memory, taken from a factory emulator."""
    _, exchange = connect(ready_state("factory", global_channel=channel))
    (dump,) = take_backup(exchange, detect(exchange), "all").dumps
    return dump.to_bytes()


def test_restore_into_battery_dead_memory_reads_back_identical() -> None:
    data = factory_file()
    emulator, exchange = connect(ready_state("battery-dead"))
    found = detect(exchange)
    plan = plan_restore(read_dump_bytes(data, "factory.syx"), found.channel, found.allocation, None)
    state = RestoreState()
    send_plan(exchange, plan, state)
    verify(plan, read_back(exchange, plan))
    assert state.acknowledged == [plan.description]
    assert emulator.state.memory.programs == [p.raw for p in plan.image.programs or ()]


def test_channel_is_rewritten_to_the_m1s() -> None:
    data = factory_file(channel=1)
    _, exchange = connect(ready_state("battery-dead", global_channel=9))
    found = detect(exchange)
    plan = plan_restore(read_dump_bytes(data, "f.syx"), found.channel, found.allocation, None)
    assert plan.rewritten_from == (1,)
    assert all(load.channel == 9 for load in plan.loads)
    send_plan(exchange, plan, RestoreState())
    verify(plan, read_back(exchange, plan))


def test_all_data_is_split_for_a_small_system_protectable_parts_first() -> None:
    data = factory_file()
    _, exchange = connect(ready_state("battery-dead"), limit=JACK_LIMIT)
    found = detect(exchange)
    plan = plan_restore(read_dump_bytes(data, "f.syx"), found.channel, found.allocation, JACK_LIMIT)
    assert [load.kind for load in plan.loads] == [
        "all_combinations",
        "all_programs",
        "sequence",
        "global",
    ]
    send_plan(exchange, plan, RestoreState())
    verify(plan, read_back(exchange, plan))


def test_file_for_50_50_sent_to_100_100_is_refused_with_the_keys() -> None:
    _, used = connect(ready_state("used"))
    (dump,) = take_backup(used, detect(used), "programs").dumps
    assert isinstance(dump, AllProgramsDump) and dump.allocation is Allocation.P50_C50
    with pytest.raises(RestoreRefused) as caught:
        plan_restore(read_dump_bytes(dump.to_bytes(), "u.syx"), 1, Allocation.P100_C100, None)
    assert str(caught.value) == (
        "The file is laid out for 50/50 memory but the M1 is set to 100/100, so the M1 "
        "would reject it. Back up the M1 first (`m1-wizard backup`), then set its memory "
        "allocation to 50/50 (GLOBAL, 6, +, +, +, UP, G) and run the restore again; "
        "changing the allocation can erase sequencer songs and programs 50-99."
    )


def test_message_too_large_for_the_system_is_refused_before_sending() -> None:
    state = build_state("factory")
    big = SequenceDump(1, replace(_sequence(state), raw=_sequence(state).raw))
    data = big.to_bytes()
    if len(data) <= 1000:
        pytest.fail("the factory sequence should be larger than the test limit")
    with pytest.raises(RestoreRefused) as caught:
        plan_restore(read_dump_bytes(data, "s.syx"), 1, Allocation.P100_C100, 1000)
    assert (
        caught.value.message.startswith(
            f"The songs message is {len(data):,} bytes but this MIDI system carries at most "
            "1,000 bytes in one message; nothing was sent."
        )
        or "bytes but this MIDI system carries at most 1,000 bytes" in caught.value.message
    )


def _sequence(state: object):  # type: ignore[no-untyped-def]
    from wizard.m1.records import SequenceData

    return SequenceData(state.memory.sequence)  # type: ignore[attr-defined]


def test_file_with_errors_is_refused() -> None:
    data = factory_file()[:-10] + b"\xf7"
    with pytest.raises(RestoreRefused) as caught:
        plan_restore(read_dump_bytes(data, "cut.syx"), 1, Allocation.P100_C100, None)
    assert caught.value.message.startswith("cut.syx cannot be sent: ")


def test_file_without_bank_data_is_refused() -> None:
    with pytest.raises(RestoreRefused) as caught:
        plan_restore(read_dump_bytes(bytes.fromhex("F0 42 30 19 12 F7"), "m.syx"), 1, None, None)
    assert str(caught.value) == (
        "m.syx holds no programs, combinations, global settings or songs to restore. Choose a "
        "file with M1 bank dumps (run `m1-wizard inspect` on it to see what it holds)."
    )


def test_memory_protect_gives_24_and_leaves_memory_unchanged() -> None:
    data = factory_file()
    state = ready_state("battery-dead", protect_program=True)
    emulator, exchange = connect(state)
    before = emulator.state.memory.copy()
    found = detect(exchange)
    plan = plan_restore(read_dump_bytes(data, "f.syx"), found.channel, found.allocation, None)
    progress = RestoreState()
    with pytest.raises(DeviceError) as caught:
        send_plan(exchange, plan, progress)
    assert caught.value.outcome is Outcome.LOAD_ERROR
    assert str(caught.value) == (
        "The M1 refused the data (reply 24, DATA LOAD ERROR): its memory is protected or it "
        "is busy. Turn the memory protects off (GLOBAL, 6, DOWN, +, B, DOWN, +, B, DOWN), "
        "stop the sequencer if it is playing, then try again."
    )
    assert emulator.state.memory == before
    assert progress.describe().startswith("The M1 confirmed nothing yet. It was receiving")


def test_dropped_bytes_on_the_way_in_give_26() -> None:
    data = factory_file()
    emulator, exchange = connect(ready_state("battery-dead"))
    found = detect(exchange)
    with_faults(emulator, drop_input=2)
    plan = plan_restore(read_dump_bytes(data, "f.syx"), found.channel, found.allocation, None)
    before = emulator.state.memory.copy()
    with pytest.raises(DeviceError) as caught:
        send_plan(exchange, plan, RestoreState())
    assert caught.value.outcome is Outcome.FORMAT_ERROR
    assert emulator.state.memory == before


def test_corrupted_bytes_are_caught_by_the_read_back() -> None:
    data = factory_file()
    emulator, exchange = connect(ready_state("battery-dead"))
    found = detect(exchange)
    plan = plan_restore(read_dump_bytes(data, "f.syx"), found.channel, found.allocation, None)
    with_faults(emulator, corrupt_input=1, seed=7)
    send_plan(exchange, plan, RestoreState())
    with_faults(emulator, corrupt_input=0)
    with pytest.raises(DeviceError) as caught:
        verify(plan, read_back(exchange, plan))
    assert caught.value.outcome is Outcome.READBACK_MISMATCH
    assert caught.value.next_action == (
        "The MIDI interface probably corrupts long messages: run `m1-wizard loopback` to "
        "test it, then send the file again (or use another interface)."
    )


def test_silent_m1_after_detection_is_reported_as_silence() -> None:
    data = factory_file()
    emulator, exchange = connect(ready_state("battery-dead"))
    found = detect(exchange)
    plan = plan_restore(read_dump_bytes(data, "f.syx"), found.channel, found.allocation, None)
    with_faults(emulator, silent=True)
    with pytest.raises(DeviceError) as caught:
        send_plan(exchange, plan, RestoreState())
    assert caught.value.outcome is Outcome.SILENT


def test_global_only_file_restores_the_drum_kits() -> None:
    _, source = connect(ready_state("used"))
    (dump,) = take_backup(source, detect(source), "global").dumps
    assert isinstance(dump, GlobalDump)
    emulator, exchange = connect(ready_state("factory"))
    found = detect(exchange)
    plan = plan_restore(
        read_dump_bytes(dump.to_bytes(), "g.syx"), found.channel, found.allocation, None
    )
    send_plan(exchange, plan, RestoreState())
    verify(plan, read_back(exchange, plan))
    assert emulator.state.memory.global_data == dump.data.raw
    assert not isinstance(plan.loads[0], AllDataDump)

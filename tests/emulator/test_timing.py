"""The timing model: delays and wire times as numbers, never by waiting (§3.7, §5.4)."""

from __future__ import annotations

import pytest

from tests.emulator.helpers import emulator, hx
from wizard.emulator import Faults, Reply, Slot, Timing, schedule
from wizard.errors import BuildError


def test_real_timing_is_midi_speed_with_a_processing_delay() -> None:
    real = Timing.real()
    assert real.wire_rate == 3125.0
    assert real.processing_delay == 0.2


def test_instant_timing_has_no_delays() -> None:
    assert Timing.instant() == Timing(None, 0.0)
    assert Timing.instant().wire_seconds(49791) == 0.0


@pytest.mark.parametrize(
    ("length", "seconds"),
    [(170, 0.0544), (991, 0.31712), (16350, 5.232), (49791, 15.93312)],
)
def test_wire_seconds_at_3125_bytes_per_second(length: int, seconds: float) -> None:
    assert Timing.real().wire_seconds(length) == pytest.approx(seconds)


def test_request_reply_has_no_processing_delay() -> None:
    m1 = emulator(timing=Timing.real())
    (reply,) = m1.receive(hx("F0 42 30 19 1C 00 F7"))
    assert reply.delay == 0.0
    (slot,) = schedule([reply], m1.timing)
    assert slot.start == 0.0
    assert slot.end == pytest.approx(5.232)


def test_load_reply_waits_the_processing_delay() -> None:
    (data,) = [r.data for r in emulator().receive(hx("F0 42 30 19 0E 00 F7"))]
    m1 = emulator(timing=Timing(wire_rate=3125.0, processing_delay=0.35))
    (reply,) = m1.receive(data)
    assert reply == Reply(hx("F0 42 30 19 23 F7"), 0.35)
    (slot,) = schedule([reply], m1.timing)
    assert slot.start == 0.35
    assert slot.end == pytest.approx(0.35 + 6 / 3125)


def test_edit_buffer_load_has_no_processing_delay() -> None:
    (data,) = [r.data for r in emulator().receive(hx("F0 42 30 19 10 F7"))]
    m1 = emulator(timing=Timing.real())
    assert [r.delay for r in m1.receive(data)] == [0.0]


def test_following_reply_waits_for_the_previous_one_on_the_wire() -> None:
    m1 = emulator(timing=Timing.real(), faults=Faults(mode_change_before_dumps=True))
    replies = m1.receive(hx("F0 42 30 19 0E 00 F7"))
    assert [len(r.data) for r in replies] == [8, 991]
    assert [r.delay for r in replies] == [0.0, 0.0]
    first, second = schedule(replies, m1.timing)
    assert first.start == 0.0
    assert first.end == pytest.approx(0.00256)
    assert second.start == pytest.approx(0.00256)
    assert second.end == pytest.approx(0.00256 + 0.31712)


def test_late_replies_start_late() -> None:
    m1 = emulator(timing=Timing.real(), faults=Faults(late=2.0))
    replies = m1.receive(hx("F0 42 30 19 12 F7"))
    (slot,) = schedule(replies, m1.timing)
    assert slot.start == 2.0
    assert slot.end == pytest.approx(2.0 + 10 / 3125)


def test_schedule_with_instant_timing_is_all_at_the_delays() -> None:
    replies = [Reply(b"\xfe", 0.5), Reply(bytes(100), 0.0)]
    assert schedule(replies, Timing.instant()) == (Slot(0.5, 0.5), Slot(0.5, 0.5))


def test_zero_wire_rate_is_refused() -> None:
    with pytest.raises(BuildError) as caught:
        Timing(wire_rate=0.0)
    assert str(caught.value) == "a wire rate of 0.0 bytes per second cannot carry data."


def test_negative_processing_delay_is_refused() -> None:
    with pytest.raises(BuildError) as caught:
        Timing(processing_delay=-1.0)
    assert str(caught.value) == "a processing delay of -1.0 s is negative."

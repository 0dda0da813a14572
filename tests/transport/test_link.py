"""The in-process link to the emulated M1 (instant timing unless a test says otherwise)."""

from __future__ import annotations

import threading

import pytest

from tests.transport.fakes import FakeClock
from wizard.emulator.behaviour import Behaviour
from wizard.emulator.machine import M1Emulator
from wizard.emulator.scenarios import build_state
from wizard.emulator.timing import Timing
from wizard.errors import TransportError
from wizard.transport.link import EmulatorLink

# Requests from m1-sysex.md §2.2, global channel 1.
IDENTITY_REQUEST = bytes.fromhex("F0 7E 7F 06 01 F7")
MODE_REQUEST = bytes.fromhex("F0 42 30 19 12 F7")
GLOBAL_REQUEST = bytes.fromhex("F0 42 30 19 0E 00 F7")
ALL_PROGRAMS_REQUEST = bytes.fromhex("F0 42 30 19 1C 00 F7")


def link(timing: Timing | None = None, behaviour: Behaviour | None = None) -> EmulatorLink:
    emulator = M1Emulator(
        build_state("factory"), timing=timing or Timing.instant(), behaviour=behaviour
    )
    return EmulatorLink(emulator)


def test_identity_and_mode_requests_are_answered() -> None:
    with link() as m1:
        m1.send(IDENTITY_REQUEST)
        reply = m1.receive(1.0)
        assert reply is not None
        # §1.2: F0 7E 0g 06 02 42 19 00 00 00 rr 00 ss 00 F7, g = channel - 1
        assert len(reply) == 15
        assert reply[:10] == bytes.fromhex("F0 7E 00 06 02 42 19 00 00 00")
        m1.send(MODE_REQUEST)
        reply = m1.receive(1.0)
        assert reply is not None
        assert len(reply) == 10
        assert reply[:5] == bytes.fromhex("F0 42 30 19 42")


def test_dumps_have_their_documented_lengths() -> None:
    with link() as m1:
        m1.send(GLOBAL_REQUEST)
        global_dump = m1.receive(1.0)
        m1.send(ALL_PROGRAMS_REQUEST)
        bank = m1.receive(1.0)
    assert global_dump is not None and bank is not None
    # §3.4: 51 global 991 bytes, 4C all programs (100) 16 350 bytes.
    assert (len(global_dump), global_dump[:6]) == (991, bytes.fromhex("F0 42 30 19 51 00"))
    assert (len(bank), bank[:6]) == (16350, bytes.fromhex("F0 42 30 19 4C 00"))


def test_nothing_to_receive_without_a_request() -> None:
    with link() as m1:
        assert m1.receive(0.0) is None


def test_timed_replies_arrive_piece_by_piece() -> None:
    # A fast cable keeps the test short; the pieces still come one by one.
    with link(Timing(wire_rate=2_000_000.0)) as m1:
        m1.send(ALL_PROGRAMS_REQUEST)
        progress: list[int] = []
        bank = m1.receive(5.0, on_bytes=progress.append)
    assert bank is not None and len(bank) == 16350
    assert progress == [*range(256, 16350, 256), 16350]


def test_replies_on_a_slow_cable_are_not_there_at_once() -> None:
    # 100 bytes/s: the 6-byte request alone needs 60 ms on the wire.
    with link(Timing(wire_rate=100.0)) as m1:
        m1.send(MODE_REQUEST)
        assert m1.receive(0.0) is None


def test_a_waiting_receiver_in_another_thread_gets_the_reply() -> None:
    results: list[bytes | None] = []
    with link(Timing(wire_rate=100_000.0)) as m1:
        waiter = threading.Thread(target=lambda: results.append(m1.receive(10.0)))
        waiter.start()
        m1.send(MODE_REQUEST)
        waiter.join()
    assert len(results) == 1 and results[0] is not None and len(results[0]) == 10


def test_active_sensing_is_delivered_but_never_returned_as_a_message() -> None:
    with link(behaviour=Behaviour(active_sensing=True)) as m1:
        m1.deliver_active_sensing()
        assert m1.receive(0.0) is None
        m1.send(MODE_REQUEST)
        reply = m1.receive(1.0)
    assert reply is not None and reply[:5] == bytes.fromhex("F0 42 30 19 42")


def test_panel_key_replies_become_receivable() -> None:
    with link(behaviour=Behaviour(announce_panel_changes=True)) as m1:
        m1.press("COMBI")
        # §2.1/§2.4: MODE CHANGE 4E, mode 0 (Combination).
        assert m1.receive(1.0) == bytes.fromhex("F0 42 30 19 4E 00 00 F7")


def test_clear_input_drops_delivered_replies() -> None:
    with link() as m1:
        m1.send(MODE_REQUEST)
        m1.clear_input()
        assert m1.receive(0.0) is None


def test_closed_link_refuses_to_work() -> None:
    m1 = link()
    m1.close()
    with pytest.raises(TransportError) as caught:
        m1.send(MODE_REQUEST)
    assert str(caught.value) == (
        "The MIDI connection is already closed. Open the MIDI ports again (run the step again)."
    )


def test_close_wakes_a_waiting_receiver() -> None:
    errors: list[TransportError] = []
    m1 = link()
    started = threading.Event()

    def wait() -> None:
        started.set()
        try:
            m1.receive(60.0)
        except TransportError as error:
            errors.append(error)

    waiter = threading.Thread(target=wait)
    waiter.start()
    started.wait()
    m1.close()
    waiter.join(10.0)
    assert not waiter.is_alive()
    assert [error.message for error in errors] == ["The MIDI connection is already closed."]


def test_link_has_no_size_limit() -> None:
    assert link().max_message_size is None


def test_whole_messages_deliver_a_timed_reply_when_its_last_byte_would_come() -> None:
    # 100 bytes/s: the request needs 0.07 s on the cable, the 16 350-byte bank 163.5 s.
    clock = FakeClock()
    m1 = M1Emulator(build_state("factory"), timing=Timing(wire_rate=100.0))
    with EmulatorLink(m1, clock, whole_messages=True) as forwarding:
        forwarding.send(ALL_PROGRAMS_REQUEST)
        forwarding.send(MODE_REQUEST)
        clock.advance(0.07 + 163.4)
        assert forwarding.receive(0.0) is None  # a port carries the bank only once it is whole
        clock.advance(0.15)
        bank = forwarding.receive(0.0)
        assert bank is not None and len(bank) == 16350
        # The MODE DATA asked for meanwhile follows right after the bank, 10 bytes later.
        assert forwarding.receive(0.0) is None
        clock.advance(0.1)
        mode = forwarding.receive(0.0)
    assert mode is not None and mode[:5] == bytes.fromhex("F0 42 30 19 42")

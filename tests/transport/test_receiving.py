"""Receiving with an idle time-out that restarts while bytes flow (fake clock, no sleeps)."""

from __future__ import annotations

import pytest

from tests.transport.fakes import FakeClock, ScriptedPieces
from wizard.errors import TransportError
from wizard.transport.base import DamagedMessageError
from wizard.transport.receiving import QueuedPieces, StreamReceiver

MODE_REQUEST = bytes.fromhex("F0 42 30 19 12 F7")


def dump(length: int) -> bytes:
    return b"\xf0" + bytes(i % 0x80 for i in range(length - 2)) + b"\xf7"


def pieces_at_wire_speed(message: bytes, piece: int, rate: float) -> list[tuple[float, bytes]]:
    """The message cut into pieces, each arriving when its bytes would have crossed a cable."""
    return [(len(message[i : i + piece]) / rate, message[i : i + piece])
            for i in range(0, len(message), piece)]  # fmt: skip


def test_a_long_dump_keeps_arriving_past_a_short_idle_timeout() -> None:
    clock = FakeClock()
    message = dump(49791)  # ALL DATA, factory (§3.4): 15.9 s at 3125 bytes/s
    source = ScriptedPieces(clock, pieces_at_wire_speed(message, 256, 3125.0))
    receiver = StreamReceiver(source, clock)
    start = clock()
    progress: list[int] = []
    assert receiver.receive(1.0, progress.append) == message
    assert clock() - start == pytest.approx(49791 / 3125.0)
    assert progress[0] == 256
    assert progress[-1] == 49791
    assert progress == sorted(progress)


def test_timeout_when_the_gap_between_pieces_is_longer_than_the_idle_timeout() -> None:
    clock = FakeClock()
    source = ScriptedPieces(clock, [(0.5, b"\xf0\x42\x30"), (1.5, b"\x19\x12\xf7")])
    receiver = StreamReceiver(source, clock)
    start = clock()
    assert receiver.receive(1.0) is None
    assert clock() - start == pytest.approx(1.5)
    # The partial message stays buffered: a later call finishes it.
    assert receiver.receive(1.0) == MODE_REQUEST


def test_nothing_at_all_returns_none_after_the_timeout() -> None:
    clock = FakeClock()
    receiver = StreamReceiver(ScriptedPieces(clock), clock)
    assert receiver.receive(2.0) is None
    assert clock() == pytest.approx(1002.0)


def test_active_sensing_does_not_keep_an_idle_receive_alive() -> None:
    clock = FakeClock()
    sensing = [(0.3, b"\xfe")] * 20
    receiver = StreamReceiver(ScriptedPieces(clock, sensing), clock)
    start = clock()
    assert receiver.receive(1.0) is None
    assert clock() - start == pytest.approx(1.0)


def test_damaged_message_is_reported_and_the_next_one_still_arrives() -> None:
    clock = FakeClock()
    source = ScriptedPieces(clock, [(0.1, b"\xf0\x42\x30\x19\x4c"), (0.1, MODE_REQUEST)])
    receiver = StreamReceiver(source, clock)
    with pytest.raises(DamagedMessageError) as caught:
        receiver.receive(1.0)
    assert caught.value.data == b"\xf0\x42\x30\x19\x4c"
    assert str(caught.value) == (
        "A SysEx message broke off after 5 bytes: a new message (F0) started before its "
        "end byte (F7). Check the MIDI cables and the interface, then repeat the request."
    )
    assert receiver.receive(1.0) == MODE_REQUEST


def test_messages_from_one_piece_come_out_one_per_call() -> None:
    clock = FakeClock()
    status = bytes.fromhex("F0 42 30 19 23 F7")
    source = ScriptedPieces(clock, [(0.0, MODE_REQUEST + status)])
    receiver = StreamReceiver(source, clock)
    assert receiver.receive(1.0) == MODE_REQUEST
    assert receiver.receive(1.0) == status
    assert receiver.receive(0.0) is None


def test_clear_drops_queued_pieces_and_the_partial_message() -> None:
    pieces = QueuedPieces()
    receiver = StreamReceiver(pieces)
    pieces.put(b"\xf0\x42\x30")
    assert receiver.receive(0.0) is None  # the piece is taken, the message is partial
    pieces.put(b"\x19\x12\xf7")
    receiver.clear()
    pieces.put(MODE_REQUEST)
    assert receiver.receive(0.0) == MODE_REQUEST
    assert receiver.receive(0.0) is None


def test_queued_pieces_give_none_when_empty() -> None:
    pieces = QueuedPieces()
    assert pieces.get(0.0) is None
    pieces.put(b"\xfe")
    assert pieces.get(0.0) == b"\xfe"


def test_closing_the_queue_ends_a_wait_with_an_error() -> None:
    pieces = QueuedPieces()
    receiver = StreamReceiver(pieces)
    pieces.close()
    with pytest.raises(TransportError) as caught:
        receiver.receive(60.0)
    assert caught.value.message == "The MIDI connection is already closed."

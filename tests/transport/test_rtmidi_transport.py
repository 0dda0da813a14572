"""The rtmidi transport with stand-in port objects: buffers, polled input, send and close."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import rtmidi

from wizard.errors import TransportError
from wizard.transport.backend import SYSTEMS
from wizard.transport.base import PortPair
from wizard.transport.rtmidi_ports import INPUT_BUFFER_COUNT, INPUT_BUFFER_SIZE, prepare_input
from wizard.transport.rtmidi_transport import RtMidiTransport

Callback = Callable[[tuple[list[int], float], object], None]


class FakeMidiIn:
    """Records what the transport asks of an rtmidi.MidiIn."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []
        self.callback: Callback | None = None
        self.waiting: list[bytes] = []

    def ignore_types(self, **flags: bool) -> None:
        self.calls.append(("ignore_types", flags))

    def set_callback(self, callback: Callback) -> None:
        self.callback = callback

    def cancel_callback(self) -> None:
        self.calls.append(("cancel_callback", None))

    def close_port(self) -> None:
        self.calls.append(("close_port", None))

    def delete(self) -> None:
        self.calls.append(("delete", None))

    def get_message(self) -> tuple[list[int], float] | None:
        return (list(self.waiting.pop(0)), 0.0) if self.waiting else None

    def deliver(self, piece: bytes) -> None:
        """What rtmidi does with arriving input when no callback is set: queue it."""
        self.waiting.append(piece)


class FakeMidiInWithBuffers(FakeMidiIn):
    """python-rtmidi >= 1.6 also has set_buffer_size."""

    def set_buffer_size(self, size: int, count: int) -> None:
        self.calls.append(("set_buffer_size", (size, count)))


class FakeMidiOut:
    def __init__(self, error: Exception | None = None) -> None:
        self.sent: list[bytes] = []
        self.closed = 0
        self.error = error

    def send_message(self, message: bytes) -> None:
        if self.error is not None:
            raise self.error
        self.sent.append(bytes(message))

    def close_port(self) -> None:
        self.closed += 1

    def delete(self) -> None:
        return


def transport(midi_out: FakeMidiOut | None = None) -> tuple[RtMidiTransport, FakeMidiIn]:
    midi_in = FakeMidiIn()
    ports = PortPair("UM-ONE:UM-ONE MIDI 1 20:0", "UM-ONE:UM-ONE MIDI 1 20:0")
    return RtMidiTransport(midi_in, midi_out or FakeMidiOut(), SYSTEMS["jack"], ports), midi_in


def test_sysex_is_let_in_and_buffers_grow_where_python_rtmidi_allows() -> None:
    old, new = FakeMidiIn(), FakeMidiInWithBuffers()
    prepare_input(old)
    prepare_input(new)
    flags = {"sysex": False, "timing": True, "active_sense": True}
    assert old.calls == [("ignore_types", flags)]
    assert new.calls == [
        ("set_buffer_size", (INPUT_BUFFER_SIZE, INPUT_BUFFER_COUNT)),
        ("ignore_types", flags),
    ]


def test_windows_style_fragments_from_the_input_queue_are_reassembled() -> None:
    link, midi_in = transport()
    message = b"\xf0\x42\x30\x19\x51\x00" + bytes(984) + b"\xf7"  # 991-byte global dump
    for start in range(0, len(message), 256):
        midi_in.deliver(message[start : start + 256])
    assert link.receive(1.0) == message


def test_input_is_polled_and_no_python_callback_is_ever_given_to_rtmidi() -> None:
    # A callback runs on the MIDI system's thread and deadlocks with a main thread that
    # waits on the MIDI library (see wizard/transport/polling.py).
    link, midi_in = transport()
    assert midi_in.callback is None
    midi_in.deliver(bytes.fromhex("F0 42 30 19 23 F7"))
    assert link.receive(0.0) == bytes.fromhex("F0 42 30 19 23 F7")
    link.clear_input()
    midi_in.deliver(bytes.fromhex("F0 42 30 19 24 F7"))
    link.clear_input()
    assert midi_in.waiting == []
    assert link.receive(0.0) is None


def test_too_large_message_never_reaches_rtmidi() -> None:
    out = FakeMidiOut()
    link, _ = transport(out)
    with pytest.raises(TransportError):
        link.send(b"\xf0" + bytes(16378) + b"\xf7")
    assert out.sent == []
    link.send(b"\xf0" + bytes(16377) + b"\xf7")
    assert len(out.sent[0]) == 16379


def test_a_send_error_becomes_advice() -> None:
    failing = FakeMidiOut(rtmidi.SystemError("MidiOutJack::initialize: JACK server not running?"))
    link, _ = transport(failing)
    with pytest.raises(TransportError) as caught:
        link.send(bytes.fromhex("F0 42 30 19 12 F7"))
    assert caught.value.message == "No MIDI system found: the JACK server is not running."


def test_close_releases_both_ports_once() -> None:
    out = FakeMidiOut()
    link, midi_in = transport(out)
    link.close()
    link.close()
    assert midi_in.calls == [("cancel_callback", None), ("close_port", None), ("delete", None)]
    assert out.closed == 1
    with pytest.raises(TransportError):
        link.receive(0.0)

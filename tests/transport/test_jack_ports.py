"""Real MIDI ports over a private JACK server: virtual ports, opening by name, limits."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from wizard.errors import TransportError
from wizard.transport.port_names import PortChoice
from wizard.transport.rtmidi_ports import list_ports, open_ports, open_virtual_ports
from wizard.transport.rtmidi_transport import RtMidiTransport

pytestmark = pytest.mark.jack

MODE_REQUEST = bytes.fromhex("F0 42 30 19 12 F7")


def sysex(length: int) -> bytes:
    return b"\xf0" + bytes(i % 0x80 for i in range(length - 2)) + b"\xf7"


@pytest.fixture
def device(jack_server: str) -> Iterator[RtMidiTransport]:
    """A virtual port pair standing in for a MIDI device."""
    with open_virtual_ports(f"Device {uuid.uuid4().hex[:6]}") as ports:
        yield ports


@pytest.fixture
def host(device: RtMidiTransport) -> Iterator[RtMidiTransport]:
    """The wizard's side, opened by part of the device's name."""
    name = device.ports.input.removesuffix(" MIDI IN")
    with open_ports(PortChoice.from_options(name, None, None)) as ports:
        yield ports


def test_virtual_ports_are_listed(device: RtMidiTransport) -> None:
    listing = list_ports()
    assert listing.system.label == "JACK MIDI"
    assert any(name.endswith(device.ports.output) for name in listing.inputs)
    assert any(name.endswith(device.ports.input) for name in listing.outputs)


def test_messages_cross_in_both_directions(host: RtMidiTransport, device: RtMidiTransport) -> None:
    host.send(MODE_REQUEST)
    assert device.receive(5.0) == MODE_REQUEST
    status = bytes.fromhex("F0 42 30 19 23 F7")
    device.send(status)
    assert host.receive(5.0) == status


def test_largest_jack_message_arrives_whole(host: RtMidiTransport, device: RtMidiTransport) -> None:
    message = sysex(16379)
    seen: list[int] = []
    device.send(message)
    assert host.receive(5.0, on_bytes=seen.append) == message
    assert seen[-1] == 16379


def test_one_byte_more_is_refused_not_lost(host: RtMidiTransport) -> None:
    with pytest.raises(TransportError) as caught:
        host.send(sysex(16380))
    assert caught.value.message == (
        "The message is 16380 bytes long but JACK MIDI carries at most 16379 bytes in one "
        "message, so it was not sent."
    )


def test_back_to_back_bank_dumps_all_arrive(host: RtMidiTransport, device: RtMidiTransport) -> None:
    # §3.4 sizes: 16 350 (4C), 14 179 (4D), 991 (51), sent without waiting in between.
    messages = [sysex(16350), sysex(14179), sysex(991)]
    for message in messages:
        device.send(message)
    assert [host.receive(5.0) for _ in messages] == messages


def test_missing_port_name_lists_what_jack_has(device: RtMidiTransport) -> None:
    with pytest.raises(TransportError) as caught:
        open_ports(PortChoice.from_options("no such synth", None, None))
    assert caught.value.message.startswith('No MIDI input port matches "no such synth"; found: ')
    assert device.ports.output in caught.value.message

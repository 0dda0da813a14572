"""`Transport` over python-rtmidi ports that are already open (see `rtmidi_ports`)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from wizard.transport.advice import advice_for
from wizard.transport.backend import MidiSystem
from wizard.transport.base import ByteProgress, PortPair, Transport, check_outgoing, closed_error
from wizard.transport.receiving import QueuedPieces, StreamReceiver


class RtMidiTransport(Transport):
    """A pair of open python-rtmidi ports: one `MidiIn`, one `MidiOut`.

    Input arrives through rtmidi's callback thread into a queue; `receive` reassembles
    it. Build one with `rtmidi_ports.open_ports` or `open_virtual_ports`.

    Args:
        midi_in: An open `rtmidi.MidiIn` with SysEx enabled and no callback yet.
        midi_out: An open `rtmidi.MidiOut`.
        system: The MIDI system both belong to.
        ports: The names of the opened ports.
        clock: Monotonic seconds.
    """

    def __init__(
        self,
        midi_in: Any,
        midi_out: Any,
        system: MidiSystem,
        ports: PortPair,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._in = midi_in
        self._out = midi_out
        self._system = system
        self._ports = ports
        self._pieces = QueuedPieces()
        self._receiver = StreamReceiver(self._pieces, clock)
        self._send_lock = threading.Lock()
        self._closed = False
        midi_in.set_callback(self._arrived)

    @property
    def system(self) -> MidiSystem:
        """The MIDI system in use."""
        return self._system

    @property
    def max_message_size(self) -> int | None:
        """The system's single-message limit (see `backend.SYSTEMS`)."""
        return self._system.max_message_size

    @property
    def ports(self) -> PortPair:
        """The opened port names."""
        return self._ports

    def send(self, data: bytes) -> None:
        """Send one complete message, refusing what the system would silently drop."""
        if self._closed:
            raise closed_error()
        check_outgoing(data, self._system.max_message_size, self._system.label)
        with self._send_lock:
            try:
                self._out.send_message(bytes(data))
            except Exception as error:  # rtmidi raises its own classes and ValueError
                raise advice_for(error, self._system, self._ports.output) from error

    def receive(self, timeout: float, *, on_bytes: ByteProgress | None = None) -> bytes | None:
        """The next complete message (see `Transport.receive`)."""
        if self._closed:
            raise closed_error()
        return self._receiver.receive(timeout, on_bytes)

    @property
    def stray_bytes(self) -> int:
        """Bytes received that belonged to no message (see `Transport.stray_bytes`)."""
        return self._receiver.discarded

    def clear_input(self) -> None:
        """Drop everything received and not yet returned."""
        self._receiver.clear()

    def close(self) -> None:
        """Close both ports and free the rtmidi objects."""
        if self._closed:
            return
        self._closed = True
        for port in (self._in, self._out):
            close_quietly(port)
        self._pieces.close()

    def _arrived(self, event: tuple[list[int], float], _data: object = None) -> None:
        # Runs on rtmidi's thread: only hand the bytes over.
        self._pieces.put(bytes(event[0]))


def close_quietly(port: Any) -> None:
    """Close and delete an rtmidi port object, ignoring errors (used while cleaning up)."""
    steps = ("cancel_callback", "close_port", "delete")
    for step in steps:
        method = getattr(port, step, None)
        if method is None:
            continue
        try:
            method()
        except Exception:  # cleaning up after a failure must not raise again
            continue

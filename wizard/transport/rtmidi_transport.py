"""`Transport` over python-rtmidi ports that are already open (see `rtmidi_ports`)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from wizard.transport.advice import advice_for
from wizard.transport.backend import MidiSystem
from wizard.transport.base import ByteProgress, PortPair, check_outgoing, closed_error
from wizard.transport.polling import PolledPieces
from wizard.transport.receiving import ReassemblingTransport, StreamReceiver
from wizard.transport.sound_cards import list_raw_devices, raw_device_for_port


class RtMidiTransport(ReassemblingTransport):
    """A pair of open python-rtmidi ports: one `MidiIn`, one `MidiOut`.

    rtmidi keeps arriving input in its own queue, and `receive` polls it from the
    caller's thread and reassembles it (no callback: see `polling`). Build one with
    `rtmidi_ports.open_ports` or `open_virtual_ports`.

    Args:
        midi_in: An open `rtmidi.MidiIn` with SysEx enabled and no callback yet.
        midi_out: An open `rtmidi.MidiOut`.
        system: The MIDI system both belong to.
        ports: The names of the opened ports.
        clock: Monotonic seconds.
        on_close: Called once after both ports closed (releases the port locks).
    """

    def __init__(
        self,
        midi_in: Any,
        midi_out: Any,
        system: MidiSystem,
        ports: PortPair,
        clock: Callable[[], float] = time.monotonic,
        *,
        on_close: Callable[[], None] | None = None,
    ) -> None:
        self._in = midi_in
        self._out = midi_out
        self._system = system
        self._ports = ports
        self._in_lock = threading.Lock()
        self._send_lock = threading.Lock()
        self._pieces = PolledPieces(midi_in, self._in_lock, clock)
        self._receiver = StreamReceiver(self._pieces, clock)
        self._closed = False
        self._on_close = on_close

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

    @property
    def raw_device(self) -> str | None:
        """The ALSA raw MIDI device of the interface these ports belong to, when the
        system has a size limit and /proc/asound lists one (see `sound_cards`)."""
        if self._system.max_message_size is None:
            return None
        devices = list_raw_devices()
        found = raw_device_for_port(self._ports.output, devices) or raw_device_for_port(
            self._ports.input, devices
        )
        return None if found is None else f"{found.path} ({found.hw})"

    def send(self, data: bytes) -> None:
        """Send one complete message, refusing what the system would silently drop."""
        check_outgoing(data, self._system.max_message_size, self._system.label)
        with self._send_lock:
            if self._closed:
                raise closed_error()
            try:
                self._out.send_message(bytes(data))
            except Exception as error:  # rtmidi raises its own classes and ValueError
                raise advice_for(error, self._system, self._ports.output) from error

    def receive(self, timeout: float, *, on_bytes: ByteProgress | None = None) -> bytes | None:
        """The next complete message (see `Transport.receive`)."""
        if self._closed:
            raise closed_error()
        return self._receiver.receive(timeout, on_bytes)

    def close(self) -> None:
        """Close both ports and free the rtmidi objects."""
        if self._closed:
            return
        self._closed = True
        # The locks make a receive or send in another thread finish its rtmidi call
        # before the object under it is freed (freeing it mid-call crashes).
        with self._in_lock:
            self._pieces.close()
            close_quietly(self._in)
        with self._send_lock:
            close_quietly(self._out)
        if self._on_close is not None:
            self._on_close()


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

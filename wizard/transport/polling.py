"""Input pieces taken from an rtmidi input's own queue by polling, never by callback.

An rtmidi input callback runs on the MIDI system's thread (JACK's process thread) and
must take Python's interpreter lock before it can run. When the main thread holds that
lock while it waits on the same MIDI library (closing a port waits for the process
thread to stop), neither moves again: the program hangs, deaf to Ctrl-C. Measured with
a device sending SysEx without pause while a port pair was opened and closed 100
times: with a callback 5 runs of 5 hung, polled 0 of 5 (tests/transport/jack_peers.py
has both programs; test_jack_port_choice.py runs them). So rtmidi only
queues what arrives, on its side, and the thread that wants a message takes it with
`get_message()`, which neither waits nor calls back into Python. The short sleeps
between polls also let a pending Ctrl-C through at once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from wizard.transport.base import closed_error

POLL_SECONDS = 0.002
"""Pause between empty polls: 6 bytes' worth of MIDI wire time (3 125 bytes/s), so a
reply is seen almost as it arrives, at a cost of 500 wake-ups a second while waiting."""


class PolledPieces:
    """A piece source (see `receiving.PieceSource`) over an open `rtmidi.MidiIn`.

    Args:
        midi_in: An open input without a callback; rtmidi keeps what arrives in its
            queue until it is taken here.
        lock: Held while the input is used, so that `close` elsewhere never frees it
            in the middle of a poll; the owner takes it before closing the port.
        clock: Monotonic seconds.
        sleep: Waits between empty polls.
    """

    def __init__(
        self,
        midi_in: Any,
        lock: threading.Lock,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._in = midi_in
        self._lock = lock
        self._clock = clock
        self._sleep = sleep
        self._closed = False

    def get(self, timeout: float) -> bytes | None:
        """The next piece, polling for at most `timeout` seconds.

        Raises:
            TransportError: The input was closed, before or during the wait.
        """
        deadline = self._clock() + timeout
        while True:
            piece = self._poll()
            if piece is not None:
                return piece
            remaining = deadline - self._clock()
            if remaining <= 0:
                return None
            self._sleep(min(POLL_SECONDS, remaining))

    def drain(self) -> None:
        """Drop every piece rtmidi holds (nothing to do once closed)."""
        while not self._closed and self._poll() is not None:
            continue

    def close(self) -> None:
        """Make waiting and later `get` calls raise; call with the lock held."""
        self._closed = True

    def _poll(self) -> bytes | None:
        with self._lock:
            if self._closed:
                raise closed_error()
            event = self._in.get_message()
        return None if event is None else bytes(event[0])

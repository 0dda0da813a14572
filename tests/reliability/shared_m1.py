"""One emulated M1 reached by several MIDI clients at once, as on JACK or ALSA: what any
client sends reaches the M1 whole, one message after another (the MIDI system merges at
message boundaries), and every reply the M1 sends reaches every client (its MIDI OUT is
one cable that all of them listen to)."""

from __future__ import annotations

import threading
from collections.abc import Sequence

from wizard.emulator import M1Emulator
from wizard.emulator.timing import Reply
from wizard.transport.base import check_outgoing
from wizard.transport.link import EmulatorLink


class SharedM1:
    """The M1 and the clients connected to it.

    Args:
        emulator: The virtual M1 all clients reach.
    """

    def __init__(self, emulator: M1Emulator) -> None:
        self.emulator = emulator
        self._lock = threading.RLock()
        self._clients: list[SharedLink] = []

    def client(self) -> SharedLink:
        """A new client's connection: it hears every reply from now on."""
        link = SharedLink(self)
        with self._lock:
            self._clients.append(link)
        return link

    def deliver(self, data: bytes) -> None:
        """Hand one message to the M1 and its replies to every connected client."""
        with self._lock:
            replies = self.emulator.receive(data)
            for client in self._clients:
                client.hear(replies)

    def leave(self, link: SharedLink) -> None:
        """`link` hears nothing more (its program closed its port)."""
        with self._lock:
            if link in self._clients:
                self._clients.remove(link)


class SharedLink(EmulatorLink):
    """One client's connection to a `SharedM1`: an `EmulatorLink` whose messages go
    through the shared M1 and that also hears the replies meant for the others."""

    def __init__(self, shared: SharedM1) -> None:
        super().__init__(shared.emulator)
        self._shared = shared

    def send(self, data: bytes) -> None:
        """Give one message to the M1; its replies reach every client."""
        self._check_open()
        check_outgoing(data, None, "the shared M1")
        self._shared.deliver(bytes(data))

    def hear(self, replies: Sequence[Reply]) -> None:
        """Receive the M1's `replies`, whoever asked for them."""
        with self._lock:
            self._schedule(replies, self._clock())

    def close(self) -> None:
        """Leave the shared M1 and wake waiting receivers."""
        self._shared.leave(self)
        super().close()

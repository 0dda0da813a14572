"""Serving the emulated M1 on a real port pair: what arrives goes to the emulator, its
replies go back out on time, and active sensing goes out every 300 ms when it is on."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from wizard.emulator.timing import ACTIVE_SENSING_INTERVAL
from wizard.errors import TransportError
from wizard.transport.assembly import MessageAssembler
from wizard.transport.base import DamagedMessageError, Transport
from wizard.transport.link import EmulatorLink

POLL_SECONDS = 0.25
"""How long each worker waits for traffic before it looks at the stop flag again."""


class M1Direction(Enum):
    """Which way a reported message went, seen from the emulated M1."""

    IN = "in"
    OUT = "out"


@dataclass(frozen=True)
class Traffic:
    """One event worth a status line.

    Attributes:
        direction: IN for what the M1 received, OUT for what it sent.
        data: The message (partial for damaged ones; empty for errors without data).
        problem: None for a handled message; otherwise what went wrong.
    """

    direction: M1Direction
    data: bytes
    problem: str | None = None


class EmulatorBridge:
    """Two worker threads joining a port pair and an `EmulatorLink`.

    Args:
        port: The ports other programs talk to (virtual or loopback ports).
        link: The in-process link to the emulator; its timing delays the replies.
        report: Called from the workers for every handled message and every problem.
        stream: Writes bytes as they are to a byte-stream port (a pseudo-terminal): the
            M1's output then goes out piece by piece as it would be on the wire, not
            as whole messages; None for ports that carry whole messages only.
    """

    def __init__(
        self,
        port: Transport,
        link: EmulatorLink,
        report: Callable[[Traffic], None],
        *,
        stream: Callable[[bytes], None] | None = None,
    ) -> None:
        self._port = port
        self._link = link
        self._report = report
        self._stream = stream
        self._sent = MessageAssembler()  # whole messages out of the pieces, for reports
        self._stop = threading.Event()
        self._workers = (
            threading.Thread(target=self._inbound, name="m1-emulator-in", daemon=True),
            threading.Thread(target=self._outbound, name="m1-emulator-out", daemon=True),
        )

    def start(self) -> None:
        """Start serving."""
        for worker in self._workers:
            worker.start()

    def stop(self) -> None:
        """Stop both workers and wait for them (each notices within `POLL_SECONDS`)."""
        self._stop.set()
        for worker in self._workers:
            if worker.is_alive():
                worker.join()

    def _inbound(self) -> None:
        while not self._stop.is_set():
            try:
                data = self._port.receive(POLL_SECONDS)
            except DamagedMessageError as error:
                self._report(Traffic(M1Direction.IN, error.data, error.message))
                continue
            except TransportError as error:
                self._report(Traffic(M1Direction.IN, b"", error.message))
                self._stop.set()
                return
            if data is None:
                continue
            self._report(Traffic(M1Direction.IN, data))
            self._link.send(data)

    def _outbound(self) -> None:
        next_sensing = time.monotonic()
        while not self._stop.is_set():
            now = time.monotonic()
            if now >= next_sensing:
                self._send_active_sensing()
                next_sensing = now + ACTIVE_SENSING_INTERVAL
            wait = min(POLL_SECONDS, max(0.0, next_sensing - time.monotonic()))
            if self._stream is not None:
                self._forward_piece(self._stream, wait)
                continue
            reply = self._link.receive(wait)
            if reply is None:
                continue
            try:
                self._port.send(reply)
            except TransportError as error:
                self._report(Traffic(M1Direction.OUT, reply, str(error)))
                continue
            self._report(Traffic(M1Direction.OUT, reply))

    def _forward_piece(self, stream: Callable[[bytes], None], wait: float) -> None:
        try:
            piece = self._link.receive_piece(wait)
            if piece is None:
                return
            stream(piece)
        except TransportError as error:
            self._report(Traffic(M1Direction.OUT, b"", error.message))
            return
        self._sent.feed(piece)
        while (sent := self._sent.pop()) is not None:
            self._report(Traffic(M1Direction.OUT, sent.data, sent.damage))

    def _send_active_sensing(self) -> None:
        # Realtime bytes bypass the link: its receiver drops them, as any receiver should.
        with self._link.locked() as emulator:
            replies = emulator.active_sensing()
        for reply in replies:
            try:
                self._port.send(reply.data)
            except TransportError:
                return

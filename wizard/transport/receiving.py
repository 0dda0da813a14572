"""Receiving with an idle time-out that restarts while bytes flow, over any piece source.

MIDI libraries hand over input with no notion of a time-out, so every transport here
takes its pieces from a `PieceSource` (`polling.PolledPieces` for rtmidi ports,
`QueuedPieces` for a thread that pushes pieces, `ScheduledPieces` for the emulator link)
and a `StreamReceiver` waits on it with monotonic deadlines.
"""

from __future__ import annotations

import queue
import time
from collections.abc import Callable
from typing import Protocol

from wizard.transport.assembly import MessageAssembler
from wizard.transport.base import ByteProgress, DamagedMessageError, Transport, closed_error


class PieceSource(Protocol):
    """Where received byte pieces wait until the receiver takes them."""

    def get(self, timeout: float) -> bytes | None:
        """The next piece, waiting at most `timeout` seconds (0 = do not wait).

        Raises:
            TransportError: The source was closed, before or during the wait.
        """

    def drain(self) -> None:
        """Drop every piece that has arrived but was not taken."""


class QueuedPieces:
    """A thread-safe piece source that another thread fills."""

    def __init__(self) -> None:
        self._queue: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._closed = False

    def put(self, piece: bytes) -> None:
        """Add a piece; safe to call from any thread."""
        self._queue.put(piece)

    def get(self, timeout: float) -> bytes | None:
        """The next piece, waiting at most `timeout` seconds."""
        if self._closed:
            raise closed_error()
        try:
            piece = self._queue.get(timeout=timeout) if timeout > 0 else self._queue.get_nowait()
        except queue.Empty:
            return None
        if piece is None:  # the wake-up that `close` sends
            raise closed_error()
        return piece

    def close(self) -> None:
        """Wake a waiting `get`, which then raises."""
        self._closed = True
        self._queue.put(None)

    def drain(self) -> None:
        """Drop every waiting piece."""
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                return


class StreamReceiver:
    """Whole messages out of a piece source, with a restarting idle time-out.

    Args:
        source: Where the pieces come from.
        clock: Monotonic seconds; tests pass a fake clock that their source advances.
    """

    def __init__(self, source: PieceSource, clock: Callable[[], float] = time.monotonic) -> None:
        self._source = source
        self._clock = clock
        self._assembler = MessageAssembler()

    def receive(self, timeout: float, on_bytes: ByteProgress | None = None) -> bytes | None:
        """The next complete message (see `Transport.receive`).

        A partial message left when the time-out expires stays buffered, so a later call
        can finish it; `clear` drops it.

        Raises:
            DamagedMessageError: A SysEx message broke off before its F7.
            TransportError: The source was closed.
        """
        deadline = self._clock() + timeout
        while True:
            finished = self._assembler.pop()
            if finished is not None:
                if finished.damage is not None:
                    raise DamagedMessageError(finished.damage, finished.data)
                return finished.data
            piece = self._source.get(max(0.0, deadline - self._clock()))
            if piece is None:
                if self._clock() >= deadline:
                    return None
                continue
            if self._assembler.feed(piece) == 0:
                # Realtime bytes and junk do not restart the time-out: an M1 sends FE
                # every 300 ms while idle, which would otherwise keep us waiting forever.
                continue
            deadline = self._clock() + timeout
            if on_bytes is not None:
                on_bytes(self._progress())

    def clear(self) -> None:
        """Drop buffered pieces, finished messages and the message in progress."""
        self._source.drain()
        self._assembler.reset()

    @property
    def discarded(self) -> int:
        """Bytes dropped so far because they belonged to no message."""
        return self._assembler.discarded

    def _progress(self) -> int:
        pending = self._assembler.pending_length
        if pending:
            return pending
        finished = self._assembler.newest()
        return len(finished.data) if finished is not None else 0


class ReassemblingTransport(Transport):
    """A transport whose input a `StreamReceiver` reassembles from pieces (the rtmidi
    ports, a raw device, the emulator link): what they have in common about it."""

    _receiver: StreamReceiver

    @property
    def stray_bytes(self) -> int:
        """Bytes received that belonged to no message (see `Transport.stray_bytes`)."""
        return self._receiver.discarded

    def clear_input(self) -> None:
        """Drop everything received and not yet returned."""
        self._receiver.clear()

"""An in-process connection to the emulated M1, with the emulator's cable timing.

`EmulatorLink.send` hands each message to `M1Emulator.receive`; the replies become
receivable after their delay, and, when the emulator's timing has a wire rate, piece
by piece as their bytes would arrive over a 3125 byte/s cable (m1-sysex.md §3.7), so
an idle time-out behaves as it does with a real M1.
"""

from __future__ import annotations

import heapq
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from itertools import count

from wizard.emulator.machine import M1Emulator, Reply
from wizard.transport.base import ByteProgress, PortPair, check_outgoing, closed_error
from wizard.transport.receiving import ReassemblingTransport, StreamReceiver

WIRE_PIECE = 256
"""Bytes per piece on a timed link; the size ALSA uses for SysEx events."""


class ScheduledPieces:
    """Pieces that become available at given monotonic times; waits on a Condition."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._ready = threading.Condition()
        self._heap: list[tuple[float, int, bytes]] = []
        self._order = count()
        self._closed = False

    def put(self, at: float, piece: bytes) -> None:
        """Make `piece` available at monotonic time `at`."""
        with self._ready:
            heapq.heappush(self._heap, (at, next(self._order), piece))
            self._ready.notify_all()

    def get(self, timeout: float) -> bytes | None:
        """The next piece due by now, waiting at most `timeout` seconds for one.

        Raises:
            TransportError: The link was closed, before or during the wait.
        """
        deadline = self._clock() + timeout
        with self._ready:
            while not self._closed:
                now = self._clock()
                if self._heap and self._heap[0][0] <= now:
                    return heapq.heappop(self._heap)[2]
                if now >= deadline:
                    return None
                due = self._heap[0][0] if self._heap else deadline
                self._ready.wait(min(due, deadline) - now)
            raise closed_error()

    def drain(self) -> None:
        """Drop the pieces already due; those still on the wire arrive later as usual."""
        with self._ready:
            now = self._clock()
            self._heap = [entry for entry in self._heap if entry[0] > now]
            heapq.heapify(self._heap)

    def close(self) -> None:
        """Wake every waiter (they raise) and stop handing out pieces."""
        with self._ready:
            self._closed = True
            self._heap.clear()
            self._ready.notify_all()


class EmulatorLink(ReassemblingTransport):
    """A `Transport` whose far end is an `M1Emulator` in the same process.

    The emulator acts at once when a message is sent; only the delivery of its replies
    is timed. Thread-safe: one thread may receive while another presses panel keys.

    Args:
        emulator: The virtual M1.
        clock: Monotonic seconds, shared with the waiting.
        whole_messages: Deliver each timed reply whole when its last byte would
            arrive, instead of piece by piece. For forwarding to ports that carry only
            whole messages: a real M1's reply is complete only when its last byte is,
            and the next reply can follow only after it, so a 16 KB bank comes 5 s
            after the request and what is asked next comes right after it.
    """

    def __init__(
        self,
        emulator: M1Emulator,
        clock: Callable[[], float] = time.monotonic,
        *,
        whole_messages: bool = False,
    ) -> None:
        self._emulator = emulator
        self._clock = clock
        self._whole_messages = whole_messages
        self._lock = threading.RLock()
        self._pieces = ScheduledPieces(clock)
        self._receiver = StreamReceiver(self._pieces, clock)
        self._to_m1_free = 0.0  # when our cable into the M1 is idle again
        self._from_m1_free = 0.0  # when the M1's cable back to us is idle again
        self._closed = False

    @property
    def max_message_size(self) -> int | None:
        """No limit: the link hands over whole messages."""
        return None

    @property
    def ports(self) -> PortPair:
        """Both directions are the emulator."""
        return PortPair("M1 emulator (in-process)", "M1 emulator (in-process)")

    @contextmanager
    def locked(self) -> Iterator[M1Emulator]:
        """Hold the emulator for a direct look or change, away from other threads."""
        with self._lock:
            yield self._emulator

    def send(self, data: bytes) -> None:
        """Give one message to the emulator and schedule its replies."""
        self._check_open()
        check_outgoing(data, None, "the emulator link")
        with self._lock:
            now = self._clock()
            arrived = max(now, self._to_m1_free) + self._wire(len(data))
            self._to_m1_free = arrived
            self._schedule(self._emulator.receive(bytes(data)), arrived)

    def press(self, key: str) -> None:
        """Press a front-panel key; whatever the M1 transmits becomes receivable."""
        self._check_open()
        with self._lock:
            self._schedule(self._emulator.press(key), self._clock())

    def deliver_active_sensing(self) -> None:
        """Let the M1 send its periodic active-sensing byte now (if it sends one)."""
        self._check_open()
        with self._lock:
            self._schedule(self._emulator.active_sensing(), self._clock())

    def receive(self, timeout: float, *, on_bytes: ByteProgress | None = None) -> bytes | None:
        """The next complete reply (see `Transport.receive`)."""
        self._check_open()
        return self._receiver.receive(timeout, on_bytes)

    def receive_piece(self, timeout: float) -> bytes | None:
        """The next piece of what the M1 sends, unassembled, when it would be on the wire:
        for serving the M1 on a byte stream (a pseudo-terminal), where a reader sees a
        long reply arrive byte by byte as from a real M1.

        Raises:
            TransportError: The link was closed.
        """
        self._check_open()
        return self._pieces.get(timeout)

    def close(self) -> None:
        """Stop the link; waiting receivers return at once."""
        self._closed = True
        self._pieces.close()

    def _check_open(self) -> None:
        if self._closed:
            raise closed_error()

    def _wire(self, length: int) -> float:
        rate = self._emulator.timing.wire_rate
        return 0.0 if rate is None else length / rate

    def _schedule(self, replies: Sequence[Reply], start: float) -> None:
        """Queue replies in order, each after its delay and after the previous one."""
        timed = self._emulator.timing.wire_rate is not None
        for reply in replies:
            begin = max(start + reply.delay, self._from_m1_free)
            self._from_m1_free = begin + self._wire(len(reply.data))
            if not timed:
                self._pieces.put(begin, reply.data)
                continue
            if self._whole_messages:
                self._pieces.put(self._from_m1_free, reply.data)
                continue
            for offset in range(0, len(reply.data), WIRE_PIECE):
                piece = reply.data[offset : offset + WIRE_PIECE]
                self._pieces.put(begin + self._wire(offset + len(piece)), piece)

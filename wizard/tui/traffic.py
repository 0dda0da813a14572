"""MIDI traffic for the traffic view: a transport wrapper that reports every message, and a
feed that hands each one to the views that are listening, from whichever thread moved it."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from wizard.transport.base import ByteProgress, Transport, WrappedTransport

if TYPE_CHECKING:  # the feed is made with the app; the MIDI log's widgets come later
    from wizard.tui.widgets.midi_log import Direction, MidiLog


class TrafficFeed:
    """The MIDI traffic views of the open screens; `publish` may be called from any thread.

    Args:
        clock: Monotonic seconds; times are shown from the feed's creation.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._start = clock()
        self._lock = threading.Lock()
        self._views: list[MidiLog] = []

    def subscribe(self, view: MidiLog) -> None:
        """Start showing traffic in `view`."""
        with self._lock:
            self._views.append(view)

    def unsubscribe(self, view: MidiLog) -> None:
        """Stop showing traffic in `view` (harmless when it was not showing any)."""
        with self._lock:
            if view in self._views:
                self._views.remove(view)

    def publish(self, direction: Direction, data: bytes) -> None:
        """Show one message in every listening view."""
        seconds = self._clock() - self._start
        with self._lock:
            views = list(self._views)
        for view in views:
            view.add(direction, data, seconds)


class TappedTransport(WrappedTransport):
    """Passes everything to `inner` and tells `feed` about each message sent or received.

    Args:
        inner: The transport that does the work (usually the MIDI log writer).
        feed: Where each message is reported.
    """

    def __init__(self, inner: Transport, feed: TrafficFeed) -> None:
        from wizard.tui.widgets.midi_log import Direction

        super().__init__(inner)
        self._feed = feed
        self._sent, self._received = Direction.OUT, Direction.IN

    def send(self, data: bytes) -> None:
        """Send, then report (a refused message is not reported as sent)."""
        self._inner.send(data)
        self._feed.publish(self._sent, bytes(data))

    def receive(self, timeout: float, *, on_bytes: ByteProgress | None = None) -> bytes | None:
        """Receive, and report what came."""
        data = self._inner.receive(timeout, on_bytes=on_bytes)
        if data is not None:
            self._feed.publish(self._received, data)
        return data
